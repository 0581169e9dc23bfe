"""The batch engine gives exactly the pairwise scorer's top-k, for any chunking and engine."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from kohtaanto.matching import batch
from kohtaanto.matching.encode import Vocabulary, encode
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.kernel import Tables, build_tables
from kohtaanto.matching.model import Opportunity, Profile
from kohtaanto.matching.rules import load_rules
from kohtaanto.matching.score import Matcher
from kohtaanto.taxonomy.build import build_taxonomy
from kohtaanto.taxonomy.model import Taxonomy

from .people import random_opportunities, random_profiles

K = 5


@pytest.fixture(scope="module")
def starter() -> Taxonomy:
    return build_taxonomy(["starter"])


@pytest.fixture(scope="module", params=["scoring-v1", "scoring-v2"])
def world(
    starter: Taxonomy, request: pytest.FixtureRequest
) -> tuple[Matcher, list[Profile], list[Opportunity], Tables, batch.ProfileArrays]:
    """The same people and openings under every published rules version (v2: known languages
    are language skills, restrictions take skills away and lower conflicting openings)."""
    rules = load_rules(request.param)
    graph = SkillGraph.from_taxonomy(starter, rules)
    people = random_profiles(starter, 120)
    openings = random_opportunities(starter, 150)
    vocab = Vocabulary()
    profiles, opportunities = encode(people, openings, vocab)
    return (
        Matcher(rules, graph),
        people,
        openings,
        build_tables(opportunities, vocab, graph, rules),
        profiles,
    )


def expected_rows(
    matcher: Matcher, people: list[Profile], openings: list[Opportunity]
) -> list[tuple[str, str, str]]:
    rows = []
    for person in people:
        for e in matcher.suggest_for_profile(person, openings, K):
            rows.append((e.profile_id, e.opportunity_id, e.score.hex()))
    return rows


def got_rows(result: batch.BatchResult) -> list[tuple[str, str, str]]:
    return [
        (str(result.row_ids[r]), str(result.col_ids[c]), float(s).hex())
        for r, c, s in zip(result.rows, result.cols, result.scores, strict=True)
    ]


def test_local_batch_equals_the_pairwise_scorer_bit_for_bit(world) -> None:  # type: ignore[no-untyped-def]
    matcher, people, openings, tables, profiles = world
    result = batch.run_local(tables, profiles, K, chunk_size=16)
    assert got_rows(result) == expected_rows(matcher, people, openings)
    assert len(result) > len(people)  # not trivially empty


def test_any_chunk_size_and_threads_give_the_same_checksum(world) -> None:  # type: ignore[no-untyped-def]
    _, _, _, tables, profiles = world
    sums = {
        batch.run_local(tables, profiles, K, chunk_size=size, threads=threads).checksum()
        for size, threads in ((1, 1), (7, 2), (10_000, 1))
    }
    assert len(sums) == 1


def test_candidates_per_opportunity_equal_the_pairwise_scorer(world) -> None:  # type: ignore[no-untyped-def]
    matcher, people, openings, tables, profiles = world
    result = batch.run_opportunities(tables, profiles, K, chunk_size=13)
    expected = []
    for opening in openings:
        for e in matcher.suggest_candidates(opening, people, K):
            expected.append((e.opportunity_id, e.profile_id, e.score.hex()))
    assert got_rows(result) == expected


def test_checksum_is_over_sorted_rounded_rows(world) -> None:  # type: ignore[no-untyped-def]
    _, _, _, tables, profiles = world
    result = batch.run_local(tables, profiles, K)
    shuffled = np.random.default_rng(3).permutation(len(result))
    other = batch.BatchResult(
        result.direction,
        result.rules_version,
        K,
        result.row_ids,
        result.col_ids,
        result.rows[shuffled],
        result.cols[shuffled],
        result.scores[shuffled],
    )
    assert other.checksum() == result.checksum()
    assert len(result.checksum()) == 64


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with batch.dask_client(None, workers=2) as dask_client:
        yield dask_client


def test_dask_gives_the_same_checksum_as_local(world, client) -> None:  # type: ignore[no-untyped-def]
    _, _, _, tables, profiles = world
    local = batch.run_local(tables, profiles, K)
    remote = batch.run_dask(tables, profiles, client, K, chunk_size=16)
    assert remote.checksum() == local.checksum()
    assert got_rows(remote) == got_rows(local)


def test_unknown_engine(world) -> None:  # type: ignore[no-untyped-def]
    _, _, _, tables, profiles = world
    with pytest.raises(ValueError, match="unknown engine"):
        batch.run(tables, profiles, engine="spark")


def test_dask_by_scheduler_address(world, client) -> None:  # type: ignore[no-untyped-def]
    _, _, _, tables, profiles = world
    address = client.scheduler.address
    remote = batch.run(tables, profiles, K, engine="dask", scheduler=address, chunk_size=40)
    assert remote.checksum() == batch.run_local(tables, profiles, K).checksum()
