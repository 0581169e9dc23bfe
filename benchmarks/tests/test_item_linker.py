"""The MELO benchmark's title linker over arbitrary items (`benchmarks/item_linker.py`): the
product's `TitleLinker` with the item parameters of `benchmarks/item_linker.json`. Until issue
11 these tests were in `src/kohtaanto/recognition/tests` (`TitleLinker.from_items`)."""

from __future__ import annotations

from dataclasses import asdict

from benchmarks import runtime
from benchmarks.item_linker import item_linker, item_params, shipped_params
from kohtaanto.recognition import TitleLinker, get_analyzer, load_weights
from kohtaanto.recognition.titles import TitleParams


def test_title_linker_ranks_items_and_strips_noise() -> None:
    linker = item_linker(
        [("a", "Java developer"), ("b", "forklift driver"), ("c", "welder")],
    )
    ranked = linker.rank("Senior Java Developer (m/w/d)", k=2)
    assert ranked[0][0] == "a"
    assert 0.0 < ranked[0][1] <= 1.0
    assert linker.rank("zzzz", k=3) == []


def test_item_linker_keeps_items_apart() -> None:
    linker = item_linker([("x", "Militært arbejde"), ("y", "Sygeplejerske")])
    assert linker.rank("sygeplejersker", k=1)[0][0] == "y"


def test_item_parameters_are_the_former_shipped_ones() -> None:
    """Moved unchanged: `ITEM_DEFAULTS` under `params.title_items` of ensemble-v2.json."""
    expected = TitleParams(
        char_weight=0.8,
        ngram_low=2,
        ngram_high=4,
        max_query_df=1.0,
        feedback=0.0,
        whole_weight=0.0,
        group_mean=0.0,
        suffix_weight=1.0,
        seniority_weight=0.3,
        pair_weight=0.0,
        max_df=1.0,
        doc_weight=0.0,
    )
    assert item_params() == expected
    assert item_params(char_weight=0.5) == TitleParams(**{**asdict(expected), "char_weight": 0.5})
    assert isinstance(item_params().ngram_low, int)
    assert set(shipped_params()) <= set(asdict(expected))
    linker = item_linker([("a", "nurse")], ngram_high=3.0)
    assert linker.params == item_params(ngram_high=3)


def test_the_product_no_longer_carries_them() -> None:
    assert "title_items" not in load_weights().params
    assert not hasattr(TitleLinker, "from_items")


def test_runtime_linker_is_the_item_linker_with_the_language_analyzer() -> None:
    items = [("x", "Militært arbejde"), ("y", "Sygeplejerske"), ("y", "sygeplejersker")]
    linker = runtime.title_linker(items, "da")
    assert isinstance(linker, TitleLinker)
    assert linker.params == item_params()
    assert linker.analyzer is get_analyzer("snowball(da)")
    expected = item_linker(items, analyzer=get_analyzer("snowball(da)"))
    assert linker.rank("sygeplejerske", k=2) == expected.rank("sygeplejerske", k=2)
