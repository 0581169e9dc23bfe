"""The shared look of the trial documents: A4, the CV's Unicode font, headings, label–value
tables, a footer with "Sivu 1/2" in the document's language and, on drafts, a watermark."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kohtaanto.journeys.documents.cv_pdf import _fonts
from kohtaanto.trials.documents.content import text

ACCENT = colors.HexColor("#1f4e79")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#b8c4d0")
SHADE = colors.HexColor("#eef2f6")
WATERMARK = colors.HexColor("#d9534f")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


@dataclass(frozen=True)
class Styles:
    regular: str
    bold: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    marking: ParagraphStyle
    bullet: ParagraphStyle
    banner: ParagraphStyle


def styles(unicode_font: bool = True) -> Styles:
    regular, bold = _fonts() if unicode_font else ("Helvetica", "Helvetica-Bold")

    def style(name: str, **kwargs: Any) -> ParagraphStyle:
        base: dict[str, Any] = {"fontName": regular, "fontSize": 10, "leading": 13.5}
        return ParagraphStyle(name, **(base | kwargs))

    return Styles(
        regular=regular,
        bold=bold,
        title=style("title", fontName=bold, fontSize=19, leading=23, textColor=ACCENT),
        subtitle=style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=2),
        heading=style(
            "heading",
            fontName=bold,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,  # a heading never sits alone at the foot of a page
        ),
        subheading=style(
            "subheading", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, keepWithNext=1
        ),
        body=style("body", spaceAfter=3),
        small=style("small", fontSize=8.5, leading=11, textColor=MUTED),
        label=style("label", fontName=bold, fontSize=9.5, leading=12.5),
        cell=style("cell", fontSize=9.5, leading=12.5),
        cell_head=style("cell_head", fontName=bold, fontSize=9, leading=12, textColor=ACCENT),
        marking=style("marking", fontSize=8.5, leading=11.5, textColor=MUTED, spaceBefore=5),
        bullet=style("bullet", leftIndent=12, bulletIndent=2, spaceAfter=1.5),
        banner=style(
            "banner",
            fontName=bold,
            fontSize=10,
            leading=13,
            textColor=WATERMARK,
            borderColor=WATERMARK,
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=8,
        ),
    )


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of caller text: XML-escaped, line breaks kept."""
    lines = [escape(line.strip()) for line in str(value).strip().splitlines()]
    return Paragraph("<br/>".join(lines), style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup this package built itself (caller parts already escaped)."""
    return Paragraph(value, style)


def lines_of(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def text_block(value: str, s: Styles) -> list[Flowable]:
    """Long caller text: a paragraph per line, lines starting with "- " or "• " as bullets."""
    result: list[Flowable] = []
    for line in lines_of(value):
        if line.startswith(("- ", "• ", "* ")):
            result.append(Paragraph(escape(line[2:].strip()), s.bullet, bulletText="•"))
        else:
            result.append(Paragraph(escape(line), s.body))
    return result


def bullets(items: Sequence[str], s: Styles) -> list[Flowable]:
    return [
        Paragraph(escape(item.strip()), s.bullet, bulletText="•") for item in items if item.strip()
    ]


def heading(value: str, s: Styles) -> Paragraph:
    return Paragraph(escape(value), s.heading)


def fields(rows: Sequence[tuple[str, str | Flowable | list[Flowable]]], s: Styles) -> Table:
    """A two-column label–value table; rows whose value is empty are left out."""
    data = []
    for label, value in rows:
        if isinstance(value, str):
            if not value.strip():
                continue
            value = para(value, s.cell)
        data.append([Paragraph(escape(label), s.label), value])
    if not data:
        return Table([[""]], colWidths=[CONTENT_WIDTH])
    table = Table(data, colWidths=[48 * mm, CONTENT_WIDTH - 48 * mm], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
            ]
        )
    )
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable | list[Flowable]]],
    widths: Sequence[float],
    s: Styles,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with a shaded header row that repeats on every page it runs onto."""
    data: list[list[Any]] = [[Paragraph(escape(h), s.cell_head) for h in header]]
    for row in rows:
        data.append([para(cell, s.cell) if isinstance(cell, str) else cell for cell in row])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *extra,
            ]
        )
    )
    return table


def signature_line(caption: str, s: Styles, width: float = 60 * mm) -> list[Flowable]:
    """Room to sign by hand: space, a line, and a small caption under it."""
    return [
        Spacer(1, 9 * mm),
        HRFlowable(width=width, thickness=0.6, color=colors.black, hAlign="LEFT", spaceAfter=1.5),
        Paragraph(escape(caption), s.small),
    ]


def keep(*flowables: Flowable | list[Flowable]) -> KeepTogether:
    flat: list[Flowable] = []
    for item in flowables:
        flat.extend(item if isinstance(item, list) else [item])
    return KeepTogether(flat)


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """Holds each page until the end so the footer can say "page n of N"."""

    def __init__(
        self,
        *args: Any,
        footer: str,
        page_text: str,
        font: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer
        self._page_text = page_text
        self._font = font

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN, 14 * mm, PAGE_WIDTH - MARGIN, 14 * mm)
        self.setFont(self._font, 8)
        self.setFillColor(MUTED)
        self.drawString(MARGIN, 10 * mm, self._footer)
        number = self._page_text.format(page=self._pageNumber, pages=total)
        self.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, number)
        self.restoreState()


def _watermark(canvas: Canvas, _document: Any, *, word: str, font: str) -> None:
    """A large, pale diagonal word under the page content (drawn before the flowables)."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFillAlpha(0.12)
    canvas.setFont(font, 96)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, -30, word)
    canvas.restoreState()


def build(
    story: list[Flowable],
    *,
    s: Styles,
    language: str,
    title: str,
    author: str,
    footer: str,
    watermark: str = "",
    compress: bool = True,
) -> bytes:
    """Lay out `story` on A4 and return the PDF. `watermark` (e.g. LUONNOS) goes on every
    page; `compress=False` leaves the page streams readable for tests."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        pageCompression=1 if compress else 0,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=author,
        lang=language,
        creator="Kohtaanto",
    )
    on_page: Any = (
        partial(_watermark, word=watermark, font=s.bold) if watermark else (lambda *_: None)
    )
    canvasmaker: Any = partial(
        _NumberedCanvas,
        footer=footer,
        page_text=text("page", language),
        font=s.regular,
    )
    document.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=canvasmaker)
    return buffer.getvalue()
