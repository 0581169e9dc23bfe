"""CV as DOCX (python-docx), with real heading styles for screen readers."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt, RGBColor

from kohtaanto.journeys.documents.content import CvContent, heading

ACCENT = RGBColor(0x1F, 0x4E, 0x79)


def render_cv_docx(cv: CvContent) -> bytes:
    document = Document()
    document.core_properties.title = f"{heading('cv', cv.language)} – {cv.full_name}"
    document.core_properties.author = cv.full_name
    document.core_properties.language = cv.language
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    title = document.add_heading(cv.full_name, level=0)
    for run in title.runs:
        run.font.color.rgb = ACCENT
    if cv.headline.strip():
        document.add_paragraph(cv.headline.strip())
    if cv.contact.strip():
        document.add_paragraph(" · ".join(CvContent.lines(cv.contact)))
    for section_title, text in cv.sections():
        document.add_heading(section_title, level=1)
        for line in CvContent.lines(text):
            stripped = line.lstrip()
            if stripped.startswith(("- ", "• ", "* ")):
                document.add_paragraph(stripped[2:], style="List Bullet")
            else:
                document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
