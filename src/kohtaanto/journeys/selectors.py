"""Reads of the participant journey.

Two shapes:
- `thing(user, participant_id, …)`: loads the participant through `core.access`
  (audited `view` unless the reader is the participant; `ParticipantNotFound` = 404 otherwise);
- `thing_of(participant, …)`: for a participant the caller has already accessed (no audit).

`caseload(user, …)` is one query (+1 to prefetch coaches) whatever the caseload size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.utils import timezone

from kohtaanto.core.access import get_visible_or_404, organisations_of
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership
from kohtaanto.journeys import rules
from kohtaanto.journeys.documents import JobSearchProfile, job_search_profile_text
from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import (
    CvDraft,
    DigCompAttempt,
    EsfEntryData,
    FollowUp,
    Goal,
    GoalStep,
    Intake,
    Outcome,
    RestrictedConstraints,
    Session,
    Task,
)
from kohtaanto.people.access import (
    ParticipantNotFound,
    access_participant,
    may_see_restricted,
    participants_visible_to,
)
from kohtaanto.people.consent import filter_consented, has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ChangeStatus, ItemStatus
from kohtaanto.profiles.models import ChangeRequest, ProfileItem
from kohtaanto.profiles.selectors import SkillsProfile, profile_of

# --- caseload ------------------------------------------------------------------------------

CASELOAD_SORTS: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("last_name", "first_name", "id"),
    "-name": ("-last_name", "-first_name", "-id"),
    "next_meeting": (F("next_meeting").asc(nulls_last=True), "last_name", "id"),
    "-next_meeting": (F("next_meeting").desc(nulls_last=True), "last_name", "id"),
    "last_contact": (F("last_contact").asc(nulls_first=True), "last_name", "id"),
    "-last_contact": (F("last_contact").desc(nulls_last=True), "last_name", "id"),
    "created": ("created", "id"),
    "-created": ("-created", "-id"),
}


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.order_by().values("participant").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def caseload(
    user: Any,
    *,
    organisation: Any = None,
    q: str = "",
    status: str | None = None,
    coach_id: int | None = None,
    next_meeting_from: date | None = None,
    next_meeting_to: date | None = None,
    no_next_meeting: bool = False,
    last_contact_before: date | None = None,
    last_contact_after: date | None = None,
    sort: str = "name",
) -> QuerySet[Participant]:
    """Participants a coach or coordinator works with, annotated for the caseload list.

    Annotations: `next_meeting` (datetime of the next planned session), `last_contact`
    (latest held session), `open_tasks`, `pending_suggestions`, `changes_waiting` (changes
    the participant suggested, waiting for a coach), `municipality_code`.
    Coaches are prefetched (`participant.coaches.all()`). `sort` is a key of
    `CASELOAD_SORTS`. Paginate the result (`[offset:offset + 50]`).
    """
    staff_orgs = organisations_of(user, Role.COACH) | organisations_of(user, Role.COORDINATOR)
    participants = participants_visible_to(user).filter(organisation__in=staff_orgs.values("pk"))
    if organisation is not None:
        participants = participants.filter(organisation=organisation)
    now = timezone.now()
    sessions = Session.objects.filter(participant=OuterRef("pk"))
    participants = participants.annotate(
        next_meeting=Subquery(
            sessions.filter(status=SessionStatus.PLANNED, starts_at__gte=now)
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
        last_contact=Subquery(
            sessions.filter(status=SessionStatus.HELD)
            .order_by("-starts_at")
            .values("starts_at")[:1]
        ),
        open_tasks=_count(Task.objects.filter(participant=OuterRef("pk"), done_at__isnull=True)),
        pending_suggestions=_count(
            ProfileItem.objects.filter(participant=OuterRef("pk"), status=ItemStatus.SUGGESTED)
        ),
        changes_waiting=_count(
            ChangeRequest.objects.filter(participant=OuterRef("pk"), status=ChangeStatus.PENDING)
        ),
        municipality_code=F("intake__municipality_code"),
    )
    for word in q.split():
        participants = participants.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    if status:
        participants = participants.filter(status=status)
    if coach_id:
        coached = Participant.coaches.through.objects.filter(user_id=coach_id)
        participants = participants.filter(pk__in=coached.values("participant_id"))
    if next_meeting_from:
        participants = participants.filter(next_meeting__gte=_day_start(next_meeting_from))
    if next_meeting_to:
        participants = participants.filter(
            next_meeting__lt=_day_start(next_meeting_to + timedelta(days=1))
        )
    if no_next_meeting:
        participants = participants.filter(next_meeting__isnull=True)
    if last_contact_before:
        participants = participants.filter(
            Q(last_contact__lt=_day_start(last_contact_before)) | Q(last_contact__isnull=True)
        )
    if last_contact_after:
        participants = participants.filter(last_contact__gte=_day_start(last_contact_after))
    order = CASELOAD_SORTS.get(sort, CASELOAD_SORTS["name"])
    return participants.order_by(*order).prefetch_related("coaches")


# --- the case file -------------------------------------------------------------------------


@dataclass
class CaseFile:
    """Everything on the participant's case file page (coach view)."""

    participant: Participant
    intake: Intake | None
    municipality: rules.Municipality | None
    languages: list[tuple[str, str]]
    can_see_restricted: bool
    restricted: RestrictedConstraints | None
    """None unless the reader may see it and the consent is given."""
    goals: list[Goal]
    upcoming_sessions: list[Session]
    session_log: list[Session]
    open_tasks: list[Task]
    done_tasks: list[Task]
    digcomp: list[DigCompAttempt]
    cv_drafts: list[CvDraft]
    outcome: Outcome | None
    follow_up: FollowUp | None
    pending_suggestions: int
    confirmed_items: int
    coaches: list[Any] = field(default_factory=list)
    changes_waiting: int = 0
    """Changes to the profile the participant suggested, waiting for a coach."""


def restricted_of(user: Any, participant: Participant) -> RestrictedConstraints | None:
    """The RESTRICTED constraints, only for the participant and their own coaches, and only
    while the `restricted_health_constraints` consent is given."""
    if not may_see_restricted(user, participant):
        return None
    if not has_consent(participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS):
        return None
    return RestrictedConstraints.objects.filter(participant=participant).first()


def case_file_of(user: Any, participant: Participant) -> CaseFile:
    intake = Intake.objects.filter(participant=participant).first()
    sessions = list(Session.objects.filter(participant=participant).prefetch_related("coaches"))
    now = timezone.now()
    tasks = list(Task.objects.filter(participant=participant))
    outcome = Outcome.objects.filter(participant=participant).first()
    counts = dict(
        ProfileItem.objects.filter(participant=participant)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return CaseFile(
        participant=participant,
        intake=intake,
        municipality=rules.municipalities().get(intake.municipality_code) if intake else None,
        languages=list(participant.spoken_languages.values_list("language", "level")),
        can_see_restricted=may_see_restricted(user, participant),
        restricted=restricted_of(user, participant),
        goals=list(
            Goal.objects.filter(participant=participant).prefetch_related(
                Prefetch("steps", queryset=GoalStep.objects.order_by("position", "id"))
            )
        ),
        upcoming_sessions=sorted(
            (s for s in sessions if s.status == SessionStatus.PLANNED and s.starts_at >= now),
            key=lambda s: s.starts_at,
        ),
        session_log=[s for s in sessions if s.status == SessionStatus.HELD],
        open_tasks=[t for t in tasks if t.done_at is None],
        done_tasks=[t for t in tasks if t.done_at is not None],
        digcomp=list(DigCompAttempt.objects.filter(participant=participant)),
        cv_drafts=list(CvDraft.objects.filter(participant=participant).order_by("language")),
        outcome=outcome,
        follow_up=FollowUp.objects.filter(outcome=outcome).first() if outcome else None,
        pending_suggestions=counts.get(ItemStatus.SUGGESTED, 0),
        confirmed_items=counts.get(ItemStatus.CONFIRMED, 0),
        coaches=list(participant.coaches.all()),
        changes_waiting=ChangeRequest.objects.filter(
            participant=participant, status=ChangeStatus.PENDING
        ).count(),
    )


def changes_waiting_for(user: Any, organisation: Any = None) -> tuple[int, int]:
    """(suggested changes waiting, participants with any) over `user`'s caseload: the
    coordinator's organisations and the coach's own participants. One small query."""
    if not getattr(user, "is_authenticated", False):
        return 0, 0
    org_id = getattr(organisation, "pk", organisation)
    rows = [
        (o, r)
        for o, r in Membership.objects.filter(user=user).values_list("organisation_id", "role")
        if org_id is None or o == org_id
    ]
    coordinating = [o for o, r in rows if r == Role.COORDINATOR]
    coaching = [o for o, r in rows if r == Role.COACH]
    if not coordinating and not coaching:
        return 0, 0
    coached = Participant.coaches.through.objects.filter(user_id=user.pk).values("participant_id")
    found = ChangeRequest.objects.filter(
        Q(participant__organisation_id__in=coordinating)
        | Q(participant__organisation_id__in=coaching, participant_id__in=coached),
        status=ChangeStatus.PENDING,
    ).aggregate(n=Count("pk"), people=Count("participant_id", distinct=True))
    return found["n"] or 0, found["people"] or 0


def case_file(user: Any, participant_id: object) -> CaseFile:
    """The case file of a participant (audited read)."""
    return case_file_of(user, access_participant(user, participant_id))


def restricted_constraints(user: Any, participant_id: object) -> RestrictedConstraints | None:
    return restricted_of(user, access_participant(user, participant_id))


def session_log(user: Any, participant_id: object) -> list[Session]:
    participant = access_participant(user, participant_id)
    return list(
        Session.objects.filter(participant=participant, status=SessionStatus.HELD)
        .prefetch_related("coaches")
        .order_by("-starts_at", "-id")
    )


def tasks(user: Any, participant_id: object, *, open_only: bool = False) -> list[Task]:
    participant = access_participant(user, participant_id)
    found = Task.objects.filter(participant=participant)
    if open_only:
        found = found.filter(done_at__isnull=True)
    return list(found)


def sessions_of(participant: Participant, status: str | None = None) -> QuerySet[Session]:
    """The participant's meetings for a reader already let in (the API): upcoming planned ones
    (soonest first) or held ones (latest first), or both (latest first)."""
    upcoming = Session.objects.filter(
        participant=participant, status=SessionStatus.PLANNED, starts_at__gte=timezone.now()
    )
    held = Session.objects.filter(participant=participant, status=SessionStatus.HELD)
    if status == SessionStatus.PLANNED:
        return upcoming.order_by("starts_at", "id")
    if status == SessionStatus.HELD:
        return held.order_by("-starts_at", "-id")
    return (upcoming | held).order_by("-starts_at", "-id")


def tasks_of(participant: Participant, done: bool | None = None) -> QuerySet[Task]:
    """The participant's tasks for a reader already let in (the API), open ones first."""
    found = Task.objects.filter(participant=participant)
    if done is not None:
        found = found.filter(done_at__isnull=not done)
    return found.order_by("done_at", "due", "id")


# --- DigComp ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaResult:
    area: str
    name: str
    mean: float | None

    @property
    def proficiency(self) -> rules.DigCompProficiency | None:
        """The DigComp 2.2 proficiency level of the mean, in plain words."""
        return rules.digcomp_proficiency(self.mean)


@dataclass(frozen=True)
class DigCompResult:
    attempt_id: int
    completed_at: datetime
    with_coach: bool
    areas: tuple[AreaResult, ...]
    self_assessed: bool = False
    """Answered by the participant alone on their own pages."""


def digcomp_results_of(participant: Participant, lang: str = "fi") -> list[DigCompResult]:
    """Completed attempts, oldest first (progress over time)."""
    areas = rules.digcomp().areas
    results = []
    for attempt in DigCompAttempt.objects.filter(
        participant=participant, completed_at__isnull=False
    ).order_by("completed_at", "id"):
        results.append(
            DigCompResult(
                attempt.pk,
                timezone.localtime(attempt.completed_at),  # Helsinki time: its date is shown
                attempt.with_coach,
                tuple(
                    AreaResult(area.id, area.name.get(lang), attempt.area_means.get(area.id))
                    for area in areas.values()
                ),
                attempt.self_assessed,
            )
        )
    return results


def digcomp_results(user: Any, participant_id: object, lang: str = "fi") -> list[DigCompResult]:
    return digcomp_results_of(access_participant(user, participant_id), lang)


def digcomp_attempt(user: Any, attempt_id: object) -> tuple[DigCompAttempt, dict[str, int]]:
    """An attempt and its answers ({competence: value}), for resuming or showing it."""
    try:
        pk = int(str(attempt_id))
    except ValueError:
        raise ParticipantNotFound from None
    attempt = DigCompAttempt.objects.filter(pk=pk).values_list("participant_id", flat=True).first()
    if attempt is None:
        raise ParticipantNotFound
    participant = access_participant(user, attempt)
    found = DigCompAttempt.objects.get(pk=pk, participant=participant)
    return found, dict(found.answers.values_list("competence", "value"))


# --- documents -------------------------------------------------------------------------------


def service_start(participant: Participant) -> date:
    """The day the participant's service started (intake, else the day they were added):
    the earliest end date, goal or task due date the services accept."""
    from kohtaanto.journeys.services._common import service_start_of

    return service_start_of(participant)


def job_search_profile_of(participant: Participant, lang: str = "fi") -> str:
    """Confirmed occupations and skills by their labels in `lang`, as plain text to paste."""
    profile = profile_of(participant, lang)
    skills = [(e.label, e.uri) for e in profile.confirmed if e.kind != "occupation"]
    occupations = [(e.label, e.uri) for e in profile.occupations]
    return job_search_profile_text(JobSearchProfile(lang, occupations, skills))


def job_search_profile(user: Any, participant_id: object, lang: str = "fi") -> str:
    return job_search_profile_of(access_participant(user, participant_id), lang)


def cv_drafts(user: Any, participant_id: object) -> list[CvDraft]:
    participant = access_participant(user, participant_id)
    return list(CvDraft.objects.filter(participant=participant).order_by("language"))


# --- the participant's own view ---------------------------------------------------------------


@dataclass
class MyPath:
    """The participant's "my path" page."""

    participant: Participant
    next_meeting: Session | None
    open_tasks: list[Task]
    goals: list[Goal]
    profile: SkillsProfile
    digcomp_latest: DigCompResult | None
    digcomp_history: list[DigCompResult]
    cv_drafts: list[CvDraft]
    restricted: RestrictedConstraints | None


def my_path(user: Any, lang: str = "fi") -> MyPath:
    """For a logged-in participant: their own record (`ParticipantNotFound` for others)."""
    if not getattr(user, "is_authenticated", False):
        raise ParticipantNotFound
    participant = Participant.objects.filter(user_id=user.pk).first()
    if participant is None:
        raise ParticipantNotFound
    history = digcomp_results_of(participant, lang)
    return MyPath(
        participant=participant,
        next_meeting=Session.objects.filter(
            participant=participant, status=SessionStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first(),
        open_tasks=list(Task.objects.filter(participant=participant, done_at__isnull=True)),
        goals=list(Goal.objects.filter(participant=participant).prefetch_related("steps")),
        profile=profile_of(participant, lang),
        digcomp_latest=history[-1] if history else None,
        digcomp_history=history,
        cv_drafts=list(CvDraft.objects.filter(participant=participant).order_by("language")),
        restricted=restricted_of(user, participant),
    )


# --- outcomes ---------------------------------------------------------------------------------


def follow_ups_due(user: Any, *, until: date | None = None) -> QuerySet[FollowUp]:
    """Follow-ups not yet done and due by `until` (default today) in the user's caseload, of
    the people who agreed to be contacted after the service (`people.consent`)."""
    until = until or timezone.localdate()
    staff_orgs = organisations_of(user, Role.COACH) | organisations_of(user, Role.COORDINATOR)
    visible = filter_consented(
        participants_visible_to(user).filter(organisation__in=staff_orgs.values("pk")),
        ConsentPurpose.FOLLOW_UP_CONTACT,
    )
    return (
        FollowUp.objects.filter(
            outcome__participant__in=visible, done_at__isnull=True, due__lte=until
        )
        .select_related("outcome__participant")
        .order_by("due", "id")
    )


def outcome_choices(lang: str = "fi") -> list[tuple[str, str]]:
    return rules.outcomes().choices(lang)


def municipality_choices(lang: str = "fi") -> list[tuple[str, str]]:
    return [(m.code, m.name(lang)) for m in rules.municipalities().values()]


def session_type_choices(lang: str = "fi") -> list[tuple[str, str]]:
    return [(i.id, i.label.get(lang)) for i in rules.session_types().values()]


def language_level_choices(lang: str = "fi") -> list[tuple[str, str]]:
    return [(i.id, i.label.get(lang)) for i in rules.language_levels().values()]


# --- one accessed participant's records, for the pages ---------------------------------------


def intake_of(participant: Participant) -> Intake | None:
    return Intake.objects.filter(participant=participant).first()


def esf_entry_of(participant: Participant) -> EsfEntryData | None:
    return EsfEntryData.objects.filter(participant=participant).first()


def outcome_of(participant: Participant) -> tuple[Outcome | None, FollowUp | None]:
    """The end-of-service outcome and its 6-month follow-up (either may be missing)."""
    outcome = Outcome.objects.filter(participant=participant).first()
    follow_up = FollowUp.objects.filter(outcome=outcome).first() if outcome else None
    return outcome, follow_up


def cv_drafts_by_language(participant: Participant) -> dict[str, CvDraft]:
    return {d.language: d for d in CvDraft.objects.filter(participant=participant)}


def cv_draft_of(participant: Participant, draft_id: object) -> CvDraft:
    """A CV draft of this participant, or `ParticipantNotFound` (a 404)."""
    return get_visible_or_404(
        CvDraft.objects.filter(participant=participant), draft_id, not_found=ParticipantNotFound
    )


def unfinished_digcomp(
    participant: Participant, *, self_assessed: bool | None = None
) -> DigCompAttempt | None:
    """The newest DigComp attempt not yet completed (only self-assessed ones, if asked)."""
    attempts = DigCompAttempt.objects.filter(participant=participant, completed_at__isnull=True)
    if self_assessed is not None:
        attempts = attempts.filter(self_assessed=self_assessed)
    return attempts.order_by("-started").first()


def digcomp_attempt_of(participant: Participant, attempt_id: int) -> DigCompAttempt | None:
    return DigCompAttempt.objects.filter(pk=attempt_id, participant=participant).first()


def has_task(participant: Participant, task_id: int) -> bool:
    return Task.objects.filter(pk=task_id, participant=participant).exists()


def has_goal_step(participant: Participant, step_id: int) -> bool:
    return GoalStep.objects.filter(pk=step_id, goal__participant=participant).exists()
