"""CV as PDF (reportlab), with an embedded Unicode font so ä, ö, å (and more) render."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from kohtaanto.journeys.documents.content import CvContent, heading

FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)


@cache
def _fonts() -> tuple[str, str]:
    """Register a Unicode TrueType font (system DejaVu/Liberation, else reportlab's Vera)."""
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts"
    candidates = [*FONT_CANDIDATES, (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]
    for regular, bold in candidates:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("CvSans", regular))
            pdfmetrics.registerFont(TTFont("CvSans-Bold", bold))
            return "CvSans", "CvSans-Bold"
    return "Helvetica", "Helvetica-Bold"  # Latin-1 still covers ä, ö and å


ACCENT = colors.HexColor("#1f4e79")


def _styles(unicode_font: bool = True) -> dict[str, ParagraphStyle]:
    regular, bold = _fonts() if unicode_font else ("Helvetica", "Helvetica-Bold")
    return {
        "name": ParagraphStyle("name", fontName=bold, fontSize=20, leading=24, textColor=ACCENT),
        "headline": ParagraphStyle("headline", fontName=regular, fontSize=12, leading=16),
        "contact": ParagraphStyle(
            "contact",
            fontName=regular,
            fontSize=9.5,
            leading=13,
            textColor=colors.HexColor("#333333"),
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=bold,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14.5),
        "bullet": ParagraphStyle(
            "bullet", fontName=regular, fontSize=10.5, leading=14.5, leftIndent=10, bulletIndent=0
        ),
    }


def _paragraphs(text: str, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    result = []
    for line in CvContent.lines(text):
        if line.lstrip().startswith(("- ", "• ", "* ")):
            result.append(Paragraph(escape(line.lstrip()[2:]), styles["bullet"], bulletText="•"))
        else:
            result.append(Paragraph(escape(line), styles["body"]))
    return result


def render_cv_pdf(cv: CvContent, *, unicode_font: bool = True, compress: bool = True) -> bytes:
    """A one-column, Europass-like CV. Lines starting with "- " become bullets.

    `unicode_font=False` uses the built-in Helvetica (Latin-1: still ä, ö, å) and
    `compress=False` leaves the page streams readable (tests check the text that way).
    """
    styles = _styles(unicode_font)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        pageCompression=1 if compress else 0,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{heading('cv', cv.language)} – {cv.full_name}",
        author=cv.full_name,
        lang=cv.language,
    )
    story: list[Flowable] = [Paragraph(escape(cv.full_name), styles["name"])]
    if cv.headline.strip():
        story.append(Paragraph(escape(cv.headline.strip()), styles["headline"]))
    if cv.contact.strip():
        story.append(
            Paragraph(" · ".join(escape(x) for x in CvContent.lines(cv.contact)), styles["contact"])
        )
    story += [Spacer(1, 4), HRFlowable(width="100%", thickness=1, color=ACCENT)]
    for title, text in cv.sections():
        story.append(Paragraph(escape(title), styles["heading"]))
        story.extend(_paragraphs(text, styles))
    document.build(story)
    return buffer.getvalue()
