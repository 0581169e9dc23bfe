from __future__ import annotations

import pytest

from benchmarks.melo import (
    BLEND,
    ConceptBlender,
    ConceptItems,
    concept_items,
    concept_scorer,
    evaluate_baseline,
    evaluate_linker,
    is_preferred,
)
from benchmarks.readers import MeloDataset, read_melo

from .conftest import DRIVER, FIXTURES, OverlapLinker, tiny_taxonomy

DATASET = FIXTURES / "melo" / "tiny_q_en_c_en"


def test_concept_blender_by_hand() -> None:
    data = MeloDataset(
        name="x_q_en_c_en",
        queries={"Q": "q"},
        corpus={"a1": "", "a2": "", "b1": "", "c1": "", "d1": ""},
        qrels={"Q": {"a1", "a2"}},
        concept_of={"a1": "A", "a2": "A", "b1": "B", "c1": "C"},
    )
    bundle = ConceptItems(
        items=[*((cid, "") for cid in data.corpus), ("A#label-0", "")],
        group_of={"a1": "A", "a2": "A", "b1": "B", "c1": "C", "d1": "d1", "A#label-0": "A"},
    )
    blender = ConceptBlender(data, bundle)
    assert BLEND == 0.8
    # A = max(.9, label 1.0) = 1; B = .95; d1 is unmapped, so its concept score is its own.
    # a1: .8·1 + .2·.9 = .98; b1: .95; d1: .5; a2: .8·1 + .2·0 = .8; c1 has no score at all
    ranked = [("b1", 0.95), ("a1", 0.9), ("A#label-0", 1.0), ("d1", 0.5)]
    assert blender.rank_scores(*blender.scores(ranked)[:2]) == ["a1", "b1", "a2", "d1"]
    assert blender.rank_scores(*blender.scores([])[:2]) == []


def test_concept_items_add_taxonomy_labels_in_the_corpus_language() -> None:
    data = read_melo(DATASET)
    bundle = concept_items(data, tiny_taxonomy())
    added = [(i, t) for i, t in bundle.items if i not in data.corpus]
    assert (f"{DRIVER}#label-0", "forklift truck operator") in added
    assert all(bundle.group_of[i] == data.concept_of.get(i, bundle.group_of[i]) for i, _ in added)
    assert len(concept_items(data, None).items) == len(data.corpus)


def test_engine_metrics_by_hand() -> None:
    data = read_melo(DATASET)
    strict, concept, rate = evaluate_linker(data, None, lambda items, lang: OverlapLinker(items))
    # Q1 retrieves only C1_en_000 of its two relevant elements: AP = 1/2; Q2 and Q3: AP = 1
    assert strict["map"] == pytest.approx((0.5 + 1 + 1) / 3, abs=1e-4)
    assert strict["mrr"] == 1.0
    assert strict["acc@1"] == strict["acc@5"] == strict["acc@10"] == 1.0
    # concept mode lifts C1_en_001 through its concept: every AP = 1
    assert concept["map"] == 1.0
    assert rate > 0


def test_baseline_runs_both_modes() -> None:
    data = read_melo(DATASET)
    strict, concept = evaluate_baseline(data, tiny_taxonomy())
    assert set(strict) == set(concept) == {"map", "mrr", "acc@1", "acc@5", "acc@10"}
    assert strict["acc@1"] == 1.0
    assert all(0.0 <= value <= 1.0 for value in (*strict.values(), *concept.values()))
    assert concept["map"] >= strict["map"]


def test_engine_concept_mode_adds_taxonomy_evidence() -> None:
    data = read_melo(DATASET)
    taxonomy = tiny_taxonomy()
    assert concept_scorer(data, None, ["x"]) is None
    groups = ConceptBlender(data, concept_items(data, taxonomy)).group_ids
    scorer = concept_scorer(data, taxonomy, groups)
    assert scorer is not None and scorer.uris == groups
    strict, concept, _ = evaluate_linker(data, taxonomy, lambda items, lang: OverlapLinker(items))
    assert concept["map"] >= strict["map"]
    assert all(0.0 <= value <= 1.0 for value in concept.values())


def test_preferred_items_follow_melo_numbering_and_taxonomy_labels() -> None:
    assert is_preferred("C000123_da_000") and is_preferred("http://x/occ#label-0")
    assert not is_preferred("C000123_da_001") and not is_preferred("http://x/occ#label-1")
    data = MeloDataset(
        name="x_q_en_c_en",
        queries={"Q": "q"},
        corpus={"C1_en_000": "", "C1_en_001": "", "C2_en_000": ""},
        qrels={"Q": {"C1_en_000"}},
        concept_of={"C1_en_000": "A", "C1_en_001": "A", "C2_en_000": "B"},
    )
    bundle = ConceptItems(
        items=[(cid, "") for cid in data.corpus],
        group_of={"C1_en_000": "A", "C1_en_001": "A", "C2_en_000": "B"},
    )
    blender = ConceptBlender(data, bundle)
    best, own, preferred = blender.scores([("C1_en_001", 0.9), ("C1_en_000", 0.4)])
    assert best.tolist() == [0.9, float("-inf")]
    assert preferred.tolist() == [0.4, 0.0]  # group A's preferred label; B not returned
    assert own[2] != own[2]  # nan: C2_en_000 was not returned


def test_engine_concept_mode_scores_each_listed_alternative_of_a_title() -> None:
    # "programmer" alone names the developer; the whole title overlaps "registered nurse" more
    data = read_melo(DATASET)
    data.queries = {"Q1": "programmer, registered nurse aide helper"}
    data.qrels = {"Q1": {"C1_en_000", "C1_en_001"}}
    strict, concept, _ = evaluate_linker(
        data, tiny_taxonomy(), lambda items, lang: OverlapLinker(items)
    )
    assert strict["acc@1"] == 0.0  # "registered nurse" first on its own text
    assert concept["acc@1"] == 1.0 and concept["map"] == 1.0
