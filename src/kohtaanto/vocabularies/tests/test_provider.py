"""The one taxonomy provider: recognition, matching and labels follow the active vocabulary
in the same process, the engine cache follows its fingerprint, and the check is one query."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from kohtaanto.matches import adapters as matching
from kohtaanto.profiles import adapters as profiles
from kohtaanto.taxonomy.index import save_index
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy
from kohtaanto.vocabularies import provider
from kohtaanto.vocabularies.models import Vocabulary
from kohtaanto.vocabularies.selectors import concept_label, search_concepts
from kohtaanto.vocabularies.services import import_taxonomy

pytestmark = pytest.mark.django_db

NEW = "http://example.org/skill/kvanttilaskenta"
STORY = "Olen opiskellut kvanttilaskentaa ja osaan kvanttilaskenta-algoritmit."
FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"


@pytest.fixture(autouse=True)
def fresh(settings, tmp_path: Path):
    """Engine caches under a temporary data folder; nothing loaded from another test."""
    settings.DATA_DIR = tmp_path
    settings.KOHTAANTO_TAXONOMY_FILE = ""
    provider.reset_engine()
    yield
    provider.reset_engine()


def starter() -> Taxonomy:
    from kohtaanto.taxonomy import build_taxonomy

    return build_taxonomy(["starter"])


def with_new_skill(label: str = "kvanttilaskenta") -> Taxonomy:
    """The starter set plus a skill it lacks (narrower than forklift driving, for the graph)."""
    taxonomy = starter()
    labels = {"fi": LabelSet(preferred=label), "en": LabelSet(preferred="quantum computing")}
    taxonomy.add(Concept(NEW, ConceptKind.SKILL, labels=labels, broader=[FORKLIFT]))
    return taxonomy


def recognised(text: str = STORY) -> set[str]:
    return {s.uri for s in profiles.recognise_story(text, "fi")}


def test_importing_a_vocabulary_changes_recognition_and_matching_together():
    assert provider.fingerprint().startswith("starter-")
    assert NEW not in recognised()
    assert NEW not in matching.skill_graph().broader
    assert matching.labels([NEW], "fi") == {NEW: NEW}

    result = import_taxonomy(with_new_skill(), name="esco-plus")  # no restart, no reset

    assert result.activated and provider.fingerprint().startswith("db-")
    assert NEW in recognised()
    assert matching.skill_graph().broader[NEW] == {FORKLIFT}
    assert FORKLIFT in provider.get_engine().taxonomy.concepts[NEW].broader
    # every label lookup reads the same vocabulary
    assert matching.labels([NEW], "fi") == {NEW: "kvanttilaskenta"}
    assert profiles.label_of(NEW, "fi") == "kvanttilaskenta"
    assert concept_label(NEW, "fi") == "kvanttilaskenta"
    assert [hit.uri for hit in search_concepts("kvantti", "fi")] == [NEW]


def test_the_database_copy_reads_back_as_the_imported_taxonomy():
    original = starter()
    import_taxonomy(original, name="starter")
    loaded = provider.get_taxonomy()
    assert loaded is not original
    assert loaded == original  # every concept, label (in order), link and source


def test_the_provider_rebuilds_after_a_reimport_and_only_then():
    import_taxonomy(with_new_skill(), name="esco")
    first, engine, graph = provider.get_taxonomy(), provider.get_engine(), matching.skill_graph()
    assert provider.get_taxonomy() is first and provider.get_engine() is engine
    assert matching.skill_graph() is graph

    assert not import_taxonomy(with_new_skill(), name="esco").changed  # same content
    assert provider.get_taxonomy() is first and provider.get_engine() is engine

    import_taxonomy(with_new_skill("kvanttitietojenkäsittely"), name="esco")
    second = provider.get_taxonomy()
    assert second is not first and second.concepts[NEW].label("fi") == "kvanttitietojenkäsittely"
    assert provider.get_engine() is not engine and provider.get_engine().taxonomy is second
    assert matching.skill_graph() is not graph
    assert NEW in recognised("Osaan kvanttitietojenkäsittely.")


def test_the_engine_cache_is_keyed_on_the_fingerprint(tmp_path: Path):
    def cache_folder() -> Path:
        store = provider.get_engine().store
        assert store is not None
        return store.directory

    on_starter = provider.fingerprint()
    assert cache_folder() == tmp_path / "cache" / "engine" / on_starter
    import_taxonomy(with_new_skill(), name="esco")
    first = provider.fingerprint()
    assert first != on_starter and cache_folder() == tmp_path / "cache" / "engine" / first
    recognised()  # builds and saves the Finnish indexes under the fingerprint
    assert any(cache_folder().glob("*-fi-*.npz"))

    import_taxonomy(with_new_skill("kvanttitietojenkäsittely"), name="esco")  # re-imported
    assert provider.fingerprint() not in {first, on_starter}
    assert cache_folder() == tmp_path / "cache" / "engine" / provider.fingerprint()


def test_only_the_most_recent_cache_folders_are_kept(tmp_path: Path):
    for label in ("a", "b", "c", "d", "e"):
        import_taxonomy(with_new_skill(label), name="esco")
        provider.get_engine()
    folders = [p.name for p in (tmp_path / "cache" / "engine").iterdir()]
    assert provider.fingerprint() in folders and len(folders) == provider.KEEP_CACHES


def test_importing_again_switches_back_to_a_vocabulary():
    import_taxonomy(starter(), name="starter")
    on_starter = provider.fingerprint()
    import_taxonomy(with_new_skill(), name="esco")
    assert NEW in provider.get_taxonomy()
    again = import_taxonomy(starter(), name="starter")
    assert again.activated and not again.changed
    assert "now in use" in again.summary()
    assert provider.fingerprint() == on_starter and NEW not in provider.get_taxonomy()
    assert list(Vocabulary.objects.filter(active=True).values_list("name", flat=True)) == [
        "starter"
    ]
    assert search_concepts("kvantti", "fi") == []
    assert search_concepts("kvantti", "fi", vocabulary="esco")


def test_import_without_activating_changes_nothing_in_use():
    import_taxonomy(starter(), name="starter")
    on_starter = provider.fingerprint()
    result = import_taxonomy(with_new_skill(), name="picker-only", activate=False)
    assert not result.activated and provider.fingerprint() == on_starter
    assert NEW not in recognised()


def test_without_a_vocabulary_the_settings_file(settings, tmp_path: Path):
    tiny = Taxonomy(sources=["tiny"])
    tiny.add(copy.deepcopy(with_new_skill().concepts[NEW]))
    save_index(tiny, tmp_path / "tiny.idx")
    settings.KOHTAANTO_TAXONOMY_FILE = str(tmp_path / "tiny.idx")
    assert provider.fingerprint().startswith("file-")
    assert list(provider.get_taxonomy().concepts) == [NEW]
    import_taxonomy(starter(), name="starter")  # an imported vocabulary wins over the file
    assert NEW not in provider.get_taxonomy() and FORKLIFT in provider.get_taxonomy()


def test_the_check_is_one_query_and_once_per_request(django_assert_num_queries):
    import_taxonomy(starter(), name="starter")
    provider.get_engine()
    with django_assert_num_queries(1):
        provider.get_engine()
    # as Django's test client does: a request without closing the test's connection
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_assert_num_queries(1):
            request_started.send(sender=None)
            try:
                for _ in range(10):
                    profiles.label_of(FORKLIFT, "fi")
                    matching.skill_graph()
            finally:
                request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    with django_assert_num_queries(2):  # outside a request: every call checks
        profiles.label_of(FORKLIFT, "fi")
        profiles.label_of(FORKLIFT, "sv")


def test_use_engine_swaps_the_engine_and_its_taxonomy():
    tiny = Taxonomy()
    tiny.add(copy.deepcopy(with_new_skill().concepts[NEW]))
    engine = provider.dummy_engine(tiny, count=1)
    with provider.use_engine(engine):
        assert provider.get_engine() is engine and provider.get_taxonomy() is tiny
        assert [s.uri for s in profiles.recognise_story("mitä tahansa", "fi")] == [NEW]
        assert matching.labels([NEW], "fi") == {NEW: "kvanttilaskenta"}
    assert provider.get_engine() is not engine
