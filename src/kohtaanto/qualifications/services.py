"""The only writes of qualifications: importing an ePerusteet file, and the ESCO mapping of
skill requirements (suggest by recognition, confirm or reject, add one by hand).

An import is all or nothing: the file is parsed first (`taxonomy.eperusteet`), then written in
one transaction. Re-importing updates by ePerusteet id. A requirement whose Finnish text is
unchanged keeps its row and its ESCO mappings; one whose text changed keeps its row (work
trials may point at it) and loses the mappings made for the old text; one the file no longer
has stays, inactive. A unit the file only refers to keeps its requirements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.opportunities.recognition import concept_info, recognise_skills
from kohtaanto.profiles.selectors import shown_threshold
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.errors import ImportFailed
from kohtaanto.qualifications.models import (
    Qualification,
    QualificationUnit,
    RequirementSkill,
    SkillRequirement,
)
from kohtaanto.taxonomy import eperusteet
from kohtaanto.taxonomy.eperusteet import ParseError

MAX_SOURCE = 300
SUGGESTIONS_PER_REQUIREMENT = 5


@dataclass
class ImportReport:
    """What an import did. `*_created` / `*_updated` / `*_unchanged` count rows."""

    source: str = ""
    qualifications_created: int = 0
    qualifications_updated: int = 0
    qualifications_unchanged: int = 0
    units_created: int = 0
    units_updated: int = 0
    units_unchanged: int = 0
    requirements_created: int = 0
    requirements_updated: int = 0
    requirements_unchanged: int = 0
    requirements_retired: int = 0
    mappings_cleared: int = 0
    """ESCO mappings dropped because their requirement's text changed."""
    skipped: list[str] = field(default_factory=list)
    """JSON paths of empty drafts in the file (not imported)."""
    qualification_ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.qualifications_created + self.units_created + self.requirements_created

    @property
    def updated(self) -> int:
        return self.qualifications_updated + self.units_updated + self.requirements_updated

    def as_dict(self) -> dict[str, Any]:
        keys = [k for k in self.__dataclass_fields__ if not k.endswith("_ids")]
        return {key: getattr(self, key) for key in keys}


def _save_fields(obj: Any, values: dict[str, Any]) -> bool:
    """Set `values` on `obj`; True when one of them changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _names(parsed: eperusteet.Qualification | eperusteet.Unit) -> dict[str, Any]:
    """The names the file gives; an import never blanks a name (a reference to a unit often
    names it in Finnish only)."""
    names = {"name_fi": parsed.name_fi, "name_sv": parsed.name_sv, "name_en": parsed.name_en}
    return {field: value for field, value in names.items() if value}


def import_document(data: Any, *, by: Any = None, source: str = "") -> ImportReport:
    """Import an ePerusteet file (bytes, text or decoded JSON). Raises `ImportFailed` (with
    the parser's code and JSON path) and writes nothing when the file cannot be read."""
    try:
        document = eperusteet.parse_document(data)
    except ParseError as exc:
        raise ImportFailed(exc) from None
    report = ImportReport(source=source[:MAX_SOURCE], skipped=list(document.skipped))
    now = timezone.now()
    with transaction.atomic():
        for parsed in document.qualifications:
            qualification = _qualification(parsed, report, now)
            for unit in parsed.units:
                _unit(unit, report, now).qualifications.add(qualification)
        for unit in document.units:
            _unit(unit, report, now)
    return report


def _qualification(
    parsed: eperusteet.Qualification, report: ImportReport, now: Any
) -> Qualification:
    values = _names(parsed)
    if parsed.diary_number:
        values["diary_number"] = parsed.diary_number
    found = (
        Qualification.objects.select_for_update().filter(eperusteet_id=parsed.eperusteet_id).first()
    )
    if found is None:
        found = Qualification.objects.create(
            eperusteet_id=parsed.eperusteet_id, imported_at=now, source=report.source, **values
        )
        report.qualifications_created += 1
    elif _save_fields(found, values):
        found.imported_at, found.source = now, report.source
        found.save()
        report.qualifications_updated += 1
    else:
        report.qualifications_unchanged += 1
    report.qualification_ids.append(found.pk)
    return found


def _unit(parsed: eperusteet.Unit, report: ImportReport, now: Any) -> QualificationUnit:
    values = _names(parsed)
    if parsed.code:
        values["code"] = parsed.code
    if parsed.scope is not None:
        values["scope_points"] = parsed.scope
    found = (
        QualificationUnit.objects.select_for_update()
        .filter(eperusteet_id=parsed.eperusteet_id)
        .first()
    )
    created = found is None
    if found is None:
        found = QualificationUnit.objects.create(
            eperusteet_id=parsed.eperusteet_id, imported_at=now, source=report.source, **values
        )
    changed = not created and _save_fields(found, values)
    if parsed.requirements is not None:
        changed = _requirements(found, parsed.requirements, report) or changed
    if created:
        report.units_created += 1
    elif changed:
        found.imported_at, found.source = now, report.source
        found.save()
        report.units_updated += 1
    else:
        report.units_unchanged += 1
    if found.pk not in report.unit_ids:
        report.unit_ids.append(found.pk)
    return found


def _requirements(
    unit: QualificationUnit, parsed: tuple[eperusteet.Requirement, ...], report: ImportReport
) -> bool:
    """Bring the unit's requirements to `parsed`; True when anything changed. A row is
    matched by its Finnish text first, then by its number."""
    existing = list(unit.requirements.all().order_by("-active", "ordinal", "id"))
    was_active = {row.pk for row in existing if row.active}
    by_text: dict[str, list[SkillRequirement]] = {}
    for row in existing:
        by_text.setdefault(row.text_fi, []).append(row)
    matched: dict[int, SkillRequirement] = {}
    for item in parsed:
        rows = by_text.get(item.text_fi)
        if rows:
            matched[item.ordinal] = rows.pop(0)
    used = {row.pk for row in matched.values()}
    spare = {row.ordinal: row for row in existing if row.active and row.pk not in used}
    for item in parsed:
        if item.ordinal not in matched and item.ordinal in spare:
            matched[item.ordinal] = spare.pop(item.ordinal)
    used = {row.pk for row in matched.values()}
    unit.requirements.filter(active=True).update(active=False)  # frees the numbers
    changed = False
    for item in parsed:
        values = {
            "ordinal": item.ordinal,
            "heading_fi": item.heading_fi,
            "heading_sv": item.heading_sv,
            "heading_en": item.heading_en,
            "text_fi": item.text_fi,
            "text_sv": item.text_sv,
            "text_en": item.text_en,
            "active": True,
        }
        found = matched.get(item.ordinal)
        if found is None:
            SkillRequirement.objects.create(unit=unit, **values)
            report.requirements_created += 1
            changed = True
            continue
        text_changed = found.text_fi != item.text_fi
        if _save_fields(found, values):
            report.requirements_updated += 1
            changed = True
        else:
            report.requirements_unchanged += 1
        found.save()
        if text_changed:
            report.mappings_cleared += found.skills.all().delete()[0]
    retired = len(was_active - used)
    report.requirements_retired += retired
    return changed or retired > 0


# --- the ESCO mapping ------------------------------------------------------------------------


def _requirements_of(target: SkillRequirement | QualificationUnit) -> list[SkillRequirement]:
    if isinstance(target, QualificationUnit):
        return list(target.requirements.filter(active=True).order_by("ordinal"))
    return [target]


def suggest_skills(
    target: SkillRequirement | QualificationUnit, *, by: Any = None
) -> list[RequirementSkill]:
    """Recognise skills in each requirement's text (Finnish; Swedish or English when there is
    no Finnish) with the product's recognition (`opportunities.recognition.recognise_skills`,
    kept to the scores the story page shows by default: `profiles.selectors.shown_threshold`),
    and store the best few as suggestions. Skills already suggested, confirmed or rejected
    for the requirement stay as they are, so asking again adds nothing new. Returns the new
    suggestions."""
    created: list[RequirementSkill] = []
    for requirement in _requirements_of(target):
        lang = next(
            (code for code in ("fi", "sv", "en") if getattr(requirement, f"text_{code}")), "fi"
        )
        threshold = shown_threshold(lang, "text")
        if threshold is None:
            continue
        known = set(requirement.skills.values_list("uri", flat=True))
        hits = [
            hit
            for hit in recognise_skills(getattr(requirement, f"text_{lang}"), lang)
            if not hit.inferred and hit.score >= threshold
        ]
        for hit in hits[:SUGGESTIONS_PER_REQUIREMENT]:
            if hit.uri in known:
                continue
            known.add(hit.uri)
            created.append(
                RequirementSkill.objects.create(
                    requirement=requirement,
                    uri=hit.uri,
                    label=hit.label[:255],
                    kind=hit.kind[:20],
                    status=MappingStatus.SUGGESTED,
                    cue=", ".join(hit.evidence)[:200],
                )
            )
    return created


DECISIONS = frozenset({MappingStatus.CONFIRMED, MappingStatus.REJECTED, MappingStatus.SUGGESTED})


def decide_skill(mapping: RequirementSkill, status: str, *, by: Any) -> RequirementSkill:
    """Confirm or reject a mapping (or return it to "suggested"); records who and when."""
    if status not in DECISIONS:
        raise ValidationFailed(errors={"status": [_("Choose confirm or reject.")]})
    mapping.status = status
    undecided = status == MappingStatus.SUGGESTED
    mapping.decided_by = None if undecided else by
    mapping.decided_at = None if undecided else timezone.now()
    mapping.save(update_fields=["status", "decided_by", "decided_at"])
    return mapping


def add_skill(requirement: SkillRequirement, uri: str, *, by: Any) -> RequirementSkill:
    """Map a requirement to a skill of the vocabulary, confirmed by `by`."""
    uri = (uri or "").strip()
    info = concept_info(uri) if uri else None
    if info is None or not info.known:
        raise ValidationFailed(errors={"uri": [_("Choose a skill from the search.")]})
    mapping, _created = RequirementSkill.objects.update_or_create(
        requirement=requirement,
        uri=info.uri,
        defaults={
            "label": info.label[:255],
            "kind": info.kind[:20],
            "status": MappingStatus.CONFIRMED,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    return mapping


def confirm_skills(requirement: SkillRequirement, uris: Iterable[str], *, by: Any) -> int:
    """Confirm the given suggested mappings of a requirement (the demo and bulk use)."""
    count = 0
    for mapping in requirement.skills.filter(uri__in=list(uris)):
        decide_skill(mapping, MappingStatus.CONFIRMED, by=by)
        count += 1
    return count


def get_mapping(requirement_skill_id: int) -> RequirementSkill:
    found = (
        RequirementSkill.objects.select_related("requirement")
        .filter(pk=requirement_skill_id)
        .first()
    )
    if found is None:
        raise NotFound()
    return found
