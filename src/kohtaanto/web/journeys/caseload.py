"""The caseload: a coach's own participants, a coordinator's whole organisation.

Filters and sorting (codes and ids) in the query string; 50 a page; htmx swaps only the results
when a filter changes. One query + one prefetch per page.

The name search never goes into a URL or the browser history (issue 18): the filter form is a
POST (with its CSRF token), a GET ignores `q`, the pages of a name search are the same form's
buttons, and htmx is told to show the address of the other filters only (`HX-Push-Url`).
Each read of the list is audited: one event with the filters (a name search only as "*") and
the number of rows shown.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.selectors import coach_choices
from kohtaanto.journeys import rules, selectors
from kohtaanto.matches.interests import with_unseen_counts
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys.casefile import casefile_url
from kohtaanto.web.journeys.forms import CaseloadFilterForm
from kohtaanto.web.pages import is_htmx, lang, require_staff

PAGE_SIZE = 50
SEARCHES = ("q",)
"""Fields that may hold a person's name: only ever in a POST body."""


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
        # Browsers remember what is typed in a text field; a name must not stay there.
        self.fields["q"].widget.attrs["autocomplete"] = "off"


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


def _filter_data(request: HttpRequest) -> QueryDict:
    """The filters of this request: the POST body (with the name search), or the query string
    without it (a name in a URL would stay in the history, the server logs and the Referer)."""
    if request.method == "POST":
        return request.POST
    data = request.GET.copy()
    for name in SEARCHES:
        data.pop(name, None)
    return data


def _address_query(form: CaseloadForm, data: QueryDict) -> str:
    """The query string of the filters that name nobody (codes and ids), for page links and
    the address htmx shows."""
    query = QueryDict(mutable=True)
    for name in form.fields:
        if name not in SEARCHES:
            values = [value for value in data.getlist(name) if value]
            if values:
                query.setlist(name, values)
    return query.urlencode()


def _page_url(address: str, query: str, number: int) -> str:
    return f"{address}?{query}&page={number}" if query else f"{address}?page={number}"


def _audit_filters(form: CaseloadForm, page_number: int) -> dict[str, Any]:
    filters: dict[str, Any] = {"page": page_number}
    if form.is_bound:
        for name in form.fields:
            value = form.data.get(name)
            if value:
                filters[name] = value
    return filters


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def caseload(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    organisation = request.organisation  # type: ignore[attr-defined]
    data = _filter_data(request)
    form = CaseloadForm(data or None, coaches=coach_choices(organisation))
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
    page = Paginator(participants, PAGE_SIZE).get_page(data.get("page"))
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
    log_list_read(
        request.user,
        Participant,
        count=len(rows),
        filters=_audit_filters(form, page.number),
        searches=SEARCHES,
        organisation=organisation,
    )
    partial = is_htmx(request)
    waiting, waiting_people = (
        (0, 0) if partial else selectors.changes_waiting_for(request.user, organisation)
    )
    name_search = bool(valid and form.is_bound and form.cleaned_data.get("q"))
    address_query = _address_query(form, data)
    address = reverse("journeys:caseload")
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "valid": valid,
        "name_search": name_search,
        "previous_url": _page_url(address, address_query, page.number - 1),
        "next_url": _page_url(address, address_query, page.number + 1),
        "changes_waiting": waiting,
        "changes_waiting_people": waiting_people,
    }
    template = "journeys/caseload_results.html" if partial else "journeys/caseload.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    if partial and request.method == "POST":
        # The address bar shows the filters that name nobody; the name stays in the form.
        response["HX-Push-Url"] = f"{address}?{address_query}" if address_query else address
    return response
