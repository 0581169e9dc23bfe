"""Synonyms as data: the CSV format, problems with line numbers, applying it, the project file."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.taxonomy.build import build_taxonomy, build_with_report
from kohtaanto.taxonomy.csvfile import write_rows
from kohtaanto.taxonomy.errors import TaxonomyFormatError
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy
from kohtaanto.taxonomy.synonyms import (
    PROJECT_ESCO_SYNONYMS,
    PROJECT_SYNONYMS,
    SynonymKind,
    SynonymSet,
    apply_synonyms,
    fingerprint_of,
    load_synonyms,
    parse_synonyms,
    project_synonyms,
    with_synonyms,
)

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
CLEANER = "http://data.europa.eu/esco/occupation/303a1e34"


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    taxonomy.add(
        Concept(FORKLIFT, ConceptKind.SKILL, {"fi": LabelSet("trukin ajaminen", ["trukkityö"])})
    )
    taxonomy.add(Concept(CLEANER, ConceptKind.OCCUPATION, {"fi": LabelSet("siivooja")}))
    return taxonomy


def test_parse_reads_rows_version_and_optional_columns() -> None:
    text = (
        "# version: 2026-12\n"
        "# a comment\n"
        "label,concept_uri,lang,kind,note\n"
        f"trukkikuski,{FORKLIFT},fi,,arkikieli\n"
        f'"truckförare, på lager",{FORKLIFT},SV,hidden,\n'
    )
    parsed = parse_synonyms(text, "org.csv")
    assert parsed.version == "2026-12"
    assert parsed.problems == []
    assert [(r.line, r.label, r.lang, r.kind, r.note) for r in parsed.rows] == [
        (4, "trukkikuski", "fi", SynonymKind.ALTERNATIVE, "arkikieli"),
        (5, "truckförare, på lager", "sv", SynonymKind.HIDDEN, ""),
    ]


def test_columns_in_any_order_and_version_column() -> None:
    text = f"lang,version,label,uri\nfi,3,siivooja kouluissa,{CLEANER}\n"
    parsed = parse_synonyms(text)
    assert parsed.version == "3"
    assert [(r.label, r.concept_uri) for r in parsed.rows] == [("siivooja kouluissa", CLEANER)]


def test_malformed_rows_are_reported_with_line_numbers_not_dropped() -> None:
    text = (
        "label,concept_uri,lang,kind\n"
        f",{FORKLIFT},fi,\n"  # line 2: empty label
        "trukkikuski,,fi,\n"  # line 3: no URI
        f"trukkikuski,{FORKLIFT},finnish,\n"  # line 4: bad language
        f"trukkikuski,{FORKLIFT},fi,preferred\n"  # line 5: bad kind
        f"trukkikuski,{FORKLIFT},fi,,extra\n"  # line 6: too many fields
        f"trukkikuski,{FORKLIFT},fi,\n"  # line 7: fine
        f"Trukkikuski,{FORKLIFT},fi,\n"  # line 8: the same label again
    )
    parsed = parse_synonyms(text)
    assert [r.line for r in parsed.rows] == [7]
    assert [p.line for p in parsed.problems] == [2, 3, 4, 5, 6, 8]
    messages = [p.message for p in parsed.problems]
    assert "empty label" in messages[0]
    assert "empty concept_uri" in messages[1]
    assert "'finnish'" in messages[2]
    assert "'preferred'" in messages[3]
    assert "the same label as line 7" in messages[5]
    assert str(parsed.problems[0]).startswith("line 2: ")


def test_a_file_that_is_not_a_synonym_csv_raises() -> None:
    with pytest.raises(TaxonomyFormatError, match="missing required column 'lang'"):
        parse_synonyms("label,concept_uri\nx,y\n")
    with pytest.raises(TaxonomyFormatError, match="no header"):
        parse_synonyms("# version: 1\n")
    with pytest.raises(TaxonomyFormatError, match="UTF-8"):
        parse_synonyms(b"label,concept_uri,lang\n\xff,x,fi\n")


def test_apply_adds_labels_reports_unknown_uris_and_counts_known_labels() -> None:
    taxonomy = _taxonomy()
    text = (
        "# version: 7\nlabel,concept_uri,lang,kind\n"
        f"trukkikuski,{FORKLIFT},fi,\n"
        f"truckförare,{FORKLIFT},sv,\n"
        f"trukki kuski,{FORKLIFT},fi,hidden\n"
        f"TRUKKITYÖ,{FORKLIFT},fi,\n"
        "kuski,http://example.org/unknown,fi,\n"
    )
    report = apply_synonyms(taxonomy, parse_synonyms(text, "own.csv"))
    forklift = taxonomy.concepts[FORKLIFT]
    assert forklift.labels["fi"].alternative == ["trukkityö", "trukkikuski"]
    assert forklift.labels["fi"].hidden == ["trukki kuski"]
    assert forklift.labels["sv"].alternative == ["truckförare"]
    assert forklift.labels["fi"].preferred == "trukin ajaminen"
    assert (report.added, report.already) == (3, 1)
    assert [(p.line, p.message) for p in report.problems] == [
        (7, "own.csv: unknown concept http://example.org/unknown")
    ]
    assert taxonomy.sources == ["own.csv (version 7)"]


label_text = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N", "Zs", "Pd"), whitelist_characters="äöåÄÖÅ,\"'()"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and not s.strip().startswith("#"))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(label_text, st.sampled_from(["fi", "sv", "en", "se"]), st.booleans()),
        max_size=15,
    )
)
def test_written_rows_read_back(rows: list[tuple[str, str, bool]]) -> None:
    """Whatever labels a writer puts in (commas, quotes, spaces), the parser reads them back,
    normalised (NFC, single spaces), each on its own line, and a repeated label is reported."""
    table = [["label", "concept_uri", "lang", "kind"]]
    table += [[label, FORKLIFT, lang, "hidden" if hidden else ""] for label, lang, hidden in rows]
    parsed = parse_synonyms(write_rows(table), "prop.csv")
    seen: dict[tuple[str, str], int] = {}
    expected_rows, expected_problems = [], []
    for line, (label, lang, hidden) in enumerate(rows, start=2):
        clean = " ".join(unicodedata.normalize("NFC", label).split())
        key = (lang, clean.casefold())
        if key in seen:
            expected_problems.append(line)
            continue
        seen[key] = line
        kind = SynonymKind.HIDDEN if hidden else SynonymKind.ALTERNATIVE
        expected_rows.append((line, clean, lang, kind))
    assert [(r.line, r.label, r.lang, r.kind) for r in parsed.rows] == expected_rows
    assert [p.line for p in parsed.problems] == expected_problems


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(label_text, st.sampled_from([FORKLIFT, CLEANER, "urn:x"])), max_size=12))
def test_every_row_is_added_already_there_or_reported(rows: list[tuple[str, str]]) -> None:
    """Nothing is dropped silently: added + already + problems = rows parsed; applying twice
    adds nothing more."""
    table = [["label", "concept_uri", "lang"], *([label, uri, "fi"] for label, uri in rows)]
    parsed = parse_synonyms(write_rows(table))
    taxonomy = _taxonomy()
    report = apply_synonyms(taxonomy, parsed)
    assert report.added + report.already + len(report.problems) == len(parsed.rows)
    again = apply_synonyms(taxonomy, parsed)
    assert again.added == 0
    assert again.already == report.added + report.already


# --- the project's own file ---------------------------------------------------------------


def test_project_file_is_clean_and_every_concept_is_in_the_starter_set() -> None:
    synonyms = project_synonyms()
    assert synonyms.problems == []
    assert synonyms.version
    assert len(synonyms.rows) >= 300
    _, report = build_with_report(["starter"])
    assert report.problems == []
    assert report.added == len(synonyms.rows)
    languages = {row.lang for row in synonyms.rows}
    assert languages == {"fi", "sv", "en"}
    # English rows are names only (an accounting program is "Netvisor" in every language).
    assert all(row.label[0].isupper() for row in synonyms.rows if row.lang == "en")


def test_project_file_has_the_words_people_use() -> None:
    taxonomy = build_taxonomy(["starter"])

    def concepts_of(label: str, lang: str) -> set[str]:
        return {
            c.labels[lang].preferred or ""
            for c in taxonomy
            if lang in c.labels and label.casefold() in map(str.casefold, c.labels[lang].all())
        }

    assert concepts_of("trukkikuljettaja", "fi") == {"trukinkuljettaja"}
    assert concepts_of("kuorolaulu", "fi") == {"laulaminen"}
    assert concepts_of("körsång", "sv") == {"sjunga"}
    assert concepts_of("gaffeltruck", "sv") == {"köra truck"}
    assert concepts_of("städerska", "sv") == {"städare"}
    assert concepts_of("Excel", "fi") == {"taulukkolaskenta"}
    # words that would embarrass: a Swedish "kör" (drive!) is never a choir, "seura" no company
    assert concepts_of("kör", "sv") == set()
    assert concepts_of("seura", "fi") == set()
    # "työttömyyskassa", "työvalmennus", "åkte taxi": our users' everyday words, not skills
    assert concepts_of("kassa", "fi") == set()
    assert concepts_of("valmennus", "fi") == set()
    assert concepts_of("taxi", "sv") == set()


def test_project_synonyms_can_be_left_out_and_other_files_added(tmp_path: Path) -> None:
    plain = build_taxonomy(["starter"], project_synonyms=False)
    assert all("synonyms" not in s for s in plain.sources)
    own = tmp_path / "own.csv"
    own.write_text(
        f"label,concept_uri,lang\nlavakuski,{FORKLIFT},fi\nx,urn:none,fi\nbad,{FORKLIFT},\n",
        encoding="utf-8",
    )
    taxonomy, report = build_with_report(["starter"], synonyms=[own], project_synonyms=False)
    assert "lavakuski" in taxonomy.concepts[FORKLIFT].labels["fi"].alternative
    assert [str(p) for p in report.problems] == [
        "line 4: own.csv: lang must be a language code such as fi or sv, not ''",
        "line 3: own.csv: unknown concept urn:none",
    ]
    assert load_synonyms(own).name == "own.csv"


def test_project_file_rows_are_sorted_into_known_columns() -> None:
    """The shipped file is plain CSV that a spreadsheet opens: comments, then the header."""
    from importlib import resources

    text = (
        resources.files("kohtaanto.taxonomy")
        .joinpath("data", PROJECT_SYNONYMS)
        .read_text(encoding="utf-8")
    )
    body = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(body))))
    assert rows[0] == ["label", "concept_uri", "lang", "kind", "note"]
    assert all(len(row) == 5 for row in rows)
    assert isinstance(project_synonyms(), SynonymSet)


def test_with_synonyms_leaves_the_shared_taxonomy_untouched() -> None:
    taxonomy = _taxonomy()
    parsed = parse_synonyms(f"label,concept_uri,lang\ntrukkikuski,{FORKLIFT},fi\n", "a.csv")
    result, report = with_synonyms(taxonomy, [parsed])
    assert report.added == 1
    assert result.concepts[FORKLIFT].labels["fi"].alternative == ["trukkityö", "trukkikuski"]
    assert taxonomy.concepts[FORKLIFT].labels["fi"].alternative == ["trukkityö"]
    assert result.concepts[CLEANER] is taxonomy.concepts[CLEANER]
    assert result.sources == ["a.csv"] and taxonomy.sources == []
    assert fingerprint_of([parsed]) != fingerprint_of([])
    assert fingerprint_of([parsed]) == fingerprint_of(
        [parse_synonyms(parsed_text(parsed), "a.csv")]
    )


def parsed_text(synonym_set: SynonymSet) -> str:
    rows = [["label", "concept_uri", "lang"]]
    rows += [[r.label, r.concept_uri, r.lang] for r in synonym_set.rows]
    return write_rows(rows)


def test_the_esco_only_file_is_not_applied_to_the_starter_set() -> None:
    _, report = build_with_report(["starter"])
    assert report.problems == []
    esco_only = project_synonyms(PROJECT_ESCO_SYNONYMS)
    assert esco_only.version and esco_only.problems == []
    assert {row.lang for row in esco_only.rows} == {"fi", "sv"}
