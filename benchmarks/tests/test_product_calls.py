"""The engine side of the recognition benchmarks is the product's: the same `Engine` calls as
the web app and the CLI give the same rankings (real engine, tiny taxonomy)."""

from __future__ import annotations

import pytest

from benchmarks.skills import skill_kinds, suggested_skills
from kohtaanto.recognition import build_engine

from .conftest import tiny_taxonomy

TEXTS = [
    "Java developer: we use SQL daily and work in teams.",
    "I have worked as a forklift driver; I would like to learn SQL.",
    "Registered nurse, teamwork and Java (computer programming).",
    "Nothing to find here.",
]


def test_skills_bench_keeps_what_the_opportunity_page_shows() -> None:
    from kohtaanto.opportunities.recognition import SKILL_KINDS, recognise_skills

    try:  # the web app's engine and its test seam
        from kohtaanto.vocabularies.provider import use_engine
    except ImportError:  # a checkout from before the vocabulary provider
        from kohtaanto.profiles.adapters import use_engine

    assert set(skill_kinds()) == set(SKILL_KINDS)
    engine = build_engine(tiny_taxonomy(), languages=("fi", "sv", "en"))
    with use_engine(engine):
        for text in TEXTS:
            product = [s.uri for s in recognise_skills(text, "en")]
            assert suggested_skills(engine, text, "en", skill_kinds()) == product
    # the goal ("would like to learn SQL") is left out, as on the page
    assert "http://example.org/skill/sql" not in suggested_skills(
        engine, TEXTS[1], "en", skill_kinds()
    )


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_titles_bench_batch_call_ranks_as_link_title(lang: str) -> None:
    engine = build_engine(tiny_taxonomy(), languages=(lang, "en"))
    titles = ["Senior Java Developer (m/f/d)", "forklift driver", "sairaanhoitaja", "zzzz"]
    batch = engine.link_titles(titles, lang=lang, limit=10)
    one_by_one = [engine.link_title(title, lang=lang, limit=10) for title in titles]
    assert [[(s.uri, s.score) for s in r] for r in batch] == [
        [(s.uri, s.score) for s in r] for r in one_by_one
    ]
    assert batch[0] and batch[0][0].uri == "http://example.org/occ/developer"
