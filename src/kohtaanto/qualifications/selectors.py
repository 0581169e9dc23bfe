"""Reads of qualifications shaped for the pages, the CLI and the work trials: search,
a qualification with its units, a unit with its current requirements and their ESCO mappings.
National reference data: anyone the page lets in may read all of it."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import (
    Qualification,
    QualificationUnit,
    RequirementSkill,
    SkillRequirement,
)

MAX_QUERY = 100


def _name_filter(query: str, prefix: str = "") -> Q:
    words = " ".join(query.split())[:MAX_QUERY]
    if not words:
        return Q()
    found = Q()
    for field in ("name_fi", "name_sv", "name_en"):
        found |= Q(**{f"{prefix}{field}__icontains": words})
    return found


def search_qualifications(query: str = "") -> QuerySet[Qualification]:
    """Qualifications whose name (any language) or diary number contains `query`, with
    how many units each has (`unit_count`)."""
    words = " ".join(query.split())[:MAX_QUERY]
    found = Qualification.objects.all()
    if words:
        found = found.filter(_name_filter(words) | Q(diary_number__icontains=words))
    return found.annotate(unit_count=Count("units", distinct=True)).order_by("name_fi", "id")


def search_units(query: str = "") -> QuerySet[QualificationUnit]:
    """Units whose name (any language) or code contains `query`, with how many current
    requirements (`requirement_count`) and confirmed ESCO skills (`confirmed_count`)."""
    words = " ".join(query.split())[:MAX_QUERY]
    found = QualificationUnit.objects.all()
    if words:
        found = found.filter(_name_filter(words) | Q(code__icontains=words))
    return found.annotate(
        requirement_count=Count("requirements", filter=Q(requirements__active=True), distinct=True),
        confirmed_count=Count(
            "requirements__skills",
            filter=Q(
                requirements__active=True,
                requirements__skills__status=MappingStatus.CONFIRMED,
            ),
            distinct=True,
        ),
    ).order_by("name_fi", "id")


def qualification(pk: int) -> Qualification | None:
    return Qualification.objects.filter(pk=pk).first()


def units_of(found: Qualification) -> QuerySet[QualificationUnit]:
    return search_units().filter(qualifications=found)


def unit(pk: int) -> QualificationUnit | None:
    return QualificationUnit.objects.prefetch_related("qualifications").filter(pk=pk).first()


def requirements_with_skills(found: QualificationUnit) -> list[SkillRequirement]:
    """The unit's current requirements in order, each with `skills` prefetched (confirmed
    first, then suggested, then rejected)."""
    order = {MappingStatus.CONFIRMED: 0, MappingStatus.SUGGESTED: 1, MappingStatus.REJECTED: 2}
    rows = list(
        found.requirements.filter(active=True)
        .order_by("ordinal")
        .prefetch_related(
            Prefetch("skills", queryset=RequirementSkill.objects.select_related("decided_by"))
        )
    )
    for row in rows:
        row.sorted_skills = sorted(  # type: ignore[attr-defined]
            row.skills.all(), key=lambda s: (order.get(MappingStatus(s.status), 3), s.label)
        )
    return rows


def confirmed_skill_uris(requirement: SkillRequirement) -> list[str]:
    """The ESCO URIs confirmed for a requirement (what a work trial records as learnt)."""
    return list(
        requirement.skills.filter(status=MappingStatus.CONFIRMED)
        .order_by("label")
        .values_list("uri", flat=True)
    )


def requirement(pk: int) -> SkillRequirement | None:
    return SkillRequirement.objects.select_related("unit").filter(pk=pk).first()
