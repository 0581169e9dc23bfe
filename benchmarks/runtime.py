"""What the benchmarks need from Kohtaanto, behind functions the tests can replace.

The engine (`kohtaanto.recognition`) and the index loader (`kohtaanto.taxonomy.index`) are
imported only when called, so the harness and its tests import without them.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import click

if TYPE_CHECKING:
    from kohtaanto.taxonomy.model import Taxonomy

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

# PyStemmer has danish, english, estonian, finnish, norwegian and swedish stemmers.
SNOWBALL_LANGUAGES = frozenset({"da", "en", "et", "fi", "no", "sv"})


class Linker(Protocol):
    def rank(self, query: str, k: int = 10) -> list[tuple[str, float]]: ...


def load_taxonomy(path: Path) -> Taxonomy:
    """Load a compiled index file (`kohtaanto taxonomy build …`)."""
    try:
        from kohtaanto.taxonomy.index import load_index
    except ImportError as exc:  # the loader is not in this checkout yet
        raise click.ClickException(f"cannot load a taxonomy index: {exc}") from exc
    return load_index(Path(path))


def build_engine(taxonomy: Taxonomy, languages: Sequence[str], weights: Path | None = None) -> Any:
    """`kohtaanto.recognition.build_engine` with the shipped weights, or with the weights file
    `weights` (`--weights`, e.g. `benchmarks/data/weights-tuning-only.json`): the product's
    engine (the web app's `get_engine()` also has fi, sv and en and a cache folder, which
    change no ranking). Benchmarks call it only through its public methods, as the product
    does."""
    try:
        from kohtaanto.recognition import WeightsError, load_weights
        from kohtaanto.recognition import build_engine as build
    except ImportError as exc:
        raise click.ClickException(f"the recognition engine is not available: {exc}") from exc
    try:
        loaded = load_weights(weights)
    except WeightsError as exc:
        raise click.ClickException(str(exc)) from exc
    return build(taxonomy, languages=tuple(languages), weights=loaded)


def engine_for(taxonomy: Taxonomy, languages: Sequence[str], weights: Path | None) -> Any:
    """`build_engine(taxonomy, languages)`, passing `weights` only when a file is given (so that
    a test's stand-in for `build_engine` need not take it)."""
    if weights is None:
        return build_engine(taxonomy, languages)
    return build_engine(taxonomy, languages, weights=weights)


def weights_name(weights: Path | None) -> str:
    """What the benchmarks' JSON says about the weights: `shipped` or the file given."""
    return "shipped" if weights is None else str(weights)


def analyzer_name(lang: str) -> str:
    """Analyzer spec for a language: `snowball(xx)` where PyStemmer has a stemmer."""
    return f"snowball({lang})" if lang in SNOWBALL_LANGUAGES else "simple"


def title_linker(items: Sequence[tuple[str, str]], lang: str) -> Linker:
    """`item_linker(items, analyzer=get_analyzer(analyzer_name(lang)))`, for MELO: the
    product's `TitleLinker` over arbitrary items with the benchmark's item parameters
    (`benchmarks/item_linker.py`), which no `Engine` call gives (see benchmarks/README.md)."""
    try:
        from benchmarks.item_linker import item_linker
        from kohtaanto.recognition import get_analyzer
    except ImportError as exc:
        raise click.ClickException(f"the recognition engine is not available: {exc}") from exc
    linker: Linker = item_linker(items, analyzer=get_analyzer(analyzer_name(lang)))
    return linker


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports ru_maxrss in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        peak //= 1024
    return round(peak / 1024, 1)


def timed_map(
    function: Callable[[T], R], inputs: Sequence[T], warmup: int = 3
) -> tuple[list[R], float]:
    """Apply `function` to every input; returns (results, items per second).

    The first `warmup` inputs are run once beforehand (caches, lazy imports) and excluded
    from the timing; then every input is run and timed with `time.perf_counter`.
    """
    results: list[R] = []
    rate = timed_each(function, inputs, results.append, warmup)
    return results, rate


def timed_each(
    function: Callable[[T], R],
    inputs: Sequence[T],
    consume: Callable[[R], object],
    warmup: int = 3,
) -> float:
    """Like `timed_map`, but hands each result to `consume` (not timed) instead of keeping it,
    so that long rankings need not all be held in memory. Returns items per second."""
    for item in inputs[:warmup]:
        function(item)
    elapsed = 0.0
    for item in inputs:
        start = time.perf_counter()
        result = function(item)
        elapsed += time.perf_counter() - start
        consume(result)
    return round(len(inputs) / elapsed, 1) if elapsed > 0 else float("inf")


def story_page_client(tag: str) -> tuple[Any, str, Any]:
    """A logged-in coach's test client, the story page URL and the new participant (in a new
    organisation; names `bench-<tag>-…` with a random suffix): the web benches of the story page
    (`story`, `long-input`) measure the product's page through it. Needs Django set up."""
    import uuid

    from django.test import Client

    from kohtaanto.core.enums import Role
    from kohtaanto.core.services import add_membership, create_organisation, create_user
    from kohtaanto.people.services import create_participant

    suffix = uuid.uuid4().hex[:8]
    organisation = create_organisation(name=f"bench-{tag}-{suffix}")
    coach = create_user(username=f"bench-{tag}-coach-{suffix}")
    add_membership(coach, organisation, Role.COACH)
    participant = create_participant(
        organisation=organisation, first_name="Bench", last_name=tag.title(), coaches=[coach]
    )
    client = Client()
    client.force_login(coach)
    url = f"/participants/{participant.pk}/story/"
    client.get(url)  # warm-up: templates
    return client, url, participant


def index_options(noun: str, *, split_help: str, weights_help: str) -> Callable[[F], F]:
    """The options `bench skills` and `bench titles` share: `--taxonomy INDEX`, `--lang`,
    `--limit-texts N`, `--split` and `--weights FILE` (`noun`: what the file holds)."""
    from benchmarks import splits

    def apply(command: F) -> F:
        for option in reversed(
            (
                click.option(
                    "--taxonomy",
                    "taxonomy_path",
                    required=True,
                    type=click.Path(exists=True, dir_okay=False, path_type=Path),
                    help="Compiled index file.",
                ),
                click.option(
                    "--lang", default="en", show_default=True, help=f"Language of the {noun}."
                ),
                click.option(
                    "--limit-texts", type=click.IntRange(min=1), help=f"Only the first N {noun}."
                ),
                click.option(
                    "--split",
                    type=click.Choice(splits.CHOICES),
                    default=splits.ALL,
                    show_default=True,
                    help=split_help,
                ),
                click.option(
                    "--weights",
                    type=click.Path(exists=True, dir_okay=False, path_type=Path),
                    help=weights_help,
                ),
            )
        ):
            command = option(command)
        return command

    return apply
