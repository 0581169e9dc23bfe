"""`kohtaanto bench melo DATASET_DIR`: job title → ESCO surface forms (Retyk et al. 2024).

Two modes, each for Kohtaanto's `TitleLinker` and for the character n-gram baseline. The
linker is the product's `TitleLinker` over the corpus with the benchmark's item parameters
(`benchmarks.item_linker`), not an `Engine` call: MELO ranks the dataset's own surface forms,
and the engine only links titles to the taxonomy's occupations, so these figures describe the
title-linking method, not the product (`bench titles` does):

- `strict`: every corpus element is scored from its own text only (comparable with the
  published figures in `published_results.csv`).
- `concept`: Kohtaanto's behaviour. Items are the corpus elements plus the taxonomy labels (in
  the corpus language) of the concepts they map to; a concept scores the best of its items,
  and an element scores `BLEND · concept + (1 − BLEND) · own`. For the linker (not the
  baseline, which stays plain TF-IDF over the same items), the concept scores then get the
  taxonomy's evidence (`benchmarks.concept_scores`, benchmark-only: English labels and
  descriptions through a word lexicon learnt from the corpus elements and the concepts they
  map to, and the broader/narrower hierarchy), and a title listing alternatives ("A, B")
  also gets each concept's best score for one of them. The annotations are never used.

Metrics follow trec_eval over the ranked corpus: MAP, MRR, accuracy@1/5/10. Elements the
linker does not return count as not retrieved. `queries_per_s` times the linker's strict
pass (after a warm-up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import numpy as np

from benchmarks import metrics, report, runtime
from benchmarks.baseline import CharNgramRanker, FloatArray
from benchmarks.readers import MeloDataset, read_melo

if TYPE_CHECKING:
    from benchmarks.concept_scores import ConceptScorer
    from kohtaanto.taxonomy.model import Taxonomy

BLEND = 0.8
"""Weight of the concept's score in an element's score in `concept` mode."""
CUTOFFS = (1, 5, 10)
BATCH = 128
"""Queries scored at once by the baseline (a dense block of BATCH × corpus floats)."""


@dataclass(slots=True)
class RankingScores:
    """Accumulates trec_eval-style metrics over queries."""

    ap: list[float] = field(default_factory=list)
    rr: list[float] = field(default_factory=list)
    hits: dict[int, list[float]] = field(default_factory=lambda: {k: [] for k in CUTOFFS})

    def add(self, ranking: Sequence[str], relevant: set[str]) -> None:
        self.ap.append(metrics.average_precision(ranking, relevant))
        self.rr.append(metrics.reciprocal_rank(ranking, relevant))
        for k in CUTOFFS:
            self.hits[k].append(metrics.hit_at_k(ranking, relevant, k))

    def summary(self) -> dict[str, float]:
        result = {"map": metrics.mean(self.ap), "mrr": metrics.mean(self.rr)}
        result |= {f"acc@{k}": metrics.mean(self.hits[k]) for k in CUTOFFS}
        return {key: round(value, 4) for key, value in result.items()}


@dataclass(slots=True)
class ConceptItems:
    """The items of `concept` mode: (item id, text) with the concept group of each item."""

    items: list[tuple[str, str]]
    group_of: dict[str, str]
    """item id → concept URI (an unmapped corpus element is its own group)."""


def concept_items(dataset: MeloDataset, taxonomy: Taxonomy | None) -> ConceptItems:
    items = list(dataset.corpus.items())
    group_of = {cid: dataset.concept_of.get(cid, cid) for cid in dataset.corpus}
    if taxonomy is not None:
        lang = dataset.corpus_lang
        for uri in dict.fromkeys(dataset.concept_of.values()):
            concept = taxonomy.get(uri)
            label_set = concept.labels.get(lang) if concept is not None else None
            if label_set is None:
                continue
            # label-0 only for a preferred label (`is_preferred`)
            for i, label in enumerate(label_set.all(), start=0 if label_set.preferred else 1):
                item_id = f"{uri}#label-{i}"
                items.append((item_id, label))
                group_of[item_id] = uri
    return ConceptItems(items, group_of)


def is_preferred(item_id: str) -> bool:
    """Whether a concept-mode item is its concept's preferred label: a taxonomy label
    `URI#label-0`, or a corpus element numbered 000 (MELO numbers the surface forms of each
    concept with the preferred label first: `C000123_da_000`)."""
    return item_id.endswith(("_000", "#label-0"))


class ConceptBlender:
    """Turns one linker ranking over concept-mode items into a ranking of corpus elements.

    A concept scores the best of its items; an element scores
    `blend · concept + (1 − blend) · own` (own = 0 when the linker did not return it, concept
    = own for an unmapped element). Elements with neither score are not retrieved.
    """

    def __init__(self, dataset: MeloDataset, bundle: ConceptItems, blend: float = BLEND) -> None:
        self.blend = blend
        self.cids = list(dataset.corpus)
        self.index = {item_id: i for i, (item_id, _) in enumerate(bundle.items)}
        groups: dict[str, int] = {}
        self.item_group = np.asarray(
            [
                groups.setdefault(bundle.group_of[item_id], len(groups))
                for item_id, _ in bundle.items
            ],
            dtype=np.intp,
        )
        self.n_groups = len(groups)
        self.group_ids = list(groups)
        """Group ids (concept URIs, or the id of an unmapped element) in column order."""
        self.element_item = np.asarray([self.index[cid] for cid in self.cids], dtype=np.intp)
        self.element_group = self.item_group[self.element_item]
        self.preferred_items = np.asarray(
            [i for i, (item_id, _) in enumerate(bundle.items) if is_preferred(item_id)],
            dtype=np.intp,
        )
        """Items that are their concept's preferred label (see `is_preferred`)."""

    def scores(
        self, ranked: Sequence[tuple[str, float]]
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(concept scores over groups, -inf where none; own score of each element, nan where
        the linker did not return it; score of each group's preferred label, 0 where none)
        of one linker ranking."""
        ids = [item_id for item_id, _ in ranked]
        values = np.asarray([score for _, score in ranked], dtype=np.float64)
        items = np.fromiter(map(self.index.__getitem__, ids), dtype=np.intp, count=len(ids))
        best = np.full(self.n_groups, -np.inf)
        np.maximum.at(best, self.item_group[items], values)
        item_score = np.full(len(self.index), np.nan)
        item_score[items] = values
        preferred = np.zeros(self.n_groups)
        found = np.nan_to_num(item_score[self.preferred_items], nan=0.0)
        np.maximum.at(preferred, self.item_group[self.preferred_items], found)
        return best, item_score[self.element_item], preferred

    def rank_scores(self, best: FloatArray, own: FloatArray) -> list[str]:
        """Elements by `blend · concept + (1 − blend) · own`, best first."""
        has_own = ~np.isnan(own)
        own = np.where(has_own, own, 0.0)
        concept = best[self.element_group]
        has_concept = np.isfinite(concept)
        concept = np.where(has_concept, concept, own)
        score = self.blend * concept + (1 - self.blend) * own
        positions = np.flatnonzero(has_own | has_concept)
        order = positions[np.lexsort((positions, -score[positions]))]
        return [self.cids[i] for i in order.tolist()]


def evaluate_linker(
    dataset: MeloDataset,
    taxonomy: Taxonomy | None,
    make_linker: Callable[[Sequence[tuple[str, str]], str], runtime.Linker],
) -> tuple[dict[str, float], dict[str, float], float]:
    """(strict, concept, queries per second) for Kohtaanto's TitleLinker (`make_linker`)."""
    lang = dataset.corpus_lang or dataset.query_lang or "en"
    qids = [qid for qid in dataset.queries if dataset.qrels.get(qid)]
    texts = [dataset.queries[qid] for qid in qids]

    strict_linker = make_linker(list(dataset.corpus.items()), lang)
    size = len(dataset.corpus)
    strict = RankingScores()
    pending = iter(qids)

    def score(ranked: list[tuple[str, float]]) -> None:
        strict.add([cid for cid, _ in ranked], dataset.qrels[next(pending)])

    rate = runtime.timed_each(lambda q: strict_linker.rank(q, k=size), texts, score)

    bundle = concept_items(dataset, taxonomy)
    concept_linker = make_linker(bundle.items, lang)
    blender = ConceptBlender(dataset, bundle)
    scorer = concept_scorer(dataset, taxonomy, blender.group_ids)
    concept = RankingScores()
    from benchmarks.concept_scores import title_parts

    def direct(text: str) -> tuple[FloatArray, FloatArray, FloatArray]:
        best, own, preferred = blender.scores(concept_linker.rank(text, k=len(bundle.items)))
        if scorer is None:
            return best, own, preferred
        parts = [
            blender.scores(concept_linker.rank(part, k=len(bundle.items)))
            for part in title_parts(text)
        ]
        best = scorer.with_parts(best, [row for row, _, _ in parts])
        return best, own, scorer.with_parts(preferred, [p for _, _, p in parts])

    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        rows = [direct(text) for text in batch]
        best = np.stack([row for row, _, _ in rows])
        if scorer is not None:
            best = scorer.combine(best, batch, preferred=np.stack([p for _, _, p in rows]))
        for i, (_, own, _) in enumerate(rows):
            concept.add(blender.rank_scores(best[i], own), dataset.qrels[qids[start + i]])
    return strict.summary(), concept.summary(), rate


def concept_scorer(
    dataset: MeloDataset, taxonomy: Taxonomy | None, group_ids: Sequence[str]
) -> ConceptScorer | None:
    """The linker's concept-level evidence (pivot-language labels and descriptions, the
    hierarchy), its word lexicon learnt from the corpus elements and the concepts they map
    to; None without a taxonomy."""
    if taxonomy is None:
        return None
    from benchmarks.concept_scores import ConceptScorer

    lang = dataset.corpus_lang or dataset.query_lang or "en"
    items = [
        (dataset.concept_of[cid], text)
        for cid, text in dataset.corpus.items()
        if cid in dataset.concept_of
    ]
    return ConceptScorer(taxonomy, group_ids, lang, items=items)


def evaluate_baseline(
    dataset: MeloDataset, taxonomy: Taxonomy | None
) -> tuple[dict[str, float], dict[str, float]]:
    """(strict, concept) for the character n-gram TF-IDF baseline."""
    qids = [qid for qid in dataset.queries if dataset.qrels.get(qid)]
    texts = [dataset.queries[qid] for qid in qids]
    cids = list(dataset.corpus)

    strict = RankingScores()
    ranker = CharNgramRanker(list(dataset.corpus.items()))
    for offset, block in ranker.iter_grouped(texts, batch=BATCH):
        for row, qid in zip(block, qids[offset : offset + len(block)], strict=True):
            order = np.argsort(-row, kind="stable")
            strict.add([cids[i] for i in order], dataset.qrels[qid])

    bundle = concept_items(dataset, taxonomy)
    grouped = [(bundle.group_of[item_id], text) for item_id, text in bundle.items]
    concept_ranker = CharNgramRanker(grouped)
    # column of each corpus element among the concept ranker's items
    corpus_columns = np.empty(len(cids), dtype=np.intp)
    for column, original in enumerate(concept_ranker.item_order):
        if original < len(cids):
            corpus_columns[original] = column
    group_index = {group: i for i, group in enumerate(concept_ranker.ids)}
    element_group = np.asarray([group_index[bundle.group_of[cid]] for cid in cids], dtype=np.intp)
    concept = RankingScores()
    starts = _group_starts(concept_ranker.item_ids)
    for start in range(0, len(texts), BATCH):
        scores: FloatArray = concept_ranker.scores(texts[start : start + BATCH])
        best = np.maximum.reduceat(scores, starts, axis=1)
        own = scores[:, corpus_columns]
        blended = BLEND * best[:, element_group] + (1 - BLEND) * own
        for row, qid in zip(blended, qids[start : start + len(scores)], strict=True):
            order = np.argsort(-row, kind="stable")
            concept.add([cids[i] for i in order], dataset.qrels[qid])
    return strict.summary(), concept.summary()


def _group_starts(item_ids: Sequence[str]) -> np.ndarray[Any, np.dtype[np.intp]]:
    starts = [i for i in range(len(item_ids)) if i == 0 or item_ids[i] != item_ids[i - 1]]
    return np.asarray(starts, dtype=np.intp)


def run(dataset_dir: Path, taxonomy_path: Path | None = None) -> dict[str, Any]:
    dataset = read_melo(dataset_dir)
    taxonomy = runtime.load_taxonomy(taxonomy_path) if taxonomy_path else None
    strict, concept, rate = evaluate_linker(dataset, taxonomy, runtime.title_linker)
    base_strict, base_concept = evaluate_baseline(dataset, taxonomy)
    return {
        "dataset": dataset.name,
        "queries": sum(1 for qid in dataset.queries if dataset.qrels.get(qid)),
        "strict": strict,
        "concept": concept,
        "baseline": {"strict": base_strict, "concept": base_concept},
        "queries_per_s": rate,
        "peak_rss_mb": runtime.peak_rss_mb(),
    }


@click.command("melo")
@click.argument("dataset_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compiled index file; its labels join the corpus surface forms in concept mode.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(dataset_dir: Path, taxonomy_path: Path | None, as_json: bool) -> None:
    """MELO: rank ESCO surface forms for national job titles (MAP, MRR, acc@k)."""
    result = run(dataset_dir, taxonomy_path)
    report.emit(result, as_json, f"MELO {result['dataset']} ({result['queries']} queries)")
