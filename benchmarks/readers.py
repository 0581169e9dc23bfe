"""Readers for the evaluation-set formats: MELO, Decorte (skills) and JobBERT (titles)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

IGNORED_LABELS = frozenset({"UNDERSPECIFIED", "LABEL NOT PRESENT"})
_HEADER_IDS = frozenset({"id", "qid", "cid", "query_id", "corpus_id", "q_id", "c_id"})


@dataclass(slots=True)
class MeloDataset:
    """One MELO dataset folder (Retyk et al. 2024)."""

    name: str
    queries: dict[str, str]
    """query id → query text, in file order."""
    corpus: dict[str, str]
    """corpus element id → surface form, in file order."""
    qrels: dict[str, set[str]]
    """query id → relevant corpus element ids (TREC qrels with relevance > 0)."""
    concept_of: dict[str, str] = field(default_factory=dict)
    """corpus element id → ESCO URI."""

    @property
    def query_lang(self) -> str:
        return _lang_part(self.name, "q")

    @property
    def corpus_lang(self) -> str:
        return _lang_part(self.name, "c")


def _lang_part(name: str, prefix: str) -> str:
    """`usa_q_en_c_en` → "en" for prefix "q" or "c"; "" if the name does not follow it."""
    parts = name.split("_")
    for i, part in enumerate(parts[:-1]):
        if part == prefix:
            return parts[i + 1]
    return ""


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = line.split("\t")
            if number == 0 and fields[0].strip().lower() in _HEADER_IDS:
                continue
            yield fields


def _two_columns(path: Path) -> dict[str, str]:
    result: dict[str, str] = {}
    for fields in _tsv_rows(path):
        if len(fields) < 2:
            raise ValueError(f"{path}: expected two tab-separated columns, got {fields!r}")
        result[fields[0].strip()] = fields[1].strip()
    return result


def read_qrels(path: Path) -> dict[str, set[str]]:
    """TREC qrels `qid 0 docid relevance` (tabs or spaces); keeps relevance > 0."""
    qrels: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 4:
                raise ValueError(f"{path}: expected `qid 0 docid rel`, got {line!r}")
            qid, _, doc, rel = fields
            if float(rel) > 0:
                qrels.setdefault(qid, set()).add(doc)
    return qrels


def read_melo(directory: Path) -> MeloDataset:
    """Read `queries.tsv`, `corpus_elements.tsv`, `annotations.tsv`, `concept_mapping.tsv`."""
    directory = Path(directory)
    missing = [
        name
        for name in ("queries.tsv", "corpus_elements.tsv", "annotations.tsv")
        if not (directory / name).is_file()
    ]
    if missing:
        raise FileNotFoundError(f"{directory}: not a MELO dataset (missing {', '.join(missing)})")
    mapping = directory / "concept_mapping.tsv"
    return MeloDataset(
        name=directory.resolve().name,
        queries=_two_columns(directory / "queries.tsv"),
        corpus=_two_columns(directory / "corpus_elements.tsv"),
        qrels=read_qrels(directory / "annotations.tsv"),
        concept_of=_two_columns(mapping) if mapping.is_file() else {},
    )


@dataclass(slots=True)
class GoldSentence:
    """One sentence of the Decorte format with its gold labels (ignored labels removed)."""

    sentence: str
    labels: list[str]
    """Distinct labels in file order: English preferred labels or concept URIs."""


def read_decorte(path: Path) -> list[GoldSentence]:
    """Read `sentence,span,sub_span,label` rows, grouped per sentence in order of appearance.

    `UNDERSPECIFIED` and `LABEL NOT PRESENT` are dropped; sentences left without a label are
    kept with an empty list (callers skip them when averaging).
    """
    groups: dict[str, list[str]] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = set(reader.fieldnames or ())
        if not {"sentence", "label"} <= fields:
            raise ValueError(f"{path}: expected columns sentence,span,sub_span,label")
        for row in reader:
            sentence = (row.get("sentence") or "").strip()
            if not sentence:
                continue
            labels = groups.setdefault(sentence, [])
            label = (row.get("label") or "").strip()
            if label and label not in IGNORED_LABELS and label not in labels:
                labels.append(label)
    return [GoldSentence(sentence, labels) for sentence, labels in groups.items()]


@dataclass(frozen=True, slots=True)
class GoldTitle:
    title: str
    uri: str


def read_titles(path: Path) -> list[GoldTitle]:
    """Read a `vacancyTitle,conceptUri` CSV (an unnamed leading index column is ignored)."""
    result: list[GoldTitle] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = set(reader.fieldnames or ())
        if not {"vacancyTitle", "conceptUri"} <= fields:
            raise ValueError(f"{path}: expected columns vacancyTitle,conceptUri")
        for row in reader:
            title = (row.get("vacancyTitle") or "").strip()
            uri = (row.get("conceptUri") or "").strip()
            if title and uri:
                result.append(GoldTitle(title, uri))
    return result
