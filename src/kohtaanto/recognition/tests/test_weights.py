from __future__ import annotations

import json
from pathlib import Path

import pytest

from kohtaanto.recognition import WeightsError, load_weights
from kohtaanto.recognition.recognizer import recognizer_names


def test_shipped_weights_load() -> None:
    weights = load_weights()
    assert weights.version == 2
    finnish = weights.for_language("fi")
    assert set(finnish.weights) == set(weights.weights)
    assert weights.for_language("xx") is weights
    assert weights.tuned_on
    assert set(weights.weights) <= set(recognizer_names())
    assert all(w >= 0 for w in weights.weights.values())
    assert "inference" not in weights.text_recognizers


def test_weights_from_file_and_mapping(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"version": 1, "weights": {"lexical": 1.0}}))
    assert load_weights(path).weights == {"lexical": 1.0}
    bare = load_weights({"tfidf": 1.0})
    assert bare.weights == {"tfidf": 1.0}
    assert bare.params == load_weights().params


@pytest.mark.parametrize(
    "content",
    [
        '{"version": 3, "weights": {"lexical": 1}}',
        '{"version": 1}',
        '{"version": 2, "weights": {"lexical": 1}, "languages": []}',
        "not json",
    ],
)
def test_bad_weights_files_are_rejected(tmp_path: Path, content: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(content)
    with pytest.raises(WeightsError):
        load_weights(path)


def test_missing_weights_file(tmp_path: Path) -> None:
    with pytest.raises(WeightsError):
        load_weights(tmp_path / "absent.json")


def test_version_1_files_still_load_and_languages_override(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"version": 1, "weights": {"lexical": 1.0}, "languages": {}}))
    assert load_weights(path).languages == {}
    data = {
        "version": 2,
        "weights": {"lexical": 0.8, "tfidf": 0.2},
        "threshold": 0.1,
        "languages": {"fi": {"weights": {"tfidf": 0.5, "unknown": 1.0}, "threshold": 0.05}},
    }
    weights = load_weights(data)
    finnish = weights.for_language("fi")
    assert finnish.weights == {"lexical": 0.8, "tfidf": 0.5}
    assert finnish.threshold == 0.05
    assert weights.for_language("en").threshold == 0.1
    assert load_weights(weights.to_dict()) == weights


def test_score_scale_per_language_round_trips() -> None:
    from kohtaanto.recognition.ensemble import EnsembleWeights

    data = {
        "version": 2,
        "weights": {"lexical": 1.0, "tfidf": 1.0},
        "languages": {"fi": {"weights": {"tfidf": 0.5}, "score_scale": 2.0}},
    }
    weights = EnsembleWeights.from_dict(data)
    assert weights.score_scale == 1.0
    assert weights.for_language("fi").score_scale == 2.0
    assert weights.for_language("en").score_scale == 1.0
    assert EnsembleWeights.from_dict(weights.to_dict()) == weights


def test_whole_label_per_language_round_trips() -> None:
    from kohtaanto.recognition.ensemble import EnsembleWeights, load_weights

    data = {
        "version": 2,
        "weights": {"lexical": 1.0, "tfidf": 1.0},
        "languages": {"fi": {"whole_label": 0.5}},
    }
    weights = EnsembleWeights.from_dict(data)
    assert weights.whole_label == 0.0
    assert weights.for_language("fi").whole_label == 0.5
    assert weights.for_language("sv").whole_label == 0.0
    assert EnsembleWeights.from_dict(weights.to_dict()) == weights
    assert load_weights().for_language("fi").whole_label == 0.5  # the shipped file


def test_names_first_per_language_round_trips() -> None:
    from kohtaanto.recognition.ensemble import EnsembleWeights, load_weights

    data = {
        "version": 2,
        "weights": {"lexical": 1.0, "tfidf": 1.0},
        "names_first": True,
        "languages": {"sv": {"names_first": False}},
    }
    weights = EnsembleWeights.from_dict(data)
    assert weights.for_language("fi").names_first is True
    assert weights.for_language("sv").names_first is False
    assert EnsembleWeights.from_dict(weights.to_dict()) == weights
    shipped = load_weights()
    assert shipped.for_language("fi").names_first is True
    assert shipped.for_language("sv").names_first is False
