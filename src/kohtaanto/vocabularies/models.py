"""The database copy of a taxonomy, for search-as-you-type pickers and display.

Written only by `services.import_taxonomy`; read through `selectors` and `provider` (which
loads the active vocabulary for recognition, matching and labels). A concept URI is unique
within a vocabulary (two vocabularies, e.g. the starter set and ESCO, may share URIs).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.vocabularies.enums import (
    ConceptKind,
    LabelType,
    SkillRelationType,
    SynonymKind,
    SynonymSetStatus,
)

SEARCH_TEXT_LENGTH = 255


class Vocabulary(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    version = models.CharField(_("version"), max_length=1000, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    concept_count = models.PositiveIntegerField(_("concepts"), default=0)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    active = models.BooleanField(default=False)  # verbose name "active" (no catalog entry yet)
    """The one vocabulary that recognition, matching and labels use (`provider`); importing a
    vocabulary makes it the active one. At most one row is active."""

    class Meta:
        verbose_name = _("vocabulary")
        verbose_name_plural = _("vocabularies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="vocab_one_active"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Concept(models.Model):
    vocabulary = models.ForeignKey(
        Vocabulary, on_delete=models.CASCADE, related_name="concepts", verbose_name=_("vocabulary")
    )
    uri = models.CharField(_("URI"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=ConceptKind.choices)
    code = models.CharField(_("code"), max_length=50, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=50, blank=True)
    collections = models.JSONField(_("collections"), default=list, blank=True)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["uri"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "uri"], name="vocab_concept_uri_unique")
        ]
        indexes = [
            models.Index(fields=["uri"], name="vocab_concept_uri_idx"),
            models.Index(fields=["kind"], name="vocab_concept_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.uri


class ConceptLabel(models.Model):
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="labels", verbose_name=_("concept")
    )
    language = models.CharField(_("language"), max_length=16)
    label_type = models.CharField(_("label type"), max_length=12, choices=LabelType.choices)
    text = models.TextField(_("text"))
    search_text = models.CharField(_("search text"), max_length=SEARCH_TEXT_LENGTH)
    """`text` normalised (NFKC, case-folded, single spaces) for prefix and substring search."""

    class Meta:
        verbose_name = _("concept label")
        verbose_name_plural = _("concept labels")
        indexes = [
            models.Index(fields=["language", "search_text"], name="vocab_label_search_idx"),
        ]

    def __str__(self) -> str:
        return self.text


class ConceptBroader(models.Model):
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="broader_links")
    broader = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="narrower_links")

    class Meta:
        verbose_name = _("broader concept")
        verbose_name_plural = _("broader concepts")
        constraints = [
            models.UniqueConstraint(fields=["concept", "broader"], name="vocab_broader_unique")
        ]

    def __str__(self) -> str:
        return f"{self.concept_id} → {self.broader_id}"


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="occupation_links")
    relation = models.CharField(_("relation"), max_length=10, choices=SkillRelationType.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="vocab_occ_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.skill_id} ({self.relation})"


class SkillSkillRelation(models.Model):
    source = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="related_skills")
    target = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=10, choices=SkillRelationType.choices)

    class Meta:
        verbose_name = _("skill relation")
        verbose_name_plural = _("skill relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "relation"], name="vocab_skill_skill_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id} ({self.relation})"


class SynonymSet(models.Model):
    """An organisation's own labels for concepts (a synonym CSV, `kohtaanto.taxonomy.synonyms`).

    Imported as a draft; only a set a coordinator or superuser has reviewed reaches recognition
    (`provider` applies every reviewed set to the taxonomy it serves, and its fingerprint
    changes when a set is reviewed or retired). Reviewing a newer version of the same name
    retires the one reviewed before. Rows never change after the import: a new version is a new
    set. Written only by `services` (`import_synonym_set`, `review_synonym_set`,
    `retire_synonym_set`)."""

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="synonym_sets",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    version = models.CharField(_("version"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SynonymSetStatus.choices, default=SynonymSetStatus.DRAFT
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    """Rows that were not taken or whose concept is unknown: [{"line": n, "message": "…"}]."""
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["organisation_id", "name", "-created"]
        indexes = [models.Index(fields=["status"], name="vocab_synset_status_idx")]

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()


class Synonym(models.Model):
    synonym_set = models.ForeignKey(
        SynonymSet, on_delete=models.CASCADE, related_name="rows", verbose_name=_("synonym set")
    )
    line = models.PositiveIntegerField(_("line"))
    label = models.CharField(_("label"), max_length=200)
    concept_uri = models.CharField(_("URI"), max_length=500)
    language = models.CharField(_("language"), max_length=16)
    kind = models.CharField(
        _("kind"), max_length=12, choices=SynonymKind.choices, default=SynonymKind.ALTERNATIVE
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["synonym_set_id", "line"]

    def __str__(self) -> str:
        return self.label
