"""Full ESCO into the database (opt-in: `pytest -m slow`)."""

from __future__ import annotations

import time

import pytest

from kohtaanto.taxonomy.build import build_taxonomy
from kohtaanto.taxonomy.model import Relation
from kohtaanto.taxonomy.tests.conftest import shared_data
from kohtaanto.vocabularies.models import Concept, OccupationSkill
from kohtaanto.vocabularies.selectors import search_concepts
from kohtaanto.vocabularies.services import import_taxonomy


@pytest.mark.slow
@pytest.mark.django_db
def test_full_esco_imports_once_and_then_changes_nothing() -> None:
    esco = shared_data() / "esco"
    taxonomy = build_taxonomy([esco / "v1.1.1", esco / "v1.1.0-skills-fi" / "skills_fi.csv"])
    started = time.perf_counter()
    first = import_taxonomy(taxonomy, name="esco")
    assert time.perf_counter() - started < 300
    assert first.concepts_created == len(taxonomy)
    essential = [  # ESCO 1.1.1 has a few links to concepts that its files do not describe
        skill
        for occupation, skills in taxonomy.occupation_skills.items()
        for skill, relation in skills.items()
        if relation is Relation.ESSENTIAL and occupation in taxonomy and skill in taxonomy
    ]
    assert 64800 < len(essential) <= 64946
    assert OccupationSkill.objects.filter(relation="essential").count() == len(essential)
    assert not import_taxonomy(taxonomy, name="esco").changed
    assert Concept.objects.count() == len(taxonomy)
    assert search_concepts("hitsa", "fi", limit=5)
