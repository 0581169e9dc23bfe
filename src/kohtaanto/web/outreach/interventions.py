"""Regional interventions: the list and one intervention (place, event, groups, mentors,
partners, and reach and outcomes by month) for the organisation's coaches and coordinators;
creating and editing for its coordinators. Objects load through `outreach.access`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.foresight.access import can_watch
from kohtaanto.outreach import access, selectors, services
from kohtaanto.outreach.models import Intervention
from kohtaanto.reference.places import municipality_name
from kohtaanto.web.outreach.forms import InterventionForm
from kohtaanto.web.pages import add_service_errors, current_organisation_id, lang

GET = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]


@never_cache
@login_required
@require_http_methods(GET)
def intervention_list(request: HttpRequest) -> HttpResponse:
    visible = access.interventions_visible_to(request.user)
    if not access.staff_organisations(request.user).exists():
        raise Http404
    rows = [
        {"intervention": i, "place": municipality_name(i.municipality_code, lang())}
        for i in selectors.interventions_with_counts(visible)
    ]
    return render(
        request,
        "outreach/interventions.html",
        {
            "rows": rows,
            "can_create": access.coordinator_organisations(request.user).exists(),
        },
    )


@never_cache
@login_required
@require_http_methods(GET)
def intervention_detail(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = access.access_intervention(request.user, intervention_id)
    reach = selectors.intervention_reach(intervention)
    return render(
        request,
        "outreach/intervention_detail.html",
        {
            "intervention": intervention,
            "place": municipality_name(intervention.municipality_code, lang()),
            "groups": intervention.groups.order_by("name", "id"),
            "mentors": intervention.mentors.order_by("first_name", "last_name", "id"),
            "reach": reach,
            "months": list(reversed(reach.months)),
            "can_edit": access.coordinator_organisations(request.user)
            .filter(pk=intervention.organisation_id)
            .exists(),
            "can_watch": can_watch(request.user, intervention),
        },
    )


def _coordinated(request: HttpRequest) -> Organisation:
    """The organisation a new intervention belongs to: the current one if the user coordinates
    it, else their first coordinated organisation; 404 for anyone who coordinates none."""
    organisations = access.coordinator_organisations(request.user).order_by("name", "id")
    current = organisations.filter(pk=current_organisation_id(request)).first()
    organisation = current or organisations.first()
    if organisation is None:
        raise Http404
    return organisation


def _form(request: HttpRequest, organisation: Organisation, **kwargs: Any) -> InterventionForm:
    return InterventionForm(
        request.POST or None,
        groups=selectors.group_choices(organisation),
        mentors=selectors.mentor_choices(organisation),
        lang=lang(),
        **kwargs,
    )


@never_cache
@login_required
@require_http_methods(FORM)
def intervention_create(request: HttpRequest) -> HttpResponse:
    organisation = _coordinated(request)
    form = _form(request, organisation)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.create_intervention(
                organisation=organisation, by=request.user, **form.service_fields()
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The intervention was saved."))
            return redirect("outreach:intervention-detail", intervention.pk)
    return render(request, "outreach/intervention_form.html", {"form": form, "intervention": None})


def _initial(intervention: Intervention) -> dict[str, Any]:
    return {
        "name": intervention.name,
        "municipality_code": intervention.municipality_code,
        "event_kind": intervention.event_kind,
        "company_name": intervention.company_name,
        "event_date": intervention.event_date,
        "people_affected": intervention.people_affected,
        "affected_occupations": list(intervention.affected_occupations or []),
        "description": intervention.description,
        "partners": "\n".join(intervention.partners or []),
        "groups": list(intervention.groups.all()),
        "mentors": list(intervention.mentors.all()),
    }


@never_cache
@login_required
@require_http_methods(FORM)
def intervention_edit(request: HttpRequest, intervention_id: int) -> HttpResponse:
    intervention = access.access_editable_intervention(request.user, intervention_id)
    form = _form(request, intervention.organisation, initial=_initial(intervention))
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        fields["employer"] = intervention.employer
        try:
            services.update_intervention(intervention, by=request.user, **fields)
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The intervention was saved."))
            return redirect("outreach:intervention-detail", intervention.pk)
    return render(
        request, "outreach/intervention_form.html", {"form": form, "intervention": intervention}
    )
