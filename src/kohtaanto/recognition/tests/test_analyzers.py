from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaanto.recognition.analyzer import get_analyzer
from kohtaanto.recognition.analyzer.voikko import available, parse_compound

needs_voikko = pytest.mark.skipif(not available("fi"), reason="libvoikko or fi dictionary absent")


@given(st.text(max_size=200))
def test_token_spans_always_index_the_input(text: str) -> None:
    for token in get_analyzer("simple").tokenize_words(text):
        assert text[token.start : token.end] == token.surface
        assert token.surface


def test_tokens_keep_programming_language_names() -> None:
    surfaces = [t.surface for t in get_analyzer("simple").tokenize_words("C++, C# ja Java-koodi")]
    assert surfaces == ["C++", "C#", "ja", "Java", "koodi"]


@pytest.mark.parametrize(
    ("spec", "word", "expected"),
    [
        ("snowball(en)", "driving", "drive"),
        ("snowball(sv)", "svetsning", "svetsning"),
        ("snowball(da)", "ledere", "led"),
        ("snowball(no)", "ledere", "leder"),
        ("simple", "Java", "java"),
    ],
)
def test_snowball_and_simple(spec: str, word: str, expected: str) -> None:
    assert get_analyzer(spec).normalize_word(word) == expected


@pytest.mark.parametrize(
    "forms",
    [
        ("analys", "analysen", "analyser", "analyserna"),
        ("kompetens", "kompetensen", "kompetenser"),
        ("kurs", "kursen", "kurser", "kurserna"),
        ("webbplats", "webbplatsen", "webbplatser"),
        ("process", "processen", "processer"),
        ("truck", "truckar", "truckarna"),
    ],
)
def test_swedish_nouns_ending_in_s_meet_their_base_form(forms: tuple[str, ...]) -> None:
    """Snowball alone reads the "s" of "analys" as a genitive ("analy") but keeps it in
    "analyser" ("analys"): every form of such a noun must have one key."""
    sv = get_analyzer("snowball(sv)")
    assert len({sv.normalize_word(form) for form in forms}) == 1


def test_swedish_plural_of_a_compound_ending_in_s_is_the_compound() -> None:
    sv = get_analyzer("snowball(sv)")
    assert sv.normalize_word("affärsanalyser") == sv.normalize_word("affärsanalys")
    # A genitive of a word not ending in "s" keeps meeting its base form.
    assert sv.normalize_word("bilens") == sv.normalize_word("bil")


@pytest.mark.parametrize(
    ("definite", "base"),
    [
        ("strategin", "strategi"),
        ("miljön", "miljö"),
        ("sjuksköterskan", "sjuksköterska"),
        ("programmet", "program"),
        ("lagret", "lager"),
        ("fönstret", "fönster"),
    ],
)
def test_swedish_definite_forms_the_stemmer_keeps_have_their_base_as_a_variant(
    definite: str, base: str
) -> None:
    sv = get_analyzer("snowball(sv)")
    assert sv.normalize_word(definite) != sv.normalize_word(base)  # why the variant exists
    assert sv.normalize_word(base) in sv.variants(definite)


def test_swedish_base_forms_get_no_definite_variants() -> None:
    sv = get_analyzer("snowball(sv)")
    for word in ("truck", "maskin", "medicin", "kassör", "kunden"):
        assert all(v != sv.normalize_word(word) for v in sv.variants(word)), word
    assert sv.variants("truck") == ()


def test_registry_rejects_unknown_specs() -> None:
    with pytest.raises(ValueError, match="unknown analyzer"):
        get_analyzer("nosuch(fi)")
    with pytest.raises(ValueError):
        get_analyzer("snowball(xx)")


def test_analyzers_are_shared_and_picklable() -> None:
    analyzer = get_analyzer("snowball(en)")
    assert get_analyzer("snowball(en)") is analyzer
    copy = pickle.loads(pickle.dumps(analyzer))  # noqa: S301 - our own object
    assert copy.normalize_word("welding") == "weld"


def test_parse_compound_without_boundaries() -> None:
    assert parse_compound("talo", {"BASEFORM": "talo", "FSTOUTPUT": "[Ln][Xp]talo[X]talo"}) == (
        "talo",
    )


@needs_voikko
def test_voikko_lemmas_and_compound_parts() -> None:
    voikko = get_analyzer("voikko(fi)")
    assert voikko.spec == "voikko(fi)"
    assert voikko.normalize_word("trukinkuljettajana") == "trukinkuljettaja"
    assert voikko.compound_parts("trukinkuljettajana") == ["trukki", "kuljettaja"]
    assert voikko.compound_parts("trukkikuljettaja") == ["trukki", "kuljettaja"]
    assert voikko.normalize_word("ajanut") == "ajaa"
    assert voikko.compound_parts("xyzzy") == ["xyzzy"]


def test_voikko_falls_back_to_snowball(monkeypatch: pytest.MonkeyPatch) -> None:
    from kohtaanto.recognition import analyzer as registry
    from kohtaanto.recognition.analyzer import voikko

    monkeypatch.setattr(voikko, "available", lambda language="fi": False)
    registry.get_analyzer.cache_clear()
    try:
        assert registry.get_analyzer("voikko(fi)").spec == "snowball(fi)"
    finally:
        registry.get_analyzer.cache_clear()
