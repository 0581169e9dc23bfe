"""The skills most often implied by occupations, and which of them lack labels (issue 13)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from kohtaanto.taxonomy.build import build_taxonomy, load_starter
from kohtaanto.taxonomy.coverage import most_implied_skills, without_labels
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Relation, Taxonomy
from kohtaanto.taxonomy.tests.conftest import shared_data

E = "http://example.invalid"


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    for name in ("a", "b", "c"):
        taxonomy.add(Concept(f"{E}/skill/{name}", ConceptKind.SKILL, labels={"en": LabelSet(name)}))
    taxonomy.concepts[f"{E}/skill/a"].labels["sv"] = LabelSet("a på svenska")
    taxonomy.occupation_skills = {
        f"{E}/occupation/1": {
            f"{E}/skill/a": Relation.ESSENTIAL,
            f"{E}/skill/b": Relation.OPTIONAL,
        },
        f"{E}/occupation/2": {
            f"{E}/skill/b": Relation.OPTIONAL,
            f"{E}/skill/x": Relation.ESSENTIAL,
        },
    }
    return taxonomy


def test_skills_ranked_by_how_often_occupations_imply_them() -> None:
    taxonomy = _taxonomy()
    ranked = most_implied_skills(taxonomy, {f"{E}/occupation/1": 1, f"{E}/occupation/2": 3})
    # b: 0.5 + 3 × 0.5 = 2.0; a: 1.0; x is not in the taxonomy; c is implied by none.
    assert ranked == [(f"{E}/skill/b", 2.0), (f"{E}/skill/a", 1.0)]
    assert most_implied_skills(taxonomy, {f"{E}/occupation/1": 1}, limit=1) == [
        (f"{E}/skill/a", 1.0)
    ]
    assert without_labels(taxonomy, [uri for uri, _ in ranked], "sv") == [f"{E}/skill/b"]
    assert without_labels(taxonomy, [f"{E}/skill/nowhere"], "sv") == [f"{E}/skill/nowhere"]


def test_the_1000_most_implied_skills_have_swedish_and_finnish_labels_without_swedish_esco() -> (
    None
):
    """Issue 13, point 3, on the real ESCO download (skips without it): the occupations of the
    demo (the starter set's), of the JobBERT validation titles and of the stories' annotations;
    an ESCO build without any Swedish skill file names every one of the 1,000 skills in Swedish
    (the starter set's labels and the project's ESCO synonym file) and in Finnish."""
    shared = shared_data()
    esco = shared / "esco"
    taxonomy = build_taxonomy(
        [esco / "v1.1.1", esco / "v1.1.0-skills-fi" / "skills_fi.csv"],
    )
    occupations: Counter[str] = Counter(
        c.uri for c in load_starter() if c.kind is ConceptKind.OCCUPATION
    )
    with (shared / "bench" / "jobbert" / "titles.validation.csv").open(encoding="utf-8") as f:
        occupations.update(row["conceptUri"] for row in csv.DictReader(f))
    stories = Path(__file__).resolve().parents[4] / "benchmarks" / "data" / "stories"
    for path in (stories / "fi.jsonl", stories / "sv.jsonl"):  # the stories, not judgments
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            occupations.update(
                u for u in story["right"] + story["acceptable"] if "/occupation/" in u
            )
    top = [uri for uri, _ in most_implied_skills(taxonomy, occupations, 1000)]
    assert len(top) == 1000
    assert without_labels(taxonomy, top, "sv") == []
    assert without_labels(taxonomy, top, "fi") == []
