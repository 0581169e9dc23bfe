"""`kohtaanto bench story`: time from saving a story to the suggestions shown.

The coach's story page is used in-process with Django's test client (server time, no network):
one run is the POST that saves a story of `--words` words (validation, save, recognition with
the configured analyser — Voikko for Finnish when installed —, storing the suggestions, audit)
followed by the GET of the page that shows the suggestions with the evidence highlighted.
Each run changes the story a little, so recognition really runs and suggestions come and go,
as when a coach edits a story. Baselines in the same run: the same page without saving
(GET only) and the recognition engine alone on the same text. The engine's first call
(building lazy parts, loading Voikko) is reported separately as the warm-up.

The database is a fresh SQLite file in a temporary folder, or `DATABASE_URL` (a scratch
database: an organisation, a coach and a participant are added to it). `--taxonomy INDEX`
uses a compiled taxonomy index (`kohtaanto taxonomy build`) instead of the configured one.
Budget (issue 4): 1 s for 300 words, Voikko included.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

import click

from benchmarks.caseload import setup_database
from benchmarks.runtime import peak_rss_mb, story_page_client
from benchmarks.web_home import _summary, _timings

BUDGET_MS = 1000.0


def story_text(words: int) -> str:
    """`words` words of the Finnish demo stories (fictional people)."""
    data = json.loads(
        resources.files("kohtaanto.journeys")
        .joinpath("data", "demo_participants.json")
        .read_text(encoding="utf-8")
    )
    tokens: list[str] = []
    for person in data["participants"]:
        if person["story_language"] == "fi":
            tokens.extend(person["story"].split())
        if len(tokens) >= words:
            break
    return " ".join(tokens[:words])


def _variant(story: str, run: int) -> str:
    """Every other run drops the last sentences: suggestions appear and disappear."""
    if run % 2 == 0:
        return story
    return story.rsplit(".", 3)[0] + "."


@click.command("story")
@click.option("--words", default=300, show_default=True, help="Length of the story.")
@click.option("--repeat", default=15, show_default=True, help="Saves measured.")
@click.option(
    "--taxonomy",
    "taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A compiled taxonomy index (default: the configured one, else the starter).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(words: int, repeat: int, taxonomy: Path | None, as_json: bool) -> None:
    """Saving a story to suggestions shown, against the page alone and the engine alone."""
    if taxonomy is not None:
        os.environ["KOHTAANTO_TAXONOMY_FILE"] = str(taxonomy)
    with ExitStack() as stack:
        database = setup_database(stack)
        from django.db.models import Count

        from kohtaanto.profiles.models import ProfileItem
        from kohtaanto.recognition.analyzer import analyzer_for_language
        from kohtaanto.vocabularies.provider import get_engine

        story = story_text(words)
        started = time.perf_counter()
        engine = get_engine()
        engine.recognize(story, lang="fi")  # warm-up: lazy parts, Voikko
        warm_up_ms = (time.perf_counter() - started) * 1000
        engine_alone = []
        for run in range(repeat):
            t0 = time.perf_counter()
            engine.recognize(_variant(story, run), lang="fi", limit=25, include_inferred=True)
            engine_alone.append((time.perf_counter() - t0) * 1000)

        client, url, participant = story_page_client("story")
        save_ms: list[float] = []
        show_ms: list[float] = []
        total_ms: list[float] = []
        shown = 0
        for run in range(repeat):
            t0 = time.perf_counter()
            response = client.post(url, {"story": _variant(story, run), "language": "fi"})
            t1 = time.perf_counter()
            if response.status_code != 302:
                raise click.ClickException(f"saving the story answered {response.status_code}")
            page = client.get(url)
            t2 = time.perf_counter()
            if page.status_code != 200:
                raise click.ClickException(f"the story page answered {page.status_code}")
            shown = page.content.decode().count('class="suggestion"')
            save_ms.append((t1 - t0) * 1000)
            show_ms.append((t2 - t1) * 1000)
            total_ms.append((t2 - t0) * 1000)
        page_alone = _summary(_timings(client, url, repeat))
        stored = dict(
            ProfileItem.objects.filter(participant=participant)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        analyser = analyzer_for_language("fi").name
        concepts = len(engine.taxonomy)
    total = _summary(total_ms)
    result = {
        "database": database,
        "words": len(story.split()),
        "repeat": repeat,
        "analyzer_fi": analyser,
        "taxonomy_concepts": concepts,
        "save_and_show": total,
        "save_post": _summary(save_ms),
        "show_get": _summary(show_ms),
        "baseline_page_alone": {"page": "GET story page, no save", **page_alone},
        "baseline_engine_alone": _summary(engine_alone),
        "engine_warm_up_ms": round(warm_up_ms, 1),
        "ratio_median_vs_page_alone": round(total["median_ms"] / page_alone["median_ms"], 2),
        "ratio_median_vs_engine_alone": round(
            total["median_ms"] / _summary(engine_alone)["median_ms"], 2
        ),
        "suggestions_shown": shown,
        "suggestions_stored": stored,
        "budget_ms": BUDGET_MS,
        "within_budget": total["median_ms"] <= BUDGET_MS,
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{database}, {result['words']} words, analyser {analyser}: save + show median "
        f"{total['median_ms']} ms (p95 {total['p95_ms']} ms); page alone "
        f"{page_alone['median_ms']} ms; engine alone {result['baseline_engine_alone']}"
    )
