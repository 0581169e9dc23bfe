"""Concept-level evidence for title linking (`bench melo`, concept mode): pivot-language labels
and descriptions reached through a learnt word lexicon, the taxonomy's hierarchy, and the
listed parts of a title."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from benchmarks.concept_scores import ConceptParams, ConceptScorer, title_parts, weighted_query
from kohtaanto.recognition import load_weights
from kohtaanto.recognition.vectors import TfidfIndex
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

E = "http://example.org/occ/"
GROUP, NURSE, MIDWIFE, COOK, BAKER, DRIVER = (
    E + s for s in ("isco-222", "nurse", "midwife", "cook", "baker", "driver")
)
NO_EVIDENCE = ConceptParams(label_weight=0, description_weight=0, down=0, up=0, group_factor=1)


def _occupation(
    uri: str, en: str, alternatives: list[str], da: str, description: str, broader: str = ""
) -> Concept:
    return Concept(
        uri,
        ConceptKind.OCCUPATION,
        labels={"en": LabelSet(en, alternatives), "da": LabelSet(da)},
        descriptions={"en": description},
        broader=[broader] if broader else [],
    )


@pytest.fixture
def taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["test"])
    taxonomy.add(
        Concept(
            GROUP,
            ConceptKind.ISCO_GROUP,
            labels={"en": LabelSet("Nursing professionals"), "da": LabelSet("Sygeplejersker")},
        )
    )
    for concept in (
        _occupation(NURSE, "nurse", ["care nurse"], "sygeplejerske", "Cares for patients.", GROUP),
        _occupation(MIDWIFE, "midwife", ["birth nurse"], "jordemoder", "Helps at births.", GROUP),
        _occupation(COOK, "cook", ["kitchen chef"], "kok", "Prepares food in a kitchen."),
        _occupation(BAKER, "baker", ["bread maker"], "bager", "Bakes bread and cakes."),
        _occupation(DRIVER, "bus driver", ["coach driver"], "buschauffør", "Drives buses."),
    ):
        taxonomy.add(concept)
    return taxonomy


URIS = [GROUP, NURSE, MIDWIFE, COOK, BAKER, DRIVER]


def test_pivot_language_evidence_reaches_english_alternative_labels(taxonomy: Taxonomy) -> None:
    params = ConceptParams(label_weight=1.0, description_weight=0, down=0, up=0)
    scorer = ConceptScorer(taxonomy, URIS, "en", params=params)
    evidence = scorer.evidence(["kitchen chef", "bread maker"])
    assert URIS[int(np.argmax(evidence[0]))] == COOK  # an alternative label, not the preferred
    assert URIS[int(np.argmax(evidence[1]))] == BAKER
    assert evidence.shape == (2, len(URIS))
    assert np.all((evidence >= 0) & (evidence <= 1 + 1e-9))


def test_descriptions_are_their_own_evidence(taxonomy: Taxonomy) -> None:
    params = ConceptParams(label_weight=0, description_weight=1.0, down=0, up=0)
    scorer = ConceptScorer(taxonomy, URIS, "en", params=params)
    assert URIS[int(np.argmax(scorer.evidence(["patients"])[0]))] == NURSE


def test_lexicon_is_learnt_from_label_pairs_of_the_same_concepts(taxonomy: Taxonomy) -> None:
    params = ConceptParams(label_weight=1.0, description_weight=0, down=0, up=0)
    scorer = ConceptScorer(taxonomy, URIS, "da", params=params)
    assert scorer.translate("kok")  # Danish → English words
    assert URIS[int(np.argmax(scorer.evidence(["kok"])[0]))] == COOK
    # given items (e.g. a corpus of surface forms) replace the taxonomy's own labels
    items = [(BAKER, "brødbager"), (BAKER, "bager")]
    only_bakers = ConceptScorer(taxonomy, URIS, "da", items=items, params=params)
    assert not only_bakers.translate("kok")
    assert only_bakers.translate("bager")


def test_unknown_words_and_ids_give_no_evidence(taxonomy: Taxonomy) -> None:
    scorer = ConceptScorer(taxonomy, [*URIS, "not-a-concept"], "da")
    evidence = scorer.evidence(["xyzzy", ""])
    assert np.all(evidence == 0)


def test_hierarchy_lifts_children_of_a_matching_group_and_scales_groups(
    taxonomy: Taxonomy,
) -> None:
    params = ConceptParams(
        label_weight=0, description_weight=0, down=0.5, up=0.25, group_factor=0.5
    )
    scorer = ConceptScorer(taxonomy, URIS, "en", params=params)
    direct = np.zeros((1, len(URIS)))
    direct[0, URIS.index(GROUP)] = 1.0
    direct[0, URIS.index(MIDWIFE)] = 0.4
    result = scorer.propagate(direct)[0]
    # group: (own 1.0 + up 0.25 × best child 0.4) × group factor 0.5
    assert result[URIS.index(GROUP)] == pytest.approx((1.0 + 0.25 * 0.4) * 0.5)
    assert result[URIS.index(NURSE)] == pytest.approx(0.5)  # down 0.5 × parent 1.0
    assert result[URIS.index(MIDWIFE)] == pytest.approx(0.4 + 0.5)
    assert result[URIS.index(COOK)] == 0.0  # no parent, no children


def test_combine_treats_missing_direct_scores_as_zero(taxonomy: Taxonomy) -> None:
    scorer = ConceptScorer(taxonomy, URIS, "en", params=NO_EVIDENCE)
    direct = np.full((1, len(URIS)), -np.inf)
    direct[0, 3] = 0.7
    combined = scorer.combine(direct, ["cook"])
    assert np.all(np.isfinite(combined))
    assert combined[0, 3] == pytest.approx(0.7)
    assert combined[0, 0] == 0.0


def test_shipped_parameters_come_from_the_benchmark_parameters_file() -> None:
    shipped = ConceptParams.shipped()
    assert shipped.label_weight > 0 and shipped.description_weight > 0
    assert 0 < shipped.group_factor <= 1
    assert ConceptParams.from_mapping({"down": "0.5", "pivot_iterations": 3.0, "x": 1}) == (
        ConceptParams(down=0.5, pivot_iterations=3)
    )
    # the product's weights file no longer carries them (only the benchmark uses them)
    assert "concept_scores" not in load_weights().params


def test_preferred_label_breaks_a_tie_between_concepts_sharing_a_label(
    taxonomy: Taxonomy,
) -> None:
    params = ConceptParams(label_weight=0, description_weight=0, down=0, up=0, preferred_weight=0.2)
    scorer = ConceptScorer(taxonomy, URIS, "en", params=params)
    # the title is exactly a label of both COOK and BAKER, but the preferred label of BAKER
    direct = np.zeros((1, len(URIS)))
    direct[0, [URIS.index(COOK), URIS.index(BAKER)]] = 1.0
    preferred = np.zeros((1, len(URIS)))
    preferred[0, URIS.index(BAKER)] = 1.0
    preferred[0, URIS.index(NURSE)] = np.nan  # unknown counts as nothing
    combined = scorer.combine(direct, ["baker"], preferred=preferred)[0]
    assert combined[URIS.index(BAKER)] == pytest.approx(1.2)
    assert combined[URIS.index(COOK)] == pytest.approx(1.0)
    assert combined[URIS.index(NURSE)] == 0.0
    assert scorer.combine(direct, ["baker"])[0, URIS.index(BAKER)] == pytest.approx(1.0)


def test_compounds_split_at_a_known_head_reach_its_translation(taxonomy: Taxonomy) -> None:
    params = ConceptParams(label_weight=1.0, description_weight=0, down=0, up=0)
    scorer = ConceptScorer(taxonomy, URIS, "da", params=params)
    # "kagebager" is not a Danish label, but "bager" is: its head and modifier
    assert scorer.split_compound("kagebager") == ("kage", "bager")
    assert scorer.split_compound("bager") is None  # nothing left for a modifier
    assert scorer.split_compound("kagemand") is None  # no known head
    assert URIS[int(np.argmax(scorer.evidence(["kagebager"])[0]))] == BAKER
    assert "kage" not in scorer.vocabulary and "<kage" in scorer.units("kagebager")
    # English needs no lexicon, so nothing is split
    assert ConceptScorer(taxonomy, URIS, "en", params=params).vocabulary == frozenset()


def test_parts_of_a_title_raise_direct_scores_by_part_weight(taxonomy: Taxonomy) -> None:
    scorer = ConceptScorer(taxonomy, URIS, "en", params=ConceptParams(part_weight=0.5))
    direct = np.array([0.2, -np.inf, np.nan, 0.9])
    parts = [np.array([0.6, 0.4, -np.inf, 0.2]), np.array([0.1, 0.8, np.nan, np.nan])]
    assert scorer.with_parts(direct, parts).tolist() == [0.3, 0.4, -np.inf, 0.9]
    assert scorer.with_parts(direct, []) is direct


def test_title_parts_are_the_listed_alternatives() -> None:
    assert title_parts("saadik, diplomaatiline esindaja") == ["saadik", "diplomaatiline esindaja"]
    assert title_parts(" nurse /midwife ; doula,, ") == ["nurse", "midwife", "doula"]
    assert title_parts("bus driver") == []
    assert title_parts("nurse,") == []  # one part only
    assert title_parts(" , ") == []


def test_weighted_query_scales_words_before_normalising() -> None:
    """The weighted bag of words of the pivot-language evidence (until issue 11 the `weights`
    argument of the product's `TfidfIndex.query`, which only this module used)."""
    index = TfidfIndex([["nurse", "care"], ["cook", "kitchen"], ["bus", "driver"], ["cook"]])
    # unit weights: the product's query of the same (distinct) words
    cols, values = weighted_query(index, {"kitchen": 1.0, "cook": 1.0, "xyzzy": 0.7})
    plain_cols, plain_values = index.query(["kitchen", "cook", "xyzzy"])
    assert cols.tolist() == plain_cols.tolist()
    assert values.tolist() == plain_values.tolist()
    # weights scale each word's TF-IDF value; the vector is then l2-normalised
    cols, values = weighted_query(index, {"cook": 0.5, "kitchen": 2.0})
    raw = index.idf[cols] * np.asarray([0.5, 2.0])[np.argsort(np.argsort(cols))]
    assert values.tolist() == pytest.approx((raw / np.linalg.norm(raw)).tolist())
    assert float(values @ values) == pytest.approx(1.0)
    assert index.similarities(cols, values)[1] > index.similarities(cols, values)[3]
    empty_cols, empty_values = weighted_query(index, {"xyzzy": 1.0})
    assert len(empty_cols) == len(empty_values) == 0
    assert list(inspect.signature(TfidfIndex.query).parameters) == ["self", "features"]


def test_weighted_query_leaves_out_common_words_after_normalising() -> None:
    # "the" is in all 120 items: more than max(50, 0.5 × 120)
    index = TfidfIndex([["the", f"w{i}"] for i in range(120)], max_query_df=0.5)
    assert index.common[index.vocabulary["the"]]
    cols, values = weighted_query(index, {"the": 1.0, "w1": 1.0})
    assert cols.tolist() == [index.vocabulary["w1"]]
    the, w1 = index.idf[index.vocabulary["the"]], index.idf[index.vocabulary["w1"]]
    assert values.tolist() == pytest.approx([w1 / np.hypot(the, w1)])
