"""Qualifications from ePerusteet for coaches and coordinators: search qualifications and
units, a unit's skill requirements in the reader's language with their ESCO skills (suggest
by recognition, confirm or reject each, add one from the skill search), and the import page
of coordinators. National reference data without personal data: every coach and coordinator
of a service organisation sees all of it. Reads through `qualifications.selectors`; writes
through `qualifications.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import require_role
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.opportunities.recognition import search_skills
from kohtaanto.qualifications import selectors, services
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.errors import ImportFailed
from kohtaanto.web.pages import lang
from kohtaanto.web.qualifications.forms import ImportForm, SearchForm, SkillSearchForm

STAFF = (Role.COACH, Role.COORDINATOR)
MAX_LISTED = 200


def _require(request: HttpRequest, *roles: Role) -> None:
    require_role(request.user, getattr(request, "organisation", None), *roles)


def _named(rows: Any, language: str) -> list[Any]:
    """`rows` with `shown_name`: the name in the reader's language (else Finnish)."""
    out = list(rows)
    for row in out:
        row.shown_name = row.name(language)
    return out


def _can_import(request: HttpRequest) -> bool:
    try:
        _require(request, Role.COORDINATOR)
    except Http404:
        return False
    return True


@never_cache
@login_required
@require_safe
def qualification_list(request: HttpRequest) -> HttpResponse:
    _require(request, *STAFF)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context: dict[str, Any] = {
        "form": form,
        "query": query,
        "qualifications": _named(selectors.search_qualifications(query)[:MAX_LISTED], lang()),
        "units": _named(selectors.search_units(query)[:MAX_LISTED], lang()) if query else None,
        "lang": lang(),
        "can_import": _can_import(request),
    }
    return render(request, "qualifications/list.html", context)


@never_cache
@login_required
@require_safe
def qualification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, *STAFF)
    found = selectors.qualification(pk)
    if found is None:
        raise Http404
    found.shown_name = found.name(lang())  # type: ignore[attr-defined]
    context = {"qualification": found, "units": _named(selectors.units_of(found), lang())}
    return render(request, "qualifications/detail.html", context)


@never_cache
@login_required
@require_safe
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, *STAFF)
    unit = selectors.unit(pk)
    if unit is None:
        raise Http404
    language = lang()
    unit.shown_name = unit.name(language)  # type: ignore[attr-defined]
    requirements = selectors.requirements_with_skills(unit)
    for requirement in requirements:
        requirement.shown_text = requirement.text(language)  # type: ignore[attr-defined]
        requirement.shown_heading = requirement.heading(language)  # type: ignore[attr-defined]
    search = SkillSearchForm(request.GET or None)
    results, searched_for = [], None
    if search.is_valid() and search.cleaned_data["q"]:
        wanted = search.cleaned_data["requirement"]
        searched_for = next((r for r in requirements if r.pk == wanted), None)
        if searched_for is not None:
            results = search_skills(search.cleaned_data["q"], language)
    context = {
        "unit": unit,
        "qualifications": _named(unit.qualifications.all(), language),
        "requirements": requirements,
        "search": search,
        "results": results,
        "searched_for": searched_for,
        "statuses": MappingStatus,
    }
    return render(request, "qualifications/unit.html", context)


def _back_to_unit(unit_id: int, requirement_id: int | None = None) -> HttpResponse:
    url = reverse("qualifications:unit", args=[unit_id])
    return redirect(f"{url}#requirement-{requirement_id}" if requirement_id else url)


@login_required
@require_POST
def unit_suggest(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, *STAFF)
    unit = selectors.unit(pk)
    if unit is None:
        raise Http404
    created = services.suggest_skills(unit, by=request.user)
    if created:
        messages.success(
            request,
            ngettext(
                "Recognition suggested %(count)d skill. Confirm or reject it.",
                "Recognition suggested %(count)d skills. Confirm or reject them.",
                len(created),
            )
            % {"count": len(created)},
        )
    else:
        messages.info(request, _("Recognition found no new skills in the requirements."))
    return _back_to_unit(unit.pk)


@login_required
@require_POST
def skill_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, *STAFF)
    try:
        mapping = services.get_mapping(pk)
    except NotFound:
        raise Http404 from None
    try:
        services.decide_skill(mapping, request.POST.get("status", ""), by=request.user)
    except ValidationFailed as exc:
        messages.error(request, str(exc.message))
    return _back_to_unit(mapping.requirement.unit_id, mapping.requirement_id)


@login_required
@require_POST
def requirement_add_skill(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, *STAFF)
    requirement = selectors.requirement(pk)
    if requirement is None:
        raise Http404
    try:
        mapping = services.add_skill(requirement, request.POST.get("uri", ""), by=request.user)
    except ValidationFailed as exc:
        for errors in exc.errors.values():
            for error in errors:
                messages.error(request, error)
        url = reverse("qualifications:unit", args=[requirement.unit_id])
        query = urlencode({"requirement": str(requirement.pk), "q": request.POST.get("q", "")})
        return redirect(f"{url}?{query}#requirement-{requirement.pk}")
    messages.success(
        request, _("Added and confirmed: %(skill)s") % {"skill": mapping.label or mapping.uri}
    )
    return _back_to_unit(requirement.unit_id, requirement.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    _require(request, Role.COORDINATOR)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        source = str(getattr(upload, "name", "") or "")
        try:
            context["report"] = services.import_document(
                form.cleaned_data["file"], by=request.user, source=source
            )
        except ImportFailed as exc:
            context["import_error"] = exc
    return render(request, "qualifications/import.html", context)
