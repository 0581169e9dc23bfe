from __future__ import annotations

import copy
from typing import Any

import pytest

from kohtaanto.taxonomy.esco_csv import load_esco
from kohtaanto.taxonomy.model import Relation, Taxonomy
from kohtaanto.taxonomy.tests.conftest import ESCO_EN, ESCO_FI, ESCO_RELATIONS, E
from kohtaanto.vocabularies import services
from kohtaanto.vocabularies.models import (
    Concept,
    ConceptBroader,
    ConceptLabel,
    OccupationSkill,
    SkillSkillRelation,
    Vocabulary,
)
from kohtaanto.vocabularies.services import import_taxonomy

pytestmark = pytest.mark.django_db
DEV = f"{E}/occupation/test-software-developer"
PYTHON = f"{E}/skill/test-python"
MODELS = (Vocabulary, Concept, ConceptLabel, ConceptBroader, OccupationSkill, SkillSkillRelation)


def esco() -> Taxonomy:
    return load_esco([ESCO_EN, ESCO_RELATIONS, ESCO_FI])


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, primary keys included."""
    return {model.__name__: sorted(model.objects.values_list(), key=repr) for model in MODELS}


def test_first_import_creates_everything() -> None:
    steps: list[str] = []
    result = import_taxonomy(esco(), name="esco", progress=lambda s, d, t: steps.append(s))
    assert result.concepts_created == 12 and result.changed
    dev = Concept.objects.get(uri=DEV)
    assert dev.kind == "occupation" and dev.code == "2512.4"
    assert dev.descriptions["fi"] == "Ohjelmistokehittäjät kirjoittavat ohjelmia."
    labels = set(dev.labels.values_list("language", "label_type", "text", "search_text"))
    assert ("en", "hidden", "softwre developer", "softwre developer") in labels
    assert ("fi", "preferred", "ohjelmistokehittäjä", "ohjelmistokehittäjä") in labels
    assert OccupationSkill.objects.filter(occupation=dev, relation="essential").count() == 2
    assert ConceptBroader.objects.get(concept=dev).broader.uri == f"{E}/isco/C2512"
    assert SkillSkillRelation.objects.count() == 1
    assert Concept.objects.get(uri=PYTHON).collections == ["digital"]
    vocabulary = Vocabulary.objects.get(name="esco")
    assert vocabulary.concept_count == 12 and len(vocabulary.checksum) == 64
    assert vocabulary.imported_at is not None
    assert steps[0] == "concepts" and steps[-1] == "done"


def test_search_text_is_normalised() -> None:
    taxonomy = esco()
    taxonomy.concepts[PYTHON].labels["en"].alternative.append("  PYTHON\u00a0 Ｓcripting ")
    import_taxonomy(taxonomy, name="esco")
    label = ConceptLabel.objects.get(text__contains="Ｓcripting")
    assert label.search_text == "python scripting"


def test_reimport_changes_nothing() -> None:
    import_taxonomy(esco(), name="esco")
    before = snapshot()
    result = import_taxonomy(esco(), name="esco")
    assert not result.changed
    assert "already up to date" in result.summary()
    assert snapshot() == before
    assert not import_taxonomy(esco(), name="esco", force=True).changed
    assert snapshot() == before


def test_forced_reimport_repairs_drift() -> None:
    import_taxonomy(esco(), name="esco")
    ConceptLabel.objects.filter(text="programmer").delete()
    Concept.objects.filter(uri=PYTHON).update(code="tampered")
    assert not import_taxonomy(esco(), name="esco").changed  # same checksum: skipped
    result = import_taxonomy(esco(), name="esco", force=True)
    assert (result.concepts_updated, result.rows_added) == (1, 1)
    assert ConceptLabel.objects.filter(text="programmer").exists()


def test_newer_version_updates_and_removes() -> None:
    import_taxonomy(esco(), name="esco")
    newer = esco()
    del newer.concepts[f"{E}/skill/test-welding"]
    newer.concepts[PYTHON].labels["en"].preferred = "Python"
    newer.concepts[PYTHON].code = "P1"
    newer.occupation_skills[DEV][f"{E}/skill/test-teamwork"] = Relation.ESSENTIAL
    newer.sources = ["ESCO v1.2.0 (en)"]
    result = import_taxonomy(newer, name="esco")
    assert (result.concepts_created, result.concepts_updated, result.concepts_deleted) == (0, 1, 1)
    assert not Concept.objects.filter(uri=f"{E}/skill/test-welding").exists()
    python = Concept.objects.get(uri=PYTHON)
    assert python.code == "P1"
    assert python.labels.get(language="en", label_type="preferred").text == "Python"
    teamwork = OccupationSkill.objects.get(
        occupation__uri=DEV, skill__uri=f"{E}/skill/test-teamwork"
    )
    assert teamwork.relation == "essential"
    assert (
        OccupationSkill.objects.filter(occupation__uri=f"{E}/occupation/test-welder").count() == 1
    )
    assert Vocabulary.objects.get().version == "ESCO v1.2.0 (en)"


def test_vocabularies_are_separate() -> None:
    import_taxonomy(esco(), name="esco")
    import_taxonomy(load_esco([ESCO_FI]), name="finnish")
    assert Concept.objects.filter(uri=DEV).count() == 2
    import_taxonomy(Taxonomy(), name="finnish")
    assert Concept.objects.filter(uri=DEV).count() == 1
    assert Concept.objects.filter(vocabulary__name="esco").count() == 12


def test_failure_midway_leaves_the_previous_state(monkeypatch: pytest.MonkeyPatch) -> None:
    import_taxonomy(esco(), name="esco")
    before = snapshot()
    newer = copy.deepcopy(esco())
    del newer.concepts[PYTHON]
    newer.concepts[DEV].labels["en"].preferred = "developer of software"

    insert = services._insert

    def explode(model: Any, *args: Any) -> None:
        if model is OccupationSkill:  # after concepts, labels and broader links were written
            raise RuntimeError("disk full")
        insert(model, *args)

    monkeypatch.setattr(services, "_insert", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        import_taxonomy(newer, name="esco")
    assert snapshot() == before
