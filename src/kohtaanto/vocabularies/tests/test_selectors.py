from __future__ import annotations

import pytest

from kohtaanto.taxonomy.esco_csv import load_esco
from kohtaanto.taxonomy.tests.conftest import ESCO_EN, ESCO_FI, ESCO_RELATIONS, E
from kohtaanto.vocabularies.selectors import concept_label, search_concepts
from kohtaanto.vocabularies.services import import_taxonomy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vocabulary() -> None:
    import_taxonomy(load_esco([ESCO_EN, ESCO_RELATIONS, ESCO_FI]), name="esco")


def labels(query: str, lang: str, **kwargs: object) -> list[str]:
    return [hit.label for hit in search_concepts(query, lang, **kwargs)]  # type: ignore[arg-type]


def test_preferred_prefix_first_then_alternative_then_substring() -> None:
    hits = search_concepts("soft", "en")
    assert [hit.label for hit in hits] == [
        "software developer",
        "Software developers",  # an ISCO group: same rank, longer
        "Software and applications developers and analysts",
        "debug software",  # a word inside the label
    ]
    assert hits[0].uri == f"{E}/occupation/test-software-developer"
    assert hits[0].kind == "occupation" and hits[0].code == "2512.4"


def test_alternative_labels_match_and_show_the_preferred_label() -> None:
    hits = search_concepts("PROGRAMMER", "en")
    assert [(h.label, h.matched) for h in hits] == [("software developer", "programmer")]


def test_language_and_kinds() -> None:
    assert labels("ohjelm", "fi") == ["ohjelmistokehittäjä", "Python (tietokoneohjelmointi)"]
    assert labels("ohjelm", "fi", kinds=["knowledge"]) == ["Python (tietokoneohjelmointi)"]
    assert labels("ohjelm", "en") == []
    assert labels("", "en") == []
    assert labels("o", "fi", limit=1) == ["ohjelmistokehittäjä"]


def test_hidden_labels_find_but_do_not_show() -> None:
    assert labels("softwre", "en") == ["software developer"]


def test_vocabulary_filter() -> None:
    assert labels("welder", "en", vocabulary="esco") == ["welder"]
    assert labels("welder", "en", vocabulary="other") == []


def test_concept_label_with_fallbacks() -> None:
    python = f"{E}/skill/test-python"
    assert concept_label(python, "fi") == "Python (tietokoneohjelmointi)"
    assert concept_label(f"{E}/skill/test-welding", "fi") == "use welding equipment"
    assert concept_label("urn:nowhere", "fi") is None
