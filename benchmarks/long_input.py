"""`kohtaanto bench long-input`: the bad input of issue 13 — the longest story, and text in
another language than the one chosen.

1. **The longest input** (20,000 characters, the story limit) recognised per language with the
   product's call (`profiles.adapters.recognise_story`: `get_engine().recognize(text, lang,
   limit=25, include_inferred=True)`), against the baseline of a short story (the first demo
   story of that language, about 700 characters) in the same run. The long Finnish text is the
   Finnish demo stories one after another (different sentences, no repetition until 20,000
   characters); Swedish and English have fewer demo stories, so their long texts add the
   guesser's corpus and the held-out sentences and then repeat. Each run shifts the text by one
   paragraph, so no run recognises exactly the same text as the one before. The engine's
   first call (building lazy parts, loading Voikko) is the warm-up, reported separately.
   Budget: 2 s for the slowest long run (`max_ms`), Voikko included.
2. **The story page** with the longest Finnish story: POST (validation, the language check,
   saving, recognition, storing suggestions) then the GET that shows them, through Django's
   test client on a fresh SQLite file, as `kohtaanto bench story` does.
3. **The language guesser** (`recognition.language_guess`): accuracy on the held-out sentences
   (`benchmarks/data/language_guess/heldout.tsv`; parameters were chosen on `tuning.tsv`), how
   often it would ask about a text in the chosen language (false questions) and how often it
   asks about a text in another one, and its time on the 20,000 characters; baseline in the same
   run: counting function words alone (the language with most wins, a tie says nothing).

`--taxonomy INDEX` uses a compiled taxonomy index (`kohtaanto taxonomy build`, e.g. ESCO with the
Finnish skill and Finnish/Swedish occupation labels) instead of the configured one.
"""

from __future__ import annotations

import csv
import json
import os
import time
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any

import click

from benchmarks.caseload import setup_database
from benchmarks.runtime import peak_rss_mb, story_page_client
from benchmarks.web_home import _summary

BUDGET_MS = 2000.0
MAX_CHARS = 20_000
LANGUAGES = ("fi", "sv", "en")
DATA = Path(__file__).resolve().parent / "data" / "language_guess"


def _demo_stories() -> dict[str, list[str]]:
    data = json.loads(
        resources.files("kohtaanto.journeys")
        .joinpath("data", "demo_participants.json")
        .read_text(encoding="utf-8")
    )
    stories: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for person in data["participants"]:
        stories.setdefault(person["story_language"], []).append(person["story"])
    return stories


def sentences(split: str) -> list[tuple[str, str]]:
    with (DATA / f"{split}.tsv").open(encoding="utf-8") as handle:
        return [(row["language"], row["text"]) for row in csv.DictReader(handle, delimiter="\t")]


def paragraphs(lang: str) -> list[str]:
    """The paragraphs the long text of `lang` is made of (see the module's docstring)."""
    found = list(_demo_stories().get(lang, []))
    if lang != "fi":
        corpus = json.loads(
            resources.files("kohtaanto.recognition")
            .joinpath("language_guess.json")
            .read_text(encoding="utf-8")
        )["corpus"][lang]
        held_out = [text for language, text in sentences("heldout") if language == lang]
        found += [*corpus, " ".join(held_out)]
    return found


def long_text(lang: str, shift: int = 0) -> str:
    """`MAX_CHARS` characters of `lang`, starting `shift` paragraphs later (then round)."""
    parts = paragraphs(lang)
    out: list[str] = []
    size = 0
    index = shift
    while size < MAX_CHARS:
        part = parts[index % len(parts)]
        out.append(part)
        size += len(part) + 2
        index += 1
    return "\n\n".join(out)[: MAX_CHARS - 1].rstrip() + "."


def short_text(lang: str) -> str:
    return _demo_stories()[lang][0]


def function_word_baseline(text: str, function_words: dict[str, frozenset[str]]) -> str | None:
    from kohtaanto.recognition.language_guess import words_of

    counts = dict.fromkeys(LANGUAGES, 0)
    for word in words_of(text):
        for lang in LANGUAGES:
            counts[lang] += word in function_words.get(lang, frozenset())
    best = max(counts.values())
    winners = [lang for lang, n in counts.items() if n == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def guesser_figures() -> dict[str, Any]:
    from kohtaanto.recognition.language_guess import (
        guess_language,
        other_language,
        shipped_profile,
    )

    profile = shipped_profile()
    words = {lang: frozenset(ws) for lang, ws in profile.function_words.items()}
    result: dict[str, Any] = {}
    for split in ("heldout", "tuning"):
        rows = sentences(split)
        per_language: dict[str, Any] = {}
        for lang in LANGUAGES:
            texts = [text for language, text in rows if language == lang]
            guessed = [guess_language(text).language for text in texts]
            baseline = [function_word_baseline(text, words) for text in texts]
            per_language[lang] = {
                "sentences": len(texts),
                "accuracy": round(sum(g == lang for g in guessed) / len(texts), 4),
                "too_short": sum(g is None for g in guessed),
                "baseline_function_words_accuracy": round(
                    sum(b == lang for b in baseline) / len(texts), 4
                ),
            }
        false_questions = sum(other_language(text, lang) is not None for lang, text in rows)
        wrong_choice = [(lang, text) for lang, text in rows for c in LANGUAGES if c != lang]
        asked = sum(
            other_language(text, chosen) == lang
            for lang, text in rows
            for chosen in LANGUAGES
            if chosen != lang
        )
        result[split] = {
            "per_language": per_language,
            "accuracy": round(
                sum(guess_language(text).language == lang for lang, text in rows) / len(rows), 4
            ),
            "baseline_function_words_accuracy": round(
                sum(function_word_baseline(text, words) == lang for lang, text in rows) / len(rows),
                4,
            ),
            "false_questions": f"{false_questions}/{len(rows)}",
            "asked_when_chosen_wrong": f"{asked}/{len(wrong_choice)}",
        }
    timings = []
    text = long_text("fi")
    guess_language("lämmitys")  # builds the profile once
    for _ in range(5):
        started = time.perf_counter()
        guess_language(text)
        timings.append((time.perf_counter() - started) * 1000)
    result["guess_20000_chars"] = _summary(timings)
    return result


@click.command("long-input")
@click.option("--repeat", default=5, show_default=True, help="Runs per language and text.")
@click.option(
    "--taxonomy",
    "taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A compiled taxonomy index (default: the configured one, else the starter).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(repeat: int, taxonomy: Path | None, as_json: bool) -> None:
    """The longest story (20,000 characters) recognised, against a short one; the guesser."""
    if taxonomy is not None:
        os.environ["KOHTAANTO_TAXONOMY_FILE"] = str(taxonomy)
    with ExitStack() as stack:
        database = setup_database(stack)

        from kohtaanto.profiles import adapters
        from kohtaanto.recognition.analyzer import analyzer_for_language
        from kohtaanto.vocabularies.provider import get_engine

        engine = get_engine()
        recognition: dict[str, Any] = {}
        for lang in LANGUAGES:
            started = time.perf_counter()
            adapters.recognise_story(short_text(lang), lang)  # warm-up: lazy parts, Voikko
            warm_up_ms = (time.perf_counter() - started) * 1000
            short_ms, long_ms = [], []
            found = 0
            for run in range(repeat):
                t0 = time.perf_counter()
                adapters.recognise_story(short_text(lang) + f" {run}", lang)
                t1 = time.perf_counter()
                found = len(adapters.recognise_story(long_text(lang, run), lang))
                t2 = time.perf_counter()
                short_ms.append((t1 - t0) * 1000)
                long_ms.append((t2 - t1) * 1000)
            long_summary = _summary(long_ms)
            baseline = _summary(short_ms)
            recognition[lang] = {
                "analyzer": analyzer_for_language(lang).name,
                "long_chars": len(long_text(lang)),
                "long": long_summary,
                "suggestions_long": found,
                "baseline_short": {"chars": len(short_text(lang)), **baseline},
                "ratio_median_long_vs_short": round(
                    long_summary["median_ms"] / max(baseline["median_ms"], 0.01), 1
                ),
                "warm_up_ms": round(warm_up_ms, 1),
                "within_budget": long_summary["max_ms"] <= BUDGET_MS,
            }

        client, url, _participant = story_page_client("long")
        page: dict[str, list[float]] = {"long": [], "short": []}
        for run in range(repeat):
            for kind, story in (("short", short_text("fi")), ("long", long_text("fi", run))):
                t0 = time.perf_counter()
                response = client.post(url, {"story": story, "language": "fi"})
                shown = client.get(url)
                page[kind].append((time.perf_counter() - t0) * 1000)
                if response.status_code != 302 or shown.status_code != 200:
                    raise click.ClickException(
                        f"saving a {kind} story answered {response.status_code}"
                    )
        page_long = _summary(page["long"])
        concepts = len(engine.taxonomy)
    result = {
        "database": database,
        "taxonomy_concepts": concepts,
        "repeat": repeat,
        "budget_ms": BUDGET_MS,
        "recognition": recognition,
        "story_page_fi_save_and_show": {
            "long": page_long,
            "baseline_short": _summary(page["short"]),
            "within_budget": page_long["max_ms"] <= BUDGET_MS,
        },
        "language_guess": guesser_figures(),
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    for lang, row in recognition.items():
        click.echo(
            f"{lang}: {row['long_chars']} characters max {row['long']['max_ms']} ms "
            f"(median {row['long']['median_ms']} ms); short story median "
            f"{row['baseline_short']['median_ms']} ms"
        )
    click.echo(f"story page, 20,000 characters: {page_long}")
    held_out = result["language_guess"]["heldout"]
    click.echo(
        f"guesser held-out accuracy {held_out['accuracy']} (function words alone "
        f"{held_out['baseline_function_words_accuracy']}), false questions "
        f"{held_out['false_questions']}"
    )
