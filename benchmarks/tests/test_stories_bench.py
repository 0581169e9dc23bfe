"""`kohtaanto bench stories`: the product's path, the scoring, the baseline, and a small run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from benchmarks import stories as bench
from benchmarks.stories import (
    Shown,
    StemBaseline,
    Story,
    page_filter,
    read_judgments,
    score_story,
    summarise,
)
from kohtaanto.cli.main import cli

from .conftest import FORKLIFT, NURSE, SQL, TEAMWORK, tiny_taxonomy


def _story(**annotations: Any) -> Story:
    """A held-out Finnish work story whose `right` concepts are r1 and r2."""
    return Story(
        id="fi-x",
        lang="fi",
        register="work",
        split="heldout",
        text="…",
        right=("r1", "r2"),
        **annotations,
    )


def test_scoring_counts_strict_lenient_wrong_and_goals() -> None:
    story = _story(acceptable=("a1",), wrong=("w1", "w2"), goal=("g1",))
    shown = Shown(
        shown=[
            ("r1", "r1", 0.9, "text"),
            ("a1", "a1", 0.8, "text"),
            ("w1", "w1", 0.7, "text"),
            ("g1", "g1", 0.6, "text"),
            ("x1", "x1", 0.5, "inferred"),
        ],
        stored={"r1", "r2", "a1", "w1", "g1", "x1"},
        wishes=set(),
    )
    summary = summarise([score_story(story, shown)])
    assert summary["precision_strict"] == 0.4  # r1, a1 of five
    assert summary["precision_lenient"] == 0.5  # x1 (unannotated) left out
    assert summary["recall"] == 0.5 and summary["recall_stored"] == 1.0
    assert summary["wrong_hit_rate"] == 0.5 and summary["wrong_share"] == 0.2
    assert summary["goal_recall"] == 0.0
    assert summary["precision_strict_by_group"] == {
        "text": 0.5,
        "occupation": None,
        "inferred": 0.0,
    }


def test_pooled_judgments_count_in_the_judged_precision_only() -> None:
    """A concept the story's annotation does not mention counts as good in
    `precision_judged` when the pooled judgments found it acceptable; the strict figure and
    recall do not move, and what nobody judged is counted as unjudged."""
    story = _story(judged=frozenset({"x1", "x2"}), judged_good=frozenset({"x1"}))
    shown = Shown(
        shown=[(uri, uri, 0.9, "text") for uri in ("r1", "x1", "x2", "x3")],
        stored={"r1", "x1", "x2", "x3"},
        wishes=set(),
    )
    summary = summarise([score_story(story, shown)])
    assert summary["precision_strict"] == 0.25  # r1 of four
    assert summary["precision_judged"] == 0.5  # r1 and x1
    assert summary["recall"] == 0.5
    assert summary["counts"]["shown_judged_good"] == 1
    assert summary["counts"]["shown_unjudged"] == 1  # x3


def test_judgments_file_is_read_and_refused_when_malformed(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        '{"id": "fi-w01", "uri": "u1", "judgment": "acceptable"}\n\n'
        '{"id": "fi-w01", "uri": "u2", "judgment": "wrong"}\n',
        encoding="utf-8",
    )
    assert read_judgments(good) == {"fi-w01": {"u1": "acceptable", "u2": "wrong"}}
    assert read_judgments(tmp_path / "absent.jsonl") == {}
    for line, message in (
        ('{"id": "fi-w01", "uri": "u1", "judgment": "right"}', "must be one of"),
        ('{"id": "fi-w01", "uri": "u1"}', "not a judgment"),
        ("not json", "not a judgment"),
    ):
        bad = tmp_path / "bad.jsonl"
        bad.write_text(line + "\n", encoding="utf-8")
        with pytest.raises(click.ClickException, match=message):
            read_judgments(bad)
    twice = tmp_path / "twice.jsonl"
    first = good.read_text(encoding="utf-8").splitlines()[0]
    twice.write_text(f"{first}\n{first}\n", encoding="utf-8")
    with pytest.raises(click.ClickException, match="judged twice"):
        read_judgments(twice)


def test_stem_baseline_matches_whole_labels_in_one_sentence() -> None:
    baseline = StemBaseline.from_taxonomy(tiny_taxonomy(), "fi")
    found = {s.uri for s in baseline.recognize("Osaan käyttää trukkia. Olen sairaanhoitaja.")}
    assert found == {FORKLIFT, NURSE}
    # the words of a label spread over two sentences are no match
    assert FORKLIFT not in {s.uri for s in baseline.recognize("Osaan käyttää. Trukkia ei.")}
    assert TEAMWORK not in found and SQL not in found


def _entries_shown_by_the_page(participant: Any, lang: str) -> dict[str, set[str]]:
    from kohtaanto.profiles.selectors import group_suggestions, profile_of

    profile = profile_of(participant, lang)
    groups = group_suggestions(profile.unconfirmed, lang=lang)
    return {g.key: {e.uri for e in g.entries} for g in groups if g.entries} | {
        "wishes": {e.uri for e in profile.wishes}
    }


@pytest.mark.django_db
@pytest.mark.parametrize("story_id", ["fi-o01", "fi-i02", "sv-o01", "sv-i05"])
def test_page_filter_shows_what_the_story_page_shows(personas: Any, story_id: str) -> None:
    """Saving the story with the product's service and reading the page's groups gives the
    benchmark's `page_filter` of `recognise_story`, group by group."""
    from kohtaanto.profiles.services import apply_recognition
    from kohtaanto.recognition import build_engine
    from kohtaanto.vocabularies.provider import use_engine

    story = next(s for s in bench.load_stories(story_id[:2]) if s.id == story_id)
    engine = build_engine(bench.starter_taxonomy(), languages=("fi", "sv", "en"))
    with use_engine(engine):
        apply_recognition(personas.participant, by=personas.coach, text=story.text, lang=story.lang)
        page = _entries_shown_by_the_page(personas.participant, story.lang)
        mine = page_filter(bench.product_recognise(engine)(story.text, story.lang), story.lang)
    groups = {key: {uri for uri, _, _, g in mine.shown if g == key} for key in bench.GROUPS}
    assert {k: v for k, v in groups.items() if v} | {"wishes": mine.wishes} == page
    assert mine.shown  # the stories do give suggestions


def _small_set(tmp_path: Path) -> Path:
    for lang, ids in (("fi", {"fi-o01", "fi-w12"}), ("sv", {"sv-o01", "sv-w02"})):
        lines = (bench.DATA_DIR / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        chosen = [row | {"split": "heldout"} for row in rows if row["id"] in ids]
        (tmp_path / f"{lang}.jsonl").write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in chosen),
            encoding="utf-8",
        )
    return tmp_path


def test_bench_stories_runs_on_the_starter_vocabulary(tmp_path: Path) -> None:
    data = _small_set(tmp_path)
    result = CliRunner().invoke(
        cli, ["bench", "stories", "--data", str(data), "--by-story", "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["taxonomy"] == "starter" and out["split"] == "heldout"
    for lang in ("fi", "sv"):
        figures = out["languages"][lang]
        assert figures["stories"] == 2
        for key in (
            "precision_strict",
            "precision_lenient",
            "precision_judged",
            "recall",
            "wrong_hit_rate",
        ):
            assert 0.0 <= figures[key] <= 1.0
            assert key in figures["baseline"]
        assert figures["precision_judged"] >= figures["precision_strict"]
        assert set(figures["ratio"]) == {
            "precision_strict",
            "precision_lenient",
            "precision_judged",
            "recall",
        }
        assert figures["sentences_per_s"] > 0
        detail = {d["id"]: d for d in figures["by_story"]}
        assert set(detail) == {"fi-o01", "fi-w12"} if lang == "fi" else {"sv-o01", "sv-w02"}
        for story in detail.values():
            assert {"shown", "false_positives", "missed"} <= set(story)
    # the forklift of the story is found in both languages
    fi_story = next(d for d in out["languages"]["fi"]["by_story"] if d["id"] == "fi-o01")
    assert "trukin ajaminen" in fi_story["shown"]


def test_bench_stories_sweep_and_threshold(tmp_path: Path) -> None:
    data = _small_set(tmp_path)
    runner = CliRunner()
    swept = runner.invoke(
        cli, ["bench", "stories", "--data", str(data), "--lang", "fi", "--sweep", "--json"]
    )
    assert swept.exit_code == 0, swept.output
    rows = json.loads(swept.stdout)["languages"]["fi"]
    assert "0.30" in rows and "0.70" in rows
    assert rows["0.70"]["shown_per_story"] <= rows["0.30"]["shown_per_story"]
    strict = runner.invoke(
        cli,
        ["bench", "stories", "--data", str(data), "--lang", "sv", "--min-score", "0.6", "--json"],
    )
    assert strict.exit_code == 0, strict.output
    assert json.loads(strict.stdout)["min_score"] == {"sv": 0.6}


def test_the_pages_threshold_per_language_and_no_weak_fallback() -> None:
    """The page shows suggestions at or above the story language's calibrated threshold and
    nothing of a group whose suggestions are all weaker (no fallback since shown-v1). Goals
    go to the wishes."""
    from kohtaanto.profiles.selectors import shown_threshold

    from .conftest import StubSuggestion

    suggestions = [
        StubSuggestion("s1", "strong", "skill", 0.8),
        StubSuggestion("s2", "between", "skill", 0.32),
        StubSuggestion("i1", "weak inferred", "skill", 0.1, inferred=True),
        StubSuggestion("o1", "weak occupation", "occupation", 0.2),
        StubSuggestion("g1", "wish", "skill", 0.9, goal=True),
        StubSuggestion("s1", "strong again", "skill", 0.5),  # the first per URI counts
        StubSuggestion("x1", "not a profile kind", "skill_group", 0.9),
    ]
    assert shown_threshold("fi") == 0.35 and shown_threshold("sv") == 0.3
    finnish = page_filter(suggestions, "fi")
    assert [(uri, group) for uri, _, _, group in finnish.shown] == [("s1", "text")]
    assert finnish.wishes == {"g1"} and finnish.stored == {"s1", "s2", "i1", "o1"}
    swedish = page_filter(suggestions, "sv")
    assert [uri for uri, *_ in swedish.shown] == ["s1", "s2"]
    assert [uri for uri, *_ in page_filter(suggestions, "fi", 0.1).shown] == [
        "s1",
        "s2",
        "o1",
        "i1",
    ]


def _git_checkout() -> bool:
    root = Path(__file__).resolve().parents[2]
    return (root / ".git").exists()


@pytest.mark.skipif(not _git_checkout(), reason="needs a git checkout (git archive)")
def test_the_engine_at_another_commit_runs_apart_and_answers_like_the_product() -> None:
    """`--engine-at REV`: the commit's own `src/` in a subprocess, its suggestions through
    today's page filter. At HEAD it answers with the product's own call."""
    from kohtaanto.recognition import build_engine
    from kohtaanto.taxonomy.build import build_taxonomy

    text = "Ajoin trukkia varastossa kymmenen vuotta."
    at_head = bench.engine_at("HEAD")([text], "fi")
    assert len(at_head) == 1 and at_head[0]
    assert all(isinstance(s, bench.BaselineSuggestion) for s in at_head[0])
    here = build_engine(build_taxonomy(["starter"]), languages=("fi",)).recognize(
        text, lang="fi", limit=25, include_inferred=True
    )
    # A clean checkout's HEAD is the working tree: the same suggestions, in the same order.
    if not _dirty_src():
        assert [s.uri for s in at_head[0]] == [s.uri for s in here]
    with pytest.raises(click.ClickException, match="git archive"):
        bench.engine_at("no-such-revision-anywhere")


def _dirty_src() -> bool:
    import subprocess

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    )
    return bool(done.stdout.strip())
