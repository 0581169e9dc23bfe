from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.taxonomy.csvfile import CsvTable, iter_rows, write_rows
from kohtaanto.taxonomy.errors import TaxonomyFormatError

cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=8)
)


def rows_of(text: str) -> list[list[str]]:
    return [fields for _, fields in iter_rows(text, "t.csv")]


@given(tables)
def test_round_trip_of_arbitrary_fields(rows: list[list[str]]) -> None:
    assert rows_of(write_rows(rows)) == rows


@given(tables)
def test_reads_what_the_standard_csv_writer_writes(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # CRLF, as in the ESCO files
    expected = [row for row in rows if row != [""]]  # the stdlib writes [""] as a blank line
    assert [r for r in rows_of(buffer.getvalue()) if r != [""]] == expected


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_garbage_raises_only_format_errors(data: bytes) -> None:
    try:
        table = CsvTable(data, "garbage.csv")
        list(table.rows())
    except TaxonomyFormatError as exc:
        assert str(exc).startswith("garbage.csv")


@settings(max_examples=300)
@given(st.text(alphabet='a,"\r\n ', max_size=40))
def test_quote_soup_raises_only_format_errors(text: str) -> None:
    try:
        list(CsvTable(text, "soup.csv").rows())
    except TaxonomyFormatError as exc:
        assert exc.line is not None


def error_of(text: str | bytes) -> TaxonomyFormatError:
    with pytest.raises(TaxonomyFormatError) as info:
        list(CsvTable(text, "skills_en.csv").rows())
    return info.value


def test_unclosed_quote_names_line_and_column() -> None:
    error = error_of('a,b\r\n1,2\r\n3,"never closed\r\n5,6\r\n')
    assert (error.file, error.line, error.column) == ("skills_en.csv", 3, 3)
    assert "skills_en.csv, line 3, column 3:" in str(error)


def test_text_after_closing_quote() -> None:
    error = error_of('a,b\n"x"y,2\n')
    assert (error.line, error.column) == (2, 4)


def test_quote_inside_unquoted_field() -> None:
    error = error_of('a,b\nab"c,2\n')
    assert (error.line, error.column) == (2, 3)


def test_line_numbers_count_newlines_inside_quoted_fields() -> None:
    error = error_of('a,b\n"multi\nline",1\n"x"!,2\n')
    assert (error.line, error.column) == (4, 4)


def test_wrong_encoding_names_line_and_column() -> None:
    error = error_of("a,b\n1,2\nkö,3\n".encode("latin-1"))
    assert (error.line, error.column) == (3, 2)
    assert "UTF-8" in str(error)


def test_too_many_fields() -> None:
    error = error_of("a,b\n1,2\n1,2,3\n")
    assert (error.line, error.column) == (3, 5)


def test_short_rows_are_padded_and_bom_is_dropped() -> None:
    table = CsvTable("\ufeffa,b,c\n1\n".encode(), "t.csv")
    assert table.header == ["a", "b", "c"]
    assert list(table.rows()) == [(2, ["1", "", ""])]


def test_empty_file() -> None:
    assert error_of(b"").line == 1


def test_line_endings_and_blank_lines() -> None:
    assert rows_of("a\r\nb\rc\n\nd") == [["a"], ["b"], ["c"], ["d"]]
    assert [line for line, _ in iter_rows("a\r\nb\rc\n\nd", "t")] == [1, 2, 3, 5]


def test_columns_by_name_and_missing_required_column() -> None:
    table = CsvTable("conceptUri,PreferredLabel\n", "t.csv")
    assert table.column("preferredLabel") == 1
    assert table.column("altLabels") is None
    with pytest.raises(TaxonomyFormatError, match=r"t\.csv, line 1.*'skillType'"):
        table.require("skillType")
