"""Choices of the vocabularies app; values equal those of `kohtaanto.taxonomy.model`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptKind(models.TextChoices):
    SKILL = "skill", _("skill")
    KNOWLEDGE = "knowledge", _("knowledge")
    COMPETENCE = "competence", _("competence")
    OCCUPATION = "occupation", _("occupation")
    ISCO_GROUP = "isco_group", _("ISCO group")
    SKILL_GROUP = "skill_group", _("skill group")


class LabelType(models.TextChoices):
    PREFERRED = "preferred", _("preferred")
    ALTERNATIVE = "alternative", _("alternative")
    HIDDEN = "hidden", _("hidden")


class SkillRelationType(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class SynonymSetStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEWED = "reviewed", _("reviewed")
    RETIRED = "retired", _("retired")


class SynonymKind(models.TextChoices):
    ALTERNATIVE = "alternative", _("alternative")
    HIDDEN = "hidden", _("hidden")
