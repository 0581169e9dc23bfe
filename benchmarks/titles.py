"""`kohtaanto bench titles FILE`: vacancy titles → ESCO occupations (Decorte et al. 2021).

The engine ranks occupations with `engine.link_titles(titles, lang, limit=10)`: one batch call,
ranking each title as `engine.link_title` (what `kohtaanto link-title` calls per title) does;
`titles_per_s` times that call after a warm-up.
The baseline ranks every occupation by the best character n-gram cosine between the title and the
occupation's labels in `--lang`. Metrics: accuracy@1 and MRR@10.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from benchmarks import metrics, report, runtime, splits
from benchmarks.baseline import CharNgramRanker, top_k
from benchmarks.labels import label_items
from benchmarks.readers import read_titles

LIMIT = 10


def load_gold(path: Path, split: str = splits.ALL, limit_texts: int | None = None) -> list[Any]:
    """The titles of `split` (`benchmarks/splits.py`, by the title's text), the first
    `limit_texts` of them."""
    gold = splits.select(read_titles(path), split, lambda g: g.title)
    if limit_texts is not None:
        gold = gold[:limit_texts]
    if not gold:
        raise click.ClickException(f"{path}: no titles in split {split!r}")
    return gold


def engine_rankings(engine: Any, titles: list[str], lang: str) -> tuple[list[list[str]], float]:
    """The engine's occupations for each title (one `link_titles` call, after a warm-up),
    and titles/s."""

    def link_all(batch: list[str]) -> list[Any]:
        return list(engine.link_titles(batch, lang=lang, limit=LIMIT))

    link_all(titles[:3])  # warm-up: builds the linker
    start = time.perf_counter()
    linked = link_all(titles)
    elapsed = time.perf_counter() - start
    rankings = [[suggestion.uri for suggestion in ranking] for ranking in linked]
    return rankings, round(len(titles) / elapsed, 1) if elapsed > 0 else float("inf")


def run(
    path: Path,
    taxonomy_path: Path,
    lang: str,
    limit_texts: int | None = None,
    split: str = splits.ALL,
    weights: Path | None = None,
) -> dict[str, Any]:
    from kohtaanto.taxonomy.model import ConceptKind

    taxonomy = runtime.load_taxonomy(taxonomy_path)
    gold = load_gold(path, split, limit_texts)
    titles = [g.title for g in gold]
    missing = {g.uri for g in gold} - set(taxonomy.concepts)
    if missing:
        click.echo(f"warning: {len(missing)} gold URIs are not in the taxonomy", err=True)

    engine = runtime.engine_for(taxonomy, (lang,), weights)
    rankings, rate = engine_rankings(engine, titles, lang)

    items = label_items(taxonomy, (ConceptKind.OCCUPATION,), lang)
    if not items:
        raise click.ClickException(f"the taxonomy has no occupation labels in {lang!r}")
    ranker = CharNgramRanker(items)
    base_rankings: list[list[str]] = []
    for _, block in ranker.iter_grouped(titles):
        base_rankings.extend([uri for uri, _ in top_k(ranker.ids, row, LIMIT)] for row in block)

    return {
        "split": split,
        "split_by": "text",
        "titles": len(gold),
        "weights": runtime.weights_name(weights),
        **scores(rankings, gold),
        "baseline": scores(base_rankings, gold),
        "titles_per_s": rate,
        "peak_rss_mb": runtime.peak_rss_mb(),
    }


def scores(rankings: list[list[str]], gold: list[Any]) -> dict[str, float]:
    pairs = list(zip(rankings, gold, strict=True))
    return {
        "acc@1": round(metrics.mean(metrics.hit_at_k(r, {g.uri}, 1) for r, g in pairs), 4),
        "mrr@10": round(
            metrics.mean(metrics.reciprocal_rank(r, {g.uri}, LIMIT) for r, g in pairs), 4
        ),
    }


@click.command("titles")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@runtime.index_options(
    "titles",
    split_help="Half of the titles (benchmarks/splits.py).",
    weights_help="Ensemble weights file (its params.title) instead of the shipped one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    path: Path,
    taxonomy_path: Path,
    lang: str,
    limit_texts: int | None,
    split: str,
    weights: Path | None,
    as_json: bool,
) -> None:
    """Job titles → occupations (JobBERT format): accuracy@1 and MRR@10."""
    result = run(path, taxonomy_path, lang, limit_texts, split, weights)
    report.emit(
        result, as_json, f"titles {path.name} [{lang}] ({result['titles']} titles, split {split})"
    )
