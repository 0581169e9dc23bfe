"""The funder report's tables fit their content (walkthrough: the ESF+ tables gave half the
page to the code and broke the indicators' names and the headers in the middle of words)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from kohtaanto.insights.exports.documents.funder_report import _fits, column_widths, compact
from kohtaanto.trials.documents import layout

NUMBERS = ["26", "12", "12", "< 5", "< 5"]


def test_esf_columns_give_the_room_to_the_indicator_and_break_no_word() -> None:
    s = layout.styles()
    header = [
        "Koodi",
        "Koodi tarkistettu",
        "Indikaattori",
        "Yhteensä",
        "Naiset",
        "Miehet",
        "Muunsukupuoliset",
        "Muu tai ei tiedossa",
    ]
    rows_long = ["EECO03", "ei", "Pitkäaikaistyöttömät", "14", "piilotettu", "< 5", "0", "0"]
    rows = [
        ["EECO01", "ei", "Osallistujia yhteensä", "61", "27", "21", "< 5", "piilotettu"],
        ["EECO10", "ei", "Toinen aste tai keskiasteen jälkeinen (ISCED 3–4)", *NUMBERS],
        ["EECO16", "ei", "Asunnottomat tai asumisen ulkopuolelle jääneet", *["0"] * 5],
        rows_long,
    ]
    # at the normal size the longest words do not fit side by side: smaller cells
    assert not _fits(header, rows, s)
    s = compact(s)
    assert _fits(header, rows, s)
    widths = column_widths(header, rows, s)
    assert abs(sum(widths) - layout.CONTENT_WIDTH) < 0.01
    # the indicator's name gets the room its words leave ("Muunsukupuoliset" is one word)
    assert widths[2] > max(widths[0], widths[1], *widths[3:6])
    assert widths[0] < 20 * 2.83465  # the code: not half the page any more
    for index, width in enumerate(widths):
        words = header[index].split() + [w for row in rows for w in row[index].split()]
        longest = max(stringWidth(w, s.bold, s.cell_head.fontSize) for w in words)
        assert width >= longest, header[index]


def test_a_two_column_table_keeps_its_label_column_first() -> None:
    s = layout.styles()
    widths = column_widths(["Jatkopolku", "Ihmisiä"], [["Työ", "16"], ["Koulutus", "9"]], s)
    assert abs(sum(widths) - layout.CONTENT_WIDTH) < 0.01
    assert widths[0] > widths[1]
