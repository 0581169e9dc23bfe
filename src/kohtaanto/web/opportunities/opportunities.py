"""Opportunity list (filters, htmx), detail, create/edit and open/close.

Coaches and coordinators see their service organisations' opportunities; an employer contact
sees only their own employer's. Everyone else gets 404 (see `opportunities/access.py`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities import access, selectors, services
from kohtaanto.opportunities.enums import OpportunityStatus, PhysicalDemand, SkillImportance
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.recognition import concept_info
from kohtaanto.reference.places import municipality_name
from kohtaanto.web.opportunities.forms import OpportunityFilterForm, OpportunityForm, languages_text
from kohtaanto.web.pages import add_service_errors, current_organisation_id, is_htmx, lang

PAGE_SIZE = 50


def _require_any(request: HttpRequest) -> None:
    if not access.can_see_opportunities(request.user):
        raise Http404


def _is_staff(request: HttpRequest) -> bool:
    return access.staff_organisations(request.user).exists()


@never_cache
@login_required
@require_safe
def opportunity_list(request: HttpRequest) -> HttpResponse:
    _require_any(request)
    language = lang()
    form = OpportunityFilterForm(request.GET or None, lang=language)
    opportunities = access.opportunities_visible_to(request.user)
    if form.is_bound and form.is_valid():
        opportunities = selectors.filter_opportunities(opportunities, form.cleaned_data)
    elif form.is_bound:
        opportunities = opportunities.none()
    else:
        opportunities = selectors.filter_opportunities(opportunities, {})
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"opportunity": o, "municipality": municipality_name(o.municipality_code, language)}
        for o in page
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "total": page.paginator.count,
        "is_staff": _is_staff(request),
        "can_import": access.import_organisations(request.user).exists(),
    }
    template = "opportunities/_results.html" if is_htmx(request) else "opportunities/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@never_cache
@login_required
@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.access_opportunity(request.user, pk)
    language = lang()
    skills = list(opportunity.skills.all())
    occupation = (
        concept_info(opportunity.occupation_uri, language).label
        if opportunity.occupation_uri
        else ""
    )
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "municipality": municipality_name(opportunity.municipality_code, language),
            "required": [s for s in skills if s.importance == SkillImportance.REQUIRED],
            "nice": [s for s in skills if s.importance == SkillImportance.NICE_TO_HAVE],
            "occupation": occupation,
            "languages": [
                (_language_name(code), level)
                for code, level in sorted((opportunity.languages or {}).items())
            ],
            "is_employer": access.is_employer_contact_of(request.user, opportunity),
            "demands": [
                PhysicalDemand(d).label
                for d in opportunity.physical_demands
                if d in PhysicalDemand.values
            ],
        },
    )


def _language_name(code: str) -> str:
    """ "Finnish" → "suomi" in the active language (Django's catalogue); else the code."""
    from django.conf.locale import LANG_INFO

    info = LANG_INFO.get(code)
    return _(info["name"]) if info and "name" in info else code


def _employer_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.employers_visible_to(request.user).order_by("name")]


def _staff_organisation(request: HttpRequest) -> Organisation | None:
    staff = access.staff_organisations(request.user)
    current = current_organisation_id(request)
    return staff.filter(pk=current).first() or staff.order_by("name", "id").first()


def _contact_employer(request: HttpRequest) -> Organisation | None:
    employers = access.employer_organisations(request.user)
    current = current_organisation_id(request)
    return employers.filter(pk=current).first() or employers.order_by("name", "id").first()


def _employer_from_form(request: HttpRequest, employer_id: int | None) -> Organisation | None:
    if employer_id is None:
        return None
    employer = access.employers_visible_to(request.user).filter(pk=employer_id).first()
    if employer is None:
        raise ValidationFailed(errors={"employer": [_("Choose an employer from the list.")]})
    return employer


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_create(request: HttpRequest) -> HttpResponse:
    """Staff create for their organisation; an employer contact for their own employer."""
    _require_any(request)
    staff_org = _staff_organisation(request)
    employer: Organisation | None = None
    if staff_org is None:
        employer = _contact_employer(request)
        profile = getattr(employer, "employer_profile", None)
        staff_org = getattr(profile, "service_organisation", None)
    language = lang()
    employers = _employer_choices(request) if employer is None else None
    form = OpportunityForm(
        request.POST or None,
        employers=employers,
        lang=language,
        initial={"description_language": language, "status": OpportunityStatus.DRAFT},
    )
    if staff_org is None:
        if not form.is_bound:
            form.cleaned_data = {}  # add_error needs it; an unbound form has none (was a 500)
        form.add_error(
            None,
            _(
                "Your organisation does not yet work with a service organisation. "
                "Ask your contact person at the employment service to add it."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        try:
            opportunity = services.create_opportunity(
                organisation=staff_org,
                by=request.user,
                employer=employer
                or _employer_from_form(request, form.cleaned_data.get("employer")),
                **form.service_fields(),
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opportunity was saved. Now check its skills."))
            return redirect("opportunities:skills", opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": None})


def _initial(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "kind": opportunity.kind,
        "title": opportunity.title,
        "description": opportunity.description,
        "description_language": opportunity.description_language,
        "employer": opportunity.employer_id,
        "municipality_code": opportunity.municipality_code,
        "remote": opportunity.remote,
        "languages": languages_text(opportunity.languages),
        "hours_per_week": opportunity.hours_per_week,
        "start_date": opportunity.start_date,
        "end_date": opportunity.end_date,
        "physical_demands": opportunity.physical_demands,
        "accessibility": opportunity.accessibility,
        "status": opportunity.status,
    }


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.access_opportunity(request.user, pk)
    is_employer = access.is_employer_contact_of(request.user, opportunity) and not (
        access.staff_organisations(request.user).filter(pk=opportunity.organisation_id).exists()
    )
    employers = None if is_employer else _employer_choices(request)
    if employers is not None and opportunity.employer_id:
        known = {pk for pk, _name in employers}
        if opportunity.employer_id not in known and opportunity.employer is not None:
            employers.append((opportunity.employer_id, opportunity.employer.name))
    form = OpportunityForm(
        request.POST or None, employers=employers, lang=lang(), initial=_initial(opportunity)
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            if not is_employer:
                employer_id = form.cleaned_data.get("employer")
                fields["employer"] = (
                    opportunity.employer
                    if employer_id == opportunity.employer_id
                    else _employer_from_form(request, employer_id)
                )
            services.update_opportunity(opportunity, by=request.user, **fields)
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("opportunities:detail", opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": opportunity})


@login_required
@require_POST
def opportunity_status(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.access_opportunity(request.user, pk)
    action = request.POST.get("action")
    if action == "close":
        services.close_opportunity(opportunity, by=request.user)
        messages.success(request, _("The opportunity was closed."))
    elif action == "open":
        services.open_opportunity(opportunity, by=request.user)
        messages.success(request, _("The opportunity is open."))
    return redirect("opportunities:detail", opportunity.pk)
