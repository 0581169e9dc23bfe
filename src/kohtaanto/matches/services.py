"""Matching in the web app: candidates and proposals (the only writes).

- `suggestions_for(participant)` lives in `matches.suggestions` (re-exported here).
- `candidates_for(user, opportunity)`: the coach's full list (consented participants the user
  may see), each view audited.
- `propose` / `withdraw` / `respond`: the proposal's life; each change audit-logged.
- `employer_candidates(user, opportunity)`: what an employer contact sees — only proposed
  candidates whose consents (matching and showing the profile to employers) still hold.
- `propose_from_interest(by, interest_id)`: the coach turns the participant's "I'm interested"
  into a proposal in one step (`propose` with its consent checks; the proposal remembers the
  interest).
- When the employer answers (`respond`), the proposing coach is told: an e-mail in their own
  language (only the participant's first name) and `employer_answers_for(coach)` on their home
  page until `mark_answer_seen`.

Matching never runs without the matching consent (see `adapters`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import get_visible_or_404, roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
from kohtaanto.matches import adapters
from kohtaanto.matches.enums import (
    TRANSITIONS,
    VISIBLE_TO_EMPLOYER,
    InterestKind,
    ProposalStatus,
)
from kohtaanto.matches.models import Interest, Proposal
from kohtaanto.matches.suggestions import DEFAULT_K as DEFAULT_K
from kohtaanto.matches.suggestions import Suggestion as Suggestion
from kohtaanto.matches.suggestions import Suggestions as Suggestions
from kohtaanto.matches.suggestions import courses_for as courses_for
from kohtaanto.matches.suggestions import matcher
from kohtaanto.matches.suggestions import open_opportunities as open_opportunities
from kohtaanto.matches.suggestions import suggestions_for as suggestions_for
from kohtaanto.matching.explanation import Explanation
from kohtaanto.matching.learning import learning_path
from kohtaanto.opportunities.access import access_opportunity, is_employer_contact_of
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.access import participant_object, participants_visible_to
from kohtaanto.people.consent import consented_ids, has_consent, may_use_for_matching
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

EMPLOYER_PURPOSES = (
    ConsentPurpose.SERVICE_PROCESSING,
    ConsentPurpose.MATCHING,
    ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS,
)
STAFF = {Role.COACH, Role.COORDINATOR}


class MatchNotFound(NotFound, Http404):
    """No such participant, opportunity or proposal for this user (or not allowed to see it):
    a 404 on every layer (web, API, CLI)."""


ProposalNotFound = MatchNotFound


def _opportunity(user: Any, opportunity_id: object) -> Opportunity:
    try:
        return access_opportunity(user, opportunity_id)
    except Http404:
        raise MatchNotFound from None


# --- one opportunity for the participant's own detail page ------------------------------------


def suggestion_for(participant: Participant, opportunity: Opportunity) -> Suggestion | None:
    """The explanation and learning path of one opportunity for the participant (their detail
    page), or None without the matching consent. The caller has loaded both through the access
    helpers (`matches.interests.visible_opportunity`)."""
    profile = adapters.profile_of(participant)
    if profile is None:
        return None
    explanation = matcher().explain(profile, adapters.opportunity_of(opportunity))
    catalogue = adapters.courses(courses_for(participant.organisation_id))
    return Suggestion(
        opportunity, explanation, learning_path(explanation.missing_essential, catalogue)
    )


# --- candidates for an opportunity (staff) --------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    participant: Participant
    explanation: Explanation
    proposal: Proposal | None
    may_propose: bool
    """The participant agreed to be shown to employers."""


def staff_opportunity(user: Any, opportunity_id: object) -> Opportunity:
    """An opportunity for the staff pages: visible and the user is coach/coordinator of the
    managing organisation (an employer contact gets `NotFound`)."""
    opportunity = _opportunity(user, opportunity_id)
    if not roles_of(user, opportunity.organisation_id) & STAFF:
        raise MatchNotFound
    return opportunity


def candidates_for(user: Any, opportunity: Opportunity, *, k: int = 50) -> list[Candidate]:
    """Participants of the managing organisation that `user` may see and who consented to
    matching, best first (only eligible ones). Each candidate shown is an audited view."""
    pool = participants_visible_to(user).filter(organisation_id=opportunity.organisation_id)
    profiles = adapters.consented_profiles(pool)
    ranked = matcher().suggest_candidates(
        adapters.opportunity_of(opportunity), profiles.values(), k=k
    )
    ids = [int(e.profile_id) for e in ranked]
    people = Participant.objects.in_bulk(ids)
    proposals = {p.participant_id: p for p in Proposal.objects.filter(opportunity=opportunity)}
    sharing = consented_ids(ids, EMPLOYER_PURPOSES)
    result = []
    for explanation in ranked:
        participant = people[int(explanation.profile_id)]
        if participant.user_id != getattr(user, "pk", None):
            log_event(user, AuditAction.VIEW, participant)
        result.append(
            Candidate(
                participant,
                explanation,
                proposals.get(participant.pk),
                participant.pk in sharing,
            )
        )
    return result


# --- proposals -------------------------------------------------------------------------------


def _consent_error(message: Any) -> ValidationFailed:
    return ValidationFailed(errors={"": [message]}, code="consent_missing")


def propose(
    by: Any, participant_id: object, opportunity_id: object, *, interest: Interest | None = None
) -> Proposal:
    """A coach (or coordinator) proposes a participant to an opportunity's employer.

    Needs: the user sees the participant and manages the opportunity (same organisation),
    the opportunity is open and has an employer, and the participant has the matching and the
    "show my profile to employers" consents. A withdrawn proposal is made again.
    """
    opportunity = staff_opportunity(by, opportunity_id)
    participant = get_visible_or_404(
        participants_visible_to(by), participant_id, not_found=MatchNotFound
    )
    if (
        participant.user_id == getattr(by, "pk", None)
        or participant.organisation_id != opportunity.organisation_id
    ):
        raise MatchNotFound
    if opportunity.status != OpportunityStatus.OPEN or opportunity.employer_id is None:
        raise ValidationFailed(
            errors={"": [_("Only an open opportunity with an employer can get candidates.")]},
            code="not_open",
        )
    if not may_use_for_matching(participant):
        raise _consent_error(_("The participant has not agreed to matching."))
    if not has_consent(participant, ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS):
        raise _consent_error(_("The participant has not agreed to be shown to employers."))
    profile = adapters.profile_of(participant, also_for=EMPLOYER_PURPOSES)
    if profile is None:  # withdrawn since the checks above
        raise _consent_error(_("The participant has not agreed to be shown to employers."))
    explanation = matcher().explain(profile, adapters.opportunity_of(opportunity))
    now = timezone.now()
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .filter(participant=participant, opportunity=opportunity)
            .first()
        )
        if proposal is not None and proposal.status != ProposalStatus.WITHDRAWN:
            raise Conflict(_("This participant has already been proposed."), code="proposed")
        if proposal is None:
            proposal = Proposal(participant=participant, opportunity=opportunity, created=now)
            action = AuditAction.CREATE
        else:
            action = AuditAction.CHANGE
        proposal.status = ProposalStatus.PROPOSED
        proposal.score = explanation.score
        proposal.rules_version = explanation.rules_version
        proposal.proposed_by = by
        proposal.status_changed = now
        proposal.interest = interest
        proposal.answer_seen_by_coach = None
        proposal.answer_seen_by_participant = None
        proposal.save()
        log_event(by, action, proposal, organisation=participant.organisation)
    return proposal


def propose_from_interest(by: Any, interest_id: object) -> Proposal:
    """Propose the participant to the opportunity they said "I'm interested" in: one step for
    the coach, through `propose` (same access and consent checks)."""
    interest = participant_object(
        by,
        Interest.objects.select_related("opportunity"),
        interest_id,
        not_found=MatchNotFound,
    )
    if interest.participant.user_id == getattr(by, "pk", None):
        raise MatchNotFound
    if interest.kind != InterestKind.INTERESTED or interest.opportunity_id is None:
        raise ValidationFailed(
            errors={
                "": [_("Only an opportunity the participant is interested in can be proposed.")]
            },
            code="not_interested",
        )
    return propose(by, interest.participant_id, interest.opportunity_id, interest=interest)


def _proposal_for_staff_or_self(by: Any, proposal_id: object) -> Proposal:
    return participant_object(
        by,
        Proposal.objects.select_related("opportunity"),
        proposal_id,
        not_found=ProposalNotFound,
    )


def _move(proposal: Proposal, to: ProposalStatus, by: Any) -> Proposal:
    if to not in TRANSITIONS[proposal.status]:
        raise Conflict(_("The proposal cannot change like that now."), code="bad_transition")
    proposal.status = to
    proposal.status_changed = timezone.now()
    with transaction.atomic():
        proposal.save(update_fields=["status", "status_changed"])
        log_event(by, AuditAction.CHANGE, proposal, organisation=proposal.participant.organisation)
    return proposal


def withdraw(by: Any, proposal_id: object) -> Proposal:
    """Withdraw a proposal: the participant themself, or staff who see the participant."""
    return _move(_proposal_for_staff_or_self(by, proposal_id), ProposalStatus.WITHDRAWN, by)


# --- the employer's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class SharedCandidate:
    """What an employer contact may see of a proposed participant."""

    proposal: Proposal
    first_name: str
    skills: tuple[str, ...]
    """Confirmed skill URIs (labels are looked up by the page)."""
    occupations: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    explanation: Explanation
    coach_name: str
    coach_email: str


def employer_opportunity(user: Any, opportunity_id: object) -> Opportunity:
    opportunity = _opportunity(user, opportunity_id)
    if not is_employer_contact_of(user, opportunity):
        raise MatchNotFound
    return opportunity


def participant_proposals(participant: Any, status: str | None = None) -> QuerySet[Proposal]:
    """A participant's proposals, latest first, for a reader already let in (the API)."""
    found = Proposal.objects.filter(participant=participant).select_related("opportunity")
    if status:
        found = found.filter(status=status)
    return found.order_by("-created", "-id")


def employer_proposals(opportunity: Opportunity) -> QuerySet[Proposal]:
    """Proposals the employer may see now: a visible state and the consents still given."""
    proposals = Proposal.objects.filter(opportunity=opportunity, status__in=VISIBLE_TO_EMPLOYER)
    ids = consented_ids(proposals.values_list("participant_id", flat=True), EMPLOYER_PURPOSES)
    return proposals.filter(participant_id__in=ids).select_related("participant", "proposed_by")


def employer_proposal_counts(opportunity_ids: Iterable[int]) -> dict[int, Counter[str]]:
    """For each of the opportunities, how many proposals in each state its employer may see now
    (`employer_proposals`' rule: a visible state and the consents still given), in two queries
    however many opportunities (the employer's home page)."""
    rows = list(
        Proposal.objects.filter(
            opportunity_id__in=list(opportunity_ids), status__in=VISIBLE_TO_EMPLOYER
        ).values_list("opportunity_id", "participant_id", "status")
    )
    consented = consented_ids({pid for _o, pid, _s in rows}, EMPLOYER_PURPOSES)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for opportunity_id, participant_id, state in rows:
        if participant_id in consented:
            counts[opportunity_id][str(state)] += 1
    return dict(counts)


def employer_candidates(user: Any, opportunity: Opportunity) -> list[SharedCandidate]:
    """The proposed candidates of `opportunity` for its employer contact (audited views; a
    first view moves the proposal to "seen by the employer")."""
    if not is_employer_contact_of(user, opportunity):
        raise MatchNotFound
    proposals = list(employer_proposals(opportunity).order_by("-score", "created", "id"))
    profiles = adapters.consented_profiles(
        [p.participant_id for p in proposals], also_for=EMPLOYER_PURPOSES
    )
    scorer = matcher()
    target = adapters.opportunity_of(opportunity)
    result = []
    for proposal in proposals:
        profile = profiles.get(proposal.participant_id)
        if profile is None:  # a consent withdrawn a moment ago
            continue
        log_event(user, AuditAction.VIEW, proposal.participant)
        if proposal.status == ProposalStatus.PROPOSED:
            _move(proposal, ProposalStatus.EMPLOYER_VIEWED, user)
        coach = proposal.proposed_by
        result.append(
            SharedCandidate(
                proposal=proposal,
                first_name=proposal.participant.first_name,
                skills=tuple(sorted(profile.skills)),
                occupations=tuple(sorted(profile.occupations)),
                languages=tuple(sorted(profile.languages.items())),
                explanation=scorer.explain(profile, target),
                coach_name=(coach.get_full_name() or coach.get_username()) if coach else "",
                coach_email=coach.email if coach else "",
            )
        )
    return result


def respond(by: Any, proposal_id: object, accept: bool) -> Proposal:
    """The employer contact accepts or declines a proposed candidate."""
    try:
        pk = int(str(proposal_id))
    except ValueError:
        raise ProposalNotFound from None
    proposal = Proposal.objects.select_related("opportunity", "participant").filter(pk=pk).first()
    if proposal is None or not is_employer_contact_of(by, proposal.opportunity):
        raise ProposalNotFound
    if not employer_proposals(proposal.opportunity).filter(pk=proposal.pk).exists():
        raise ProposalNotFound
    if proposal.status == ProposalStatus.PROPOSED:
        _move(proposal, ProposalStatus.EMPLOYER_VIEWED, by)
    proposal = _move(proposal, ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED, by)
    proposal.answer_seen_by_coach = None
    proposal.answer_seen_by_participant = None
    proposal.save(update_fields=["answer_seen_by_coach", "answer_seen_by_participant"])
    _tell_coach(proposal)
    return proposal


# --- telling the coach about the employer's answer -------------------------------------------

ANSWERED = (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED)


def _tell_coach(proposal: Proposal) -> None:
    """E-mail the proposing coach in their own language. Only the participant's first name and
    the opportunity's title: the rest is read after logging in."""
    coach = proposal.proposed_by
    if coach is None or not coach.email or not coach.is_active:
        return
    language = getattr(coach, "preferred_language", "") or "fi"
    with translation.override(language):
        accepted = proposal.status == ProposalStatus.ACCEPTED
        subject = (
            gettext("The employer accepted your proposal")
            if accepted
            else gettext("The employer declined your proposal")
        )
        values = {
            "first_name": proposal.participant.first_name,
            "title": proposal.opportunity.title,
        }
        answer = (
            gettext("The employer accepted %(first_name)s for %(title)s.")
            if accepted
            else gettext("The employer declined %(first_name)s for %(title)s.")
        ) % values
        body = "\n\n".join(
            [
                answer,
                gettext(
                    "Log in to Kohtaanto to see the answer and to agree on the next steps with "
                    "the participant. You see the answer on your home page."
                ),
            ]
        )
    send_mail(subject, body, None, [coach.email], fail_silently=True)


def employer_answers_for(user: Any) -> list[Proposal]:
    """The employer answers to `user`'s proposals that `user` has not seen yet, newest first
    (only participants the user still sees)."""
    visible = participants_visible_to(user).values("pk")
    return list(
        Proposal.objects.filter(
            proposed_by=getattr(user, "pk", None),
            status__in=ANSWERED,
            answer_seen_by_coach__isnull=True,
            participant__in=visible,
        )
        .select_related("participant", "opportunity__employer")
        .order_by("-status_changed", "-id")
    )


def mark_answer_seen(by: Any, proposal_id: object) -> Proposal:
    """The proposing coach (or staff who see the participant) has seen the employer's answer."""
    proposal = _proposal_for_staff_or_self(by, proposal_id)
    if proposal.participant.user_id == getattr(by, "pk", None):
        raise ProposalNotFound
    if proposal.answer_seen_by_coach is None:
        proposal.answer_seen_by_coach = timezone.now()
        with transaction.atomic():
            proposal.save(update_fields=["answer_seen_by_coach"])
            log_event(
                by, AuditAction.CHANGE, proposal, organisation=proposal.participant.organisation
            )
    return proposal


def new_answers_for_participant(participant: Participant) -> list[Proposal]:
    """Employer answers the participant has not seen yet (their own home page)."""
    return list(
        Proposal.objects.filter(
            participant=participant, status__in=ANSWERED, answer_seen_by_participant__isnull=True
        ).select_related("opportunity__employer")
    )


def mark_answers_seen_by_participant(by: Any, participant: Participant) -> int:
    """The participant has seen the employer answers to their proposals (their own page)."""
    if participant.user_id != getattr(by, "pk", None):
        raise MatchNotFound
    return Proposal.objects.filter(
        participant=participant, status__in=ANSWERED, answer_seen_by_participant__isnull=True
    ).update(answer_seen_by_participant=timezone.now())
