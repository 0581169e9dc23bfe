"""The import (idempotent, all or nothing, keeping confirmed mappings of unchanged texts), the
ESCO mapping services and the demo command."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.qualifications import selectors, services
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.errors import ImportFailed
from kohtaanto.qualifications.models import (
    Qualification,
    QualificationUnit,
    RequirementSkill,
    SkillRequirement,
)

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parents[1] / "data"

pytestmark = pytest.mark.django_db


def peruste() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "peruste.json").read_text(encoding="utf-8"))
    return data


def test_import_creates_qualification_units_and_requirements(coordinator: Any) -> None:
    report = services.import_document(
        (FIXTURES / "peruste.json").read_bytes(), by=coordinator, source="peruste.json"
    )
    assert (report.qualifications_created, report.units_created) == (1, 2)
    assert report.requirements_created == 5
    assert report.skipped == ["$.tutkinnonOsat[2]"]
    qualification = Qualification.objects.get(eperusteet_id=8800001)
    assert qualification.source == "peruste.json"
    assert qualification.name("sv") == "Grundexamen inom testbranschen"
    assert qualification.name("en") == "Testialan perustutkinto"
    unit = QualificationUnit.objects.get(eperusteet_id=8800101)
    assert unit.scope_points == Decimal("25.0")
    assert list(unit.qualifications.all()) == [qualification]
    first = unit.requirements.get(ordinal=1)
    assert (first.text("sv"), first.text("en")) == (
        "betjäna kunden vänligt",
        "palvella asiakasta ystävällisesti",
    )


def test_reimport_is_idempotent(coordinator: Any) -> None:
    services.import_document(peruste(), by=coordinator, source="a")
    ids = sorted(SkillRequirement.objects.values_list("id", flat=True))
    again = services.import_document(peruste(), by=coordinator, source="a")
    assert (again.created, again.updated) == (0, 0)
    assert (again.qualifications_unchanged, again.units_unchanged) == (1, 2)
    assert again.requirements_unchanged == 5
    assert sorted(SkillRequirement.objects.values_list("id", flat=True)) == ids
    assert Qualification.objects.count() == 1


def _map(requirement: SkillRequirement, uri: str, status: str, by: Any) -> RequirementSkill:
    return RequirementSkill.objects.create(
        requirement=requirement, uri=uri, label=uri, status=status, decided_by=by
    )


def test_reimport_keeps_mappings_of_unchanged_texts_only(coordinator: Any) -> None:
    services.import_document(peruste(), by=coordinator)
    unit = QualificationUnit.objects.get(eperusteet_id=8800101)
    kept, changed = unit.requirements.order_by("ordinal")
    _map(kept, "http://example.org/kept", MappingStatus.CONFIRMED, coordinator)
    _map(changed, "http://example.org/old", MappingStatus.CONFIRMED, coordinator)
    data = peruste()
    data["tutkinnonOsat"][0]["ammattitaitovaatimukset"]["fi"] = (
        "<p>Opiskelija osaa</p><ul><li>tervehtiä asiakasta</li><li>käyttää kassaa</li>"
        "<li>palvella asiakasta ystävällisesti</li></ul>"
    )
    data["tutkinnonOsat"][0]["ammattitaitovaatimukset"]["sv"] = ""
    report = services.import_document(data, by=coordinator)
    assert report.requirements_created == 1
    assert report.mappings_cleared == 1
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert (kept.ordinal, kept.active, kept.text_sv) == (3, True, "")  # moved, same row
    assert list(kept.skills.values_list("uri", flat=True)) == ["http://example.org/kept"]
    assert (changed.ordinal, changed.text_fi) == (2, "käyttää kassaa")  # reused by number
    assert not changed.skills.exists()
    # A shorter file retires the rest; they stay for the work trials that point at them.
    data["tutkinnonOsat"][0]["ammattitaitovaatimukset"]["fi"] = (
        "<ul><li>palvella asiakasta ystävällisesti</li></ul>"
    )
    report = services.import_document(data, by=coordinator)
    assert report.requirements_retired == 2
    assert unit.requirements.filter(active=True).count() == 1
    assert unit.requirements.count() == 3
    kept.refresh_from_db()
    assert (kept.ordinal, kept.active) == (1, True)
    assert kept.skills.filter(status=MappingStatus.CONFIRMED).count() == 1


def test_a_reference_file_leaves_the_requirements_of_a_unit(coordinator: Any) -> None:
    services.import_document(peruste(), by=coordinator)
    report = services.import_document((FIXTURES / "viitteet.json").read_bytes(), by=coordinator)
    assert (report.created, report.units_unchanged) == (0, 1)
    assert SkillRequirement.objects.filter(unit__eperusteet_id=8800101, active=True).count() == 2


def test_a_bad_file_imports_nothing_and_says_where(coordinator: Any) -> None:
    data = peruste()
    data["tutkinnonOsat"][1]["nimi"] = {"fi": 12}
    with pytest.raises(ImportFailed) as caught:
        services.import_document(data, by=coordinator)
    assert caught.value.path == "$.tutkinnonOsat[1].nimi.fi"
    assert caught.value.parse_code == "wrong_type"
    assert isinstance(caught.value, ValidationFailed)
    assert not Qualification.objects.exists() and not QualificationUnit.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(
    coordinator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services._unit
    calls = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_unit", failing)
    with pytest.raises(RuntimeError):
        services.import_document(peruste(), by=coordinator)
    assert not Qualification.objects.exists()
    assert not SkillRequirement.objects.exists()


def test_suggest_decide_and_add(coordinator: Any, coach: Any) -> None:
    services.import_document((DATA / "logistiikka.json").read_bytes(), by=coordinator)
    unit = QualificationUnit.objects.get(eperusteet_id=9900201)
    created = services.suggest_skills(unit, by=coach)
    assert created, "recognition finds skills in the warehouse requirements"
    assert all(row.status == MappingStatus.SUGGESTED and row.decided_by is None for row in created)
    assert len({(row.requirement_id, row.uri) for row in created}) == len(created)
    assert services.suggest_skills(unit, by=coach) == []  # the same suggestions are not repeated
    mapping = created[0]
    services.decide_skill(mapping, MappingStatus.CONFIRMED, by=coach)
    mapping.refresh_from_db()
    assert (mapping.status, mapping.decided_by, mapping.decided_at is not None) == (
        MappingStatus.CONFIRMED,
        coach,
        True,
    )
    assert selectors.confirmed_skill_uris(mapping.requirement) == [mapping.uri]
    services.decide_skill(created[-1], MappingStatus.REJECTED, by=coach)
    with pytest.raises(ValidationFailed):
        services.decide_skill(mapping, "maybe", by=coach)
    requirement = unit.requirements.get(ordinal=6)
    other = next(row for row in created if row.requirement_id != requirement.pk)
    added = services.add_skill(requirement, other.uri, by=coordinator)
    assert (added.status, added.decided_by, added.label) == (
        MappingStatus.CONFIRMED,
        coordinator,
        other.label,
    )
    with pytest.raises(ValidationFailed):
        services.add_skill(requirement, "http://example.org/not-a-concept", by=coordinator)


def test_the_demo_command_needs_demo_mode() -> None:
    with override_settings(DEMO=False), pytest.raises(CommandError):
        call_command("load_demo_qualifications")


def test_the_demo_command_is_idempotent(personas: Any) -> None:
    with override_settings(DEMO=True):
        call_command("load_demo_qualifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
        first = copy.deepcopy(
            list(RequirementSkill.objects.order_by("id").values_list("uri", "status"))
        )
        call_command("load_demo_qualifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Qualification.objects.count() == 2
    assert QualificationUnit.objects.count() == 4
    confirmed = RequirementSkill.objects.filter(status=MappingStatus.CONFIRMED)
    assert confirmed.count() >= 4
    assert all(row.decided_by == personas.coordinator for row in confirmed)
    assert list(RequirementSkill.objects.order_by("id").values_list("uri", "status")) == first
