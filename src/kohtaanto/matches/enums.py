"""Choices of matches: the states of a proposal."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EMPLOYER_VIEWED = "employer_viewed", _("Seen by the employer")
    ACCEPTED = "accepted", _("Accepted by the employer")
    DECLINED = "declined", _("Declined by the employer")


#: States in which the employer sees the candidate.
VISIBLE_TO_EMPLOYER = (
    ProposalStatus.PROPOSED,
    ProposalStatus.EMPLOYER_VIEWED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.DECLINED,
)

#: Allowed changes of state (from → to). Withdrawn can be proposed again.
TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.PROPOSED: frozenset({ProposalStatus.WITHDRAWN, ProposalStatus.EMPLOYER_VIEWED}),
    ProposalStatus.EMPLOYER_VIEWED: frozenset(
        {ProposalStatus.WITHDRAWN, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED}
    ),
    ProposalStatus.ACCEPTED: frozenset({ProposalStatus.WITHDRAWN}),
    ProposalStatus.DECLINED: frozenset({ProposalStatus.WITHDRAWN}),
    ProposalStatus.WITHDRAWN: frozenset({ProposalStatus.PROPOSED}),
}


class InterestKind(models.TextChoices):
    """The participant's own answer to a suggestion."""

    INTERESTED = "interested", _("I'm interested")
    NOT_FOR_ME = "not_for_me", _("Not for me")


class InterestReason(models.TextChoices):
    """A short reason the participant may pick for "Not for me" (free text beside it)."""

    TOO_FAR = "too_far", _("It is too far away")
    HOURS = "hours", _("The working hours do not suit me")
    NOT_MY_FIELD = "not_my_field", _("I do not want to do this kind of work")
    SKILLS = "skills", _("I do not have the skills for it yet")
    OTHER = "other", _("Something else")
