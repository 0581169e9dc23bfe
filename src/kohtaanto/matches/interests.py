"""The participant's answers to suggestions ("I'm interested" / "Not for me"): the ONE write
path of `Interest`, and its reads.

Writes (each audit-logged with `core.audit.log_event`):
- `mark_interest(by, participant, target, kind, reason="")`: only the participant themself, for
  their own record, about an opportunity or course they may see (their organisation's open
  opportunities; the shared course catalogue and their organisation's courses). Answering again
  changes the same row (and shows it to the coach as new again).
- `clear_interest(by, participant, target)`: the participant takes their answer back.
- `mark_seen(by, participant)`: a coach or coordinator of the participant has seen the answers
  (the case file's "Suggested opportunities" tab calls it).

Reads:
- `interests_of(participant)`: newest first, with the opportunity (and employer) or course.
- `answers_by_target(participant)`: {("opportunity" | "course", id): Interest} for the cards.
- `unseen_counts(participant_ids)`: {participant id: answers the coach has not seen} in ONE query.
- `with_unseen_counts(queryset)`: a participant queryset annotated with `new_answers` (the
  caseload's badge and its "has new answers" filter).
- `not_for_me_of(participant_id) -> list[Interest]`: the participant's "Not for me" answers, for
  `matches.suggestions` to lower similar suggestions.
- `visible_opportunity(participant, id)` / `visible_course(participant, id)`: what a participant
  may open (else `InterestNotFound`, a 404 on every layer).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import get_visible_or_404
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.matches.enums import InterestKind, InterestReason
from kohtaanto.matches.models import Interest
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.people.access import is_self, is_staff_of
from kohtaanto.people.models import Participant

REASON_MAX_LENGTH = 500

Target = Opportunity | Course


class InterestNotFound(NotFound, Http404):
    """No such opportunity, course or answer for this user (or not theirs): 404 everywhere."""


# --- what a participant may open ----------------------------------------------------------
# (the same rows as `matches.suggestions.open_opportunities` / `courses_for`; not imported from
# there because `suggestions` imports this module for `not_for_me_of`)


def open_opportunities(organisation_id: int) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(
        organisation_id=organisation_id, status=OpportunityStatus.OPEN
    ).select_related("employer")


def courses_for(organisation_id: int) -> QuerySet[Course]:
    return Course.objects.filter(Q(organisation__isnull=True) | Q(organisation_id=organisation_id))


def visible_opportunity(participant: Participant, opportunity_id: object) -> Opportunity:
    """An open opportunity of the participant's service organisation, else `InterestNotFound`."""
    return get_visible_or_404(
        open_opportunities(participant.organisation_id).select_related("organisation"),
        opportunity_id,
        not_found=InterestNotFound,
    )


def visible_course(participant: Participant, course_id: object) -> Course:
    """A course of the shared catalogue or of the participant's organisation."""
    return get_visible_or_404(
        courses_for(participant.organisation_id).prefetch_related("skills"),
        course_id,
        not_found=InterestNotFound,
    )


def _target_filter(target: Target) -> dict[str, Any]:
    if isinstance(target, Opportunity):
        return {"opportunity": target}
    if isinstance(target, Course):
        return {"course": target}
    raise TypeError("target must be an Opportunity or a Course")


def _may_see(participant: Participant, target: Target) -> bool:
    if isinstance(target, Opportunity):
        return open_opportunities(participant.organisation_id).filter(pk=target.pk).exists()
    return courses_for(participant.organisation_id).filter(pk=target.pk).exists()


def _require_self(by: Any, participant: Participant) -> None:
    if not is_self(by, participant):
        raise InterestNotFound


# --- writes ---------------------------------------------------------------------------------


def mark_interest(
    by: Any,
    participant: Participant,
    target: Target,
    kind: str,
    reason: str = "",
    reason_code: str = "",
) -> Interest:
    """The participant answers a suggestion: "I'm interested" or "Not for me", with an optional
    reason (`reason_code`, one of `InterestReason`, and/or `reason`, the person's own words, at
    most 500 characters). A second answer changes the first; the coach sees it as new again."""
    _require_self(by, participant)
    if not _may_see(participant, target):
        raise InterestNotFound
    errors: dict[str, list[Any]] = {}
    if kind not in InterestKind.values:
        errors["kind"] = [_("Choose one of the answers.")]
    if reason_code and reason_code not in InterestReason.values:
        errors["reason_code"] = [_("Choose one of the reasons.")]
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = [_("Write at most %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}]
    if errors:
        raise ValidationFailed(errors=errors)
    now = timezone.now()
    where = _target_filter(target)
    with transaction.atomic():
        interest = (
            Interest.objects.select_for_update().filter(participant=participant, **where).first()
        )
        if interest is None:
            interest = Interest(participant=participant, created=now, **where)
            action = AuditAction.CREATE
        else:
            if (interest.kind, interest.reason, interest.reason_code) == (
                kind,
                reason,
                reason_code,
            ):
                return interest  # nothing changed: no new event, the coach's "seen" stays
            action = AuditAction.CHANGE
        interest.kind = kind
        interest.reason = reason
        interest.reason_code = reason_code
        interest.updated = now
        interest.seen_by_coach = None
        interest.save()
        log_event(by, action, interest, organisation=participant.organisation)
    return interest


def clear_interest(by: Any, participant: Participant, target: Target) -> bool:
    """The participant takes their answer back (True if there was one)."""
    _require_self(by, participant)
    with transaction.atomic():
        interest = (
            Interest.objects.select_for_update()
            .filter(participant=participant, **_target_filter(target))
            .first()
        )
        if interest is None:
            return False
        log_event(by, AuditAction.DELETE, interest, organisation=participant.organisation)
        interest.delete()
    return True


def mark_seen(by: Any, participant: Participant) -> int:
    """A coach or coordinator of the participant has seen the answers: how many were new."""
    if is_self(by, participant) or not is_staff_of(by, participant):
        raise InterestNotFound
    now = timezone.now()
    with transaction.atomic():
        new = list(
            Interest.objects.select_for_update().filter(
                participant=participant, seen_by_coach__isnull=True
            )
        )
        for interest in new:
            interest.seen_by_coach = now
            interest.save(update_fields=["seen_by_coach"])
            log_event(by, AuditAction.CHANGE, interest, organisation=participant.organisation)
    return len(new)


# --- reads ----------------------------------------------------------------------------------


def interests_of(participant: Participant, kind: str | None = None) -> list[Interest]:
    """The participant's answers, newest first (the caller has accessed the participant)."""
    rows = Interest.objects.filter(participant=participant)
    if kind:
        rows = rows.filter(kind=kind)
    return list(
        rows.select_related("opportunity__employer", "course")
        .prefetch_related("proposals")
        .order_by("-updated", "-id")
    )


def answers_by_target(participant: Participant) -> dict[tuple[str, int], Interest]:
    """{("opportunity", id) or ("course", id): the participant's answer} (one query)."""
    result: dict[tuple[str, int], Interest] = {}
    for interest in Interest.objects.filter(participant=participant):
        if interest.opportunity_id is not None:
            result[("opportunity", interest.opportunity_id)] = interest
        elif interest.course_id is not None:
            result[("course", interest.course_id)] = interest
    return result


def unseen_counts(participant_ids: Iterable[int]) -> dict[int, int]:
    """{participant id: answers the coach has not seen yet} for many participants, one query.
    Participants without new answers are left out."""
    ids = list(participant_ids)
    if not ids:
        return {}
    rows = (
        Interest.objects.filter(participant_id__in=ids, seen_by_coach__isnull=True)
        .values("participant_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["participant_id"]: row["n"] for row in rows}


def unseen_count(participant: Participant) -> int:
    return unseen_counts([participant.pk]).get(participant.pk, 0)


def with_unseen_counts(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Annotate `new_answers` (answers the coach has not seen) in the same query."""
    unseen = (
        Interest.objects.filter(participant=OuterRef("pk"), seen_by_coach__isnull=True)
        .order_by()
        .values("participant")
        .annotate(n=Count("id"))
        .values("n")
    )
    return participants.annotate(
        new_answers=Coalesce(Subquery(unseen, output_field=IntegerField()), Value(0))
    )


def not_for_me_of(participant_id: int) -> list[Interest]:
    """The participant's "Not for me" answers, newest first, with the opportunity (and its
    skills) or the course.

    For `matches.suggestions`: an answered opportunity can be lowered or left out, and others
    sharing its occupation or most of its skills lowered ("not for me" lowers similar
    suggestions). Only the participant's own answers; the caller has already checked that
    matching may run for this participant (consent). `reason` is the person's own words: use
    it to explain, never as a matching feature.
    """
    return list(
        Interest.objects.filter(participant_id=participant_id, kind=InterestKind.NOT_FOR_ME)
        .select_related("opportunity", "course")
        .prefetch_related("opportunity__skills")
        .order_by("-updated", "-id")
    )
