"""The caseload: a coach's own participants, a coordinator's whole organisation.

Filters and sorting in the query string (codes and ids, plus the search words); 50 a page;
htmx swaps only the results when a filter changes. One query + one prefetch per page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.core.selectors import coach_choices
from kohtaanto.journeys import rules, selectors
from kohtaanto.matches.interests import with_unseen_counts
from kohtaanto.web.journeys.casefile import casefile_url
from kohtaanto.web.journeys.forms import CaseloadFilterForm
from kohtaanto.web.pages import is_htmx, lang, require_staff

PAGE_SIZE = 50


class CaseloadForm(CaseloadFilterForm):
    """The caseload's filters plus "has new answers" (the participant answered suggestions and
    no coach has looked yet)."""

    new_answers = forms.BooleanField(label=_("Has new answers to suggestions"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Right after the status filter, before the ordering.
        order = [name for name in self.fields if name != "new_answers"]
        order.insert(order.index("sort") if "sort" in order else len(order), "new_answers")
        self.order_fields(order)


def filters_of(form: CaseloadFilterForm) -> dict[str, Any]:
    data = form.cleaned_data
    today = timezone.localdate()
    filters: dict[str, Any] = {
        "q": data.get("q") or "",
        "status": data.get("status") or None,
        "coach_id": data.get("coach"),
        "sort": data.get("sort") or "name",
    }
    if data.get("next_meeting") == "week":
        filters["next_meeting_from"] = today
        filters["next_meeting_to"] = today + timedelta(days=7)
    elif data.get("next_meeting") == "none":
        filters["no_next_meeting"] = True
    if data.get("last_contact") == "recent":
        filters["last_contact_after"] = today - timedelta(days=30)
    elif data.get("last_contact") == "old":
        filters["last_contact_before"] = today - timedelta(days=30)
    return filters


@never_cache
@login_required
@require_safe
def caseload(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    organisation = request.organisation  # type: ignore[attr-defined]
    form = CaseloadForm(request.GET or None, coaches=coach_choices(organisation))
    filters: dict[str, Any] = {"sort": "name"}
    valid = not form.is_bound or form.is_valid()
    if form.is_bound and valid:
        filters = filters_of(form)
    participants = with_unseen_counts(
        selectors.caseload(request.user, organisation=organisation, **filters)
    )
    if valid and form.is_bound and form.cleaned_data.get("new_answers"):
        participants = participants.filter(new_answers__gt=0)  # type: ignore[misc]
    if not valid:
        participants = participants.none()
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    municipalities = rules.municipalities()
    language = lang()
    rows = []
    for participant in page:
        code = getattr(participant, "municipality_code", "") or ""  # caseload annotation
        municipality = municipalities.get(code)
        rows.append(
            {
                "participant": participant,
                "url": casefile_url(participant.pk),
                "new_answers": getattr(participant, "new_answers", 0),
                "municipality": municipality.name(language) if municipality else "",
                "coaches": ", ".join(
                    c.get_full_name() or c.get_username() for c in participant.coaches.all()
                ),
            }
        )
    partial = is_htmx(request)
    waiting, waiting_people = (
        (0, 0) if partial else selectors.changes_waiting_for(request.user, organisation)
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "valid": valid,
        "changes_waiting": waiting,
        "changes_waiting_people": waiting_people,
    }
    template = "journeys/caseload_results.html" if partial else "journeys/caseload.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
