"""Top-k for everyone: chunked sparse scoring, in process or on a Dask cluster.

Profiles are grouped by region and cut into chunks of at most `chunk_size`; each chunk is scored
against the opportunities that can pass `filter.region` for its region (a superset; the filter
itself runs per pair in the kernel), so memory is bounded by chunk_size × (opportunities of one
region). Every row's result depends only on that row, so any chunking and any engine give the
same top-k and the same `checksum`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from kohtaanto.matching import kernel
from kohtaanto.matching.encode import ProfileArrays
from kohtaanto.matching.kernel import Tables, TopK

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
        lines = sorted(f"{r['profile']}\t{r['opportunity']}\t{r['score']:.6f}" for r in self.records())
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


def score_profile_chunk(
    tables: Tables, profiles: ProfileArrays, region: int, k: int
) -> TopK:
    """Score one chunk (positions within the chunk in `TopK.rows`); views cached per region."""
    views: dict[tuple[int, bytes], kernel.ColumnView] = tables.__dict__.setdefault("_views", {})
    municipalities = np.unique(profiles.municipality)
    key = (region, municipalities.tobytes())
    view = views.get(key)
    if view is None:
        if len(views) > 64:
            views.clear()
        view = kernel.column_view(tables, kernel.region_columns(tables, region, municipalities))
        views[key] = view
    return kernel.profile_chunk_top_k(tables, profiles, k, view)


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
) -> BatchResult:
    """Every profile's top-k opportunities, chunk after chunk in this process."""
    chunks = plan(profiles, chunk_size)
    parts = []
    for done, (region, rows) in enumerate(chunks, start=1):
        parts.append((rows, score_profile_chunk(tables, profiles.take(rows), region, k)))
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
    for done, future in enumerate(as_completed(futures), start=1):
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
