"""The requirement cue detector: real job-ad sentences in fi/sv/en, with and without Voikko,
and properties (never crashes; the cue words decide)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.recognition.analyzer import get_analyzer
from kohtaanto.recognition.analyzer.voikko import available
from kohtaanto.recognition.requirement_cues import (
    Requirement,
    classify,
    classify_span,
    find_cues,
    load_cues,
)

needs_voikko = pytest.mark.skipif(not available("fi"), reason="libvoikko or fi dictionary absent")

REQ, NICE, NONE = Requirement.REQUIRED, Requirement.NICE_TO_HAVE, Requirement.UNDECIDED

# (language, ad text, the skill's words in it, expected requirement, expected phrase)
CASES = [
    ("fi", "Trukkikortti on eduksi.", "Trukkikortti", NICE, "on eduksi"),
    ("fi", "Eduksi katsotaan trukkikortti.", "trukkikortti", NICE, "Eduksi katsotaan"),
    (
        "fi",
        "Eduksi katsotaan trukkikortti, hygieniapassi ja B-ajokortti.",
        "hygieniapassi",
        NICE,
        "Eduksi katsotaan",
    ),
    (
        "fi",
        "Edellytämme voimassa olevaa hygieniapassia, trukkikortti on eduksi.",
        "hygieniapassia",
        REQ,
        "Edellytämme",
    ),
    (
        "fi",
        "Edellytämme voimassa olevaa hygieniapassia, trukkikortti on eduksi.",
        "trukkikortti",
        NICE,
        "on eduksi",
    ),
    (
        "fi",
        "Tehtävässä vaaditaan työturvallisuuskortti.",
        "työturvallisuuskortti",
        REQ,
        "vaaditaan",
    ),
    ("fi", "Vaatimuksena on B-ajokortti.", "ajokortti", REQ, "Vaatimuksena"),
    ("fi", "Tehtävä edellyttää hyvää asiakaspalvelutaitoa.", "asiakaspalvelu", REQ, "edellyttää"),
    ("fi", "Kokemus varastotyöstä on plussaa.", "varastotyöstä", NICE, "on plussaa"),
    ("fi", "Toivomme sinulta kokemusta keräilystä.", "keräilystä", NICE, "Toivomme"),
    ("fi", "Ruotsin kielen taito luetaan meriitiksi.", "Ruotsin", NICE, "meriitiksi"),
    ("fi", "Arvostamme kokemusta siivousalalta.", "siivousalalta", NICE, "Arvostamme"),
    ("fi", "Aiempaa kokemusta ei vaadita, perehdytämme sinut.", "kokemusta", NICE, "ei vaadita"),
    ("fi", "Työhön kuuluu keräilyä ja pakkaamista.", "keräilyä", NONE, ""),
    ("fi", "Työ on fyysisesti vaativaa: keräilyä ja nostoja.", "keräilyä", NONE, ""),
    (
        "fi",
        "Odotamme sinulta:\n- hygieniapassia\n- kokemusta kassatyöstä\n\n"
        "Toivomme:\n- trukkikorttia",
        "trukkikorttia",
        NICE,
        "Toivomme",
    ),
    (
        "fi",
        "Edellytämme:\n- hygieniapassia\n- kokemusta kassatyöstä\n\nToivomme:\n- trukkikorttia",
        "kassatyöstä",
        REQ,
        "Edellytämme",
    ),
    ("sv", "Truckkort är meriterande.", "Truckkort", NICE, "är meriterande"),
    ("sv", "B-körkort är ett krav.", "körkort", REQ, "är ett krav"),
    ("sv", "Tjänsten kräver hygienpass.", "hygienpass", REQ, "kräver"),
    ("sv", "Erfarenhet av städning ses som en fördel.", "städning", NICE, "fördel"),
    ("sv", "Körkort krävs inte.", "Körkort", NICE, "krävs inte"),
    ("sv", "Du packar och plockar varor.", "plockar", NONE, ""),
    ("en", "A forklift licence is a plus.", "forklift", NICE, "is a plus"),
    ("en", "Experience in customer service is nice to have.", "customer", NICE, "nice to have"),
    ("en", "Knowledge of SQL would be an advantage.", "SQL", NICE, "an advantage"),
    ("en", "Python experience preferred.", "Python", NICE, "preferred"),
    ("en", "A valid driving licence is required.", "driving", REQ, "required"),
    ("en", "You must have a hygiene passport.", "hygiene", REQ, "must"),
    (
        "en",
        "No previous experience required.",
        "experience",
        NICE,
        "No previous experience required",
    ),
    ("en", "You will pick and pack orders in the warehouse.", "pack", NONE, ""),
]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(("lang", "text", "words", "expected", "phrase"), CASES)
def test_job_ad_sentences_without_an_analyser(
    lang: str, text: str, words: str, expected: Requirement, phrase: str
) -> None:
    cue = classify_span(text, *_span(text, words), lang)
    assert cue.requirement == expected
    if expected == NONE:
        assert cue.phrase == ""
    else:
        assert phrase in cue.phrase or cue.phrase in phrase
        assert text[cue.start : cue.end] == cue.phrase


@needs_voikko
@pytest.mark.parametrize(("lang", "text", "words", "expected", "phrase"), CASES)
def test_the_same_with_voikko_lemmas(
    lang: str, text: str, words: str, expected: Requirement, phrase: str
) -> None:
    lemmatize = get_analyzer("voikko(fi)").normalize_word if lang == "fi" else None
    cue = classify_span(text, *_span(text, words), lang, lemmatize=lemmatize)
    assert cue.requirement == expected


@needs_voikko
def test_a_lemma_decides_where_no_stem_is_listed() -> None:
    """ "edellyttää" is listed as a lemma: with Voikko, the inflected "edellytetään" matches
    it directly (the stem "edellyt*" too, without Voikko)."""
    lemmatize = get_analyzer("voikko(fi)").normalize_word
    text = "Hakijalta edellytetään hygieniapassia."
    assert classify(text, "fi", lemmatize=lemmatize).requirement == REQ
    assert classify(text, "fi").requirement == REQ
    # "vaativa" (demanding) is lemmatised to "vaatia" by Voikko, which is therefore not a cue
    text = "Työ on vaativaa keräilyä."
    assert classify(text, "fi", lemmatize=lemmatize).requirement == NONE


def test_both_inflected_forms_of_eduksi() -> None:
    for text in ("Eduksi katsotaan trukkikortti", "Trukkikortti on eduksi"):
        cue = classify(text, "fi")
        assert cue.requirement == NICE
        assert "eduksi" in cue.phrase.casefold()


def test_conflicting_cues_without_a_position_leave_it_to_the_writer() -> None:
    assert classify("Edellytämme hygieniapassia ja trukkikortti on eduksi", "fi") == classify(
        "", "fi"
    )
    assert classify("", "fi").requirement == NONE


def test_an_unknown_language_has_no_cues() -> None:
    assert classify_span("Trukkikortti on eduksi.", 0, 5, "de").requirement == NONE
    assert find_cues("is a plus", "xx") == []


def test_the_data_file_lists_every_language_and_kind() -> None:
    raw = json.loads(
        resources.files("kohtaanto.recognition").joinpath("requirement_cues.json").read_text()
    )
    assert set(raw["languages"]) == {"fi", "sv", "en"}
    for entry in raw["languages"].values():
        assert entry["nice_to_have"] and entry["required"] and entry["negation"]
    cues = load_cues()
    assert set(cues) == {"fi", "sv", "en"}


def _phrases(lang: str, key: str) -> list[str]:
    raw = json.loads(
        resources.files("kohtaanto.recognition").joinpath("requirement_cues.json").read_text()
    )
    return [p.replace("*", "") for p in raw["languages"][lang][key] if not p.endswith("*")]


# --- properties ---------------------------------------------------------------------------

LANGS = st.sampled_from(["fi", "sv", "en", "de", ""])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), lang=LANGS, a=st.integers(-5, 400), b=st.integers(-5, 400))
def test_never_crashes(text: str, lang: str, a: int, b: int) -> None:
    cue = classify_span(text, a, b, lang)
    assert cue.requirement in set(Requirement)
    if cue.requirement != NONE:
        assert cue.phrase == text[cue.start : cue.end]
    assert classify(text, lang).requirement in set(Requirement)


NEUTRAL_FI = st.lists(
    st.sampled_from(["trukkikortti", "hygieniapassi", "keräily", "kokemus", "asiakaspalvelu"]),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    lang=st.sampled_from(["fi", "sv", "en"]),
    kind=st.sampled_from(["nice_to_have", "required"]),
    pick=st.integers(0, 1000),
    before=NEUTRAL_FI,
    after=NEUTRAL_FI,
)
def test_the_cue_words_decide(lang: str, kind: str, pick: int, before: str, after: str) -> None:
    phrases = _phrases(lang, kind)
    phrase = phrases[pick % len(phrases)]
    text = f"{before} {phrase} {after}"
    cue = classify_span(text, 0, len(before), lang)
    assert cue.requirement == Requirement(kind)
    assert phrase.casefold() in cue.phrase.casefold() or cue.phrase.casefold() in phrase


@settings(max_examples=100, deadline=None)
@given(words=NEUTRAL_FI)
def test_no_cue_no_decision(words: str) -> None:
    assert classify_span(words, 0, len(words), "fi").requirement == NONE
