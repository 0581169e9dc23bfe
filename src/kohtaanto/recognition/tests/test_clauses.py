from __future__ import annotations

import pytest

from kohtaanto.recognition.analyzer import get_analyzer
from kohtaanto.recognition.clauses import analyse


def _flags(text: str, lang: str) -> list[tuple[str, bool, bool]]:
    doc = analyse(text, lang, get_analyzer("simple"))
    return [(text[c.start : c.end], c.negated, c.goal) for c in doc.clauses]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fi",
            "En ole koskaan ajanut trukkia, mutta haluaisin oppia hitsaamaan.",
            [
                ("En ole koskaan ajanut trukkia", True, False),
                ("mutta haluaisin oppia hitsaamaan", False, True),
            ],
        ),
        (
            "en",
            "I have never driven a forklift but I would like to learn welding.",
            [
                ("I have never driven a forklift", True, False),
                ("but I would like to learn welding", False, True),
            ],
        ),
        (
            "sv",
            "Jag har inte kört truck. Jag vill lära mig svetsa.",
            [("Jag har inte kört truck", True, False), ("Jag vill lära mig svetsa", False, True)],
        ),
        ("en", "I don't drive.", [("I don't drive", True, False)]),
    ],
)
def test_negation_and_goal_cues(lang: str, text: str, expected: list[object]) -> None:
    assert _flags(text, lang) == expected


def test_empty_text_has_no_clauses() -> None:
    assert analyse("  ", "fi", get_analyzer("simple")).clauses == []
