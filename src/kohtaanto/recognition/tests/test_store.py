"""Saved indexes: arrays and packed strings only, restored equal to the built ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kohtaanto.recognition.recognizer.lexical import LexicalIndex
from kohtaanto.recognition.recognizer.tfidf import TfidfRecognizer
from kohtaanto.recognition.store import (
    ENGINE_FORMAT,
    IndexStore,
    pack_strings,
    read_state,
    taxonomy_key,
    unpack_strings,
    write_state,
)
from kohtaanto.recognition.tests.fixtures import JAVA, tiny_taxonomy
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


@pytest.mark.parametrize("strings", [[], [""], ["a", "", "äö ü", "C#"]])
def test_strings_round_trip(strings: list[str]) -> None:
    assert unpack_strings("s", pack_strings("s", strings)) == strings


def test_strings_with_nul_are_refused() -> None:
    with pytest.raises(ValueError, match="NUL"):
        pack_strings("s", ["a\0b"])


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_lexical_index_round_trip(taxonomy: Taxonomy, tmp_path: Path, lang: str) -> None:
    kinds = frozenset(ConceptKind)
    built = LexicalIndex(taxonomy, lang, kinds)
    meta, arrays = built.state()
    write_state(tmp_path / "x.npz", {**meta, "format": ENGINE_FORMAT}, arrays)
    loaded = LexicalIndex.from_state(read_state(tmp_path / "x.npz"))
    assert len(loaded.labels) == len(built.labels)
    assert [loaded.labels[i] for i in range(len(built.labels))] == list(built.labels)
    assert loaded.vocabulary == built.vocabulary
    assert np.array_equal(loaded.prior, built.prior)
    assert (loaded.matrix_t != built.matrix_t).nnz == 0


def test_tfidf_index_round_trip(taxonomy: Taxonomy) -> None:
    recognizer = TfidfRecognizer(taxonomy, ("fi",), max_label_type=2)
    built = recognizer.index("fi")
    assert built is not None
    loaded = recognizer._index_from_state(built.state())
    assert (loaded.uris, loaded.kinds, loaded.texts) == (built.uris, built.kinds, built.texts)
    assert loaded.index.vocabulary == built.index.vocabulary
    assert np.array_equal(loaded.index.idf, built.index.idf)


def test_read_state_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.npz"
    np.savez(path, a=np.zeros(2))
    with pytest.raises(ValueError, match="not a saved"):
        read_state(path)
    assert IndexStore(tmp_path, "k").load(path) is None
    assert IndexStore(tmp_path, "k").load(tmp_path / "absent.npz") is None


def test_store_keys_depend_on_taxonomy_and_params(taxonomy: Taxonomy, tmp_path: Path) -> None:
    store = IndexStore(tmp_path, taxonomy_key(taxonomy))
    path = store.path("lexical", "fi", {"min_coverage": 0.4})
    assert path == store.path("lexical", "fi", {"min_coverage": 0.4})
    assert path != store.path("lexical", "fi", {"min_coverage": 0.3})
    assert path != store.path("lexical", "sv", {"min_coverage": 0.4})
    other = tiny_taxonomy()
    other.concepts[JAVA].labels["fi"].alternative.append("Kotlin")
    assert taxonomy_key(other) != taxonomy_key(taxonomy)
    assert taxonomy_key(tiny_taxonomy()) == taxonomy_key(taxonomy)


def test_the_index_key_holds_the_languages_analyzer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index built with Snowball (Voikko missing) is not reused once Voikko is there."""
    from kohtaanto.recognition import analyzer
    from kohtaanto.recognition.analyzer import get_analyzer

    store = IndexStore(tmp_path, "k")
    monkeypatch.setattr(
        analyzer, "analyzer_for_language", lambda lang: get_analyzer("snowball(fi)")
    )
    with_snowball = store.path("lexical", "fi", {})
    monkeypatch.setattr(analyzer, "analyzer_for_language", lambda lang: get_analyzer("simple"))
    assert store.path("lexical", "fi", {}) != with_snowball
