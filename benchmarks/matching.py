"""`kohtaanto bench matching`: batch top-k for N seekers × M openings, against dense brute force.

Synthetic people and openings come from the taxonomy's real skill structure
(`kohtaanto.matching.synthetic`): ESCO with `--taxonomy FILE`, the starter vocabulary without.
The fast path is `kohtaanto.matching.batch` (sparse, chunked, `local` or `dask`). The baseline
scores a random sample of seekers against ALL openings with a dense, independent implementation
of the same rules (plain Python for the skill expansion, dense NumPy matrices for the rest, no
sparse products), which gives seconds per seeker and the exact top-k for recall@k.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import numpy as np

from benchmarks import runtime

if TYPE_CHECKING:
    from kohtaanto.matching.batch import BatchResult
    from kohtaanto.matching.encode import OpportunityArrays, ProfileArrays, Vocabulary
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.matching.rules import ScoringRules

BLOCK = 2048


def _credits(
    profiles: ProfileArrays, rows: np.ndarray, vocab: Vocabulary, graph: SkillGraph, rules: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Dense skill and occupation credits of the sampled seekers, expanded in plain Python."""
    skill_uris, occupation_uris = list(vocab.skills), list(vocab.occupations)
    skills = np.zeros((len(rows), len(skill_uris)))
    occupations = np.zeros((len(rows), len(occupation_uris)))
    tables = (("skill.broader", graph.broader), ("skill.related", graph.related))
    for i, row in enumerate(rows):
        owned = [skill_uris[j] for j in profiles.skills[row].indices]
        for uri in owned:
            skills[i, vocab.skills[uri]] = 1.0
        for rule_id, table in tables:
            credit = rules.value(rule_id)
            for uri in owned:
                for other in table.get(uri, ()):
                    j = vocab.skills.get(other)
                    if j is not None and skills[i, j] < credit:
                        skills[i, j] = credit
        held = [occupation_uris[j] for j in profiles.occupations[row].indices]
        for uri in held:
            occupations[i, vocab.occupations[uri]] = 1.0
        related = rules.value("occupation.related")
        for uri in held:
            for other in graph.occupation_related.get(uri, ()):
                j = vocab.occupations.get(other)
                if j is not None and occupations[i, j] < related:
                    occupations[i, j] = related
    return skills, occupations


def _excluded(
    profiles: ProfileArrays, rows: np.ndarray, vocab: Vocabulary, rules: Any
) -> np.ndarray:
    names = list(vocab.constraints)
    masks = np.zeros(len(rows), dtype=np.uint64)
    for i, row in enumerate(rows):
        held = {name for bit, name in enumerate(names) if int(profiles.constraints[row]) >> bit & 1}
        for demand in rules.excluded_demands(frozenset(held)):
            if demand in vocab.demands:
                masks[i] |= np.uint64(1 << vocab.demands[demand])
    return masks


def brute_force(
    profiles: ProfileArrays,
    opps: OpportunityArrays,
    rows: np.ndarray,
    vocab: Vocabulary,
    graph: SkillGraph,
    rules: ScoringRules,
) -> np.ndarray:
    """Dense scores (sample × all openings), −1 where a filter fails or the score is 0."""
    skills, occupations = _credits(profiles, rows, vocab, graph, rules)
    excluded = _excluded(profiles, rows, vocab, rules)
    hours_rule = rules.rules["penalty.hours"]
    scores = np.full((len(rows), len(opps)), -1.0)
    for start in range(0, len(opps), BLOCK):
        part = slice(start, min(len(opps), start + BLOCK))
        essential, optional = opps.essential[part].toarray(), opps.optional[part].toarray()
        weights = rules.essential_weight * essential + rules.optional_weight * optional
        z = rules.essential_weight * essential.sum(axis=1) + rules.optional_weight * optional.sum(
            axis=1
        )
        z[z == 0] = 1.0
        raw = skills @ weights.T
        occupation = opps.occupation[part]
        occ_credit = np.where(occupation >= 0, occupations[:, np.maximum(occupation, 0)], 0.0)
        base = (rules.skill_share * raw + rules.occupation_share * z * occ_credit) / z
        excess = np.maximum(
            0.0,
            np.abs(profiles.hours[rows][:, None] - opps.hours[part][None, :])
            - hours_rule.params["tolerance_h"],
        )
        penalty = hours_rule.value * np.minimum(1.0, excess / hours_rule.params["scale_h"])
        penalty[np.isnan(penalty)] = 0.0
        score = np.maximum(0.0, base - penalty)
        region, municipality = opps.region[part][None, :], opps.municipality[part][None, :]
        ok = (
            (opps.remote[part][None, :] == 2)
            | (region == -1)
            | (region == profiles.region[rows][:, None])
            | ((municipality != -1) & (municipality == profiles.municipality[rows][:, None]))
        )
        ok &= (excluded[:, None] & opps.demands[part][None, :]) == 0
        levels = profiles.languages[rows]
        for j in range(opps.language.shape[1]):
            language = opps.language[part, j].astype(np.int64)
            have = levels[:, np.maximum(language, 0)]
            ok &= (language < 0)[None, :] | (have >= opps.language_level[part, j][None, :])
        scores[:, part] = np.where(ok & (score > 0), score, -1.0)
    return scores


def exact_top_k(scores: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    result = []
    for row in scores:
        eligible = np.flatnonzero(row >= 0)
        order = np.lexsort((eligible, -row[eligible]))[:k]
        result.append([(int(eligible[i]), float(row[eligible[i]])) for i in order])
    return result


def compare(
    result: BatchResult, rows: np.ndarray, exact: list[list[tuple[int, float]]]
) -> tuple[float, float, float]:
    """(recall@k, share of identical ranked lists, max |score difference| on shared pairs)."""
    hits = total = identical = 0
    worst = 0.0
    for row, truth in zip(rows, exact, strict=True):
        lo, hi = np.searchsorted(result.rows, [row, row + 1])
        fast = list(zip(result.cols[lo:hi].tolist(), result.scores[lo:hi].tolist(), strict=True))
        truth_scores = dict(truth)
        shared = [(c, s) for c, s in fast if c in truth_scores]
        hits += len(shared)
        total += len(truth)
        identical += fast == truth
        worst = max([worst, *(abs(s - truth_scores[c]) for c, s in shared)])
    return (hits / total if total else 1.0), identical / max(len(rows), 1), worst


def single_seeker_ms(
    tables: Any, profiles: ProfileArrays, rows: np.ndarray, k: int
) -> dict[str, float]:
    """One participant's suggestions over all openings, timed one at a time (views warm)."""
    from kohtaanto.matching.batch import score_profile_chunk

    for row in rows[:5]:
        score_profile_chunk(tables, profiles.take(np.asarray([row])), int(profiles.region[row]), k)
    times = []
    for row in rows:
        one = profiles.take(np.asarray([row]))
        started = time.perf_counter()
        score_profile_chunk(tables, one, int(profiles.region[row]), k)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "p50": round(float(np.percentile(times, 50)), 2),
        "p95": round(float(np.percentile(times, 95)), 2),
        "max": round(float(np.max(times)), 2),
        "n": len(times),
    }


def _fast_path(
    tables: Any,
    profiles: ProfileArrays,
    k: int,
    engine: str,
    workers: int,
    threads: int,
    chunk_size: int,
) -> tuple[BatchResult, float, float | None]:
    from kohtaanto.matching import batch

    def progress(done: int, total: int) -> None:
        if done == total or done % max(1, total // 10) == 0:
            click.echo(f"[{done}/{total}] chunks", err=True)

    if engine == "local":
        started = time.perf_counter()
        result = batch.run_local(tables, profiles, k, chunk_size, progress, threads)
        return result, time.perf_counter() - started, None
    with batch.dask_client(None, workers) as client:
        started = time.perf_counter()
        result = batch.run_dask(tables, profiles, client, k, chunk_size, progress)
        seconds = time.perf_counter() - started
        peaks = client.run(runtime.peak_rss_mb)
    return result, seconds, max(peaks.values())


def run(
    seekers: int,
    openings: int,
    k: int,
    engine: str,
    workers: int,
    threads: int,
    taxonomy_path: Path | None,
    sample: int,
    seed: int,
    chunk_size: int,
    save_input: Path | None = None,
) -> dict[str, Any]:
    from kohtaanto.matching import synthetic
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.matching.kernel import build_tables
    from kohtaanto.matching.rules import load_rules

    if taxonomy_path is None:
        from kohtaanto.taxonomy.build import build_taxonomy

        taxonomy, source = build_taxonomy(["starter"]), "starter"
    else:
        taxonomy, source = runtime.load_taxonomy(taxonomy_path), str(taxonomy_path)
    rules = load_rules()
    graph = SkillGraph.from_taxonomy(taxonomy, rules)
    vocab = synthetic.seed_vocabulary(taxonomy, graph)
    pools = synthetic.pools(taxonomy, vocab)
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    opps = synthetic.opportunities(pools, vocab, openings, rng)
    profiles = synthetic.profiles(pools, vocab, seekers, rng)
    generated = time.perf_counter() - started
    click.echo(f"generated {seekers} × {openings} in {generated:.1f} s", err=True)
    if save_input is not None:
        from kohtaanto.matching.dataset import save_npz

        save_npz(save_input, profiles, opps, vocab)

    started = time.perf_counter()
    tables = build_tables(opps, vocab, graph, rules)
    build_seconds = time.perf_counter() - started
    result, run_seconds, worker_peak = _fast_path(
        tables, profiles, k, engine, workers, threads, chunk_size
    )
    seconds = build_seconds + run_seconds
    checksum = result.checksum()
    click.echo(f"fast path {seconds:.1f} s, {checksum[:12]}", err=True)

    rows = np.sort(rng.choice(seekers, min(sample, seekers), replace=False))
    started = time.perf_counter()
    exact = exact_top_k(brute_force(profiles, opps, rows, vocab, graph, rules), k)
    per_seeker = (time.perf_counter() - started) / len(rows)
    recall, identical, worst = compare(result, rows, exact)
    fast_per_seeker = seconds / seekers
    report: dict[str, Any] = {
        "seekers": seekers,
        "openings": openings,
        "k": k,
        "engine": engine,
        "workers": workers if engine == "dask" else threads,
        "taxonomy": source,
        "rules": rules.version,
        "seconds": round(seconds, 2),
        "generate_seconds": round(generated, 2),
        "peak_rss_mb": runtime.peak_rss_mb(),
        "checksum": checksum,
        "baseline": {
            "method": "exact dense brute force on a random sample of seekers",
            "sample": len(rows),
            "seconds_per_seeker": round(per_seeker, 5),
        },
        "speedup_vs_baseline": round(per_seeker / fast_per_seeker, 1),
        "recall_at_k_vs_exact": round(recall, 6),
        "identical_top_k_share": round(identical, 6),
        "max_abs_score_diff": worst,
        "single_seeker_ms": single_seeker_ms(tables, profiles, rows, k),
        "mean_profile_skills": round(profiles.skills.nnz / max(seekers, 1), 1),
        "mean_opening_skills": round(
            (opps.essential.nnz + opps.optional.nnz) / max(openings, 1), 1
        ),
    }
    if worker_peak is not None:
        report["worker_peak_rss_mb"] = worker_peak
    return report


@click.command("matching")
@click.option("--seekers", default=10_000, show_default=True, type=click.IntRange(1))
@click.option("--openings", default=10_000, show_default=True, type=click.IntRange(1))
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="Dask.")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1), help="Local.")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compiled taxonomy index (default: the starter vocabulary).",
)
@click.option("--sample", default=200, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=20251, show_default=True, type=int)
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1))
@click.option(
    "--save-input",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the generated data as npz (input of `kohtaanto match batch`).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    seekers: int,
    openings: int,
    k: int,
    engine: str,
    workers: int,
    threads: int,
    taxonomy_path: Path | None,
    sample: int,
    seed: int,
    chunk_size: int,
    save_input: Path | None,
    as_json: bool,
) -> None:
    """Batch top-k matching for synthetic seekers × openings, against dense brute force."""
    report = run(
        seekers,
        openings,
        k,
        engine,
        workers,
        threads,
        taxonomy_path,
        sample,
        seed,
        chunk_size,
        save_input,
    )
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")
