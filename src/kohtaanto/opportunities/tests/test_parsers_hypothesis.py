"""Property tests of the parsers: whatever the input, they either return rows and row errors
(each with a line ≥ 1) or raise `ImportFileError` with a line ≥ 1 — never anything else."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaanto.opportunities.importers import ImportFileError, ParseResult
from kohtaanto.opportunities.importers.csv_courses import FIELDS as COURSE_FIELDS
from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
from kohtaanto.opportunities.importers.csv_opportunities import FIELDS, parse_csv
from kohtaanto.opportunities.importers.jsonld import parse_jsonld

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "091",
            "Helsinki",
            "37,5 h",
            "2025-02-30",
            "FULL_TIME",
            "VOLUNTEER",
            "http://data.europa.eu/esco/skill/x",
            "1234567-8",
            "TELECOMMUTE",
        ]
    ),
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
POSTING_KEYS = [
    "@type",
    "@id",
    "identifier",
    "title",
    "description",
    "employmentType",
    "hiringOrganization",
    "jobLocation",
    "jobLocationType",
    "workHours",
    "jobStartDate",
    "validThrough",
    "physicalRequirement",
    "occupationalCategory",
    "skills",
    "niceToHaveSkills",
    "inLanguage",
    "url",
    "name",
]
postings = st.fixed_dictionaries(
    {"@type": st.sampled_from(["JobPosting", ["JobPosting"], "schema:JobPosting"])},
    optional={key: json_values for key in POSTING_KEYS if key != "@type"},
)
documents = st.one_of(
    postings,
    st.lists(st.one_of(postings, json_values), max_size=5),
    st.fixed_dictionaries({"@graph": st.lists(st.one_of(postings, json_values), max_size=5)}),
    json_values,
)


def check(parse: Callable[[Any], ParseResult[Any]], data: Any) -> None:
    try:
        result = parse(data)
    except ImportFileError as exc:
        assert exc.line >= 1 and exc.reason
        return
    for row in result.rows:
        assert row.line >= 1 and row.external_id
    for error in result.errors:
        assert error.line >= 1 and error.reason


@SETTINGS
@given(st.binary(max_size=400))
def test_jsonld_arbitrary_bytes(data: bytes) -> None:
    check(parse_jsonld, data)


@SETTINGS
@given(st.text(max_size=400))
def test_jsonld_arbitrary_text(text: str) -> None:
    check(parse_jsonld, text)


@SETTINGS
@given(documents, st.booleans())
def test_jsonld_arbitrary_documents(document: Any, lines: bool) -> None:
    if lines and isinstance(document, list):
        text = "\n".join(json.dumps(item) for item in document)
    else:
        text = json.dumps(document, indent=2 if lines else None)
    check(parse_jsonld, text)


@SETTINGS
@given(st.binary(max_size=400))
def test_csv_arbitrary_bytes(data: bytes) -> None:
    check(parse_csv, data)
    check(parse_courses_csv, data)


cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "091",
            "Vantaa",
            "fi:B1",
            "suomi",
            "37,5",
            "1.4.2025",
            "kyllä",
            "9.9",
            "työkokeilu",
            "http://x.invalid/a;b",
            "heavy_lifting",
            "-1",
            "1e999",
        ]
    ),
)


@SETTINGS
@given(
    st.lists(st.lists(cells, min_size=0, max_size=len(FIELDS) + 2), max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_arbitrary_rows_under_a_good_header(rows: list[list[str]], delimiter: str) -> None:
    for fields, parse in ((FIELDS, parse_csv), (COURSE_FIELDS, parse_courses_csv)):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(fields)
        writer.writerows(rows)
        check(parse, out.getvalue())
