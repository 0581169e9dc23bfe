"""The job-title linker on small hand-written label sets (en, sv, fi)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from kohtaanto.recognition.titles import (
    TitleLinker,
    TitleParams,
    analyzer_for_title,
    clean_title,
    occupation_priors,
    top_k,
)
from kohtaanto.taxonomy.model import Concept, ConceptKind, Taxonomy

# (concept id, label): several labels per concept, like ESCO preferred/alternative labels.
EN = [
    ("software-developer", "software developer"),
    ("software-developer", "programmer"),
    ("software-developer", "application developer"),
    ("sales-assistant", "sales assistant"),
    ("sales-assistant", "shop assistant"),
    ("sales-manager", "sales manager"),
    ("nurse", "nurse"),
    ("nurse", "registered nurse"),
    ("forklift", "forklift operator"),
    ("forklift", "forklift truck driver"),
    ("bus-driver", "bus driver"),
]
SV = [
    ("nurse", "sjuksköterska"),
    ("nurse", "legitimerad sjuksköterska"),
    ("bus-driver", "bussförare"),
    ("bus-driver", "busschaufför"),
    ("teacher", "grundskollärare"),
    ("teacher", "lärare i grundskolan"),
]
FI = [
    ("nurse", "sairaanhoitaja"),
    ("practical-nurse", "lähihoitaja"),
    ("bus-driver", "linja-autonkuljettaja"),
    ("bus-driver", "bussinkuljettaja"),
    ("cleaner", "siivooja"),
    ("cleaner", "toimitilahuoltaja"),
]


def _linker(items: list[tuple[str, str]], lang: str, **params: float) -> TitleLinker:
    return TitleLinker(
        [i for i, _ in items],
        [t for _, t in items],
        analyzer_for_title(lang),
        params=TitleParams.from_mapping(params),
    )


def _best(linker: TitleLinker, title: str) -> str:
    ranked = linker.rank(title, k=3)
    assert ranked, title
    return ranked[0][0]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Software Developer (m/f/d)", "software-developer"),
        ("Java Programmer - London", "software-developer"),
        ("Part-time Shop Assistant", "sales-assistant"),
        ("Registered Nurse, night shifts", "nurse"),
        ("Forklift Driver", "forklift"),
        ("Sales Manager", "sales-manager"),
    ],
)
def test_english_titles(title: str, expected: str) -> None:
    assert _best(_linker(EN, "en"), title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sjuksköterskor till akuten", "nurse"),
        ("Bussförare, deltid", "bus-driver"),
        ("Lärare i grundskolan (vikariat)", "teacher"),
    ],
)
def test_swedish_titles(title: str, expected: str) -> None:
    assert _best(_linker(SV, "sv"), title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sairaanhoitaja, osa-aikainen", "nurse"),
        ("Lähihoitajia kotihoitoon", "practical-nurse"),
        ("Bussinkuljettaja", "bus-driver"),
        ("Siivooja", "cleaner"),
    ],
)
def test_finnish_titles(title: str, expected: str) -> None:
    assert _best(_linker(FI, "fi"), title) == expected


def test_clean_title_strips_vacancy_noise() -> None:
    assert clean_title("Nurse (m/w/d) full-time") == "Nurse"
    assert clean_title("Kokoaikainen myyjä") == "myyjä"


def test_scores_are_bounded_and_unmatched_titles_rank_nothing() -> None:
    linker = _linker(EN, "en")
    ranked = linker.rank("software developer", k=10)
    assert all(0.0 < score <= 1.0 for _, score in ranked)
    assert [uri for uri, _ in ranked] == list(dict.fromkeys(uri for uri, _ in ranked))
    assert linker.rank("qqqq", k=5) == []
    assert linker.rank("", k=5) == []


def test_rank_many_agrees_with_rank() -> None:
    linker = _linker(EN, "en")
    titles = ["Software Engineer", "shop assistant", "nurse", "bus driver", "zzz"]
    batch = linker.rank_many(titles, k=3, batch=2)
    for title, ranked in zip(titles, batch, strict=True):
        single = linker.rank(title, k=3)
        assert [uri for uri, _ in ranked] == [uri for uri, _ in single]
        assert np.allclose([s for _, s in ranked], [s for _, s in single])


def test_score_matrix_has_one_column_per_id() -> None:
    linker = _linker(EN, "en")
    matrix = linker.score_matrix(["nurse", "bus driver"])
    assert matrix.shape == (2, len(linker.ids))
    assert linker.ids[int(matrix[0].argmax())] == "nurse"
    assert linker.ids[int(matrix[1].argmax())] == "bus-driver"


def test_group_mean_prefers_concepts_whose_labels_all_match() -> None:
    items = [("a", "data analyst"), ("a", "data scientist"), ("b", "data analyst"), ("b", "cook")]
    plain = _linker(items, "en", group_mean=0.0, whole_weight=0.0, doc_weight=0.0)
    grouped = _linker(items, "en", group_mean=0.5, whole_weight=0.0, doc_weight=0.0)
    a, b = plain.score_matrix(["data analyst"])[0]
    assert a == pytest.approx(b)
    a, b = grouped.score_matrix(["data analyst"])[0]
    assert a > b


def test_item_weights_and_priors_shift_scores() -> None:
    ids = ["a", "b"]
    texts = ["welder", "welder"]
    analyzer = analyzer_for_title("en")
    weighted = TitleLinker(ids, texts, analyzer, item_weights=[1.0, 0.9], weight_power=2.0)
    assert weighted.rank("welder", k=2)[0][0] == "a"
    scores = weighted.score_matrix(["welder"])[0]
    assert scores[1] / scores[0] == pytest.approx(0.81)
    prior = TitleLinker(ids, texts, analyzer, id_priors={"b": 0.1})
    assert prior.rank("welder", k=2)[0][0] == "b"
    # priors never make an unmatched id appear
    assert prior.rank("zzzz", k=2) == []


def test_occupation_priors_demote_broad_occupations() -> None:
    taxonomy = Taxonomy()
    taxonomy.add(Concept("group", ConceptKind.ISCO_GROUP))
    taxonomy.add(Concept("broad", ConceptKind.OCCUPATION, broader=["group"]))
    for name in ("narrow-1", "narrow-2"):
        taxonomy.add(Concept(name, ConceptKind.OCCUPATION, broader=["broad"]))
    params = TitleParams(narrower_prior=-0.5)
    priors = occupation_priors(taxonomy, params)
    assert set(priors) == {"broad"}  # ISCO groups and leaves get none
    assert priors["broad"] == pytest.approx(-0.5 * np.log(3))
    assert occupation_priors(taxonomy, TitleParams(narrower_prior=0.0)) == {}
    linker = TitleLinker(
        ["broad", "narrow-1"], ["welder", "welder"], analyzer_for_title("en"), id_priors=priors
    )
    assert linker.rank("welder", k=2)[0][0] == "narrow-1"
    demoted = TitleLinker(["broad"], ["welder"], analyzer_for_title("en"), id_priors={"broad": -5})
    assert [uri for uri, _ in demoted.rank("welder", k=2)] == ["broad"]


def test_params_from_mapping_ignores_unknown_keys_and_converts_types() -> None:
    params = TitleParams.from_mapping({"ngram_low": 3.0, "whole_weight": "0.2", "other": 1})
    assert params.ngram_low == 3 and isinstance(params.ngram_low, int)
    assert params.whole_weight == pytest.approx(0.2)


def test_top_k_orders_ties_by_position() -> None:
    positions, values = top_k(np.asarray([0.5, 0.0, 0.5, 0.9]), 3)
    assert positions.tolist() == [3, 0, 2]
    assert values.tolist() == [0.9, 0.5, 0.5]


ESCO = Path(
    os.environ.get(
        "KOHTAANTO_ESCO_EN",
        "/work/shared/data/esco/v1.1.0/ESCO dataset - v1.1.0 - classification - en - csv.zip",
    )
)


@pytest.mark.skipif(not ESCO.exists(), reason="ESCO data not available")
def test_real_esco_titles() -> None:
    from kohtaanto.recognition import build_engine
    from kohtaanto.taxonomy.build import build_taxonomy

    engine = build_engine(build_taxonomy([ESCO]), languages=("en",), weights=None)
    ranked = engine.link_titles(
        ["Forklift Driver", "Registered Nurse (m/f/d)", "Kitchen Assistant"], lang="en", limit=3
    )
    assert ranked[0][0].label == "forklift operator"
    assert "specialist nurse" in [s.label for s in ranked[1]]
    assert ranked[2][0].label == "kitchen assistant"
    assert all(0.0 < s.score <= 1.0 for row in ranked for s in row)


def test_an_exact_label_ranks_first() -> None:
    """A broad occupation demoted by its prior, or outscored by a longer label, still comes
    first when the title is exactly one of its labels (case, spaces and noise aside)."""
    ids = ["head", "chef", "cook"]
    texts = ["head chef", "chef", "chef de partie cook"]
    analyzer = analyzer_for_title("en")
    linker = TitleLinker(ids, texts, analyzer, id_priors={"chef": -0.5, "head": 0.3})
    for query in ("Chef", "  chef (m/w/d) "):
        ranked = linker.rank(query, k=3)
        assert ranked[0] == ("chef", 1.0)
        assert linker.rank_many([query], k=3)[0] == ranked
    assert linker.rank("head chef", k=1) == [("head", 1.0)]
    plain = TitleLinker(ids, texts, analyzer, id_priors={"chef": -0.5, "head": 0.3}, exact_first=0)
    assert plain.rank("chef", k=1)[0][0] == "head"
