"""Fixtures: a tiny taxonomy, its index file, a stub engine and the shared data folder."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[2]

DEV = "http://example.org/occ/developer"
NURSE = "http://example.org/occ/nurse"
DRIVER = "http://example.org/occ/driver"
JAVA = "http://example.org/skill/java"
SQL = "http://example.org/skill/sql"
TEAMWORK = "http://example.org/skill/teamwork"
FORKLIFT = "http://example.org/skill/forklift"


def _concept(uri: str, kind: ConceptKind, en: list[str], fi: list[str] | None = None) -> Concept:
    labels = {"en": LabelSet(en[0], en[1:])}
    if fi:
        labels["fi"] = LabelSet(fi[0], fi[1:])
    return Concept(uri=uri, kind=kind, labels=labels)


def tiny_taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["tiny test taxonomy"])
    for concept in (
        _concept(
            DEV, ConceptKind.OCCUPATION, ["software developer", "programmer", "Java developer"]
        ),
        _concept(NURSE, ConceptKind.OCCUPATION, ["nurse", "registered nurse"], ["sairaanhoitaja"]),
        _concept(DRIVER, ConceptKind.OCCUPATION, ["forklift truck operator", "forklift driver"]),
        _concept(
            JAVA,
            ConceptKind.KNOWLEDGE,
            ["Java (computer programming)", "java"],
            ["Java-ohjelmointi"],
        ),
        _concept(SQL, ConceptKind.KNOWLEDGE, ["SQL"], ["SQL"]),
        _concept(TEAMWORK, ConceptKind.SKILL, ["work in teams", "teamwork"], ["tehdä tiimityötä"]),
        _concept(
            FORKLIFT, ConceptKind.SKILL, ["operate forklift", "forklift"], ["käyttää trukkia"]
        ),
    ):
        taxonomy.add(concept)
    return taxonomy


@pytest.fixture
def taxonomy() -> Taxonomy:
    return tiny_taxonomy()


@pytest.fixture
def index_file(tmp_path: Path) -> Path:
    from kohtaanto.taxonomy.index import save_index

    path = tmp_path / "tiny.idx"
    save_index(tiny_taxonomy(), path)
    return path


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


class OverlapLinker:
    """Stub TitleLinker: Jaccard overlap of words; items without overlap are not returned."""

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self.items = list(items)

    def rank(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        query_words = _words(query)
        scored: list[tuple[str, float]] = []
        for item_id, text in self.items:
            words = _words(text)
            overlap = len(query_words & words) / len(query_words | words)
            if overlap > 0:
                scored.append((item_id, overlap))
        scored.sort(key=lambda pair: -pair[1])  # stable: ties keep item order
        return scored[:k]


@dataclass
class StubSuggestion:
    uri: str
    label: str
    kind: str
    score: float
    evidence: list[object] = field(default_factory=list)
    recognizers: list[str] = field(default_factory=list)
    inferred: bool = False
    goal: bool = False


class StubEngine:
    """Recognises a concept when one of its labels occurs in the text (substring match)."""

    def __init__(self, taxonomy: Taxonomy, languages: Sequence[str]) -> None:
        self.taxonomy = taxonomy
        self.languages = tuple(languages)
        self.calls = 0

    def recognize(
        self,
        text: str,
        lang: str = "fi",
        limit: int = 20,
        kinds: Sequence[ConceptKind] | None = None,
        include_inferred: bool = True,
    ) -> list[StubSuggestion]:
        self.calls += 1
        lowered = text.lower()
        found = []
        for concept in self.taxonomy:
            if kinds is not None and concept.kind not in kinds:
                continue
            labels = concept.labels.get(lang)
            if labels and any(label.lower() in lowered for label in labels.all()):
                found.append(StubSuggestion(concept.uri, concept.label(lang), concept.kind, 1.0))
        return found[:limit]

    def link_title(self, title: str, lang: str = "en", limit: int = 10) -> list[StubSuggestion]:
        self.calls += 1
        words = _words(title)
        scored = []
        for concept in self.taxonomy.of_kind(ConceptKind.OCCUPATION):
            labels = concept.labels.get(lang)
            best = max((len(words & _words(x)) for x in labels.all()), default=0) if labels else 0
            if best:
                scored.append(StubSuggestion(concept.uri, concept.label(lang), concept.kind, best))
        scored.sort(key=lambda s: -s.score)
        return scored[:limit]

    def link_titles(
        self, titles: Sequence[str], lang: str = "en", limit: int = 10
    ) -> list[list[StubSuggestion]]:
        return [self.link_title(title, lang, limit) for title in titles]


@pytest.fixture
def stub_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the engine and the title linker with the stubs above."""
    from benchmarks import runtime

    monkeypatch.setattr(runtime, "build_engine", StubEngine)
    monkeypatch.setattr(runtime, "title_linker", lambda items, lang: OverlapLinker(items))


def shared_data() -> Path | None:
    configured = os.environ.get("KOHTAANTO_SHARED_DATA")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    return path if path.is_dir() else None


@pytest.fixture
def shared() -> Path:
    path = shared_data()
    if path is None:
        pytest.skip("shared data (../shared/data or KOHTAANTO_SHARED_DATA) is not available")
    return path


_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test of the benchmark harness is marked `bench`: they run in the SQLite and the
    PostgreSQL passes of `make test`; the two extra clock passes (New Year, leap day) leave
    them out, since each runs a small benchmark end to end (about 30 s for the web ones)
    and none reads the calendar beyond what those two passes already cover."""
    for item in items:
        if _HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.bench)
