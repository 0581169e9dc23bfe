"""The cross-lingual bridge: a word lexicon learnt from the taxonomy's own label pairs, and
Finnish text matched against English alternative labels through it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kohtaanto.recognition import Engine, build_engine, load_weights
from kohtaanto.recognition.analyzer import analyzer_for_language
from kohtaanto.recognition.analyzer.voikko import available
from kohtaanto.recognition.clauses import analyse
from kohtaanto.recognition.recognizer.crosslingual import (
    CrosslingualRecognizer,
    Lexicon,
    model1,
)
from kohtaanto.recognition.recognizer.lexical import LexicalIndex
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

E = "http://example.org/bridge/"
needs_voikko = pytest.mark.skipif(not available("fi"), reason="needs Voikko (voikko-fi)")


def test_model1_learns_word_translations_from_label_pairs() -> None:
    pairs = [
        (["johtaa", "tiimi"], ["lead", "team"]),
        (["rakentaa", "tiimi"], ["build", "team"]),
        (["johtaa", "projekti"], ["lead", "project"]),
        (["rakentaa", "talo"], ["build", "house"]),
    ]
    table = model1(pairs, iterations=10, min_probability=0.05, per_unit=3)
    assert table["tiimi"][0][0] == "team"
    assert table["johtaa"][0][0] == "lead"
    assert table["rakentaa"][0][0] == "build"
    assert all(p >= 0.05 for translations in table.values() for _, p in translations)
    assert model1([], 5, 0.05, 3) == {}


def test_lexicon_state_round_trip() -> None:
    lexicon = Lexicon("fi", {"tiimi": (("team", 0.9), ("group", 0.1)), "työ": (("work", 1.0),)})
    again = Lexicon.from_state(lexicon.state())
    assert again.lang == "fi"
    assert again.table == lexicon.table
    assert again.translate("tiimi")[0] == ("team", 0.9)
    assert again.translate("unknown") == ()


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["bridge test taxonomy"])
    rows = [
        # The skill to find: its Finnish label shares no word with the text below, but an
        # English alternative label does once "tiimi" is known to mean "team".
        ("teams", ("work in teams", ["work in a team", "teamwork"]), "työskennellä ryhmässä"),
        ("lead", ("lead a team", []), "johtaa tiimiä"),
        ("build", ("build a team", []), "rakentaa tiimi"),
        ("project", ("lead a project", []), "johtaa projektia"),
        ("house", ("build a house", []), "rakentaa talo"),
        ("weld", ("weld", []), "hitsata"),
    ]
    for slug, en, fi in rows:
        taxonomy.add(
            Concept(
                E + slug,
                ConceptKind.SKILL,
                labels={"en": LabelSet(en[0], list(en[1])), "fi": LabelSet(fi, [])},
            )
        )
    return taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return _taxonomy()


@pytest.fixture(scope="module")
def engine(taxonomy: Taxonomy) -> Engine:
    return build_engine(taxonomy, languages=("fi", "en"))


@needs_voikko
def test_lexicon_is_learnt_from_the_taxonomy(taxonomy: Taxonomy) -> None:
    recognizer = CrosslingualRecognizer(taxonomy, ("fi", "en"))
    lexicon = recognizer.index("fi")
    assert lexicon is not None
    assert lexicon.translate("tiimi")[0][0] == "team"
    english = recognizer.index("en")
    assert english is not None and english.table == {}  # no bridge from English to English


@needs_voikko
def test_finnish_text_reaches_an_english_alternative_label(engine: Engine) -> None:
    text = "Työskentelet tiimissä."
    doc = analyse(text, "fi", analyzer_for_language("fi"), compounds=True)
    bridge = engine.recognizers["crosslingual"].suggest(doc)
    assert [hit.uri for hit in bridge][:1] == [E + "teams"]
    assert any(e.text == "tiimissä" and "team" in e.matched for e in bridge[0].evidence)
    suggestions = engine.recognize(text, lang="fi")
    assert E + "teams" in [s.uri for s in suggestions]
    found = next(s for s in suggestions if s.uri == E + "teams")
    assert "crosslingual" in found.recognizers
    assert found.label == "työskennellä ryhmässä"  # shown in the text's language


@needs_voikko
def test_negated_clause_is_left_out(engine: Engine) -> None:
    uris = [s.uri for s in engine.recognize("En ole työskennellyt tiimissä.", lang="fi")]
    assert E + "teams" not in uris


def test_english_text_is_not_bridged(engine: Engine) -> None:
    doc = analyse("I work in a team.", "en", analyzer_for_language("en"))
    assert engine.recognizers["crosslingual"].suggest(doc) == []
    weights = load_weights().for_language("en")
    assert weights.weights["crosslingual"] == 0.0
    assert load_weights().for_language("fi").weights["crosslingual"] > 0


def test_covered_agrees_with_coverage(taxonomy: Taxonomy) -> None:
    index = LexicalIndex(taxonomy, "en", frozenset({ConceptKind.SKILL}))
    analyzer = analyzer_for_language("en")
    matches = {analyzer.normalize_word(w): (i, 1.0) for i, w in enumerate(["team", "build"])}
    dense = index.coverage(matches)
    ids, values = index.covered(matches, 0.3)
    expected = np.flatnonzero(dense >= 0.3)
    assert ids.tolist() == expected.tolist()
    assert values.tolist() == dense[expected].tolist()
    empty_ids, empty_values = index.covered({}, 0.3)
    assert len(empty_ids) == 0 and len(empty_values) == 0


def test_dedupe_keeps_one_label_per_concept_and_word_set(taxonomy: Taxonomy) -> None:
    kinds = frozenset({ConceptKind.SKILL})
    full = LexicalIndex(taxonomy, "en", kinds)
    deduped = LexicalIndex(taxonomy, "en", kinds, dedupe=True)
    # "work in teams" and "work in a team" are both {work, team}: the preferred one stays.
    teams = [label for label in deduped.labels if label.uri == E + "teams"]
    assert [(label.type, label.surfaces) for label in teams] == [
        (0, ("work", "teams")),
        (1, ("teamwork",)),
    ]
    assert len(deduped.labels) == len(full.labels) - 1


@needs_voikko
def test_cached_pivot_index_gives_the_same_hits(taxonomy: Taxonomy, tmp_path: Path) -> None:
    doc = analyse("Työskentelet tiimissä.", "fi", analyzer_for_language("fi"), compounds=True)
    fresh = build_engine(taxonomy, languages=("fi",))
    expected = fresh.recognizers["crosslingual"].suggest(doc)
    build_engine(taxonomy, languages=("fi",), cache_dir=tmp_path).prepare()
    assert any(p.name.startswith("lexical-en-") for p in tmp_path.glob("*.npz"))
    cached = build_engine(taxonomy, languages=("fi",), cache_dir=tmp_path)
    assert cached.recognizers["crosslingual"].suggest(doc) == expected


def test_touched_postings_are_the_matrix_entries(taxonomy: Taxonomy) -> None:
    """(label, weight × quality) per posting, in the order of the matched words."""
    index = LexicalIndex(taxonomy, "en", frozenset(ConceptKind))
    words = list(index.vocabulary)[:5]
    matches = {word: (i, 0.5 + 0.1 * i) for i, word in enumerate(words)}
    matches["no-such-word"] = (9, 1.0)
    touched = index._touched(matches)
    assert touched is not None
    expected_ids: list[int] = []
    expected_weights: list[float] = []
    matrix = index.matrix_t
    for word in words:
        row, quality = index.vocabulary[word], matches[word][1]
        for j in range(matrix.indptr[row], matrix.indptr[row + 1]):
            expected_ids.append(int(matrix.indices[j]))
            expected_weights.append(float(matrix.data[j]) * quality)
    assert touched[0].tolist() == expected_ids
    assert touched[1].tolist() == expected_weights
    one = index._touched({words[0]: (0, 1.0)})
    assert one is not None and one[0].tolist() == expected_ids[: len(one[0])]
