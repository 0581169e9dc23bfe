"""The written work trial (or education trial) agreement as PDF.

A draft (some party has not confirmed yet) carries LUONNOS / UTKAST / DRAFT across every page
and a note under the title; each party's row shows how and when it confirmed, or an empty
signature line."""

from __future__ import annotations

from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kohtaanto.trials.documents import layout
from kohtaanto.trials.documents.content import (
    AgreementContent,
    Confirmation,
    format_date,
    format_datetime,
    format_euros,
    format_number,
    format_period,
    text,
)


def _join(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _labelled(label: str, value: str) -> str:
    return f"{label}: {value}" if value.strip() else ""


def _parties(c: AgreementContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    birth = format_date(c.participant_birth_date, c.language) if c.participant_birth_date else ""
    rows = [
        (t("party_participant"), _join(c.participant_name, _labelled(t("birth_date"), birth))),
        (
            t("party_organiser"),
            _join(
                c.organiser_name,
                _labelled(t("business_id"), c.organiser_business_id),
                _labelled(t("address"), c.organiser_address),
            ),
        ),
        (t("party_authority"), c.authority_name),
        (
            t("party_service"),
            _join(c.service_organisation, _labelled(t("coach"), c.coach_name)),
        ),
    ]
    return [layout.heading(t("parties"), s), layout.fields(rows, s)]


def _time_and_tasks(c: AgreementContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    days = str(c.days_per_week) if c.days_per_week else ""
    hours = format_number(c.hours_per_day, c.language) if c.hours_per_day is not None else ""
    mentor = _join(
        c.mentor_name,
        _labelled(t("phone"), c.mentor_phone),
        _labelled(t("email"), c.mentor_email),
    )
    return [
        layout.heading(t("time_section"), s),
        layout.fields(
            [
                (t("period"), format_period(c.start, c.end, c.language)),
                (t("days_per_week"), days),
                (t("hours_per_day"), hours),
                (t("working_time"), c.working_time_note),
            ],
            s,
        ),
        layout.heading(t("tasks_section"), s),
        layout.fields(
            [
                (t("tasks"), layout.text_block(c.tasks, s) if c.tasks.strip() else ""),
                (t("place"), c.place),
                (t("workplace_mentor"), mentor),
            ],
            s,
        ),
    ]


def _goals_and_units(c: AgreementContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    story: list[Flowable] = []
    goals = [goal for goal in c.goals if goal.strip()]
    if goals:
        story += [layout.heading(t("goals"), s), *layout.bullets(goals, s)]
    if c.units:
        story.append(layout.heading(t("units_aimed"), s))
        for unit in c.units:
            name = escape(unit.name) + (f" ({escape(unit.code)})" if unit.code.strip() else "")
            header: list[Flowable] = [layout.markup(name, s.subheading)]
            if unit.qualification.strip():
                header.append(layout.para(unit.qualification, s.small))
            requirements = layout.bullets(unit.requirements, s)
            if requirements:
                caption = layout.para(t("chosen_requirements") + ":", s.body)
                # The unit's name stays with its first requirement; the rest may flow on.
                story += [layout.keep(header, caption, requirements[:1]), *requirements[1:]]
            else:
                story.append(layout.keep(header))
    return story


def _terms(c: AgreementContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    story: list[Flowable] = []
    if c.insurance_note.strip():
        story += [layout.heading(t("insurance"), s), *layout.text_block(c.insurance_note, s)]
    story.append(layout.heading(t("allowance"), s))
    if c.allowance_per_day is None:
        story.append(layout.para(t("no_allowance"), s.body))
    else:
        amount = text(
            "allowance_amount", c.language, amount=format_euros(c.allowance_per_day, c.language)
        )
        outside = t("yes") if c.outside_commuting_area else t("no")
        story += [
            layout.fields(
                [(t("amount"), amount), (t("outside_area"), outside)],
                s,
            ),
            Spacer(1, 2),
            layout.para(t("attended_only"), s.body),
        ]
    if c.rules is not None:
        rules = c.rules
        sources = layout.bullets(rules.sources, s)
        story += [
            layout.heading(t("rules"), s),
            layout.fields(
                [
                    (t("rules_version"), rules.version),
                    (t("rules_checked"), format_date(rules.checked_at, c.language)),
                    (t("rules_sources"), sources if sources else ""),
                ],
                s,
            ),
        ]
    return story


def _confirmation_cells(
    row: Confirmation, c: AgreementContent, s: layout.Styles
) -> list[str | Flowable | list[Flowable]]:
    party = text(f"party_{row.party}", c.language)
    if row.confirmed_at is None:
        # Spans the method and time columns (see _confirmations): room to sign by hand.
        line = layout.signature_line(text("signature_and_date", c.language), s, width=85 * mm)
        return [party, row.name, line, ""]
    if row.method == "paper":
        method = text("method_paper", c.language, name=row.recorded_by or "–")
    else:
        method = text("method_electronic", c.language)
    return [party, row.name, method, format_datetime(row.confirmed_at, c.language)]


def _confirmations(c: AgreementContent, s: layout.Styles) -> list[Flowable]:
    t = partial(text, lang=c.language)
    heading = layout.heading(t("confirmations"), s)
    if not c.confirmations:
        return [layout.keep(heading, layout.signature_line(t("signature_and_date"), s, 80 * mm))]
    widths = [43 * mm, 34 * mm, layout.CONTENT_WIDTH - 43 * mm - 34 * mm - 39 * mm, 39 * mm]
    unsigned = [i + 1 for i, row in enumerate(c.confirmations) if row.confirmed_at is None]
    table = layout.grid(
        [t("col_party"), t("name"), t("col_method"), t("col_time")],
        [_confirmation_cells(row, c, s) for row in c.confirmations],
        widths,
        s,
        extra=[("SPAN", (2, i), (3, i)) for i in unsigned],
    )
    return [layout.keep(heading, table)]


def render_agreement_pdf(
    c: AgreementContent, *, unicode_font: bool = True, compress: bool = True
) -> bytes:
    """The agreement in `c.language`. `unicode_font=False` uses the built-in Helvetica and
    `compress=False` leaves the page streams readable (tests check the text that way)."""
    s = layout.styles(unicode_font)
    draft = c.is_draft
    reference = ", ".join(
        part
        for part in (
            c.reference.strip(),
            text("revision", c.language, n=c.revision) if c.revision else "",
        )
        if part
    )
    story: list[Flowable] = [Paragraph(escape(c.title), s.title)]
    subtitle = text(f"kind_{c.kind}", c.language)
    if reference:
        subtitle += f" · {text('reference', c.language)} {reference}"
    story.append(layout.para(subtitle, s.subtitle))
    if draft:
        banner = f"{text('draft', c.language)} – {text('draft_note', c.language)}"
        story.append(layout.para(banner, s.banner))
    else:
        story.append(Spacer(1, 3 * mm))
    story += _parties(c, s)
    story += _time_and_tasks(c, s)
    story += _goals_and_units(c, s)
    story += _terms(c, s)
    story += _confirmations(c, s)
    footer = " · ".join(part for part in (c.title, c.reference.strip()) if part)
    if draft:
        footer = f"{text('draft', c.language)} · {footer}"
    return layout.build(
        story,
        s=s,
        language=c.language,
        title=f"{c.title} – {c.participant_name}",
        author=c.organiser_name,
        footer=footer,
        watermark=text("draft", c.language) if draft else "",
        compress=compress,
    )
