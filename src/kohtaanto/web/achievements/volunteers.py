"""A coordinator issues badges to the organisation's volunteers for their training
(/badges/volunteers/<id>/): the volunteer's training records, the issuing form, their badges
and revoking with a reason. The volunteer is loaded through `mentoring.access` (404 for
anyone but a coordinator of an organisation the volunteer is engaged in)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.achievements import selectors, services
from kohtaanto.achievements.enums import AchievementKind, RecipientChoice
from kohtaanto.core.access import parse_id
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.mentoring.access import access_volunteer
from kohtaanto.web.pages import lang, role_required


def _volunteer(request: HttpRequest, volunteer_id: int) -> Any:
    return access_volunteer(request.user, getattr(request, "organisation", None), volunteer_id)


@never_cache
@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def volunteer_badges(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = _volunteer(request, volunteer_id)
    organisation = request.organisation  # type: ignore[attr-defined]
    language = lang()
    versions = [
        v
        for a in selectors.achievements_of(organisation).filter(active=True)
        if (v := a.current_version) is not None
    ]
    versions.sort(key=lambda v: v.achievement.kind != AchievementKind.VOLUNTEER_TRAINING)
    training = [
        (
            r.pk,
            f"{r.course.name} {date_format(r.completed_on, 'SHORT_DATE_FORMAT')}",
        )
        for r in selectors.training_of(volunteer)
    ]
    errors: list[str] = []
    if request.method == "POST":
        version = next((v for v in versions if str(v.pk) == request.POST.get("version")), None)
        try:
            if version is None:
                raise ValidationFailed(errors={"version": [_("Choose a badge.")]})
            services.issue_volunteer_badge(
                request.user,
                organisation,
                volunteer,
                version,
                services.evidence_from_training(volunteer, request.POST.get("training")),
                recipient=request.POST.get("recipient", RecipientChoice.EMAIL_HASH),
                did=request.POST.get("did", ""),
            )
        except ValidationFailed as error:
            errors = [m for msgs in error.errors.values() for m in msgs] or [str(error.message)]
        else:
            messages.success(request, _("The badge is being signed. It appears in the list soon."))
            return redirect("achievements:volunteer_badges", volunteer.pk)
    badges = selectors.volunteer_badges(volunteer)
    return render(
        request,
        "achievements/volunteer_badges.html",
        {
            "volunteer": volunteer,
            "versions": [(v.pk, v.text("name", language)) for v in versions],
            "training": training,
            "badges": [(b, b.version.text("name", language)) for b in badges],
            "errors": errors,
            "has_email": bool(volunteer.user.email),
        },
    )


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def revoke(request: HttpRequest, volunteer_id: int, badge_id: int) -> HttpResponse:
    volunteer = _volunteer(request, volunteer_id)
    badge = selectors.volunteer_badges(volunteer).filter(pk=parse_id(badge_id)).first()
    if badge is None:
        raise Http404
    try:
        services.revoke_badge(request.user, badge, request.POST.get("reason", ""))
    except ValidationFailed as error:
        messages.error(request, " ".join(m for msgs in error.errors.values() for m in msgs))
    except Conflict as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The badge is revoked. Verifiers see this within a minute."))
    return redirect("achievements:volunteer_badges", volunteer.pk)


urlpatterns: list[URLPattern] = [
    path("badges/volunteers/<int:volunteer_id>/", volunteer_badges, name="volunteer_badges"),
    path(
        "badges/volunteers/<int:volunteer_id>/<int:badge_id>/revoke/",
        revoke,
        name="volunteer_revoke",
    ),
]
