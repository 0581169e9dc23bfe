"""`benchmarks/tune.py`: the grid, the weights-file edits, the search, and a whole run on small
files of this test with small grids (the real run needs ../shared/data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from benchmarks import splits, tune

from .conftest import FIXTURES, tiny_taxonomy

recognition = pytest.importorskip("kohtaanto.recognition")


def test_grid_is_every_combination_last_axis_fastest() -> None:
    axes = (
        tune.axis("threshold", (0.1, 0.2)),
        tune.tied(("params.title.ngram_low", "params.title.ngram_high"), ((2, 4), (3, 5))),
    )
    settings = list(tune.grid(axes))
    assert len(settings) == 4
    assert settings[0] == {
        ("threshold",): 0.1,
        ("params", "title", "ngram_low"): 2,
        ("params", "title", "ngram_high"): 4,
    }
    assert settings[1][("params", "title", "ngram_low")] == 3
    assert settings[2][("threshold",)] == 0.2


def test_apply_copies_and_creates_the_path() -> None:
    data = {"weights": {"lexical": 0.85}, "params": {}}
    changed = tune.apply(data, {("params", "lexical", "by_language", "fi", "min_coverage"): 0.3})
    assert changed["params"]["lexical"]["by_language"]["fi"]["min_coverage"] == 0.3
    assert data == {"weights": {"lexical": 0.85}, "params": {}}


def test_engine_key_ignores_weights_and_thresholds_but_not_params() -> None:
    shipped = recognition.load_weights().to_dict()
    key = tune.engine_key(shipped)
    assert tune.engine_key(tune.apply(shipped, {("threshold",): 0.5})) == key
    assert tune.engine_key(tune.apply(shipped, {("weights", "tfidf"): 0.3})) == key
    assert tune.engine_key(tune.apply(shipped, {("languages", "fi", "threshold"): 0.2})) == key
    assert tune.engine_key(tune.apply(shipped, {("weights", "tfidf"): 0.0})) != key
    assert tune.engine_key(tune.apply(shipped, {("params", "tfidf", "top"): 3})) != key


def test_search_takes_the_best_and_among_equals_the_most_central() -> None:
    values = (0.1, 0.2, 0.3, 0.4, 0.5)
    stage = tune.Stage("toy", "skills", "en", (tune.axis("threshold", values),))
    scores = {0.1: (0.7, 0.2), 0.2: (0.7, 0.2), 0.3: (0.5, 0.1), 0.4: (0.7, 0.2), 0.5: (0.7, 0.1)}

    class Engine:
        def __init__(self, weights: Any) -> None:
            self.weights = weights

    task = tune.Task(None, "en", lambda e: {"objective": scores[e.weights.threshold]})
    built: list[object] = []

    def build(taxonomy: object, languages: object, weights: Any) -> Engine:
        built.append(weights)
        return Engine(weights)

    shipped = recognition.load_weights().to_dict()
    found = tune.search(stage, task, shipped, build, lambda line: None)
    # 0.1, 0.2 and 0.4 tie; 0.2 and 0.4 are equally central, 0.2 comes first
    assert found.setting == {("threshold",): 0.2} and found.figures["objective"] == (0.7, 0.2)
    assert (found.measured, found.tied) == (5, 3)
    assert len(built) == 1  # thresholds only: one engine, its weights replaced


def test_off_centre() -> None:
    axes = (tune.axis("threshold", (1, 2, 3)), tune.axis("weights.tfidf", (1, 2)))
    assert tune.off_centre((1, 0), axes) == 0.5
    assert tune.off_centre((0, 1), axes) == 1.0


def test_a_replaced_weights_attribute_gives_a_fresh_engines_figures() -> None:
    """What `search` relies on: an engine whose `weights` is replaced by weights with the same
    params ranks as an engine built with them."""
    taxonomy = tiny_taxonomy()
    sets = tune.skill_sets([("tiny", FIXTURES / "decorte.csv")], taxonomy, splits.ALL)
    shipped = recognition.load_weights().to_dict()
    engine = recognition.build_engine(taxonomy, ("en",), weights=shipped)
    for setting in (
        {("threshold",): 0.6, ("weights", "tfidf"): 0.9},
        {("threshold",): 0.01, ("weights", "lexical"): 0.2},
    ):
        data = tune.apply(shipped, setting)
        engine.weights = recognition.load_weights(data)
        fresh = recognition.build_engine(taxonomy, ("en",), weights=data)
        assert tune.skill_figures(engine, "en", sets) == tune.skill_figures(fresh, "en", sets)


def test_a_whole_run_writes_a_weights_file_from_the_tuning_halves(
    tmp_path: Path, index_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decorte = tmp_path / "decorte"
    decorte.mkdir()
    sentences = [
        "Java and SQL in a team",
        "You operate forklift daily",
        "Experience with Java, SQL and teamwork",
        "SQL reports and teamwork",
        "Drive a forklift: operate forklift",
        "Java programming and SQL",
    ]
    rows = ["sentence,span,sub_span,label"]
    for sentence in sentences:
        for label in ("Java (computer programming)", "SQL", "operate forklift"):
            if label.split()[0].lower() in sentence.lower():
                rows.append(f'"{sentence}",,,"{label}"')
    for name in ("tech", "house"):
        (decorte / f"{name}_validation_annotations.csv").write_text(
            "\n".join(rows) + "\n", encoding="utf-8"
        )
    titles = tmp_path / "titles.csv"
    shutil.copy(FIXTURES / "titles.csv", titles)
    small = (
        tune.Stage(
            "skills-en",
            "skills",
            "en",
            (
                tune.axis("params.lexical.min_coverage", (0.4, 0.6)),
                tune.axis("threshold", (0.05, 0.9)),
            ),
        ),
        tune.Stage("titles-en", "titles", "en", (tune.axis("params.title.bonus", (0.0, 0.1)),)),
    )
    monkeypatch.setattr(tune, "STAGES", small)
    seen: list[str] = []
    real = tune.skill_figures

    def spy(engine: Any, lang: str, sets: Any) -> dict[str, Any]:
        seen.extend(s for gold in sets for s in gold.sentences)
        return real(engine, lang, sets)

    monkeypatch.setattr(tune, "skill_figures", spy)
    output = tmp_path / "weights.json"
    result = CliRunner().invoke(
        tune.main,
        [
            *("--decorte", str(decorte), "--jobbert", str(titles)),
            *("--en-index", str(index_file), "--fi-index", str(index_file)),
            *("--stage", "skills-en", "--stage", "titles-en", "-o", str(output)),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["split"] == "tuning"
    assert report["items"]["tech"] == sum(splits.split_of(s) == "tuning" for s in sentences)
    assert set(seen) == {s for s in sentences if splits.split_of(s) == "tuning"}
    assert set(report["stages"]) == {"skills-en", "titles-en"}
    chosen = report["stages"]["skills-en"]["setting"]
    assert chosen["threshold"] == 0.05  # 0.9 finds nothing
    weights = recognition.load_weights(output)
    assert weights.threshold == 0.05
    assert weights.params["lexical"]["min_coverage"] == chosen["params.lexical.min_coverage"]
    assert "TUNING halves only" in weights.tuned_on
    assert weights.languages == recognition.load_weights().languages  # fi stages not run
