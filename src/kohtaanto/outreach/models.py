"""Company visits with future-skill interviews (Digiolkkari), the demand signals recognised in
them, and regional interventions (Feeniks).

Written only by `services.py`; read through `access.py` and `selectors.py`. A visit belongs to
one service organisation (and usually to one of its company-visit groups); the visited company
is a `core.Organisation` of kind employer. An interview's text goes through the product's
recognition; each concept found becomes a `DemandSignal` that a person confirms or rejects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language, OrganisationKind
from kohtaanto.core.models import Organisation
from kohtaanto.core.validators import validate_municipality_code
from kohtaanto.groups.models import Group
from kohtaanto.outreach.enums import Certainty, EventKind, SignalKind, SignalStatus, TimeHorizon
from kohtaanto.people.models import Participant

INTERVIEW_MAX_CHARS = 5000


class CompanyVisit(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="company_visits",
        verbose_name=_("service organisation"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_visits",
        verbose_name=_("group"),
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="visits_received",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("company"),
    )
    visited_on = models.DateField(_("date of the visit"))
    visitors = models.ManyToManyField(
        Participant, related_name="company_visits", blank=True, verbose_name=_("who went")
    )
    host_name = models.CharField(_("company representative"), max_length=200, blank=True)
    host_role = models.CharField(_("representative's role"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("company visit")
        verbose_name_plural = _("company visits")
        ordering = ("-visited_on", "-id")
        indexes = [
            models.Index(fields=("organisation", "visited_on"), name="outreach_visit_org_date"),
            models.Index(fields=("employer", "visited_on"), name="outreach_visit_emp_date"),
        ]

    def __str__(self) -> str:
        return f"visit {self.pk}"


class VisitInterview(models.Model):
    """What the company said about future skill needs, in the visitors' words."""

    visit = models.ForeignKey(
        CompanyVisit, on_delete=models.CASCADE, related_name="interviews", verbose_name=_("visit")
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    text = models.TextField(_("what the company said"), max_length=INTERVIEW_MAX_CHARS)
    time_horizon = models.CharField(
        _("when the skills are needed"), max_length=16, choices=TimeHorizon.choices
    )
    certainty = models.CharField(
        _("how sure the company was"), max_length=16, choices=Certainty.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("future-skill interview")
        verbose_name_plural = _("future-skill interviews")
        ordering = ("visit_id", "recorded_at", "id")

    def __str__(self) -> str:
        return f"interview {self.pk}"


class DemandSignal(models.Model):
    """One skill or occupation a company said it needs: recognised in an interview (suggested),
    then confirmed or rejected by the group's leader or a coach. Confirmed signals are the
    input of regional foresight and appear on the company's record."""

    interview = models.ForeignKey(
        VisitInterview,
        on_delete=models.CASCADE,
        related_name="signals",
        verbose_name=_("interview"),
    )
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="demand_signals",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("company"),
    )
    uri = models.CharField(_("concept"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=SignalKind.choices)
    label = models.CharField(_("label"), max_length=255)
    evidence = models.CharField(_("words of the interview"), max_length=500, blank=True)
    score = models.FloatField(_("score"), default=0.0)
    status = models.CharField(
        _("status"), max_length=16, choices=SignalStatus.choices, default=SignalStatus.SUGGESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    time_horizon = models.CharField(
        _("when the skills are needed"), max_length=16, choices=TimeHorizon.choices
    )
    certainty = models.CharField(
        _("how sure the company was"), max_length=16, choices=Certainty.choices
    )
    municipality_code = models.CharField(
        _("municipality"), max_length=3, blank=True, validators=[validate_municipality_code]
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("demand signal")
        verbose_name_plural = _("demand signals")
        ordering = ("interview_id", "-score", "id")
        constraints = [
            models.UniqueConstraint(fields=("interview", "uri"), name="outreach_signal_unique_uri")
        ]
        indexes = [
            models.Index(fields=("employer", "status"), name="outreach_signal_emp_status"),
            models.Index(fields=("municipality_code", "status"), name="outreach_signal_mun"),
        ]

    def __str__(self) -> str:
        return self.label


class Intervention(models.Model):
    """A regional intervention: a place and a triggering event (change negotiations, a layoff,
    a closure) tied to the groups, mentors and partners started for it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    municipality_code = models.CharField(
        _("municipality"), max_length=3, validators=[validate_municipality_code]
    )
    event_kind = models.CharField(_("event"), max_length=32, choices=EventKind.choices)
    company_name = models.CharField(_("company"), max_length=200)
    employer = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
        verbose_name=_("company in the service"),
    )
    event_date = models.DateField(_("date of the event"))
    people_affected = models.PositiveIntegerField(_("people affected"), null=True, blank=True)
    affected_occupations = models.JSONField(_("occupations affected"), default=list, blank=True)
    """ESCO occupation URIs of the people who lose their work (the structural-change watch of
    `kohtaanto.foresight` reads their essential skills)."""
    description = models.TextField(_("description"), blank=True, max_length=4000)
    partners = models.JSONField(_("partner organisations"), default=list, blank=True)
    """Names of the partner organisations (municipality, NGOs, …), as written."""
    groups = models.ManyToManyField(
        Group, related_name="interventions", blank=True, verbose_name=_("groups")
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="interventions",
        blank=True,
        verbose_name=_("mentors"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("regional intervention")
        verbose_name_plural = _("regional interventions")
        ordering = ("-event_date", "-id")

    def __str__(self) -> str:
        return self.name
