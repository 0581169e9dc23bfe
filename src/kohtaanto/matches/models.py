"""Proposals: a coach proposes a participant to an opportunity; the employer responds.

Written only by `services.py` (every change is audit-logged); the employer sees a proposal
only while the participant's consents allow it (checked on every read, not stored here).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.matches.enums import InterestKind, InterestReason, ProposalStatus
from kohtaanto.opportunities.models import Course, Opportunity
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
    interest = models.ForeignKey(
        "Interest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("proposed from the participant's interest"),
    )
    """Set when the coach proposed from the participant's "I'm interested" answer."""
    answer_seen_by_coach = models.DateTimeField(
        _("employer's answer seen by the coach"), null=True, blank=True
    )
    """Null while the employer's answer (accepted/declined) waits on the coach's home page."""
    answer_seen_by_participant = models.DateTimeField(
        _("employer's answer seen by the participant"), null=True, blank=True
    )

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


class Interest(models.Model):
    """A participant's answer to one suggested opportunity or course: "I'm interested" or
    "not for me" (with an optional reason). Written only by `matches.interests`; the coach
    sees it on the case file and in the caseload until they have seen it (`seen_by_coach`)."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("participant"),
    )
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("opportunity"),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("course"),
    )
    kind = models.CharField(_("answer"), max_length=16, choices=InterestKind.choices)
    reason_code = models.CharField(
        _("reason"), max_length=16, choices=InterestReason.choices, blank=True
    )
    reason = models.TextField(_("in my own words"), blank=True, max_length=500)
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    seen_by_coach = models.DateTimeField(_("seen by the coach"), null=True, blank=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ("participant_id", "-updated", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("participant", "opportunity"),
                condition=models.Q(opportunity__isnull=False),
                name="matches_interest_unique_opportunity",
            ),
            models.UniqueConstraint(
                fields=("participant", "course"),
                condition=models.Q(course__isnull=False),
                name="matches_interest_unique_course",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(opportunity__isnull=False, course__isnull=True)
                    | models.Q(opportunity__isnull=True, course__isnull=False)
                ),
                name="matches_interest_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"interest {self.pk} ({self.kind})"
