"""Proposals: a coach proposes a participant to an opportunity; the employer responds.

Written only by `services.py` (every change is audit-logged); the employer sees a proposal
only while the participant's consents allow it (checked on every read, not stored here).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.models import Participant


class Proposal(models.Model):
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("participant"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("opportunity"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    score = models.FloatField(_("match"), default=0.0)
    """The match score when proposed (for the record; pages recompute the explanation)."""
    rules_version = models.CharField(_("rules"), max_length=40, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created = models.DateTimeField(_("proposed"), default=timezone.now)
    status_changed = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ("opportunity_id", "-created", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "opportunity"), name="matches_proposal_unique"
            )
        ]
        indexes = [
            models.Index(fields=("opportunity", "status"), name="matches_proposal_opp_status")
        ]

    def __str__(self) -> str:
        return f"proposal {self.pk} ({self.status})"
