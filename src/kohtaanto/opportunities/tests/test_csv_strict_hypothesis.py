"""Property tests of the strict CSV reader (`importers.tabular.read_rows`):

- any table written by a CSV writer (any delimiter we detect, any quoting, cells with quotes,
  separators and new lines) reads back cell for cell, each row with the line it starts on;
- a written table with one quote mark removed or added either still reads (the quote was
  harmless) or fails with `ImportFileError` on a line of the file — never a garbled row that
  differs from what was written without an error being reported."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kohtaanto.opportunities.importers import ImportFileError
from kohtaanto.opportunities.importers.tabular import read_rows

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = ("external_id", "title", "description")

cell = st.text(alphabet=st.sampled_from(list('abcäö XY1,;"\t\n')), min_size=0, max_size=12)
row = st.tuples(cell, cell, cell).filter(lambda r: any(c.strip() for c in r))


def _written(rows: list[tuple[str, str, str]], delimiter: str, quoting: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(rows)
    return out.getvalue()


def _read(text: str) -> list[tuple[int, dict[str, str]]]:
    return list(read_rows(text, fields=FIELDS, required=("external_id",)))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@SETTINGS
@given(
    st.lists(row, min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_a_written_table_reads_back_cell_for_cell(rows, delimiter, quoting) -> None:
    text = _written(rows, delimiter, quoting)
    read = _read(text)
    assert [tuple(r[f] for f in FIELDS) for _, r in read] == rows
    lines = [line for line, _ in read]
    assert lines == sorted(lines) and lines[0] == 2
    # Each row starts on the line after the previous row's new lines.
    expected, line = [], 2
    for cells in rows:
        expected.append(line)
        line += sum(c.count("\n") for c in cells) + 1
    assert lines == expected


@SETTINGS
@given(
    st.lists(row, min_size=1, max_size=6),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    st.data(),
)
def test_a_broken_quote_is_an_error_or_harmless(rows, quoting, data) -> None:
    text = _written(rows, ",", quoting)
    body = text.index("\n") + 1  # the header stays whole
    quotes = [i for i, ch in enumerate(text) if ch == '"' and i >= body]
    assume(quotes)
    at = data.draw(st.sampled_from(quotes))
    broken = text[:at] + text[at + 1 :]
    try:
        read = _read(broken)
    except ImportFileError as error:
        assert 1 <= error.line <= broken.count("\n") + 1
        assert "Column" in error.reason
        return
    # Read without a file error: every row is either a row error or well-formed cells.
    for line, cells in read:
        assert line >= 2
        assert "__error__" in cells or set(cells) == set(FIELDS)
