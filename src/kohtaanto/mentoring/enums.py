"""Choices of the volunteer pool and mentoring relationships."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VolunteerRole(models.TextChoices):
    GROUP_LEADER = "group_leader", _("Group leader")
    INDIVIDUAL_MENTOR = "individual_mentor", _("Individual mentor")
    PEER_FACILITATOR = "peer_facilitator", _("Peer facilitator")
    SUPPORT_LINE = "support_line", _("Support-line volunteer")
    LEARNING_MENTOR = "learning_mentor", _("Learning mentor")
    SPARRING_PARTNER = "sparring_partner", _("Professional sparring partner")


MENTOR_ROLES = frozenset(
    {
        VolunteerRole.GROUP_LEADER,
        VolunteerRole.INDIVIDUAL_MENTOR,
        VolunteerRole.PEER_FACILITATOR,
        VolunteerRole.LEARNING_MENTOR,
        VolunteerRole.SPARRING_PARTNER,
    }
)
"""Roles that may have mentees (a support-line-only volunteer sees no participants)."""


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MentoringStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed by the coordinator")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = frozenset(
    {MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED, MentoringStatus.ACTIVE}
)
"""Statuses that take a place of the mentor's capacity."""


class SharedSection(models.TextChoices):
    """What a participant may share with their mentor (nothing else of the record is shown)."""

    GOALS = "goals", _("My goals")
    SKILLS = "skills", _("My confirmed skills")
    LANGUAGES = "languages", _("My languages")
    CONTACT = "contact", _("My e-mail and phone")
