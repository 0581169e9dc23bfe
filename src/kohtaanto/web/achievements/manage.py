"""The coordinator's badges of the organisation (/badges/manage/): the achievements with their
versions, a form to add one or change one (a changed text makes a new version; badges already
issued keep theirs), and the organisation's own domain for did:web."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.achievements import selectors, services
from kohtaanto.achievements.enums import AchievementKind
from kohtaanto.achievements.models import Achievement
from kohtaanto.core.access import parse_id
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.mentoring.access import volunteers_visible_to
from kohtaanto.web.pages import add_service_errors, lang, role_required


class AchievementForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=AchievementKind.choices)
    name_fi = forms.CharField(label=gettext_lazy("name (Finnish)"), max_length=200)
    name_sv = forms.CharField(label=gettext_lazy("name (Swedish)"), max_length=200, required=False)
    name_en = forms.CharField(label=gettext_lazy("name (English)"), max_length=200, required=False)
    description_fi = forms.CharField(
        label=gettext_lazy("description (Finnish)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    description_sv = forms.CharField(
        label=gettext_lazy("description (Swedish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    description_en = forms.CharField(
        label=gettext_lazy("description (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    criteria_fi = forms.CharField(
        label=gettext_lazy("criteria (Finnish)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    criteria_sv = forms.CharField(
        label=gettext_lazy("criteria (Swedish)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    criteria_en = forms.CharField(
        label=gettext_lazy("criteria (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    digcomp_competence = forms.CharField(
        label=gettext_lazy("DigComp competence"), max_length=4, required=False
    )
    digcomp_level = forms.IntegerField(
        label=gettext_lazy("DigComp proficiency level"), min_value=1, max_value=8, required=False
    )
    esco_skills = forms.CharField(
        label=gettext_lazy("ESCO skills"),
        help_text=gettext_lazy("One on each line: the ESCO address, then the name after a space."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    qualification_units = forms.CharField(
        label=gettext_lazy("qualification units"),
        help_text=gettext_lazy("One on each line: the unit, a colon, then its requirements."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    image_url = forms.URLField(
        label=gettext_lazy("image address"), required=False, assume_scheme="https"
    )

    def content(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        skills = []
        for line in str(data.get("esco_skills") or "").splitlines():
            uri, _sep, label = line.strip().partition(" ")
            if uri:
                skills.append({"uri": uri, "label": label.strip() or uri})
        data["esco_skills"] = skills
        units = []
        for line in str(data.get("qualification_units") or "").splitlines():
            unit, _sep, requirements = line.partition(":")
            if unit.strip():
                units.append({"unit": unit.strip(), "requirements": requirements.strip()})
        data["qualification_units"] = units
        return data


def _initial(achievement: Achievement) -> dict[str, Any]:
    version = achievement.current_version
    assert version is not None
    initial: dict[str, Any] = {"kind": achievement.kind}
    for field in version.CONTENT_FIELDS:
        initial[field] = getattr(version, field)
    initial["esco_skills"] = "\n".join(
        f"{s.get('uri', '')} {s.get('label', '')}".strip() for s in version.esco_skills
    )
    initial["qualification_units"] = "\n".join(
        f"{u.get('unit', '')}: {u.get('requirements', '')}" for u in version.qualification_units
    )
    return initial


@never_cache
@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    achievements = selectors.achievements_of(organisation)
    editing: Achievement | None = None
    edit_id = request.GET.get("edit") or request.POST.get("edit")
    if edit_id:
        editing = achievements.filter(pk=parse_id(edit_id)).first()
        if editing is None:
            raise Http404
    form = AchievementForm(
        request.POST if request.method == "POST" and "domain" not in request.POST else None,
        initial=_initial(editing) if editing else None,
    )
    issuer = selectors.issuer_of(organisation)
    domain_error = ""
    if request.method == "POST" and "domain" in request.POST:
        try:
            services.set_domain(request.user, organisation, request.POST["domain"])
        except ValidationFailed as error:
            domain_error = " ".join(m for msgs in error.errors.values() for m in msgs)
        else:
            messages.success(request, _("The domain is saved."))
            return redirect("achievements:manage")
    elif request.method == "POST" and form.is_valid():
        try:
            if editing is not None:
                services.change_achievement(request.user, editing, **form.content())
            else:
                services.create_achievement(
                    request.user, organisation, form.cleaned_data["kind"], **form.content()
                )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The badge is saved."))
            return redirect("achievements:manage")
    language = lang()
    rows = []
    for achievement in achievements:
        versions = sorted(achievement.versions.all(), key=lambda v: v.number)
        rows.append(
            {
                "achievement": achievement,
                "name": versions[-1].text("name", language) if versions else "",
                "versions": versions,
            }
        )
    return render(
        request,
        "achievements/manage.html",
        {
            "rows": rows,
            "form": form,
            "editing": editing,
            "domain": (issuer.domain if issuer else "") or "",
            "domain_error": domain_error,
            "volunteers": list(
                volunteers_visible_to(request.user, organisation).select_related("user")
            ),
        },
    )


urlpatterns: list[URLPattern] = [path("badges/manage/", manage, name="manage")]
