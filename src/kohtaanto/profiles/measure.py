"""Measure: time from saving a 300-word story to suggestions stored, against the engine alone.

    .venv/bin/python -m kohtaanto.profiles.measure [--runs 20] [--words 300]

Prints JSON: median and p95 (ms) over `--runs` runs of `journeys.services.save_story`
(validation, save, recognition, storing suggestions, audit) and of `engine.recognize` alone
on the same text, the analyser in use (Voikko or not) and the database vendor. Everything is
written inside a transaction that is rolled back, so the database is left as it was. Needs
a migrated database (`manage.py migrate`). Each run changes the story a little, so
recognition really runs and suggestions are refreshed, as when a coach edits a story.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from importlib import resources
from typing import Any


def _story(words: int) -> str:
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


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


class _Rollback(Exception):
    pass


def measure(runs: int = 20, words: int = 300) -> dict[str, Any]:
    from django.db import connection, transaction

    from kohtaanto.core.enums import Role
    from kohtaanto.core.services import add_membership, create_organisation, create_user
    from kohtaanto.journeys.services import save_story
    from kohtaanto.people.services import create_participant
    from kohtaanto.profiles.adapters import get_engine
    from kohtaanto.profiles.models import ProfileItem
    from kohtaanto.recognition.analyzer import analyzer_for_language

    story = _story(words)
    started = time.perf_counter()
    engine = get_engine()
    engine.recognize(story, lang="fi")  # warm-up: builds lazy parts, loads Voikko
    warm_up_ms = (time.perf_counter() - started) * 1000
    baseline = []
    for run in range(runs):
        text = f"{story} ({run})"
        t0 = time.perf_counter()
        engine.recognize(text, lang="fi", limit=25)
        baseline.append((time.perf_counter() - t0) * 1000)
    service: list[float] = []
    stored = 0
    try:
        with transaction.atomic():
            organisation = create_organisation(name="measure-org")
            coach = create_user(username="measure-coach")
            add_membership(coach, organisation, Role.COACH)
            participant = create_participant(
                organisation=organisation, first_name="M", last_name="M", coaches=[coach]
            )
            for run in range(runs):
                # alternate two versions of the story: suggestions appear and disappear
                text = story if run % 2 == 0 else story.rsplit(".", 2)[0] + "."
                t0 = time.perf_counter()
                save_story(participant, by=coach, story=text, language="fi")
                service.append((time.perf_counter() - t0) * 1000)
            stored = ProfileItem.objects.filter(participant=participant).count()
            raise _Rollback
    except _Rollback:
        pass
    return {
        "runs": runs,
        "words": len(story.split()),
        "analyzer_fi": analyzer_for_language("fi").name,
        "database": connection.vendor,
        "engine_warm_up_ms": round(warm_up_ms, 1),
        "save_story_ms": {
            "median": round(statistics.median(service), 1),
            "p95": round(_percentile(service, 0.95), 1),
        },
        "engine_alone_ms": {
            "median": round(statistics.median(baseline), 1),
            "p95": round(_percentile(baseline, 0.95), 1),
        },
        "suggestions_stored": stored,
        "budget_ms": 1000,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--words", type=int, default=300)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    print(json.dumps(measure(args.runs, args.words), indent=2))


if __name__ == "__main__":
    main()
