"""Top-k for everyone: chunked sparse scoring, in process or on a Dask cluster.

Profiles are grouped by region and cut into chunks of at most `chunk_size`; each chunk is scored
against the opportunities that can pass `filter.region` for its region (a superset; the filter
itself runs per pair in the kernel), so memory is bounded by chunk_size × (opportunities of one
region). Every row's result depends only on that row, so any chunking and any engine give the
same top-k and the same `checksum`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from kohtaanto.matching import kernel
from kohtaanto.matching.encode import ProfileArrays
from kohtaanto.matching.kernel import Tables, TopK

#: Dask sets MALLOC_TRIM_THRESHOLD_=65536 in worker processes, which also turns off glibc's
#: adaptive mmap threshold: every large NumPy temporary is then a fresh mmap (page faults), and
#: the kernel ran 4.5× slower in a worker than in process. Large thresholds restore reuse.
WORKER_ENVIRONMENT = {
    "MALLOC_TRIM_THRESHOLD_": str(1 << 28),
    "MALLOC_MMAP_THRESHOLD_": str(1 << 27),
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
}

Progress = Callable[[int, int], None]
"""progress(done, total) in chunks."""


@dataclass(frozen=True)
class BatchResult:
    """Top-k rows: for direction "profiles" `row_ids` are profiles and `col_ids` opportunities."""

    direction: str
    rules_version: str
    k: int
    row_ids: np.ndarray
    col_ids: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> Iterator[dict[str, Any]]:
        profile_side = self.direction == "profiles"
        for rank_row, col, score in zip(self.rows, self.cols, self.scores, strict=True):
            row_id, col_id = str(self.row_ids[rank_row]), str(self.col_ids[col])
            yield {
                "profile": row_id if profile_side else col_id,
                "opportunity": col_id if profile_side else row_id,
                "score": round(float(score), 6),
                "rules": self.rules_version,
            }

    def checksum(self) -> str:
        """sha256 over sorted "profile id, opportunity id, score to 1e-6" lines."""
        lines = sorted(
            f"{r['profile']}\t{r['opportunity']}\t{r['score']:.6f}" for r in self.records()
        )
        digest = hashlib.sha256()
        for line in lines:
            digest.update(line.encode())
            digest.update(b"\n")
        return digest.hexdigest()


def plan(profiles: ProfileArrays, chunk_size: int) -> list[tuple[int, np.ndarray]]:
    """(region, profile rows) chunks, grouped by region, rows ascending within a chunk."""
    order = np.lexsort((np.arange(len(profiles)), profiles.region))
    regions = profiles.region[order]
    bounds = np.flatnonzero(np.diff(regions)) + 1
    chunks = []
    for group in np.split(order, bounds):
        for start in range(0, len(group), chunk_size):
            chunks.append((int(profiles.region[group[0]]), group[start : start + chunk_size]))
    return chunks


def _view(tables: Tables, region: int, municipalities: np.ndarray) -> kernel.ColumnView:
    """The columns a chunk can match: its region's (cached), plus strays of its municipalities.

    A stray is an opportunity in one of the chunk's municipalities but recorded under another
    region; real data has almost none, so the per-region view is nearly always reused.
    """
    cache: dict[Any, Any] = tables.__dict__.setdefault("_views", {})
    if region not in cache:
        mask = np.zeros(len(tables.opportunities), dtype=bool)
        mask[kernel.region_columns(tables, region, np.zeros(0, dtype=np.int32))] = True
        cache[region] = (mask, kernel.column_view(tables, np.flatnonzero(mask)))
    mask, view = cache[region]
    stray = np.isin(tables.opportunities.municipality, municipalities[municipalities >= 0])
    stray &= ~mask
    if not stray.any():
        return view  # type: ignore[no-any-return]
    return kernel.column_view(tables, np.flatnonzero(mask | stray))


def score_profile_chunk(tables: Tables, profiles: ProfileArrays, region: int, k: int) -> TopK:
    """Score one chunk of profiles of one region (positions within the chunk in `TopK.rows`)."""
    view = _view(tables, region, np.unique(profiles.municipality))
    return kernel.profile_chunk_top_k(tables, profiles, k, view, region)


def _assemble(
    parts: list[tuple[np.ndarray, TopK]], tables: Tables, profiles: ProfileArrays, k: int
) -> BatchResult:
    rows = np.concatenate([chunk_rows[p.rows] for chunk_rows, p in parts] or [np.zeros(0, int)])
    cols = np.concatenate([p.cols for _, p in parts] or [np.zeros(0, int)])
    scores = np.concatenate([p.scores for _, p in parts] or [np.zeros(0)])
    order = np.lexsort((cols, -scores, rows))
    return BatchResult(
        "profiles",
        tables.rules.version,
        k,
        profiles.ids,
        tables.opportunities.ids,
        rows[order],
        cols[order],
        scores[order],
    )


def run_local(
    tables: Tables,
    profiles: ProfileArrays,
    k: int = 10,
    chunk_size: int = 2000,
    progress: Progress | None = None,
    threads: int = 1,
) -> BatchResult:
    """Every profile's top-k opportunities in this process.

    `threads` > 1 scores chunks in a thread pool (SciPy's sparse products and NumPy's array
    passes release the GIL); off by default.
    """
    chunks = plan(profiles, chunk_size)

    def score(item: tuple[int, np.ndarray]) -> tuple[np.ndarray, TopK]:
        region, rows = item
        return rows, score_profile_chunk(tables, profiles.take(rows), region, k)

    parts = []
    if threads > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(threads) as pool:
            for done, part in enumerate(pool.map(score, chunks), start=1):
                parts.append(part)
                if progress:
                    progress(done, len(chunks))
    else:
        for done, item in enumerate(chunks, start=1):
            parts.append(score(item))
            if progress:
                progress(done, len(chunks))
    return _assemble(parts, tables, profiles, k)


def run_dask(
    tables: Tables,
    profiles: ProfileArrays,
    client: Any,
    k: int = 10,
    chunk_size: int = 2000,
    progress: Progress | None = None,
) -> BatchResult:
    """The same on a `dask.distributed.Client`: tables scattered once, one task per chunk."""
    from dask.distributed import as_completed

    remote_tables = client.scatter(tables, broadcast=True)
    chunks = plan(profiles, chunk_size)
    futures = {
        client.submit(
            score_profile_chunk, remote_tables, profiles.take(rows), region, k, pure=False
        ): index
        for index, (region, rows) in enumerate(chunks)
    }
    parts: list[tuple[np.ndarray, TopK] | None] = [None] * len(chunks)
    for done, future in enumerate(as_completed(futures), start=1):  # type: ignore[no-untyped-call]
        index = futures[future]
        parts[index] = (chunks[index][1], future.result())
        future.release()
        if progress:
            progress(done, len(chunks))
    return _assemble([p for p in parts if p is not None], tables, profiles, k)


def run_opportunities(
    tables: Tables,
    profiles: ProfileArrays,
    k: int = 10,
    chunk_size: int = 2000,
    progress: Progress | None = None,
) -> BatchResult:
    """Every opportunity's top-k candidates (in process). Pass only consented profiles."""
    side = kernel.profile_side(tables, profiles)
    m = len(tables.opportunities)
    rows, cols, scores = [], [], []
    starts = list(range(0, m, chunk_size))
    for done, start in enumerate(starts, start=1):
        best = kernel.opportunity_chunk_top_k(tables, side, start, min(m, start + chunk_size), k)
        rows.append(best.rows + start)
        cols.append(best.cols)
        scores.append(best.scores)
        if progress:
            progress(done, len(starts))
    return BatchResult(
        "opportunities",
        tables.rules.version,
        k,
        tables.opportunities.ids,
        profiles.ids,
        np.concatenate(rows or [np.zeros(0, int)]),
        np.concatenate(cols or [np.zeros(0, int)]),
        np.concatenate(scores or [np.zeros(0)]),
    )


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client to `scheduler`, or to a `LocalCluster` of `workers` single-threaded processes."""
    import dask
    from dask.distributed import Client, LocalCluster

    make_client: Callable[..., Any] = Client
    if scheduler:
        with make_client(scheduler) as client:
            yield client
        return
    make_cluster: Callable[..., Any] = LocalCluster
    with dask.config.set({"distributed.nanny.pre-spawn-environ": WORKER_ENVIRONMENT}):
        cluster = make_cluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, make_client(cluster) as client:
        yield client


def run(
    tables: Tables,
    profiles: ProfileArrays,
    k: int = 10,
    engine: str = "local",
    chunk_size: int = 2000,
    workers: int = 2,
    scheduler: str | None = None,
    threads: int = 1,
    progress: Progress | None = None,
) -> BatchResult:
    """Top-k for every profile with the `local` or the `dask` engine."""
    if engine == "local":
        return run_local(tables, profiles, k, chunk_size, progress, threads)
    if engine == "dask":
        with dask_client(scheduler, workers) as client:
            return run_dask(tables, profiles, client, k, chunk_size, progress)
    raise ValueError(f"unknown engine {engine!r} (local, dask)")
