"""The competence certificate (osaamistodistus) as PDF, ready for an education provider to
assess formally: per qualification unit the requirements shown (where, how, when and marked by
whom) and, separately and honestly, those not shown in this trial."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kohtaanto.trials.documents import layout
from kohtaanto.trials.documents.content import (
    CertificateContent,
    CertificateUnit,
    ShownRequirement,
    format_date,
    format_period,
    text,
)


def _facts(c: CertificateContent, s: layout.Styles) -> Flowable:
    t = partial(text, lang=c.language)
    return layout.fields(
        [
            (t("name"), c.person_name),
            (t("place"), c.place),
            (t("organiser"), c.organiser_name),
            (t("period"), format_period(c.start, c.end, c.language)),
            (t("attended_days"), str(c.attended_days)),
        ],
        s,
    )


def _unit_header(unit: CertificateUnit, c: CertificateContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    name = escape(unit.name) + (f" ({escape(unit.code)})" if unit.code.strip() else "")
    qualification = unit.qualification_name.strip()
    if unit.qualification_diary_number.strip():
        diary = f"{t('diary_number')} {unit.qualification_diary_number.strip()}"
        qualification = f"{qualification}, {diary}" if qualification else diary
    rows = [(t("qualification"), qualification)]
    if unit.scope_points is not None:
        rows.append((t("scope"), text("scope_points", c.language, n=unit.scope_points)))
    return [layout.markup(name, s.heading), layout.fields(rows, s), Spacer(1, 4)]


def _row(item: ShownRequirement, c: CertificateContent, s: layout.Styles) -> list[Flowable]:
    """The requirement, and beside it the workplace tasks and each marking: a small line with
    its date and who marked it, then what was seen."""
    t = partial(text, lang=c.language)
    how: list[Flowable] = []
    if item.workplace_tasks.strip():
        tasks = "<br/>".join(escape(line) for line in layout.lines_of(item.workplace_tasks))
        how.append(layout.markup(f"<b>{escape(t('workplace_tasks'))}:</b> {tasks}", s.cell))
    for entry in sorted(item.evidence, key=lambda e: e.shown_on):
        role = t(f"role_{entry.author_role}")
        marked = text("marked_by", c.language, name=entry.author_name, role=role)
        day = format_date(entry.shown_on, c.language)
        how.append(layout.markup(f"<b>{escape(day)}</b> · {escape(marked)}", s.marking))
        if entry.text.strip():
            how.append(layout.para(entry.text, s.cell))
    return [layout.para(item.requirement, s.cell), how or layout.para("–", s.cell)]


def _unit(unit: CertificateUnit, c: CertificateContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    header = _unit_header(unit, c, s)
    story: list[Flowable] = []
    if unit.shown:
        widths = [62 * mm, layout.CONTENT_WIDTH - 62 * mm]
        table = layout.grid(
            [t("col_requirement"), t("col_how")],
            [_row(item, c, s) for item in unit.shown],
            widths,
            s,
        )
        story += [layout.keep(header, layout.para(t("shown_requirements"), s.subheading)), table]
    else:
        story.append(layout.keep(header, layout.para(t("none_shown"), s.body)))
    not_shown = layout.bullets(unit.not_shown, s)
    if not_shown:
        title = layout.para(t("not_shown"), s.subheading)
        story += [layout.keep(title, not_shown[:1]), *not_shown[1:]]
    return story


def _signed(day: date | datetime | None, c: CertificateContent) -> str:
    return text("signed_on", c.language, date=format_date(day, c.language)) if day else ""


def _sign_off(c: CertificateContent, s: layout.Styles) -> Flowable:
    """Two side-by-side blocks: the workplace mentor and the coach, each signed or blank."""
    t = partial(text, lang=c.language)
    cells: list[list[Flowable]] = []
    for role, name, day in (
        ("workplace_mentor", c.mentor_name, c.mentor_signed_on),
        ("coach", c.coach_name, c.coach_signed_on),
    ):
        block: list[Flowable] = [layout.para(t(role), s.label)]
        if day:
            block += [
                layout.para(name or "–", s.cell),
                layout.para(_signed(day, c), s.small),
            ]
        else:
            block += layout.signature_line(t("signature_and_date"), s, width=72 * mm)
            block.append(layout.para(name, s.cell) if name.strip() else Spacer(1, 1))
        cells.append(block)
    half = layout.CONTENT_WIDTH / 2
    table = Table([cells], colWidths=[half, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def render_certificate_pdf(
    c: CertificateContent, *, unicode_font: bool = True, compress: bool = True
) -> bytes:
    """The certificate in `c.language`; `unicode_font` and `compress` as in the agreement."""
    s = layout.styles(unicode_font)
    t = partial(text, lang=c.language)
    subtitle = t(f"cert_subtitle_{c.kind}")
    story: list[Flowable] = [
        Paragraph(escape(c.title), s.title),
        layout.para(subtitle, s.subtitle),
        layout.para(f"{t('reference')} {c.reference}", s.small),
    ]
    if c.issued_on:
        story.append(layout.para(f"{t('issued')} {format_date(c.issued_on, c.language)}", s.small))
    story += [Spacer(1, 4 * mm), _facts(c, s)]
    for unit in c.units:
        story += _unit(unit, c, s)
    if c.summary.strip():
        story += [layout.heading(t("final_assessment"), s), *layout.text_block(c.summary, s)]
    footer_text = t(f"cert_footer_{c.kind}")
    story.append(
        layout.keep(
            layout.heading(t("sign_off"), s),
            _sign_off(c, s),
            Spacer(1, 6 * mm),
            layout.para(footer_text, s.small),
            layout.para(f"{t('reference')} {c.reference}", s.small),
        )
    )
    return layout.build(
        story,
        s=s,
        language=c.language,
        title=f"{c.title} – {c.person_name}",
        author=c.organiser_name,
        footer=f"{c.title} · {c.reference}",
        compress=compress,
    )
