"""Property: any taxonomy survives the index unchanged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.taxonomy.index import dumps, loads
from kohtaanto.taxonomy.model import (
    Concept,
    ConceptKind,
    LabelSet,
    Relation,
    SkillRelation,
    Taxonomy,
)

texts = st.text(max_size=12)
uris = st.sampled_from([f"urn:x:{i}" for i in range(8)])
label_sets = st.builds(LabelSet, st.none() | texts, st.lists(texts, max_size=3), st.lists(texts))
concepts = st.builds(
    Concept,
    uris,
    st.sampled_from(list(ConceptKind)),
    st.dictionaries(st.sampled_from(["en", "fi", "sv"]), label_sets),
    st.dictionaries(st.sampled_from(["en", "fi"]), texts),
    st.none() | texts,
    st.lists(uris | texts, max_size=3, unique=True),
    st.sets(st.sampled_from(["digital", "green"])),
    st.none() | texts,
)
relations = st.sampled_from(list(Relation))


@st.composite
def taxonomies(draw: st.DrawFn) -> Taxonomy:
    found = {c.uri: c for c in draw(st.lists(concepts, max_size=6))}
    return Taxonomy(
        found,
        draw(st.dictionaries(uris, st.dictionaries(uris | texts, relations), max_size=3)),
        draw(st.lists(st.builds(SkillRelation, uris, texts, relations), max_size=3)),
        draw(st.lists(texts, max_size=2)),
    )


@settings(max_examples=150)
@given(taxonomies())
def test_any_taxonomy_round_trips(taxonomy: Taxonomy) -> None:
    loaded = loads(dumps(taxonomy))
    assert loaded == taxonomy
    assert dumps(loaded) == dumps(taxonomy)
