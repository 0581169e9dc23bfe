"""`kohtaanto bench foresight`: the regional foresight build at national scale (issue 16).

Synthetic participants and postings come from the matching generator
(`kohtaanto.matching.synthetic`, the taxonomy's real skill structure; the starter vocabulary
unless `--taxonomy FILE`): a posting's skills are its essential and optional skills, its
occupation and region the generator's; a person's skills and occupations likewise. Each
posting also gets a seeded month (12 months, 5 % outside the trend) and a source (service
opportunity, imported posting, company-visit need); courses are synthetic too (1–4 skills,
8–400 hours), so the "reachable with a short course" step runs its learning paths.

Measured in one run:
- `local`: `matching.foresight.run_local` (sparse per-region chunks in this process);
- `dask`: `run_dask` on a LocalCluster of `--workers` single-threaded processes (the cluster's
  start-up is not timed; its workers' peak RSS is reported);
- both must give the same checksum;
- baseline: `count_naive` (a plain per-item and per-person Python loop over sets, the reference
  implementation) on a `--baseline-share` subsample, against the sparse engine on the same
  subsample (same checksum required), and the naive time extrapolated linearly to full size.
Memory: `rss_mb_before` is this process's resident set once the data are generated; each run's
`peak_rss_mb` is the highest resident set sampled every 5 ms while it ran (this process; for
Dask the driver), and `worker_peak_rss_mb` the Dask workers' own peak (ru_maxrss; the cluster
is started before the data are generated, so the workers do not inherit them).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import numpy as np

from benchmarks import runtime

SOURCES = ("interview_needs", "job_postings", "opportunities")
MONTHS = tuple(f"2025-{m:02d}" for m in range(7, 13)) + tuple(f"2026-{m:02d}" for m in range(1, 7))


def rss_mb() -> float:
    """This process's resident set now, in MiB (Linux /proc)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


@contextmanager
def sampled_peak() -> Iterator[Callable[[], float]]:
    """The highest RSS sampled every 5 ms inside the block (call the yielded function after)."""
    peak = [rss_mb()]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.005):
            peak[0] = max(peak[0], rss_mb())

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield lambda: peak[0]
    finally:
        stop.set()
        thread.join()
        peak[0] = max(peak[0], rss_mb())


def _arrays(taxonomy: Any, participants: int, postings: int, seed: int) -> dict[str, Any]:
    from kohtaanto.matching import foresight as fs
    from kohtaanto.matching import synthetic
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.matching.model import Course
    from kohtaanto.matching.rules import load_rules

    graph = SkillGraph.from_taxonomy(taxonomy, load_rules())
    vocab = synthetic.seed_vocabulary(taxonomy, graph)
    pools = synthetic.pools(taxonomy, vocab)
    rng = np.random.default_rng(seed)
    opps = synthetic.opportunities(pools, vocab, postings, rng)
    people = synthetic.profiles(pools, vocab, participants, rng)
    grouping = fs.grouping_from_taxonomy(taxonomy)
    skills = sorted(vocab.skills, key=vocab.skills.__getitem__)
    occupations = sorted(vocab.occupations, key=vocab.occupations.__getitem__)
    regions = [f"{i + 1:02d}" for i in range(synthetic.N_REGIONS)]
    frame = fs.Frame.build(skills, occupations, regions, MONTHS, SOURCES, grouping)
    month = rng.integers(0, len(MONTHS), postings)
    month[rng.random(postings) < 0.05] = -1
    demand = fs.DemandArrays(
        fs.binary(opps.essential + opps.optional),
        opps.occupation.astype(np.int64),
        (opps.region - synthetic.N_MUNICIPALITIES).astype(np.int64),
        month.astype(np.int64),
        rng.integers(0, len(SOURCES), postings).astype(np.int64),
    )

    def coded(matrix: Any) -> Any:
        """Month codes of the confirmations: 1 (before the months) or 2 + a month's position."""
        out = fs.binary(matrix)
        out.data = rng.integers(1, len(MONTHS) + 2, out.nnz).astype(np.int64)
        return out

    supply = fs.SupplyArrays(
        coded(people.skills),
        coded(people.occupations),
        (people.region - synthetic.N_MUNICIPALITIES).astype(np.int64),
    )
    hours = np.asarray([8.0, 16.0, 40.0, 80.0, 160.0, 400.0])
    courses = [
        Course(
            f"c{i:05d}",
            frozenset(str(s) for s in rng.choice(skills, int(rng.integers(1, 5)), replace=False)),
            cost_eur=float(rng.choice([0.0, 0.0, 50.0, 300.0])),
            hours=float(rng.choice(hours)),
        )
        for i in range(2000)
    ]
    return {
        "tables": fs.Tables.of(frame),
        "demand": demand,
        "supply": supply,
        "grouping": grouping,
        "courses": courses,
        "skills": skills,
        "occupations": occupations,
        "regions": regions,
    }


def _plain(data: dict[str, Any], share: float, seed: int) -> tuple[list[Any], list[Any]]:
    """A subsample as the plain input of `count_naive`."""
    from kohtaanto.matching import foresight as fs

    rng = np.random.default_rng(seed + 1)
    skills, occupations, regions = data["skills"], data["occupations"], data["regions"]
    demand, supply = data["demand"], data["supply"]
    d_rows = np.sort(rng.choice(len(demand), max(1, int(len(demand) * share)), replace=False))
    s_rows = np.sort(rng.choice(len(supply), max(1, int(len(supply) * share)), replace=False))
    items = []
    for i in d_rows:
        row = demand.skills.indices[demand.skills.indptr[i] : demand.skills.indptr[i + 1]]
        occ = int(demand.occupation[i])
        items.append(
            fs.DemandItem(
                SOURCES[int(demand.source[i])],
                regions[int(demand.region[i])],
                MONTHS[int(demand.month[i])] if demand.month[i] >= 0 else "",
                frozenset(skills[j] for j in row),
                occupations[occ] if occ >= 0 else "",
            )
        )

    def month(code: int) -> str:
        return MONTHS[code - 2] if code >= 2 else ""

    people = []
    for i in s_rows:
        at, to = supply.skills.indptr[i], supply.skills.indptr[i + 1]
        row, codes = supply.skills.indices[at:to], supply.skills.data[at:to]
        o_at, o_to = supply.occupations.indptr[i], supply.occupations.indptr[i + 1]
        occ, o_codes = supply.occupations.indices[o_at:o_to], supply.occupations.data[o_at:o_to]
        confirmed = [(skills[j], month(int(c))) for j, c in zip(row, codes, strict=True)]
        confirmed += [(occupations[j], month(int(c))) for j, c in zip(occ, o_codes, strict=True)]
        people.append(
            fs.SupplyPerson(
                regions[int(supply.region[i])],
                frozenset(skills[j] for j in row),
                frozenset(occupations[j] for j in occ),
                tuple(sorted((uri, m) for uri, m in confirmed if m)),
            )
        )
    return items, people


def run(
    participants: int,
    postings: int,
    workers: int,
    chunk_size: int,
    baseline_share: float,
    taxonomy_path: Path | None,
    seed: int,
) -> dict[str, Any]:
    from kohtaanto.matching import foresight as fs
    from kohtaanto.matching.batch import dask_client

    if taxonomy_path is None:
        from kohtaanto.taxonomy.build import build_taxonomy

        taxonomy, source = build_taxonomy(["starter"]), "starter"
    else:
        taxonomy, source = runtime.load_taxonomy(taxonomy_path), str(taxonomy_path)
    with dask_client(None, workers) as client:
        started = time.perf_counter()
        data = _arrays(taxonomy, participants, postings, seed)
        generated = time.perf_counter() - started
        rss_before = rss_mb()
        click.echo(f"generated {participants} × {postings} in {generated:.1f} s", err=True)
        args = (data["tables"], data["demand"], data["supply"], data["grouping"])

        with sampled_peak() as local_peak:
            started = time.perf_counter()
            local = fs.run_local(*args, data["courses"], chunk_size)
            local_seconds = time.perf_counter() - started
        click.echo(f"local {local_seconds:.2f} s {local.checksum[:12]}", err=True)

        with sampled_peak() as dask_peak:
            started = time.perf_counter()
            distributed = fs.run_dask(*args, client, data["courses"], chunk_size)
            dask_seconds = time.perf_counter() - started
        worker_peaks = client.run(runtime.peak_rss_mb)
    click.echo(f"dask {dask_seconds:.2f} s {distributed.checksum[:12]}", err=True)

    items, people = _plain(data, baseline_share, seed)
    started = time.perf_counter()
    naive = fs.aggregate_naive(items, people, data["grouping"], data["courses"], MONTHS)
    naive_seconds = time.perf_counter() - started
    started = time.perf_counter()
    sparse = fs.aggregate(
        items, people, data["grouping"], data["courses"], months=MONTHS, chunk_size=chunk_size
    )
    sparse_seconds = time.perf_counter() - started
    full_share = (len(items) + len(people)) / (postings + participants)
    return {
        "participants": participants,
        "postings": postings,
        "taxonomy": source,
        "skills": len(data["skills"]),
        "skill_groups": len(data["tables"].frame.skill_groups),
        "occupation_groups": len(data["tables"].frame.occupation_groups),
        "regions": len(data["regions"]),
        "months": len(MONTHS),
        "courses": len(data["courses"]),
        "chunk_size": chunk_size,
        "generate_seconds": round(generated, 2),
        "rss_mb_before": rss_before,
        "local": {
            "seconds": round(local_seconds, 3),
            "peak_rss_mb": local_peak(),
            "checksum": local.checksum,
        },
        "dask": {
            "workers": workers,
            "seconds": round(dask_seconds, 3),
            "driver_peak_rss_mb": dask_peak(),
            "worker_peak_rss_mb": max(worker_peaks.values()),
            "checksum": distributed.checksum,
        },
        "same_checksum": local.checksum == distributed.checksum,
        "baseline": {
            "method": "count_naive: plain Python loop over sets per item and person "
            "(the reference engine), on a random subsample",
            "share": baseline_share,
            "participants": len(people),
            "postings": len(items),
            "naive_seconds": round(naive_seconds, 3),
            "sparse_seconds_same_subsample": round(sparse_seconds, 3),
            "same_checksum": naive.checksum == sparse.checksum,
            "naive_seconds_extrapolated_to_full": round(naive_seconds / full_share, 1),
        },
        "speedup_local_vs_naive_extrapolated": round(naive_seconds / full_share / local_seconds, 1),
    }


@click.command("foresight")
@click.option("--participants", default=300_000, show_default=True, type=click.IntRange(1))
@click.option("--postings", default=100_000, show_default=True, type=click.IntRange(1))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="Dask.")
@click.option("--chunk-size", default=20_000, show_default=True, type=click.IntRange(1))
@click.option("--baseline-share", default=0.1, show_default=True, type=click.FloatRange(0.001, 1.0))
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compiled taxonomy index (default: the starter vocabulary).",
)
@click.option("--seed", default=20261, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    participants: int,
    postings: int,
    workers: int,
    chunk_size: int,
    baseline_share: float,
    taxonomy_path: Path | None,
    seed: int,
    as_json: bool,
) -> None:
    """Foresight build for synthetic participants × postings: local and Dask, one checksum."""
    report = run(participants, postings, workers, chunk_size, baseline_share, taxonomy_path, seed)
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")
