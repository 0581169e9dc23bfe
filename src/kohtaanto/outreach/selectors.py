"""Reads of outreach shaped for the pages: a group's visits, the needs of a company grouped by
time horizon, the choices of the visit form, and an intervention's reach and outcomes by month.

The callers pass objects already loaded through `access.py`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kohtaanto.core.enums import OrganisationKind
from kohtaanto.core.models import Organisation, User
from kohtaanto.groups.enums import AttendanceMark, MemberStatus
from kohtaanto.groups.models import Attendance, Group, GroupMember, GroupSession
from kohtaanto.journeys.models import Outcome
from kohtaanto.mentoring.enums import VolunteerRole
from kohtaanto.mentoring.models import VolunteerEngagement
from kohtaanto.outreach.enums import SignalStatus, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention, VisitInterview
from kohtaanto.people.models import Participant
from kohtaanto.profiles.adapters import label_of

WORK_OR_STUDY = frozenset({"employment", "self_employment", "apprenticeship", "education_training"})
"""End-of-service outcomes (`journeys/data/outcomes.json`) that count as moving on to work or
study."""
MAX_MONTHS = 36
"""The reach table shows at most this many months (the latest ones)."""
INTERVENTION_ROLES = frozenset(
    {
        VolunteerRole.GROUP_LEADER,
        VolunteerRole.INDIVIDUAL_MENTOR,
        VolunteerRole.LEARNING_MENTOR,
        VolunteerRole.PEER_FACILITATOR,
    }
)
"""Volunteer roles that work with people of an intervention (a support-line-only volunteer
answers the phone and meets nobody, so is no intervention's mentor)."""


# --- visits ---------------------------------------------------------------------------------


def visits_of_group(group: Group) -> QuerySet[CompanyVisit]:
    return (
        CompanyVisit.objects.filter(group=group)
        .select_related("employer")
        .annotate(
            interview_count=Count("interviews", distinct=True),
            confirmed_count=Count(
                "interviews__signals",
                filter=Q(interviews__signals__status=SignalStatus.CONFIRMED),
                distinct=True,
            ),
            suggested_count=Count(
                "interviews__signals",
                filter=Q(interviews__signals__status=SignalStatus.SUGGESTED),
                distinct=True,
            ),
        )
        .order_by("-visited_on", "-id")
    )


def group_members(group: Group) -> QuerySet[Participant]:
    """The group's current members (who can be marked as visitors)."""
    return Participant.objects.filter(
        group_memberships__group=group, group_memberships__status=MemberStatus.MEMBER
    ).order_by("first_name", "last_name", "id")


def visitors_of(visit: CompanyVisit) -> list[Participant]:
    return list(visit.visitors.order_by("first_name", "last_name", "id"))


def interviews_of(visit: CompanyVisit) -> list[VisitInterview]:
    return list(
        visit.interviews.prefetch_related("signals")
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )


def employer_choices(organisation: Organisation) -> QuerySet[Organisation]:
    """Companies a group of `organisation` may record a visit to: its partner employers, the
    employers of its opportunities and those it has visited before."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
        .filter(
            Q(employer_profile__service_organisation=organisation)
            | Q(opportunities__organisation=organisation)
            | Q(visits_received__organisation=organisation)
        )
        .distinct()
        .order_by("name", "id")
    )


def groups_with_visit_counts(groups: QuerySet[Group]) -> QuerySet[Group]:
    return (
        groups.filter(archived=False)
        .annotate(visit_count=Count("company_visits"))
        .order_by("name", "id")
    )


# --- needs ------------------------------------------------------------------------------------


@dataclass
class HorizonNeeds:
    horizon: str
    label: str
    signals: list[DemandSignal] = field(default_factory=list)


def by_horizon(signals: Iterable[DemandSignal], lang: str | None = None) -> list[HorizonNeeds]:
    """Signals grouped by time horizon (now first), one row per concept within a horizon (the
    most certain and latest kept), horizons without signals left out. Each signal gets
    `shown_label`: the concept's label in `lang` (the reader's language), else the stored one
    (in the interview's language)."""
    groups = {value: HorizonNeeds(value, str(label)) for value, label in TimeHorizon.choices}
    seen: set[tuple[str, str]] = set()
    certainty_rank = {"sure": 0, "likely": 1, "guess": 2}
    ordered = sorted(
        signals,
        key=lambda s: (
            certainty_rank.get(s.certainty, 3),
            -s.interview.visit.visited_on.toordinal(),
        ),
    )
    for signal in ordered:
        key = (signal.time_horizon, signal.uri)
        if key in seen or signal.time_horizon not in groups:
            continue
        seen.add(key)
        groups[signal.time_horizon].signals.append(signal)
    with_shown_labels([s for group in groups.values() for s in group.signals], lang)
    out = [group for group in groups.values() if group.signals]
    for group in out:
        group.signals.sort(key=lambda s: (s.kind != "occupation", s.shown_label.casefold()))  # type: ignore[attr-defined]
    return out


def shown_label(signal: DemandSignal, lang: str | None) -> str:
    """The need's label in `lang` (the reader's language) from the loaded vocabulary, the one
    skills have on profiles and opportunities; else the label stored when it was recognised
    (in the interview's language)."""
    return (label_of(signal.uri, lang) if lang else None) or signal.label


def with_shown_labels(signals: Iterable[DemandSignal], lang: str | None) -> list[DemandSignal]:
    """`signals`, each with `shown_label` set (see `shown_label`)."""
    out = list(signals)
    for signal in out:
        signal.shown_label = shown_label(signal, lang)  # type: ignore[attr-defined]
    return out


def confirmed_signals(
    employer: Organisation, organisations: Iterable[Organisation] | QuerySet[Organisation] | None
) -> QuerySet[DemandSignal]:
    """Confirmed needs of `employer` (from visits of `organisations`, or all when None)."""
    signals = DemandSignal.objects.filter(employer=employer, status=SignalStatus.CONFIRMED)
    if organisations is not None:
        signals = signals.filter(interview__visit__organisation__in=organisations)
    return signals.select_related("interview", "interview__visit")


def employer_visits(
    employer: Organisation, organisations: QuerySet[Organisation]
) -> QuerySet[CompanyVisit]:
    return (
        CompanyVisit.objects.filter(employer=employer, organisation__in=organisations)
        .select_related("group")
        .annotate(interview_count=Count("interviews"))
        .order_by("-visited_on", "-id")
    )


def company_needs_for_contact(
    employer: Organisation, lang: str | None = None
) -> list[HorizonNeeds]:
    """What the employer's own company told about future skill needs: confirmed signals only,
    never who visited (the employer contact's home page)."""
    return by_horizon(confirmed_signals(employer, None), lang)


# --- interventions ------------------------------------------------------------------------------


def _works_with_people(roles: Iterable[str] | None) -> bool:
    return bool(set(roles or ()) & INTERVENTION_ROLES)


def mentor_choices(organisation: Organisation) -> QuerySet[User]:
    """The organisation's active mentors, less volunteers whose engagement in it holds none of
    `INTERVENTION_ROLES` (a support-line-only volunteer)."""
    phone_only = [
        user_id
        for user_id, roles in VolunteerEngagement.objects.filter(
            organisation=organisation, active=True
        ).values_list("volunteer__user_id", "roles")
        if not _works_with_people(roles)
    ]
    return (
        User.objects.filter(
            memberships__organisation=organisation, memberships__role="mentor", is_active=True
        )
        .exclude(pk__in=phone_only)
        .distinct()
        .order_by("first_name", "last_name", "id")
    )


def volunteer_mentors_in(organisation: Organisation, municipality_code: str) -> list[User]:
    """Active volunteers of `organisation` whose engagement holds one of `INTERVENTION_ROLES`
    and whose towns include `municipality_code` (the mentors of an intervention there)."""
    engagements = (
        VolunteerEngagement.objects.filter(
            organisation=organisation, active=True, volunteer__user__is_active=True
        )
        .select_related("volunteer__user")
        .order_by("volunteer__user__username", "id")
    )
    return [
        engagement.volunteer.user
        for engagement in engagements
        if _works_with_people(engagement.roles)
        and municipality_code in (engagement.volunteer.regions or [])
    ]


def group_choices(organisation: Organisation) -> QuerySet[Group]:
    return Group.objects.filter(organisation=organisation, archived=False).order_by("name", "id")


@dataclass
class ReachMonth:
    month: dt.date
    """The first day of the month."""
    sessions: int = 0
    marks: int = 0
    present: int = 0
    people_present: int = 0
    new_people: int = 0
    reached_total: int = 0
    moved_on: int = 0

    @property
    def attendance_rate(self) -> float | None:
        """Present marks of all marks taken (None when no marks were taken)."""
        return self.present / self.marks if self.marks else None


@dataclass
class Reach:
    months: list[ReachMonth]
    groups: int
    members_now: int
    reached: int
    sessions: int
    attendance_rate: float | None
    moved_on: int

    @property
    def moved_on_share(self) -> float | None:
        return self.moved_on / self.reached if self.reached else None


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def intervention_reach(intervention: Intervention, today: dt.date | None = None) -> Reach:
    """Reach and outcomes of the intervention's groups, month by month, from the month of the
    event (or of the first session, if earlier) to this month.

    - *sessions*: sessions held (not cancelled, already started);
    - *attendance rate*: present marks of all marks taken in those sessions;
    - *people present*: different people marked present in the month;
    - *new people* / *reached total*: a person is reached from the first of joining a group
      (member, or a member who has left) and being marked present;
    - *moved on*: reached people whose end of service (`journeys.Outcome`) is work or study
      (`WORK_OR_STUDY`), counted in the month of the end date, from the event on.
    """
    today = today or timezone.localdate()
    end_of_today = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time()))
    now = min(timezone.now(), end_of_today)
    group_ids = list(intervention.groups.values_list("pk", flat=True))
    sessions = list(
        GroupSession.objects.filter(
            group_id__in=group_ids, cancelled_at__isnull=True, starts__lte=now
        ).values_list("pk", "starts")
    )
    session_month = {pk: _month(timezone.localtime(starts).date()) for pk, starts in sessions}
    marks = list(
        Attendance.objects.filter(session_id__in=list(session_month)).values_list(
            "session_id", "participant_id", "mark"
        )
    )
    first_reach: dict[int, dt.date] = {}
    for participant_id, since in GroupMember.objects.filter(
        group_id__in=group_ids, status__in=(MemberStatus.MEMBER, MemberStatus.LEFT)
    ).values_list("participant_id", "since"):
        day = timezone.localtime(since).date()
        first_reach[participant_id] = min(first_reach.get(participant_id, day), day)
    present_by_month: dict[dt.date, set[int]] = defaultdict(set)
    marks_by_month: dict[dt.date, list[str]] = defaultdict(list)
    for session_id, participant_id, mark in marks:
        month = session_month[session_id]
        marks_by_month[month].append(mark)
        if mark == AttendanceMark.PRESENT:
            present_by_month[month].add(participant_id)
            first = min(first_reach.get(participant_id, month), month)
            first_reach[participant_id] = first
    outcomes = Outcome.objects.filter(
        participant_id__in=list(first_reach),
        outcome_type__in=WORK_OR_STUDY,
        date__gte=intervention.event_date,
        date__lte=today,
    ).values_list("participant_id", "date")
    moved_by_month: dict[dt.date, int] = defaultdict(int)
    for _participant_id, day in outcomes:
        moved_by_month[_month(day)] += 1

    start = _month(intervention.event_date)
    if session_month:
        start = min(start, min(session_month.values()))
    end = _month(today)
    months: list[ReachMonth] = []
    month = start
    reached_so_far = 0
    new_by_month: dict[dt.date, int] = defaultdict(int)
    for day in first_reach.values():
        new_by_month[_month(day)] += 1
    reached_before_start = sum(n for m, n in new_by_month.items() if m < start)
    reached_so_far = reached_before_start
    while month <= end:
        row = ReachMonth(month)
        row.sessions = sum(1 for m in session_month.values() if m == month)
        row.marks = len(marks_by_month[month])
        row.present = sum(1 for mark in marks_by_month[month] if mark == AttendanceMark.PRESENT)
        row.people_present = len(present_by_month[month])
        row.new_people = new_by_month[month]
        reached_so_far += row.new_people
        row.reached_total = reached_so_far
        row.moved_on = moved_by_month[month]
        months.append(row)
        month = _next_month(month)
    all_marks = sum(len(v) for v in marks_by_month.values())
    all_present = sum(
        1 for v in marks_by_month.values() for mark in v if mark == AttendanceMark.PRESENT
    )
    members_now = (
        GroupMember.objects.filter(group_id__in=group_ids, status=MemberStatus.MEMBER)
        .values("participant_id")
        .distinct()
        .count()
    )
    return Reach(
        months=months[-MAX_MONTHS:],
        groups=len(group_ids),
        members_now=members_now,
        reached=len(first_reach),
        sessions=len(session_month),
        attendance_rate=all_present / all_marks if all_marks else None,
        moved_on=sum(moved_by_month.values()),
    )


def interventions_with_counts(interventions: QuerySet[Intervention]) -> QuerySet[Intervention]:
    return interventions.annotate(
        group_count=Count("groups", distinct=True), mentor_count=Count("mentors", distinct=True)
    ).order_by("-event_date", "-id")
