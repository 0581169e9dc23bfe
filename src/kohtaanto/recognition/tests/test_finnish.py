"""Finnish matching: inflected product names, unknown words, compounds, English names."""

from __future__ import annotations

import pytest

from kohtaanto.recognition import Engine, build_engine, get_analyzer
from kohtaanto.recognition.analyzer.finnish import strip_endings
from kohtaanto.recognition.analyzer.voikko import available
from kohtaanto.recognition.recognizer.lexical import is_name, label_texts
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

E = "http://example.org/fi/"
needs_voikko = pytest.mark.skipif(not available("fi"), reason="needs Voikko (voikko-fi)")


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["Finnish matching test taxonomy"])
    rows = [
        ("javascript", ("JavaScript", []), ("JavaScript", [])),
        ("python", ("Python (computer programming)", []), ("Python (tietokoneohjelmointi)", [])),
        ("sqlserver", ("SQL Server", ["Microsoft SQL Server"]), ("tietokantapalvelin", [])),
        ("project", ("project management", []), ("projektinhallinta", [])),
        ("forklift", ("operate forklift", []), ("ajaa trukkia", [])),
        ("cooking", ("cook meals", []), ("valmistaa aterioita", [])),
    ]
    for slug, en, fi in rows:
        taxonomy.add(
            Concept(
                E + slug,
                ConceptKind.SKILL,
                labels={"en": LabelSet(en[0], list(en[1])), "fi": LabelSet(fi[0], list(fi[1]))},
            )
        )
    return taxonomy


@pytest.fixture(scope="module")
def engine() -> Engine:
    return build_engine(_taxonomy(), languages=("fi", "en"))


def _slugs(engine: Engine, text: str) -> list[str]:
    return [s.uri.removeprefix(E) for s in engine.recognize(text, lang="fi")]


def test_strip_endings_gives_base_forms_of_names() -> None:
    assert strip_endings("javalla")[0] == "java"
    assert "javascript" in strip_endings("javascriptillä")
    assert "powershell" in strip_endings("powershellistä")
    assert "excel" in strip_endings("excelissä")
    assert "react" in strip_endings("reactin")
    assert strip_endings("sql") == ()
    assert all(len(c) >= 2 for c in strip_endings("ja"))


def test_label_texts_drop_qualifiers_and_bridge_english_names() -> None:
    taxonomy = _taxonomy()
    python = {t: ty for ty, t in label_texts(taxonomy.concepts[E + "python"], "fi", True)}
    assert python == {"Python (tietokoneohjelmointi)": 0, "Python": 1}
    sql = [t for _, t in label_texts(taxonomy.concepts[E + "sqlserver"], "fi", True)]
    assert sql == ["tietokantapalvelin", "SQL Server", "Microsoft SQL Server"]
    cooking = [t for _, t in label_texts(taxonomy.concepts[E + "cooking"], "fi", True)]
    assert cooking == ["valmistaa aterioita"]  # lower-case English labels are not names
    assert [t for _, t in label_texts(taxonomy.concepts[E + "sqlserver"], "fi", False)] == [
        "tietokantapalvelin"
    ]
    assert is_name("ASP.NET") and is_name("C#") and not is_name("use Microsoft Office")


def test_snowball_has_no_variants() -> None:
    assert get_analyzer("snowball(fi)").variants("javalla") == ()


@needs_voikko
def test_voikko_variants_only_for_unknown_words() -> None:
    voikko = get_analyzer("voikko(fi)")
    assert "java" in voikko.variants("Javalla")
    assert voikko.variants("trukkia") == ()
    assert voikko.normalize_word("tietokannoista") == "tietokanta"


@needs_voikko
@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Olen ohjelmoinut JavaScriptillä viisi vuotta.", "javascript"),
        ("Teen analyyseja Pythonilla.", "python"),
        ("Ylläpidin SQL Serveriä kolme vuotta.", "sqlserver"),
        ("Minulla on hyvät projektinhallintataidot.", "project"),
        ("Olen ajanut trukkia varastossa.", "forklift"),
        ("Mä oon ajanu trukkia varastossa.", "forklift"),
    ],
    ids=["unknown-word", "qualifier", "english-name", "compound-run", "lemma", "spoken"],
)
def test_inflected_finnish_is_recognised(engine: Engine, text: str, slug: str) -> None:
    assert _slugs(engine, text)[:1] == [slug]


@needs_voikko
@pytest.mark.parametrize(
    ("word", "lemma", "form"),
    [
        ("tehny", "tehdä", "participle"),  # a past participle without its final t
        ("ollu", "olla", "participle"),
        ("tekis", "tehdä", "conditional"),  # a conditional without its final i
        ("oon", "olla", "indicative"),  # listed in fi_spoken.json
        ("Haluisin", "haluta", "conditional"),  # listed: no form of "haluinen"
        ("toi", "tuoda", "indicative"),  # a standard word stays one
        ("kattoja", "katto", ""),
        ("Netvisor", "netvisor", ""),  # unknown and no spoken form
    ],
)
def test_spoken_finnish_is_read_as_the_standard_form(word: str, lemma: str, form: str) -> None:
    """Stories are often written as spoken ("mä oon tehny"), which Voikko does not know."""
    reading = get_analyzer("voikko(fi)").readings(word)[0]
    assert (reading.lemma, reading.form) == (lemma, form)


@needs_voikko
def test_evidence_points_at_the_inflected_word(engine: Engine) -> None:
    text = "Teen analyyseja Pythonilla."
    (suggestion,) = [s for s in engine.recognize(text, lang="fi") if s.uri == E + "python"]
    assert next((e.start, e.end, e.text) for e in suggestion.evidence) == (16, 26, "Pythonilla")


@needs_voikko
def test_english_names_are_not_matched_in_negated_clauses(engine: Engine) -> None:
    assert "javascript" not in _slugs(engine, "En ole koskaan käyttänyt JavaScriptiä.")


@needs_voikko
def test_coordinated_compounds_get_their_shared_part() -> None:
    from kohtaanto.recognition.clauses import analyse

    voikko = get_analyzer("voikko(fi)")
    text = (
        "sovellus-, tieto- ja infrastruktuuriarkkitehtuurin osaaminen sekä "
        "järjestelmäarkkitehtuuri ja -suunnittelu"
    )
    doc = analyse(text, "fi", voikko, compounds=True)
    parts = {t.surface: p for t, p in zip(doc.tokens, doc.parts, strict=True)}
    assert parts["sovellus"] == ("sovellus", "arkkitehtuuri")
    assert parts["tieto"] == ("tieto", "arkkitehtuuri")
    assert parts["suunnittelu"] == ("järjestelmä", "suunnittelu")
    assert parts["infrastruktuuriarkkitehtuurin"] == ("infra", "struktuuri", "arkkitehtuuri")
    # The word as written still matches on its own ("sovellus").
    first = doc.tokens.index(next(t for t in doc.tokens if t.surface == "sovellus"))
    assert doc.variants[first][0] == "sovellus"
