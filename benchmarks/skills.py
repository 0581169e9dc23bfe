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

import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from benchmarks import metrics, report, runtime, splits
from benchmarks.baseline import CharNgramRanker, top_k
from benchmarks.labels import LabelResolver, label_items
from benchmarks.readers import read_decorte

CUTOFFS = (5, 10)
_KEYS = tuple(f"rp@{k}" for k in CUTOFFS)
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


@dataclass(slots=True)
class GoldSet:
    """The sentences of one file and split, with their gold URIs."""

    sentences: list[str]
    relevant: list[set[str]]
    deciding: list[str]
    """The text whose hash decided each sentence's half (itself, or its English original)."""
    split_by: str


def load_gold(
    path: Path,
    taxonomy: Any,
    kinds: Collection[Any],
    split: str = splits.ALL,
    limit_texts: int | None = None,
) -> GoldSet:
    """Sentences with at least one real label, of `split` (by `splits.SplitKeys.for_file`),
    the first `limit_texts` of them."""
    keys = splits.SplitKeys.for_file(path)
    try:
        gold = splits.select(
            (s for s in read_decorte(path) if s.labels), split, lambda s: s.sentence, keys
        )
    except KeyError as exc:
        raise click.ClickException(f"{path}: {exc.args[0]}") from exc
    if limit_texts is not None:
        gold = gold[:limit_texts]
    if not gold:
        raise click.ClickException(f"{path}: no sentence with a real label in split {split!r}")
    resolver = LabelResolver.from_taxonomy(taxonomy, kinds)
    relevant = [{resolver.resolve(label) for label in s.labels} for s in gold]
    if resolver.unresolved:
        click.echo(
            f"warning: {len(resolver.unresolved)} gold labels not in the taxonomy: "
            + "; ".join(sorted(resolver.unresolved)[:10]),
            err=True,
        )
    sentences = [s.sentence for s in gold]
    deciding = [_deciding(keys, s) for s in sentences]
    return GoldSet(sentences, relevant, deciding, keys.source)


def _deciding(keys: splits.SplitKeys, sentence: str) -> str:
    """The text that decides the sentence's half; itself when a pairs file lacks it (reached
    only with `--split all`: `splits.select` refuses such a sentence otherwise)."""
    try:
        return keys.deciding_text(sentence)
    except KeyError:
        return sentence


SPEEDS = ("texts_per_s", "texts_per_s_warm", "baseline_texts_per_s")
"""Sentences/s: the engine's first and second pass, the baseline's (reported once, at the
end)."""


def engine_rankings(
    engine: Any, sentences: list[str], lang: str, kinds: Collection[Any]
) -> tuple[list[list[str]], float, float]:
    """The first 10 suggested skills of each sentence (the product's call), sentences/s of the
    first pass (three sentences warm the engine first) and of a second pass over the same
    sentences (every word's analysis cached: the "warm cache" speed)."""
    limit = max(CUTOFFS)

    def recognize(sentence: str) -> list[str]:
        return suggested_skills(engine, sentence, lang, kinds)[:limit]

    rankings, rate = runtime.timed_map(recognize, sentences)
    _, warm = runtime.timed_map(recognize, sentences, warmup=0)
    return rankings, rate, warm


def baseline_rankings(
    taxonomy: Any, kinds: Collection[Any], lang: str, sentences: list[str]
) -> tuple[list[list[str]], float | None]:
    """The baseline's first 10 of each sentence, and its sentences/s (ranking only, its
    index built before the clock starts, as the engine's is)."""
    items = label_items(taxonomy, kinds, lang)
    if not items:
        raise click.ClickException(f"the taxonomy has no skill labels in {lang!r}")
    ranker = CharNgramRanker(items)
    limit = max(CUTOFFS)
    rankings: list[list[str]] = []
    started = time.perf_counter()
    for _, block in ranker.iter_grouped(sentences):
        rankings.extend([uri for uri, _ in top_k(ranker.ids, row, limit)] for row in block)
    seconds = time.perf_counter() - started
    return rankings, round(len(sentences) / seconds, 1) if seconds else None


def measure(
    gold: GoldSet, taxonomy: Any, kinds: Collection[Any], lang: str, weights: Path | None
) -> dict[str, Any]:
    """The engine's and the baseline's R-Precision@5/@10 on one gold set."""
    engine = runtime.engine_for(taxonomy, (lang,), weights)
    rankings, rate, warm = engine_rankings(engine, gold.sentences, lang, kinds)
    base, base_rate = baseline_rankings(taxonomy, kinds, lang, gold.sentences)
    return {
        **rp(rankings, gold.relevant),
        "baseline": rp(base, gold.relevant),
        "texts_per_s": rate,
        "texts_per_s_warm": warm,
        "baseline_texts_per_s": base_rate,
    }


def run(
    path: Path,
    taxonomy_path: Path,
    lang: str,
    limit_texts: int | None = None,
    split: str = splits.ALL,
    weights: Path | None = None,
    reference: Path | None = None,
    reference_lang: str = "en",
) -> dict[str, Any]:
    taxonomy = runtime.load_taxonomy(taxonomy_path)
    kinds = skill_kinds()
    gold = load_gold(path, taxonomy, kinds, split, limit_texts)
    figures = measure(gold, taxonomy, kinds, lang, weights)
    result: dict[str, Any] = {
        "split": split,
        "split_by": gold.split_by,
        "texts": len(gold.sentences),
        "weights": runtime.weights_name(weights),
        **{k: v for k, v in figures.items() if k not in SPEEDS},
    }
    if reference is not None:
        other = load_gold(reference, taxonomy, kinds, split, limit_texts)
        if sorted(map(splits.split_key, other.deciding)) != sorted(
            map(splits.split_key, gold.deciding)
        ):
            raise click.ClickException(
                f"{reference} does not hold the same sentences as {path} in split {split!r} "
                "(compare files of one set, e.g. data/fi_dev/en.csv with ad_fi.csv)"
            )
        theirs = measure(other, taxonomy, kinds, reference_lang, weights)
        result["reference"] = {
            "path": str(reference),
            "lang": reference_lang,
            "texts": len(other.sentences),
            **{k: v for k, v in theirs.items() if k not in SPEEDS},
        }
        result["ratio"] = {
            **{k: report.ratio(result[k], theirs[k]) for k in _KEYS},
            "baseline": {
                k: report.ratio(result["baseline"][k], theirs["baseline"][k]) for k in _KEYS
            },
        }
    result["texts_per_s"] = figures["texts_per_s"]
    result["texts_per_s_warm"] = figures["texts_per_s_warm"]
    result["baseline_texts_per_s"] = figures["baseline_texts_per_s"]
    result["peak_rss_mb"] = runtime.peak_rss_mb()
    return result


def rp(rankings: list[list[str]], relevant: list[set[str]]) -> dict[str, float]:
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
@runtime.index_options(
    "sentences",
    split_help="Half of the sentences (benchmarks/splits.py; fi_dev by the English original).",
    weights_help="Ensemble weights file instead of the shipped one.",
)
@click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The same sentences in another language (fi_dev/en.csv): measured too, with ratios.",
)
@click.option("--reference-lang", default="en", show_default=True, help="Language of --reference.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    path: Path,
    taxonomy_path: Path,
    lang: str,
    limit_texts: int | None,
    split: str,
    weights: Path | None,
    reference: Path | None,
    reference_lang: str,
    as_json: bool,
) -> None:
    """Skills in sentences (Decorte format): R-Precision@5 and @10."""
    result = run(path, taxonomy_path, lang, limit_texts, split, weights, reference, reference_lang)
    report.emit(
        result,
        as_json,
        f"skills {path.name} [{lang}] ({result['texts']} sentences, split {split})",
    )
