"""`kohtaanto bench long-input`: its texts are what it says, and it runs end to end (child
process, as the other web benchmarks) and prints the JSON it promises."""

from __future__ import annotations

from benchmarks.long_input import LANGUAGES, MAX_CHARS, long_text, sentences, short_text
from benchmarks.tests.test_web_benches import _ordered, run_bench


def test_long_texts_are_at_the_story_limit_and_shift() -> None:
    for lang in LANGUAGES:
        text = long_text(lang)
        assert MAX_CHARS - 50 < len(text) <= MAX_CHARS
        assert long_text(lang, 1) != text
        assert len(short_text(lang)) < 2_000
    assert len({t for _l, t in sentences("heldout")} & {t for _l, t in sentences("tuning")}) == 0


def test_long_input_bench_small() -> None:
    data = run_bench("long-input", "--repeat", "1")
    assert data["taxonomy_concepts"] > 0
    recognition = data["recognition"]
    assert isinstance(recognition, dict) and set(recognition) == set(LANGUAGES)
    for row in recognition.values():
        _ordered(row["long"])
        _ordered(row["baseline_short"])
        assert row["long_chars"] <= MAX_CHARS
    page = data["story_page_fi_save_and_show"]
    assert isinstance(page, dict)
    _ordered(page["long"])
    guess = data["language_guess"]
    assert isinstance(guess, dict)
    assert guess["heldout"]["false_questions"] == "0/105"
    assert 0 <= guess["heldout"]["baseline_function_words_accuracy"] <= 1
