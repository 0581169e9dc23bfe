"""The company's reference letter (suosittelukirje) after a Puuttuva palanen development
project done as a work trial, as PDF."""

from __future__ import annotations

from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kohtaanto.trials.documents import layout
from kohtaanto.trials.documents.content import (
    ReferenceContent,
    format_date,
    format_period,
    text,
)


def render_reference_pdf(
    c: ReferenceContent, *, unicode_font: bool = True, compress: bool = True
) -> bytes:
    """The letter in `c.language`; `unicode_font` and `compress` as in the agreement."""
    s = layout.styles(unicode_font)
    t = partial(text, lang=c.language)
    company = c.company_name + (
        f" ({t('business_id')} {c.company_business_id})" if c.company_business_id.strip() else ""
    )
    dated = format_date(c.written_on, c.language)
    if c.place.strip():
        dated = f"{c.place.strip()}, {dated}"
    story: list[Flowable] = [
        layout.para(company, s.label),
        layout.para(dated, s.small),
        Spacer(1, 6 * mm),
        Paragraph(escape(c.title), s.title),
        layout.para(t("ref_subtitle"), s.subtitle),
        Spacer(1, 3 * mm),
        layout.fields(
            [
                (t("name"), c.person_name),
                (t("project"), c.project_title),
                (t("period"), format_period(c.start, c.end, c.language) if c.start else ""),
            ],
            s,
        ),
    ]
    if c.work_done.strip():
        story += [layout.heading(t("work_done"), s), *layout.text_block(c.work_done, s)]
    skills = layout.bullets(c.skills, s)
    if skills:
        story += [layout.heading(t("skills_shown"), s), *skills]
    story += [layout.heading(t("recommendation"), s), *layout.text_block(c.letter, s)]
    signer = [layout.para(c.writer_name, s.label)]
    if c.writer_title.strip():
        signer.append(layout.para(c.writer_title, s.cell))
    signer.append(layout.para(c.company_name, s.cell))
    story.append(
        layout.keep(
            Spacer(1, 4 * mm),
            layout.para(dated, s.body),
            layout.signature_line(t("signature"), s, width=70 * mm),
            Spacer(1, 1.5 * mm),
            signer,
        )
    )
    return layout.build(
        story,
        s=s,
        language=c.language,
        title=f"{c.title} – {c.person_name}",
        author=c.company_name,
        footer=f"{c.title} · {c.company_name}",
        compress=compress,
    )
