from __future__ import annotations

from kohtaanto.recognition.analyzer import analyzer_for_language
from kohtaanto.recognition.clauses import analyse
from kohtaanto.recognition.recognizer import get_recognizer_class, recognizer_names
from kohtaanto.recognition.recognizer.base import Hit
from kohtaanto.recognition.recognizer.inference import InferenceRecognizer
from kohtaanto.recognition.tests.fixtures import DRIVER, FORKLIFT, JAVA, LOAD, SERVICE, WELD
from kohtaanto.recognition.titles import clean_title
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy


def _hits(name: str, taxonomy: Taxonomy, text: str, lang: str) -> list[Hit]:
    recognizer = get_recognizer_class(name)(taxonomy, ["fi", "sv", "en"])
    analyzer = analyzer_for_language(lang)
    return recognizer.suggest(analyse(text, lang, analyzer, compounds=analyzer.name == "voikko"))


def test_registry_names() -> None:
    assert recognizer_names() == ["crosslingual", "dummy", "inference", "lexical", "tfidf"]


def test_lexical_matches_lemmas_in_any_order(taxonomy: Taxonomy) -> None:
    hits = _hits("lexical", taxonomy, "Forklift driver: I drive a forklift, customer service", "en")
    uris = [h.uri for h in hits]
    assert {FORKLIFT, SERVICE, DRIVER} <= set(uris)
    service = next(h for h in hits if h.uri == SERVICE)
    assert [e.text for e in service.evidence] == ["customer", "service"]


def test_lexical_matches_finnish_compound_parts(taxonomy: Taxonomy) -> None:
    hits = _hits("lexical", taxonomy, "Työskentelin trukkikuljettajana", "fi")
    assert hits[0].uri == DRIVER
    assert hits[0].evidence[0].text == "trukkikuljettajana"


def test_lexical_respects_kinds(taxonomy: Taxonomy) -> None:
    recognizer = get_recognizer_class("lexical")(taxonomy, ["en"])
    doc = analyse("forklift driver", "en", analyzer_for_language("en"))
    assert all(h.uri != DRIVER for h in recognizer.suggest(doc, kinds=[ConceptKind.SKILL]))


def test_tfidf_scores_clauses(taxonomy: Taxonomy) -> None:
    hits = _hits("tfidf", taxonomy, "welding and svetsning; customer servic", "en")
    assert {WELD, SERVICE} <= {h.uri for h in hits}
    assert all(0.0 < h.score <= 1.0 for h in hits)


def test_inference_adds_essential_skills_only(taxonomy: Taxonomy) -> None:
    inference = get_recognizer_class("inference")(taxonomy, ["en"])
    assert isinstance(inference, InferenceRecognizer)
    inferred = inference.infer([Hit(DRIVER, 0.8), Hit(FORKLIFT, 0.5)])
    assert [(h.uri, h.source) for h in inferred] == [(LOAD, DRIVER)]


def test_dummy_is_deterministic(taxonomy: Taxonomy) -> None:
    hits = _hits("dummy", taxonomy, "anything", "en")
    assert [h.uri for h in hits] == sorted([FORKLIFT, JAVA, LOAD])
    assert _hits("dummy", taxonomy, "", "en") == []


def test_clean_title_strips_vacancy_noise() -> None:
    # the MELO item linker's half of this test is in benchmarks/tests/test_item_linker.py
    assert clean_title("Senior Java Developer (m/f/d), full-time") == "Senior Java Developer ,"


def test_rank_then_complete_is_suggest(taxonomy: Taxonomy) -> None:
    """The engine's deferred evidence: `rank` + `complete` give exactly `suggest`."""
    cases = [
        ("Olen työskennellyt trukinkuljettajana ja asiakaspalvelussa, en ole hitsannut.", "fi"),
        ("Forklift driver: I drive a forklift, customer service; Java", "en"),
        ("Jag har arbetat som truckförare och med kundservice.", "sv"),
    ]
    for name in ("lexical", "tfidf", "crosslingual"):
        recognizer = get_recognizer_class(name)(taxonomy, ["fi", "sv", "en"])
        for text, lang in cases:
            analyzer = analyzer_for_language(lang)
            doc = analyse(text, lang, analyzer, compounds=analyzer.name == "voikko")
            full = recognizer.suggest(doc, limit=7)
            ranked = recognizer.rank(doc, limit=7)
            assert [recognizer.complete(doc, h) for h in ranked] == full
            assert all(h.detail is None for h in full)
            assert [(h.evidence, h.clause) for h in full] == [
                (recognizer.complete(doc, h).evidence, h.clause) for h in ranked
            ]
            if recognizer.always_evident:
                assert all(h.evidence for h in full)
