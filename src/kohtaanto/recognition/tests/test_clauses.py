from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaanto.recognition.analyzer import get_analyzer
from kohtaanto.recognition.analyzer.voikko import available
from kohtaanto.recognition.clauses import _BOUNDARY_RE, analyse, segment


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


@given(st.text(alphabet="ab ,.;()-–\n", max_size=60))
def test_clauses_split_where_a_boundary_lies_between_words(text: str) -> None:
    """A clause starts at a word with a boundary between it and the previous word."""
    tokens = get_analyzer("simple").tokenize_words(text)
    cuts = {m.start() for m in _BOUNDARY_RE.finditer(text)}
    expected = [0] if tokens else []
    for i in range(1, len(tokens)):
        if any(tokens[i - 1].end <= c < tokens[i].start for c in cuts):
            expected.append(i)
    assert [c.first for c in segment(text, tokens, "en")] == expected


@pytest.mark.parametrize(
    ("lang", "text", "other"),
    [
        ("fi", "Vaimoni on lähihoitaja.", True),
        ("fi", "Mun vaimo on lähihoitaja.", True),
        ("fi", "Minun poika ajaa rekkaa.", True),
        ("fi", "Mä hoidan mun äitiä.", False),
        ("sv", "Min man förstår arabiska.", True),
        ("sv", "Min mamma talar bara finska.", True),
        ("sv", "Jag tar hand om min mamma.", False),
        ("en", "My husband speaks Arabic.", True),
        ("en", "I look after my mother.", False),
    ],
)
def test_a_relative_who_speaks_is_another_person(lang: str, text: str, other: bool) -> None:
    """What a relative speaks, reads or studies is theirs, not the person's."""
    doc = analyse(text, lang, get_analyzer("simple"))
    assert [c.other for c in doc.clauses] == [other]


@pytest.mark.skipif(not available("fi"), reason="needs Voikko (voikko-fi)")
@pytest.mark.parametrize(
    ("text", "flag", "clauses"),
    [
        # the items after a comma share the first item's clause: its goal, negation, verb
        ("Haluaisin oppia Exceliä, Wordia ja PowerPointia.", "goal", [True]),
        ("En osaa ruotsia, saksaa ja ranskaa.", "negated", [True]),
        ("Vaimoni osaa ruotsia, saksaa ja ranskaa.", "other", [True]),
        # a part with a verb of its own is a clause of its own
        ("En osaa ruotsia, puhun englantia.", "negated", [True, False]),
        # so is one after "mutta"
        ("En aja trukkia, mutta siivousta.", "negated", [True, False]),
        # and a sentence
        ("En osaa ruotsia. Saksaa osaan.", "negated", [True, False]),
    ],
)
def test_list_items_after_a_comma_belong_to_their_clause(
    text: str, flag: str, clauses: list[bool]
) -> None:
    doc = analyse(text, "fi", get_analyzer("voikko(fi)"))
    assert [getattr(c, flag) for c in doc.clauses] == clauses


@pytest.mark.parametrize(
    ("lang", "text", "flag", "clauses"),
    [
        ("sv", "Jag kan inte svenska, tyska eller franska.", "negated", [True]),
        ("sv", "Jag vill lära mig Excel, Word och PowerPoint.", "goal", [True]),
        ("sv", "Min fru talar svenska, tyska och franska.", "other", [True]),
        # a verb or a subject of its own: a clause of its own
        ("sv", "Jag kan inte svenska, jag talar finska.", "negated", [True, False]),
        ("sv", "Jag har inte kört lastbil, städade på ett kontor.", "negated", [True, False]),
        # an exception after the comma is not negated with the list
        ("sv", "Jag har aldrig kört lastbil, bara paketbil.", "negated", [True, False]),
        ("en", "I don't speak Swedish, German or French.", "negated", [True]),
        ("en", "I never drove trucks, only vans.", "negated", [True, False]),
        ("en", "I don't drive, I cycled to work.", "negated", [True, False]),
    ],
)
def test_swedish_and_english_list_items_belong_to_their_clause(
    lang: str, text: str, flag: str, clauses: list[bool]
) -> None:
    doc = analyse(text, lang, get_analyzer(f"snowball({lang})"))
    assert [getattr(c, flag) for c in doc.clauses] == clauses


def test_without_word_classes_no_finnish_list_is_joined() -> None:
    """The simple analyzer cannot tell a verb in Finnish: every comma still cuts."""
    doc = analyse("En osaa ruotsia, puhun englantia.", "fi", get_analyzer("simple"))
    assert [c.negated for c in doc.clauses] == [True, False]
