"""Company visits of a visit group (Digiolkkari): the group's visits, a new visit, one visit
with its interviews, the future-skill interview form, the review of the needs recognised in it,
and a company's record (its visits and confirmed needs by time horizon). Objects load through
`outreach.access` (404 otherwise); writes go through `outreach.services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.access import id_or_none
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.groups import access as group_access
from kohtaanto.groups import selectors as group_selectors
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.opportunities.recognition import search_skills
from kohtaanto.outreach import access, selectors, services
from kohtaanto.outreach.enums import SignalStatus
from kohtaanto.outreach.models import INTERVIEW_MAX_CHARS
from kohtaanto.web.opportunities.forms import SkillSearchForm
from kohtaanto.web.outreach.forms import InterviewForm, VisitForm, short_name
from kohtaanto.web.pages import add_service_errors, lang

GET = ["GET", "HEAD"]
FORM = ["GET", "HEAD", "POST"]


@never_cache
@login_required
@require_http_methods(GET)
def index(request: HttpRequest) -> HttpResponse:
    """The user's company-visit groups (and, for staff, the interventions)."""
    groups = access.visit_groups_visible_to(request.user)
    staff = access.staff_organisations(request.user).exists()
    if not staff and not groups.exists():
        raise Http404
    return render(
        request,
        "outreach/index.html",
        {
            "groups": selectors.groups_with_visit_counts(groups),
            "staff": staff,
            "recording": set(access.recording_groups(request.user).values_list("pk", flat=True)),
        },
    )


@never_cache
@login_required
@require_http_methods(GET)
def group_visits(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access.access_visit_group(request.user, group_id)
    return render(
        request,
        "outreach/group_visits.html",
        {
            "group": group,
            "visits": selectors.visits_of_group(group),
            "can_record": access.can_record(request.user, group),
        },
    )


@never_cache
@login_required
@require_http_methods(FORM)
def visit_create(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access.access_recording_group(request.user, group_id)
    form = VisitForm(
        request.POST or None,
        initial={"visited_on": timezone.localdate()},
        employers=selectors.employer_choices(group.organisation),
        members=selectors.group_members(group),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = services.record_visit(
                group,
                employer=data["employer"],
                visited_on=data["visited_on"],
                visitors=list(data["visitors"]),
                host_name=data["host_name"],
                host_role=data["host_role"],
                notes=data["notes"],
                by=request.user,
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The visit was saved. Next, write down the interview."))
            return redirect("outreach:interview-create", visit.pk)
    # The "who went" boxes show the members' names: a read of their records, as in groups.
    group_access.audit_member_read(
        request.user, group_selectors.members_of(group, (MemberStatus.MEMBER,))
    )
    return render(request, "outreach/visit_form.html", {"group": group, "form": form})


@never_cache
@login_required
@require_http_methods(GET)
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.access_visit(request.user, visit_id)
    recorder = access.sees_full_names(request.user, visit)
    visitors = selectors.visitors_of(visit)
    if recorder:
        for participant in visitors:  # names of members are part of their record
            log_event(request.user, AuditAction.VIEW, participant)
    names = [short_name(p) if recorder else p.first_name for p in visitors]
    interviews = selectors.interviews_of(visit)
    rows = []
    for interview in interviews:
        signals = selectors.with_shown_labels(interview.signals.all(), lang())
        rows.append(
            {
                "interview": interview,
                "confirmed": [s for s in signals if s.status == SignalStatus.CONFIRMED],
                "suggested": sum(1 for s in signals if s.status == SignalStatus.SUGGESTED),
            }
        )
    return render(
        request,
        "outreach/visit_detail.html",
        {
            "visit": visit,
            "visitor_names": names,
            "interviews": rows,
            "can_record": recorder,
            "staff": access.is_staff_of(request.user, visit.organisation),
        },
    )


@never_cache
@login_required
@require_http_methods(FORM)
def interview_create(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.access_recording_visit(request.user, visit_id)
    form = InterviewForm(request.POST or None, initial={"language": lang()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.record_interview(
                visit,
                text=data["text"],
                language=data["language"],
                time_horizon=data["time_horizon"],
                certainty=data["certainty"],
                by=request.user,
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            found = interview.signals.count()
            messages.success(
                request,
                ngettext(
                    "The interview was saved. %(count)s need was recognised: check it.",
                    "The interview was saved. %(count)s needs were recognised: check them.",
                    found,
                )
                % {"count": found},
            )
            return redirect("outreach:interview-review", interview.pk)
    return render(
        request,
        "outreach/interview_form.html",
        {"visit": visit, "form": form, "limit": INTERVIEW_MAX_CHARS},
    )


def _decisions(request: HttpRequest) -> dict[int, str]:
    """{signal id: confirmed | rejected}: every shown need, confirmed when checked."""

    def ids(name: str) -> set[int]:
        # What is not an id is no need of the page: left out, like an unticked box.
        return {pk for value in request.POST.getlist(name) if (pk := id_or_none(value)) is not None}

    shown = ids("shown")
    confirmed = ids("confirm") & shown
    return {
        pk: SignalStatus.CONFIRMED.value if pk in confirmed else SignalStatus.REJECTED.value
        for pk in shown
    }


@never_cache
@login_required
@require_http_methods(FORM)
def interview_review(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = access.access_reviewable_interview(request.user, interview_id)
    review_url = reverse("outreach:interview-review", args=[interview.pk])
    if request.method == "POST" and request.POST.get("add_uri"):
        try:
            signal = services.add_need(interview, request.POST["add_uri"], by=request.user)
        except ValidationFailed as error:
            messages.error(request, " ".join(m for ms in error.errors.values() for m in ms))
        else:
            messages.success(
                request,
                _("Added and confirmed: %(label)s.")
                % {"label": selectors.shown_label(signal, lang())},
            )
        return redirect(review_url)
    if request.method == "POST":
        decisions = _decisions(request)
        try:
            services.decide_signals(interview, decisions, by=request.user)
        except ValidationFailed as error:
            messages.error(request, str(error.message))
        else:
            confirmed = sum(1 for s in decisions.values() if s == SignalStatus.CONFIRMED)
            messages.success(
                request,
                ngettext(
                    "Saved: %(count)s need confirmed.",
                    "Saved: %(count)s needs confirmed.",
                    confirmed,
                )
                % {"count": confirmed},
            )
            return redirect("outreach:visit-detail", interview.visit.pk)
    signals = selectors.with_shown_labels(interview.signals.order_by("-score", "id"), lang())
    search = SkillSearchForm(request.GET or None)
    hits = []
    if search.is_bound and search.is_valid():
        have = {s.uri for s in signals if s.status == SignalStatus.CONFIRMED}
        hits = [
            h for h in search_skills(search.cleaned_data["q"] or "", lang()) if h.uri not in have
        ]
    return render(
        request,
        "outreach/interview_review.html",
        {
            "search": search,
            "hits": hits,
            "interview": interview,
            "visit": interview.visit,
            "signals": signals,
            "undecided": sum(1 for s in signals if s.status == SignalStatus.SUGGESTED),
        },
    )


@never_cache
@login_required
@require_http_methods(GET)
def employer_record(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = access.access_employer_record(request.user, employer_id)
    organisations = access.staff_organisations(request.user)
    needs = selectors.by_horizon(selectors.confirmed_signals(employer, organisations), lang())
    return render(
        request,
        "outreach/employer.html",
        {
            "employer": employer,
            "visits": selectors.employer_visits(employer, organisations),
            "needs": needs,
        },
    )
