"""Finnish job titles: the title's own structure (seniority, employment terms, places,
separators), the compound head rule, and linking through the engine on a tiny in-test
taxonomy (no `../shared` data)."""

from __future__ import annotations

import pytest

from kohtaanto.recognition import build_engine
from kohtaanto.recognition.analyzer.voikko import available
from kohtaanto.recognition.title_structure import TitleStructure
from kohtaanto.recognition.titles import TitleLinker, TitleParams, analyzer_for_title
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

needs_voikko = pytest.mark.skipif(not available("fi"), reason="needs Voikko (voikko-fi)")

# (id, label): preferred labels first, then alternative ones, like ESCO's Finnish labels.
LABELS = [
    ("practical-nurse", "lähihoitaja"),
    ("nurse", "sairaanhoitaja"),
    ("home-care", "kodinhoitaja"),
    ("home-care", "lähihoitaja"),
    ("day-care", "lastenhoitaja, päiväkoti"),
    ("day-care", "lähihoitaja, päiväkoti"),
    ("fund-expert", "rahastoasiantuntija"),
    ("forklift", "trukinkuljettaja"),
    ("taxi", "taksinkuljettaja"),
    ("taxi", "taksikuski"),
    ("waste-driver", "jäteautonkuljettaja"),
    ("waste-driver", "jätekuski"),
    ("bookkeeper", "kirjanpitäjä"),
    ("cleaner", "laitossiivooja"),
    ("home-cleaner", "kotisiivooja"),
    ("home-cleaner", "siivooja"),
    ("sales", "myyjä"),
    ("cashier", "kassanhoitaja"),
    ("warehouse", "varastotyöntekijä"),
    ("restaurant-manager", "ravintolapäällikkö"),
    ("social-worker", "sosiaalityöntekijä"),
    ("social-supervisor", "johtava sosiaalityöntekijä"),
    ("police", "poliisi"),
    ("police", "vanhempi konstaapeli"),
    ("developer", "ohjelmistokehittäjä"),
    ("developer", "Java-kehittäjä"),
    ("sales-rep", "myyntiedustaja"),
    ("electricity-sales", "myyntiedustaja, sähkö"),
    # occupations that share only a word the title sets aside
    ("shift-manager", "vuoropäällikkö"),
    ("summer-camp", "kesäleirin ohjaaja"),
    ("trainee-mentor", "harjoittelijoiden ohjaaja"),
]


def _structure(lang: str = "fi") -> TitleStructure:
    structure = TitleStructure.for_language(lang)
    assert structure is not None
    structure.fit_labels([i for i, _ in LABELS], [t for _, t in LABELS])
    return structure


def _linker(**params: float) -> TitleLinker:
    return TitleLinker(
        [i for i, _ in LABELS],
        [t for _, t in LABELS],
        analyzer_for_title("fi"),
        item_weights=[
            1.0 if i == 0 or LABELS[i - 1][0] != uri else 0.97 for i, (uri, _) in enumerate(LABELS)
        ],
        params=TitleParams.from_mapping(params),
    )


def _ids(linker: TitleLinker, title: str, k: int = 5) -> list[str]:
    return [uri for uri, _ in linker.rank(title, k=k)]


# --- the title's structure ----------------------------------------------------------------------
@needs_voikko
@pytest.mark.parametrize(
    ("title", "core", "context", "set_aside"),
    [
        # employment terms, written and inflected
        ("Kirjanpitäjä (osa-aikainen)", "Kirjanpitäjä", (), [("term", "osa-aikainen")]),
        ("Siivooja iltavuoroon", "Siivooja", (), [("term", "iltavuoroon")]),
        (
            "Trukinkuljettaja kolmivuorotyöhön",
            "Trukinkuljettaja",
            (),
            [("term", "kolmivuorotyöhön")],
        ),
        ("Tarjoilija, keikkatyö", "Tarjoilija", (), [("term", "keikkatyö")]),
        # places, also inflected and hyphenated, and employers
        ("Trukkikuski, Vantaa", "Trukkikuski", (), [("place", "Vantaa")]),
        ("Siivooja Helsinkiin", "Siivooja", (), [("place", "Helsinkiin")]),
        (
            "Turvatarkastaja, Helsinki-Vantaa",
            "Turvatarkastaja",
            (),
            [("place", "Helsinki-Vantaa")],
        ),
        (
            "Myyjä, osa-aikainen, Prisma Kaleva",
            "Myyjä",
            (),
            [("term", "osa-aikainen"), ("employer", "Prisma"), ("place", "Kaleva")],
        ),
        # seniority words and the prefix "apulais-"
        ("Senior Java-kehittäjä", "Java-kehittäjä", (), [("seniority", "Senior")]),
        ("Harjoittelija, kirjanpito", "kirjanpito", (), [("seniority", "Harjoittelija")]),
        ("Apulaisravintolapäällikkö", "ravintolapäällikkö", (), [("seniority", "apulais")]),
        # separators: the part that names an occupation decides, the rest is context
        ("Myyjä / kassa", "Myyjä", ("kassa",), []),
        (
            "Lähihoitaja, vanhustyö (vakituinen)",
            "Lähihoitaja",
            ("vanhustyö",),
            [("term", "vakituinen")],
        ),
        (
            "Kesätyö: myyjä, Stockmann",
            "myyjä",
            (),
            [("term", "Kesätyö"), ("employer", "Stockmann")],
        ),
        # a complement in a locative case is context, a summer job is a job
        ("Kesätyöntekijä varastoon", "työntekijä", ("varastoon",), [("term", "kesä")]),
    ],
)
def test_finnish_title_structure(
    title: str, core: str, context: tuple[str, ...], set_aside: list[tuple[str, str]]
) -> None:
    parsed = _structure().parse(title)
    assert parsed.core == core
    assert parsed.context == context
    assert list(parsed.set_aside) == set_aside


@needs_voikko
def test_the_core_keeps_its_seniority_words_for_exact_labels() -> None:
    parsed = _structure().parse("Vanhempi konstaapeli, Helsingin poliisilaitos")
    assert parsed.core == "konstaapeli"
    assert parsed.senior_core == "Vanhempi konstaapeli"
    assert parsed.words("place") == ("Helsingin",)
    assert parsed.query == "konstaapeli, poliisilaitos"


@needs_voikko
def test_the_segment_that_names_a_job_is_the_core() -> None:
    structure = _structure()
    # "kassa" is no occupation's head, "myyjä" is: the order of the parts does not matter
    assert structure.parse("kassa / myyjä").core == "myyjä"
    assert structure.parse("kassa / myyjä").context == ("kassa",)
    # a title of terms only keeps nothing to rank; the linker then ranks the title as written
    assert structure.parse("Kesätyö, osa-aikainen").query == ""


def test_swedish_and_english_title_structure() -> None:
    swedish = _structure("sv")
    parsed = swedish.parse("Bussförare, deltid, Helsingfors")
    assert (parsed.core, parsed.words("term"), parsed.words("place")) == (
        "Bussförare",
        ("deltid",),
        ("Helsingfors",),
    )
    english = _structure("en")
    parsed = english.parse("Senior Software Developer - London (part-time)")
    assert parsed.core == "Software Developer"
    assert parsed.words("seniority") == ("Senior",)
    assert parsed.words("place") == ("London",)
    assert parsed.words("term") == ("part-time",)
    assert TitleStructure.for_language("de") is None


# --- the compound head rule ------------------------------------------------------------------
@needs_voikko
def test_compound_head_rule_fits_and_conflicts() -> None:
    structure = _structure()

    def fit(title: str, label: str) -> str:
        shape = structure.title_shape(structure.parse(title))
        return structure.fit(shape, structure.shape(label)).modifiers

    assert fit("rahastonhoitaja", "lähihoitaja") == "conflict"  # same head, other modifier
    assert fit("lähihoitaja, vanhustyö", "lähihoitaja") == "fits"
    assert fit("Kesätyöntekijä varastoon", "varastotyöntekijä") == "fits"  # via the context
    assert fit("Kassatyöntekijä", "varastotyöntekijä") == "conflict"
    assert fit("rahastonhoitaja", "rahastoasiantuntija") == "other"  # another head
    # heads of the same meaning, learnt from one concept's labels (taksikuski, taksinkuljettaja)
    assert ("kuski", "kuljettaja") in structure.same_heads
    assert fit("trukkikuski", "trukinkuljettaja") == "fits"
    assert fit("trukkikuski", "taksikuski") == "conflict"


@needs_voikko
def test_rahastonhoitaja_does_not_link_to_lahihoitaja() -> None:
    linker = _linker()
    ranked = _ids(linker, "Rahastonhoitaja")
    assert ranked[0] == "fund-expert"
    assert "practical-nurse" not in ranked  # a conflicting head is no evidence
    # without the title's structure the shared head "hoitaja" is evidence enough
    assert "practical-nurse" in _ids(_linker(structure=0), "Rahastonhoitaja")


@needs_voikko
def test_trukkikuski_is_a_forklift_driver() -> None:
    linker = _linker()
    assert _ids(linker, "Trukkikuski, Vantaa")[0] == "forklift"
    assert _ids(linker, "Taksikuski")[0] == "taxi"  # an exact alternative label
    assert "taxi" not in _ids(linker, "Trukkikuski")[:1]


# --- linking --------------------------------------------------------------------------------
@needs_voikko
@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lähihoitaja, keikkatyö, Turku", "practical-nurse"),  # the preferred label first
        ("Lähihoitaja, päiväkoti", "day-care"),  # an exact alternative label
        ("Lähihoitaja, vanhustyö (vakituinen)", "practical-nurse"),
        ("Kirjanpitäjä (osa-aikainen)", "bookkeeper"),
        ("Harjoittelija, kirjanpito", "bookkeeper"),
        ("Myyjä / kassa", "sales"),
        ("Kassatyöntekijä", "cashier"),
        ("Kesätyöntekijä varastoon", "warehouse"),
        ("Apulaisravintolapäällikkö", "restaurant-manager"),
        ("Johtava sosiaalityöntekijä", "social-supervisor"),  # the seniority word is the job
        ("Sosiaalityöntekijä, Espoo", "social-worker"),
        ("Vanhempi konstaapeli, Helsingin poliisilaitos", "police"),
        ("Senior Java-kehittäjä", "developer"),
        ("Myyntiedustaja, B2B", "sales-rep"),  # not the one of another field
    ],
)
def test_finnish_titles_link(title: str, expected: str) -> None:
    assert _ids(_linker(), title)[0] == expected


@needs_voikko
@pytest.mark.parametrize(
    ("title", "expected", "set_aside"),
    [
        ("Kesätyö: myyjä, Stockmann", "sales", "summer-camp"),
        ("Harjoittelija, kirjanpito", "bookkeeper", "trainee-mentor"),
        ("Sairaanhoitaja iltavuoroon", "nurse", "shift-manager"),
    ],
)
def test_words_set_aside_are_no_evidence(title: str, expected: str, set_aside: str) -> None:
    ranked = _ids(_linker(), title)
    assert ranked[0] == expected
    assert set_aside not in ranked
    assert set_aside in _ids(_linker(structure=0), title)  # they were, as plain words


@needs_voikko
def test_rank_and_rank_many_agree() -> None:
    linker = _linker()
    titles = ["Trukkikuski, Vantaa", "Myyjä / kassa", "Rahastonhoitaja", "Kesätyö", ""]
    assert linker.rank_many(titles, k=3) == [linker.rank(title, k=3) for title in titles]


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy(sources=["tiny Finnish occupations"])
    by_id: dict[str, list[str]] = {}
    for uri, label in LABELS:
        by_id.setdefault(uri, []).append(label)
    for uri, labels in by_id.items():
        taxonomy.add(
            Concept(
                uri,
                ConceptKind.OCCUPATION,
                labels={"fi": LabelSet(labels[0], labels[1:]), "en": LabelSet(uri, [])},
            )
        )
    return taxonomy


@needs_voikko
def test_engine_links_finnish_titles() -> None:
    engine = build_engine(_taxonomy(), languages=("fi",))
    titles = ["Trukkikuski, Vantaa", "Lähihoitaja, vanhustyö (vakituinen)", "Rahastonhoitaja"]
    ranked = engine.link_titles(titles, "fi", limit=3)
    assert [row[0].uri for row in ranked] == ["forklift", "practical-nurse", "fund-expert"]
    assert ranked[1][0].label == "lähihoitaja"
    assert all(0.0 < s.score <= 1.0 for row in ranked for s in row)
    assert [s.uri for s in engine.link_title(titles[0], "fi", limit=3)] == [
        s.uri for s in ranked[0]
    ]
