"""Vocational qualifications, their units and skill requirements from ePerusteet, and the ESCO
skills each requirement maps to (for recognising learning in a work trial: opinnollistaminen).

National reference data: no organisation owns it and it holds no personal data. Written only
by `services.py` (the import and the mapping decisions); read through `selectors.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.qualifications.enums import MappingStatus


def _in(lang: str, fi: str, sv: str, en: str) -> str:
    """The text in `lang`, else Finnish, else any language there is."""
    chosen = {"fi": fi, "sv": sv, "en": en}.get(lang[:2] if lang else "fi", fi)
    return chosen or fi or sv or en


class Qualification(models.Model):
    """A qualification (*tutkinto*, an ePerusteet *peruste*)."""

    eperusteet_id = models.BigIntegerField(_("ePerusteet id"), unique=True)
    diary_number = models.CharField(_("diary number"), max_length=60, blank=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=500, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=500, blank=True)
    name_en = models.CharField(_("name in English"), max_length=500, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    source = models.CharField(_("source"), max_length=300, blank=True)
    """Where the last import came from: a file name or an ePerusteet address."""

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ("name_fi", "id")

    def __str__(self) -> str:
        return self.name("fi")

    def name(self, lang: str = "fi") -> str:
        return _in(lang, self.name_fi, self.name_sv, self.name_en)


class QualificationUnit(models.Model):
    """A unit of a qualification (*tutkinnon osa*); the same unit can belong to several."""

    eperusteet_id = models.BigIntegerField(_("ePerusteet id"), unique=True)
    code = models.CharField(_("code"), max_length=100, blank=True, db_index=True)
    """The code URI, e.g. `tutkinnonosat_106003` (several versions of a unit share it)."""
    name_fi = models.CharField(_("name in Finnish"), max_length=500, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=500, blank=True)
    name_en = models.CharField(_("name in English"), max_length=500, blank=True)
    scope_points = models.DecimalField(
        _("scope (competence points)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    qualifications = models.ManyToManyField(
        Qualification, related_name="units", blank=True, verbose_name=_("qualifications")
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("qualification unit")
        verbose_name_plural = _("qualification units")
        ordering = ("name_fi", "id")

    def __str__(self) -> str:
        return self.name("fi")

    def name(self, lang: str = "fi") -> str:
        return _in(lang, self.name_fi, self.name_sv, self.name_en)

    @property
    def short_code(self) -> str:
        """The code as people write it (`106003`), without the code URI's `tutkinnonosat_`."""
        return self.code.removeprefix("tutkinnonosat_")


class SkillRequirement(models.Model):
    """One vocational skill requirement (*ammattitaitovaatimus*) of a unit. A requirement that
    a later import no longer has is kept inactive (`active=False`), so that what was shown
    against it in a work trial keeps its meaning."""

    unit = models.ForeignKey(
        QualificationUnit,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("qualification unit"),
    )
    ordinal = models.PositiveIntegerField(_("number"))
    heading_fi = models.TextField(_("heading in Finnish"), blank=True)
    heading_sv = models.TextField(_("heading in Swedish"), blank=True)
    heading_en = models.TextField(_("heading in English"), blank=True)
    text_fi = models.TextField(_("text in Finnish"), blank=True)
    text_sv = models.TextField(_("text in Swedish"), blank=True)
    text_en = models.TextField(_("text in English"), blank=True)
    active = models.BooleanField(_("in the current requirements"), default=True)

    class Meta:
        verbose_name = _("skill requirement")
        verbose_name_plural = _("skill requirements")
        ordering = ("unit_id", "-active", "ordinal", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "ordinal"),
                condition=Q(active=True),
                name="qualifications_requirement_unique_ordinal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ordinal}. {self.text('fi')}"

    def text(self, lang: str = "fi") -> str:
        return _in(lang, self.text_fi, self.text_sv, self.text_en)

    def heading(self, lang: str = "fi") -> str:
        return _in(lang, self.heading_fi, self.heading_sv, self.heading_en)


class RequirementSkill(models.Model):
    """An ESCO skill (or knowledge, competence) a skill requirement maps to: suggested by
    recognition, or confirmed or rejected by a coach or coordinator (`decided_by`)."""

    requirement = models.ForeignKey(
        SkillRequirement,
        on_delete=models.CASCADE,
        related_name="skills",
        verbose_name=_("skill requirement"),
    )
    uri = models.CharField(_("concept URI"), max_length=255)
    label = models.CharField(_("label"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MappingStatus.choices, default=MappingStatus.SUGGESTED
    )
    cue = models.CharField(_("words of the requirement"), max_length=200, blank=True)
    """The words of the requirement text that gave rise to a suggestion, or ""."""
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("skill of a requirement")
        verbose_name_plural = _("skills of requirements")
        ordering = ("requirement_id", "status", "label", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("requirement", "uri"), name="qualifications_skill_unique_uri"
            )
        ]

    def __str__(self) -> str:
        return self.label or self.uri
