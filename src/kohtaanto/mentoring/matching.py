"""Mentor matching for the coordinator and the participant's coaches: the adapter from rows to
the pure library (`kohtaanto.matching.mentors`), the ranked list of mentors for a request, and
the bulk proposal (every open request of the organisation at once) that the coordinator edits
and confirms.

- Only participants with the matching consent (`people.consent`) are ever turned into a
  `MenteeNeed`; a request of anyone else is not shown (404) and is left out of the bulk mode.
- Mentors: volunteers with an active engagement in the organisation in a role of the rules
  (`individual_mentor`, `learning_mentor`) and a free place (capacity − proposed, confirmed
  and active mentorings).
- Writes go through `services.propose_mentoring` (+ `confirm_mentoring` when a coordinator
  chooses): a score is always recomputed here, never taken from a form. The bulk confirmation
  runs in one transaction: a row that would overbook a mentor is a translated error and
  nothing is saved.
- Age, gender and the like never reach the library: the adapter passes only the declared
  fields (`need_from_record`, `mentor_from_record`).
Every read of a request by staff is audited (`VIEW` on the request, naming the participant).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kohtaanto.core.access import get_visible_or_404, is_user, roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import Organisation, User
from kohtaanto.journeys.documents.content import language_name
from kohtaanto.journeys.models import Intake, SpokenLanguage
from kohtaanto.matching.mentors import (
    CAPACITY_LEFT,
    INTEREST_SHARED,
    LANGUAGE_OWN,
    LANGUAGE_SHARED,
    LANGUAGE_WANTED,
    PLACE_REMOTE,
    PLACE_SAME,
    SKILL_TEACH,
    MenteeNeed,
    MentorCandidate,
    Scored,
    assign,
    load_mentor_rules,
    mentor_from_record,
    need_from_record,
    score,
)
from kohtaanto.mentoring.enums import OPEN_STATUSES, RequestStatus
from kohtaanto.mentoring.models import Mentoring, MentorRequest, VolunteerEngagement
from kohtaanto.mentoring.services import confirm_mentoring, propose_mentoring
from kohtaanto.mentoring.vocabulary import level_name, skill_label
from kohtaanto.people.access import access_participant, is_staff_of
from kohtaanto.people.consent import MATCHING_PURPOSES, consented_ids
from kohtaanto.people.enums import ParticipantStatus
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ItemStatus, ProfileGroup
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.reference.places import municipality_name

RANK_LIMIT = 10


# --- who may see what --------------------------------------------------------------------


def is_coordinator(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and Role.COORDINATOR in roles_of(user, organisation)


def may_match(user: Any, organisation: Organisation | None) -> bool:
    """Coordinators and coaches of the organisation reach the matching pages at all."""
    return organisation is not None and bool(
        roles_of(user, organisation) & {Role.COORDINATOR, Role.COACH}
    )


def _open_requests(organisation: Organisation) -> QuerySet[MentorRequest]:
    """Open requests of participants who may get a mentor now: their service is active and
    they have no open (proposed, confirmed, active) mentoring."""
    return MentorRequest.objects.filter(
        participant__organisation=organisation,
        participant__status=ParticipantStatus.ACTIVE,
        status=RequestStatus.OPEN,
    ).exclude(participant__in=_with_open_mentoring(organisation))


def _with_open_mentoring(organisation: Organisation) -> QuerySet[Mentoring, Any]:
    """Participant ids (a subquery) with a proposed, confirmed or active mentoring."""
    return Mentoring.objects.filter(
        participant__organisation=organisation, status__in=OPEN_STATUSES
    ).values("participant_id")


def requests_visible_to(user: Any, organisation: Organisation | None) -> list[MentorRequest]:
    """Open requests of the organisation that `user` may match: all for a coordinator, the own
    caseload's for a coach; only participants with the matching consent. Newest first."""
    if organisation is None or not is_user(user) or not may_match(user, organisation):
        return []
    rows = _open_requests(organisation).select_related("participant")
    if not is_coordinator(user, organisation):
        rows = rows.filter(participant__coaches=user)
    found = list(rows.order_by("-created", "-id"))
    allowed = consented_ids({r.participant_id for r in found}, MATCHING_PURPOSES)
    return [r for r in found if r.participant_id in allowed]


def access_request(
    user: Any, organisation: Organisation | None, request_id: object
) -> MentorRequest:
    """An open request `user` may match, or 404 (also without the participant's consent).
    Audited."""
    if organisation is None or not may_match(user, organisation):
        raise Http404
    rows = _open_requests(organisation).select_related("participant")
    if not is_coordinator(user, organisation):
        rows = rows.filter(participant__coaches=user)
    request = get_visible_or_404(rows, request_id)
    if request.participant_id not in consented_ids([request.participant_id], MATCHING_PURPOSES):
        raise Http404
    log_event(user, AuditAction.VIEW, request)
    return request


def participants_wanting_a_mentor(
    user: Any, organisation: Organisation | None
) -> list[Participant]:
    """Participants `user` may find a mentor for (a coordinator: the organisation's; a coach:
    their own caseload) whose service is active, who gave the matching consent and have no
    open request nor an open mentoring, by name."""
    if organisation is None or not may_match(user, organisation):
        return []
    rows = Participant.objects.filter(organisation=organisation, status=ParticipantStatus.ACTIVE)
    if not is_coordinator(user, organisation):
        rows = rows.filter(coaches=user)
    rows = rows.exclude(mentor_requests__status=RequestStatus.OPEN).exclude(
        pk__in=_with_open_mentoring(organisation)
    )
    found = list(rows.order_by("first_name", "last_name", "id"))
    allowed = consented_ids([p.pk for p in found], MATCHING_PURPOSES)
    return [p for p in found if p.pk in allowed]


def access_participant_for_request(
    user: Any, organisation: Organisation | None, participant_id: object
) -> Participant:
    """A participant of the current organisation `user` may find a mentor for (coordinator,
    own coach), or 404. Audited (`access_participant`)."""
    if organisation is None or not may_match(user, organisation):
        raise Http404
    participant = access_participant(user, participant_id)
    if participant.organisation_id != organisation.pk or not is_staff_of(user, participant):
        raise Http404
    return participant


def has_matching_consent(participant: Participant) -> bool:
    return participant.pk in consented_ids([participant.pk], MATCHING_PURPOSES)


def default_town(participant: Participant) -> str:
    return (
        Intake.objects.filter(participant=participant)
        .values_list("municipality_code", flat=True)
        .first()
        or ""
    )


# --- rows → the library ------------------------------------------------------------------


def needs_for(requests: Sequence[MentorRequest]) -> dict[int, MenteeNeed]:
    """request id → `MenteeNeed`, for the requests whose participant gave the matching consent
    (the others are left out). Languages from the participant's spoken languages, the town
    from the request or else the intake, interests from the confirmed profile, skills to learn
    from the request and the profile's "something to learn" items."""
    participant_ids = {r.participant_id for r in requests}
    allowed = consented_ids(participant_ids, MATCHING_PURPOSES)
    wanted = [r for r in requests if r.participant_id in allowed]
    ids = {r.participant_id for r in wanted}
    languages: dict[int, dict[str, str]] = {}
    for pid, code, level in SpokenLanguage.objects.filter(participant_id__in=ids).values_list(
        "participant_id", "language", "level"
    ):
        languages.setdefault(pid, {})[code] = level
    towns = dict(
        Intake.objects.filter(participant_id__in=ids).values_list(
            "participant_id", "municipality_code"
        )
    )
    interests: dict[int, set[str]] = {}
    to_learn: dict[int, set[str]] = {}
    items = ProfileItem.objects.filter(participant_id__in=ids).exclude(
        group__in=(ProfileGroup.OCCUPATION, ProfileGroup.LANGUAGE)
    )
    for pid, uri, status, goal in items.values_list("participant_id", "uri", "status", "goal"):
        if goal:
            to_learn.setdefault(pid, set()).add(uri)
        elif status == ItemStatus.CONFIRMED:
            interests.setdefault(pid, set()).add(uri)
    result: dict[int, MenteeNeed] = {}
    for request in wanted:
        pid = request.participant_id
        result[request.pk] = need_from_record(
            {
                "id": str(request.pk),
                "languages": languages.get(pid, {}),
                "preferred_languages": list(request.languages or []),
                "region": request.region or towns.get(pid) or None,
                "wants_remote": request.wants_remote,
                "interests": sorted(interests.get(pid, set())),
                "skills_to_learn": sorted(
                    {*(request.skills_to_learn or []), *to_learn.get(pid, set())}
                ),
            }
        )
    return result


@dataclass
class PoolMentor:
    """A mentor of the pool with their `MentorCandidate` (id = the mentor's user id)."""

    user: User
    candidate: MentorCandidate
    capacity: int
    taken: int

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def short_name(self) -> str:
        """First name and the initial of the last name ("Maija M."), for narrow selects."""
        first, last = self.user.first_name.strip(), self.user.last_name.strip()
        if not first:
            return self.name
        return f"{first} {last[0]}." if last else first


def mentor_pool(organisation: Organisation) -> list[PoolMentor]:
    """Active volunteers of the organisation in a mentoring role of the rules, with a free
    place, by user id."""
    roles = load_mentor_rules().roles
    engagements = (
        VolunteerEngagement.objects.filter(organisation=organisation, active=True)
        .select_related("volunteer__user")
        .prefetch_related("volunteer__languages", "volunteer__skills")
        .order_by("volunteer__user_id")
    )
    chosen = [e for e in engagements if roles & set(e.roles or ()) and e.volunteer.user.is_active]
    user_ids = [e.volunteer.user_id for e in chosen]
    loads = dict(
        Mentoring.objects.filter(mentor_id__in=user_ids, status__in=OPEN_STATUSES)
        .values("mentor_id")
        .annotate(n=Count("id"))
        .values_list("mentor_id", "n")
    )
    result = []
    for engagement in chosen:
        profile = engagement.volunteer
        taken = loads.get(profile.user_id, 0)
        left = profile.capacity_mentees - taken
        if left < 1:
            continue
        uris = sorted(s.uri for s in profile.skills.all())
        candidate = mentor_from_record(
            {
                "id": str(profile.user_id),
                "languages": {lang.language: lang.level for lang in profile.languages.all()},
                "regions": list(profile.regions or []),
                "remote_ok": profile.remote_ok,
                "interests": uris,
                "skills": uris,
                "capacity_left": left,
                "roles": list(engagement.roles or []),
            }
        )
        result.append(PoolMentor(profile.user, candidate, profile.capacity_mentees, taken))
    return result


def _already_proposed(participant_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(participant id, mentor id) pairs with an open mentoring (not proposed again)."""
    return set(
        Mentoring.objects.filter(
            participant_id__in=list(participant_ids), status__in=OPEN_STATUSES
        ).values_list("participant_id", "mentor_id")
    )


# --- explanations ------------------------------------------------------------------------


def _labels(uris: Iterable[str], lang: str, known: Mapping[str, str]) -> str:
    return ", ".join(skill_label(uri, lang) or known.get(uri) or uri for uri in uris)


def _language_names(items: Sequence[str], lang: str, levels: Mapping[str, str] | None) -> str:
    """Language names, each with the mentor's level when known: "suomi (mentorin taso:
    äidinkieli)" — so that the same language under a weaker rule reads as a weaker level."""
    parts = []
    for code in items:
        name = language_name(code, lang)
        level = (levels or {}).get(code)
        if level:
            label = level_name(level, lang)
            name = _("%(language)s (the mentor's level: %(level)s)") % {
                "language": name,
                "level": label[:1].lower() + label[1:],
            }
        parts.append(name)
    return ", ".join(parts)


def reason_text(
    rule_id: str,
    items: Sequence[str],
    lang: str,
    known: Mapping[str, str] | None = None,
    levels: Mapping[str, str] | None = None,
) -> str:
    """One reason in the reader's language (for staff: "the participant"). `levels`: the
    mentor's language levels (shown with the language reason)."""
    known = known or {}
    names = _language_names(items, lang, levels)
    if rule_id == LANGUAGE_OWN:
        return _("Speaks the participant's mother tongue fluently: %(languages)s") % {
            "languages": names
        }
    if rule_id == LANGUAGE_WANTED:
        return _("Speaks a language the participant asked for: %(languages)s") % {
            "languages": names
        }
    if rule_id == LANGUAGE_SHARED:
        return _("A common language: %(languages)s") % {"languages": names}
    if rule_id == PLACE_SAME:
        town = municipality_name(items[0], lang) if items else ""
        return _("Meets people in the same town: %(town)s") % {"town": town}
    if rule_id == PLACE_REMOTE:
        return _("Both are fine with remote meetings")
    if rule_id == INTEREST_SHARED:
        return _("Shared interests: %(items)s") % {"items": _labels(items, lang, known)}
    if rule_id == SKILL_TEACH:
        return _("Can help learn: %(items)s") % {"items": _labels(items, lang, known)}
    if rule_id == CAPACITY_LEFT:
        count = int(items[0]) if items else 0
        return ngettext("%(count)s free place", "%(count)s free places", count) % {"count": count}
    return rule_id


def reason_texts(
    scored: Scored,
    lang: str,
    known: Mapping[str, str] | None = None,
    levels: Mapping[str, str] | None = None,
) -> list[str]:
    return [reason_text(r.rule_id, r.items, lang, known, levels) for r in scored.reasons]


def language_points() -> dict[str, float]:
    """Points of the three language rules (only the best one counts), for the explanation."""
    points = load_mentor_rules().points
    return {
        "own": points[LANGUAGE_OWN],
        "wanted": points[LANGUAGE_WANTED],
        "shared": points[LANGUAGE_SHARED],
    }


def explanation_data(scored: Scored) -> list[dict[str, Any]]:
    """What is stored in `Mentoring.explanation`: the reasons as data with the rules' version
    (`stored_reason_texts` turns them into text again)."""
    return [
        {"rule": r.rule_id, "points": r.points, "items": list(r.items), "version": scored.version}
        for r in scored.reasons
    ]


def stored_reason_texts(explanation: Sequence[Mapping[str, Any]], lang: str) -> list[str]:
    return [
        reason_text(str(item.get("rule", "")), [str(i) for i in item.get("items") or []], lang)
        for item in explanation
        if isinstance(item, Mapping)
    ]


def max_score() -> float:
    return load_mentor_rules().max_score


def request_summary(request: MentorRequest, lang: str) -> dict[str, Any]:
    """What the request asks, for the staff page (staff see the participant's full name)."""
    town = request.region or (
        Intake.objects.filter(participant_id=request.participant_id)
        .values_list("municipality_code", flat=True)
        .first()
        or ""
    )
    spoken = SpokenLanguage.objects.filter(participant_id=request.participant_id).order_by("id")
    return {
        "first_name": request.participant.first_name,
        "name": request.participant.full_name,
        "goals": request.goals,
        "languages": [language_name(code, lang) for code in request.languages or []],
        "spoken": [(language_name(s.language, lang), level_name(s.level, lang)) for s in spoken],
        "town": municipality_name(town, lang) if town else "",
        "wants_remote": request.wants_remote,
        "skills_to_learn": [skill_label(uri, lang) or uri for uri in request.skills_to_learn or []],
    }


# --- one request -------------------------------------------------------------------------


@dataclass
class MentorOption:
    mentor: PoolMentor
    scored: Scored
    reasons: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.scored.score


def _rank_key(option: MentorOption) -> tuple[float, int, int]:
    """Best score first; on equal points the mentor with more free places, then the one added
    earlier (lower user id). The page explains this in one line."""
    return (-option.score, -option.mentor.candidate.capacity_left, option.mentor.user.pk)


def _skill_labels(pool: Sequence[PoolMentor]) -> dict[str, str]:
    from kohtaanto.mentoring.models import VolunteerSkill

    ids = [m.user.pk for m in pool]
    return dict(
        VolunteerSkill.objects.filter(volunteer__user_id__in=ids).values_list("uri", "label")
    )


def _eligible(request: MentorRequest, organisation: Organisation) -> list[MentorOption]:
    """Eligible mentors for the request, best first (ties: more free places first, then the
    mentor added earlier, i.e. the lower user id), without texts; empty without the
    participant's consent. Mentors already proposed for the participant are out."""
    need = needs_for([request]).get(request.pk)
    if need is None:
        return []
    taken = {m for _p, m in _already_proposed([request.participant_id])}
    rules = load_mentor_rules()
    options = [
        MentorOption(m, s)
        for m in mentor_pool(organisation)
        if m.user.pk not in taken
        for s in [score(need, m.candidate, rules)]
        if s.eligible
    ]
    options.sort(key=_rank_key)
    return options


def ranked_mentors(
    request: MentorRequest,
    organisation: Organisation,
    lang: str,
    limit: int | None = RANK_LIMIT,
) -> list[MentorOption]:
    """The ranked list of the request's page: the best `limit` eligible mentors with their
    reasons in `lang`."""
    options = _eligible(request, organisation)
    chosen = options if limit is None else options[:limit]
    known = _skill_labels([o.mentor for o in chosen])
    for option in chosen:
        option.reasons = reason_texts(option.scored, lang, known, option.mentor.candidate.languages)
    return chosen


def _propose(
    by: Any,
    request: MentorRequest,
    mentor: PoolMentor,
    scored: Scored,
    confirm: bool,
) -> Mentoring:
    mentoring = propose_mentoring(
        request.participant,
        mentor.user,
        by,
        score=scored.score,
        explanation=explanation_data(scored),
        request=request,
    )
    if confirm:
        mentoring = confirm_mentoring(mentoring, by)
    return mentoring


def _unsuitable() -> ValidationFailed:
    message = _("This mentor is not available for this participant. Choose from the list.")
    return ValidationFailed(message, errors={"mentor": [message]})


@transaction.atomic
def choose_mentor(
    by: Any, organisation: Organisation, request: MentorRequest, mentor_id: object
) -> Mentoring:
    """Propose the chosen mentor for the request; a coordinator's choice is confirmed at once
    (then both sides accept on their pages), a coach's waits for a coordinator. The mentor must
    be one of the ranked list's (eligible, free place, not proposed already)."""
    if not may_match(by, organisation):
        raise PermissionDenied
    try:
        wanted = int(str(mentor_id))
    except ValueError:
        raise _unsuitable() from None
    option = next((o for o in _eligible(request, organisation) if o.mentor.user.pk == wanted), None)
    if option is None:
        raise _unsuitable()
    return _propose(by, request, option.mentor, option.scored, is_coordinator(by, organisation))


# --- bulk mode ---------------------------------------------------------------------------


@dataclass
class BulkRow:
    request: MentorRequest
    options: list[MentorOption]
    """Every eligible mentor for the request, best first (what the select offers)."""
    proposed: MentorOption | None
    """The optimal assignment's mentor (None: no mentor left for this participant)."""
    chosen_id: int | None = None
    """What the form has now (the proposal, or the coordinator's change)."""

    @property
    def first_name(self) -> str:
        return self.request.participant.first_name

    @property
    def name(self) -> str:
        """The participant's full name (the bulk page is for coordinators)."""
        return self.request.participant.full_name

    @property
    def chosen(self) -> MentorOption | None:
        return next((o for o in self.options if o.mentor.user.pk == self.chosen_id), None)


@dataclass
class BulkProposal:
    rows: list[BulkRow]
    total: float
    mentors: int
    version: str
    labels: dict[str, str] = field(default_factory=dict)
    """Skill URI → the label the pool stored (for the reasons of a changed row)."""


def bulk_proposal(by: Any, organisation: Organisation) -> BulkProposal:
    """Every open request of the organisation (participants with the matching consent; one
    request per participant, the newest) against the pool: the optimal assignment under the
    mentors' free places, with each row's other eligible mentors. Coordinators only; each
    request shown is audited."""
    if not is_coordinator(by, organisation):
        raise PermissionDenied
    newest: dict[int, MentorRequest] = {}
    for request in requests_visible_to(by, organisation):
        newest.setdefault(request.participant_id, request)
    requests = list(newest.values())
    needs = needs_for(requests)
    pool = mentor_pool(organisation)
    proposed = _already_proposed(r.participant_id for r in requests)
    rules = load_mentor_rules()
    known = _skill_labels(pool)
    rows: list[BulkRow] = []
    per_request: dict[str, list[MentorOption]] = {}
    for request in requests:
        need = needs.get(request.pk)
        if need is None:
            continue
        options = []
        for mentor in pool:
            if (request.participant_id, mentor.user.pk) in proposed:
                continue
            scored = score(need, mentor.candidate, rules)
            if scored.eligible:
                options.append(MentorOption(mentor, scored))
        options.sort(key=_rank_key)
        per_request[need.id] = options
    assignment = assign(
        [needs[r.pk] for r in requests if r.pk in needs],
        [m.candidate for m in pool],
        rules,
        exclude=[
            (str(r.pk), str(mentor_id))
            for r in requests
            for participant_id, mentor_id in proposed
            if participant_id == r.participant_id
        ],
    )
    picked = {p.need_id: p.mentor_id for p in assignment.pairs}
    for request in requests:
        key = str(request.pk)
        if key not in per_request:
            continue
        options = per_request[key]
        option = next((o for o in options if str(o.mentor.user.pk) == picked.get(key)), None)
        rows.append(BulkRow(request, options, option, option.mentor.user.pk if option else None))
    rows.sort(key=lambda row: (row.name.casefold(), row.request.pk))
    for row in rows:  # the page shows what each participant's data matched on
        log_event(by, AuditAction.VIEW, row.request)
    total = sum(row.proposed.score for row in rows if row.proposed)
    return BulkProposal(rows, total, len(pool), rules.version, known)


def _overbooked(
    choices: Mapping[int, int], pool: Mapping[int, PoolMentor]
) -> tuple[list[str], dict[str, list[object]]]:
    counts: dict[int, list[int]] = {}
    for request_id, mentor_id in choices.items():
        counts.setdefault(mentor_id, []).append(request_id)
    messages: list[str] = []
    errors: dict[str, list[object]] = {}
    for mentor_id, request_ids in sorted(counts.items()):
        mentor = pool[mentor_id]
        free = mentor.candidate.capacity_left
        if len(request_ids) > free:
            message = _(
                "%(mentor)s has %(free)s free places, but %(chosen)s participants were "
                "chosen for them. Choose another mentor or leave someone out."
            ) % {"mentor": mentor.name, "free": free, "chosen": len(request_ids)}
            messages.append(message)
            for request_id in request_ids:
                errors.setdefault(f"mentor-{request_id}", []).append(message)
    return messages, errors


@transaction.atomic
def confirm_bulk(
    by: Any, organisation: Organisation, choices: Mapping[int, int | None]
) -> list[Mentoring]:
    """Create and confirm the chosen mentorings (request id → mentor user id; None leaves the
    row out) in one transaction. A mentor chosen beyond their free places, a mentor who is not
    eligible for the row, or a request that is no longer open: a translated error, nothing
    saved."""
    if not is_coordinator(by, organisation):
        raise PermissionDenied
    chosen = {int(r): int(m) for r, m in choices.items() if m is not None}
    if not chosen:
        message = _("Choose a mentor for at least one participant.")
        raise ValidationFailed(message, errors={"": [message]})
    requests = {
        r.pk: r
        for r in _open_requests(organisation)
        .select_related("participant")
        .filter(pk__in=list(chosen))
    }
    errors: dict[str, list[object]] = {}
    gone = _("This request is no longer open. Reload the page.")
    for request_id in chosen:
        if request_id not in requests:
            errors[f"mentor-{request_id}"] = [gone]
    pool = {m.user.pk: m for m in mentor_pool(organisation)}
    messages, overbooked = _overbooked(
        {r: m for r, m in chosen.items() if m in pool and r in requests}, pool
    )
    for key, values in overbooked.items():
        errors.setdefault(key, []).extend(values)
    needs = needs_for(list(requests.values()))
    proposed = _already_proposed(r.participant_id for r in requests.values())
    rules = load_mentor_rules()
    scored: dict[int, Scored] = {}
    unsuitable = _("This mentor is not available for this participant. Choose from the list.")
    for request_id, mentor_id in chosen.items():
        request = requests.get(request_id)
        if request is None:
            continue
        need = needs.get(request_id)
        mentor = pool.get(mentor_id)
        result = score(need, mentor.candidate, rules) if need and mentor else None
        if result is None or not result.eligible or (request.participant_id, mentor_id) in proposed:
            errors.setdefault(f"mentor-{request_id}", []).append(unsuitable)
        else:
            scored[request_id] = result
    if errors:
        summary = " ".join(messages) or _("Some rows cannot be confirmed. Check the marked rows.")
        raise ValidationFailed(summary, errors={"": [summary], **errors})
    created = []
    for request_id, mentor_id in sorted(chosen.items()):
        created.append(
            _propose(by, requests[request_id], pool[mentor_id], scored[request_id], confirm=True)
        )
    return created
