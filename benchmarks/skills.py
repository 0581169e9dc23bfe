"""`kohtaanto bench skills FILE`: job-ad sentences → ESCO skills (Decorte et al. 2022).

Gold labels (English preferred labels or URIs) are grouped per sentence; `UNDERSPECIFIED`
and `LABEL NOT PRESENT` are ignored, and sentences left without a label are skipped.
R-Precision@K = relevant among the top K / min(K, gold count), averaged over sentences.

The engine side makes the product's call: `engine.recognize(sentence, lang, limit=25,
include_inferred=True)`, as `kohtaanto.profiles.adapters.recognise_story` does for every text
the web app recognises, and keeps what the opportunity page shows as skills
(`kohtaanto.opportunities.recognition.recognise_skills`): skill-like kinds, no goals, best
first; the first 10 are scored. The baseline ranks every skill by the best character n-gram
cosine between the sentence and the skill's labels in `--lang`.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import click

from benchmarks import metrics, report, runtime
from benchmarks.baseline import CharNgramRanker, top_k
from benchmarks.labels import LabelResolver, label_items
from benchmarks.readers import read_decorte

CUTOFFS = (5, 10)
PRODUCT_LIMIT = 25
"""`limit` of the product's call (`recognise_story`, `recognise_skills`)."""


def skill_kinds() -> tuple[Any, ...]:
    from kohtaanto.taxonomy.model import ConceptKind

    return tuple(kind for kind in ConceptKind if kind.is_skill_like)


def suggested_skills(engine: Any, text: str, lang: str, kinds: Collection[Any]) -> list[str]:
    """URIs of the skills the product suggests for `text`, best first: the web app's engine
    call, then skill kinds that are not goals (as `recognise_skills` keeps them)."""
    suggestions = engine.recognize(text, lang=lang, limit=PRODUCT_LIMIT, include_inferred=True)
    return [s.uri for s in suggestions if s.kind in kinds and not s.goal]


def run(
    path: Path, taxonomy_path: Path, lang: str, limit_texts: int | None = None
) -> dict[str, Any]:
    taxonomy = runtime.load_taxonomy(taxonomy_path)
    kinds = skill_kinds()
    resolver = LabelResolver.from_taxonomy(taxonomy, kinds)
    gold = [s for s in read_decorte(path) if s.labels]
    if limit_texts is not None:
        gold = gold[:limit_texts]
    if not gold:
        raise click.ClickException(f"{path}: no sentence with a real label")
    sentences = [s.sentence for s in gold]
    relevant = [{resolver.resolve(label) for label in s.labels} for s in gold]
    if resolver.unresolved:
        click.echo(
            f"warning: {len(resolver.unresolved)} gold labels not in the taxonomy: "
            + "; ".join(sorted(resolver.unresolved)[:10]),
            err=True,
        )

    engine = runtime.build_engine(taxonomy, (lang,))
    limit = max(CUTOFFS)

    def recognize(sentence: str) -> list[str]:
        return suggested_skills(engine, sentence, lang, kinds)[:limit]

    rankings, rate = runtime.timed_map(recognize, sentences)

    items = label_items(taxonomy, kinds, lang)
    if not items:
        raise click.ClickException(f"the taxonomy has no skill labels in {lang!r}")
    ranker = CharNgramRanker(items)
    base_rankings: list[list[str]] = []
    for _, block in ranker.iter_grouped(sentences):
        base_rankings.extend([uri for uri, _ in top_k(ranker.ids, row, limit)] for row in block)

    return {
        "texts": len(gold),
        **_rp(rankings, relevant),
        "baseline": _rp(base_rankings, relevant),
        "texts_per_s": rate,
        "peak_rss_mb": runtime.peak_rss_mb(),
    }


def _rp(rankings: list[list[str]], relevant: list[set[str]]) -> dict[str, float]:
    return {
        f"rp@{k}": round(
            metrics.mean(
                metrics.r_precision_at_k(ranking, gold, k)
                for ranking, gold in zip(rankings, relevant, strict=True)
            ),
            4,
        )
        for k in CUTOFFS
    }


@click.command("skills")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--taxonomy",
    "taxonomy_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compiled index file.",
)
@click.option("--lang", default="en", show_default=True, help="Language of the sentences.")
@click.option("--limit-texts", type=click.IntRange(min=1), help="Only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    path: Path, taxonomy_path: Path, lang: str, limit_texts: int | None, as_json: bool
) -> None:
    """Skills in sentences (Decorte format): R-Precision@5 and @10."""
    result = run(path, taxonomy_path, lang, limit_texts)
    report.emit(result, as_json, f"skills {path.name} [{lang}] ({result['texts']} sentences)")
