"""Reads of the outcome and ESF+ reports: load the records in as few queries as possible,
hand them to the pure counting code (`kohtaanto.stats.outcomes`, `kohtaanto.stats.esf`),
protect small numbers (`kohtaanto.stats.suppression`) and label everything in the active
language. Every function goes through `kohtaanto.insights.access`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.insights import pseudonymised
from kohtaanto.insights.access import report_access, require_coordinator
from kohtaanto.insights.models import Project, ProjectEnrolment, PseudonymisedRecord
from kohtaanto.journeys import rules
from kohtaanto.people.consent import consented_ids
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.reference.places import municipalities, region_of
from kohtaanto.stats import esf as esf_stats
from kohtaanto.stats import joint as joint_stats
from kohtaanto.stats import outcomes as outcome_stats
from kohtaanto.stats.periods import Period
from kohtaanto.stats.suppression import HIDDEN, SMALL, Cell

__all__ = [
    "HIDDEN",
    "SMALL",
    "Cell",
    "EsfReport",
    "FigureTable",
    "OutcomeReport",
    "ReportCell",
    "ReportColumn",
    "ReportRow",
    "ValidationFinding",
    "esf_report",
    "funder_reports",
    "monitoring_rows",
    "outcome_report",
]


# --- the report shapes (what pages, exports, the CLI and the API show) ----------------------


@dataclass(frozen=True)
class ReportCell:
    value: Cell
    """A count, or `SMALL` ("< 5") / `HIDDEN` ("–") when suppressed."""
    share: float | None = None
    """Per cent (0–100) of the table's base when the table has shares and both figures are
    known; None otherwise."""

    @property
    def suppressed(self) -> bool:
        return self.value in (SMALL, HIDDEN)


@dataclass(frozen=True)
class ReportColumn:
    id: str
    label: str


@dataclass(frozen=True)
class ReportRow:
    id: str
    label: str
    cells: tuple[ReportCell, ...]
    """One per column of the table, in the column order."""
    code: str = ""
    """The official indicator code (ESF+ rows), "" for other rows."""
    code_verified: bool = True
    """False: the code is not yet checked against the official list (show the mark)."""
    note: str = ""


@dataclass(frozen=True)
class FigureTable:
    id: str
    title: str
    row_header: str
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]
    total: ReportRow | None = None
    """The total row (same columns), when the rows add up or have one base."""
    summary: tuple[str, ...] = ()
    """Plain-language sentences about the table (never revealing a suppressed figure)."""
    notes: tuple[str, ...] = ()
    with_shares: bool = False

    def row(self, row_id: str) -> ReportRow:
        if self.total is not None and row_id == self.total.id:
            return self.total
        return next(r for r in self.rows if r.id == row_id)

    def cell(self, row_id: str, column_id: str = "") -> ReportCell:
        """The cell of `row_id` in `column_id` (the first column when not given)."""
        index = 0 if not column_id else [c.id for c in self.columns].index(column_id)
        return self.row(row_id).cells[index]


@dataclass(frozen=True)
class OutcomeReport:
    organisation_id: int
    organisation_name: str
    project_id: int | None
    project_name: str
    funder: str
    period: Period
    suppressed: bool
    language: str
    headline: FigureTable
    """Rows "started", "active" (in service at some time in the period), "ended", "found"
    (ended with a continuation path); one column "people"."""
    paths: FigureTable
    """Continuation paths of those who ended: rows "work", "education", "other_service",
    "none"; column "people" with shares of those who ended; total "ended"."""
    follow_ups: FigureTable
    """Six-month follow-ups due in the period: rows per result ("employed", "improved",
    "not_improved", "not_reached") and "pending" (not done yet); total "due"."""
    time_in_service: FigureTable
    """Those who ended, by time in service: rows "under_3_months", "3_6_months",
    "6_12_months", "over_12_months"; total "ended"."""
    median_days: Cell | None
    """Median days in service of those who ended (`HIDDEN` when too few, None when none)."""
    by_coach: FigureTable
    by_group: FigureTable
    by_region: FigureTable
    by_cohort: FigureTable
    """Breakdowns: one row per coach / peer group / region (maakunta) / cohort (start month
    "2026-03"), columns "started", "active", "ended", "found"; total row = the headline."""
    summary: tuple[str, ...] = ()
    method: tuple[str, ...] = ()

    @property
    def tables(self) -> list[FigureTable]:
        return [
            self.headline,
            self.paths,
            self.follow_ups,
            self.time_in_service,
            self.by_coach,
            self.by_group,
            self.by_region,
            self.by_cohort,
        ]


@dataclass(frozen=True)
class ValidationFinding:
    id: str
    """The rule's id in the data file (say "labour_status_exclusive")."""
    kind: str
    """"exclusive", "subset", "gender_sum" or "special_without_consent"."""
    codes: tuple[str, ...]
    people: Cell
    """How many people break the rule (protected like any count)."""
    message: str


@dataclass(frozen=True)
class EsfReport:
    organisation_id: int
    organisation_name: str
    project_id: int | None
    project_name: str
    funder: str
    period: Period
    suppressed: bool
    language: str
    reference_period_days: int
    """Immediate results: the situation must begin within this many days of leaving (28)."""
    entry: FigureTable
    """Participants on entry (entered in the period): one row per indicator of
    esf_entry_indicators.json (code, code_verified), columns "total", "women", "men",
    "non_binary", "other_or_unknown"."""
    special: FigureTable
    """Special categories: rows "<indicator>_declined" and "<indicator>_not_asked" for
    disability and minority, same columns."""
    results: FigureTable
    """Results: a base row "left" (left in the period), the immediate results (EECR01–04),
    a base row "follow_up_due" and the six-month results (EECR05–06); same columns."""
    findings: tuple[ValidationFinding, ...] = ()
    method: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()

    @property
    def tables(self) -> list[FigureTable]:
        return [self.entry, self.special, self.results]

    @property
    def rows(self) -> list[ReportRow]:
        return [*self.entry.rows, *self.results.rows]


# --- the population ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scope:
    organisation: Organisation
    project: Project | None
    funder: str
    participants: QuerySet[Participant]
    entered: Mapping[int, date] | None
    """Entry dates by participant for a project/funder report (else the ESF entry date)."""
    kept: QuerySet[PseudonymisedRecord] | None = None
    """Pseudonymised records of erased participants in the scope (`insights.pseudonymised`);
    their ids in the records are negative and their entry dates are in `entered`."""


def _scope(organisation: Organisation, project: Project | None, funder: str | None) -> _Scope:
    participants = Participant.objects.filter(organisation=organisation)
    kept, kept_entered = pseudonymised.kept_for(organisation, project, funder or None)
    if project is not None:
        if project.organisation_id != organisation.pk:
            from kohtaanto.insights.access import ReportNotFound

            raise ReportNotFound
        enrolments = ProjectEnrolment.objects.filter(project=project)
    elif funder:
        enrolments = ProjectEnrolment.objects.filter(
            project__organisation=organisation, project__funder=funder
        )
    else:
        return _Scope(organisation, None, "", participants, None, kept)
    entered: dict[int, date] = {}
    for pid, day in enrolments.values_list("participant_id", "entered").order_by("entered"):
        entered.setdefault(pid, day)
    entered.update(kept_entered or {})
    return _Scope(
        organisation,
        project,
        project.funder if project is not None else (funder or ""),
        participants.filter(pk__in=enrolments.values("participant_id")),
        entered,
        kept,
    )


def _start_of(row: Mapping[str, Any]) -> date:
    return row["intake__service_start"] or row["created_day"] or timezone.localdate()


def _with_days(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """The two moments the reports need as local dates, truncated by the database (in the
    current time zone, as `timezone.localdate` would): when the record was made (the start
    when there is no intake) and when the continuation path was recorded (the 4-week rule).
    Reading 20,000 timestamps with their time zones costs more than the dates."""
    return participants.annotate(
        created_day=TruncDate("created"), recorded_day=TruncDate("outcome__created")
    )


def _relevant(participants: QuerySet[Participant], period: Period) -> QuerySet[Participant]:
    """Only the people who may count: started by the end and not ended before the start, or
    with a follow-up due in the period (the rest are left in the database)."""
    started_by_end = Q(intake__service_start__lte=period.end) | Q(intake__isnull=True)
    open_in_period = Q(outcome__isnull=True) | Q(outcome__date__gte=period.start)
    follow_up = Q(
        outcome__follow_up__due__gte=period.start, outcome__follow_up__due__lte=period.end
    )
    return participants.filter((started_by_end & open_in_period) | follow_up)


_OUTCOME_FIELDS = (
    "id",
    "created_day",
    "intake__service_start",
    "intake__municipality_code",
    "outcome__outcome_type",
    "outcome__date",
    "recorded_day",
    "outcome__qualification_gained",
    "outcome__follow_up__due",
    "outcome__follow_up__result",
)


def _pairs(model_rows: Any) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for pid, other in model_rows:
        found[pid].append(other)
    return found


def outcome_records(
    participants: QuerySet[Participant],
    period: Period,
    rows: Sequence[Mapping[str, Any]] | None = None,
    kept: QuerySet[PseudonymisedRecord] | None = None,
) -> list[outcome_stats.OutcomeRecord]:
    """The plain records of the outcome figures in three queries (participants with their
    intake, outcome and follow-up; coaches; group memberships). `rows`: the participants'
    rows when already read (`participant_rows`, shared with `esf_records`); `kept`: the
    pseudonymised records of erased participants to count too (when `rows` is not given)."""
    catalogue = rules.outcomes()
    relevant = _relevant(participants, period)
    if rows is None:
        rows = [
            *_with_days(relevant).values(*_OUTCOME_FIELDS),
            *pseudonymised.rows(kept, period),
        ]
    # The scope's people, not only the relevant ones: a superset read without the period's
    # joins (the rows above pick their own), about twice as fast on 20,000 people.
    ids = participants.values("pk")
    coaches = _pairs(
        Participant.coaches.through.objects.filter(participant_id__in=ids).values_list(
            "participant_id", "user_id"
        )
    )
    groups = _pairs(
        GroupMember.objects.filter(
            participant_id__in=ids, status__in=(MemberStatus.MEMBER, MemberStatus.LEFT)
        ).values_list("participant_id", "group_id")
    )
    records = []
    for row in rows:
        outcome = catalogue.get(row["outcome__outcome_type"] or "")
        ended = row["outcome__date"]
        records.append(
            outcome_stats.OutcomeRecord(
                id=row["id"],
                started=_start_of(row),
                ended=ended,
                path_kind=outcome.path_kind if outcome else ("none" if ended else ""),
                continuation=bool(outcome and outcome.counts_as_continuation_path),
                region=row["region"]
                if "region" in row
                else region_of(row["intake__municipality_code"] or ""),
                coaches=row.get("coaches") or tuple(sorted(coaches.get(row["id"], ()))),
                groups=row.get("groups") or tuple(sorted(groups.get(row["id"], ()))),
                follow_up_due=row["outcome__follow_up__due"],
                follow_up_result=row["outcome__follow_up__result"] or "",
            )
        )
    return records


# --- labels -------------------------------------------------------------------------------------


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def region_label(code: str, lang: str) -> str:
    if not code:
        return gettext("Region not known")
    for m in municipalities().values():
        if m.region_code == code:
            return m.region_sv if lang == "sv" and m.region_sv else m.region_fi
    return code


PATH_LABELS = {
    "work": _("Work"),
    "education": _("Education"),
    "other_service": _("Other services"),
    "none": _("No continuation path"),
}
FOLLOW_UP_LABELS = {
    "employed": _("In employment"),
    "improved": _("In a better situation"),
    "not_improved": _("Not in a better situation"),
    "not_reached": _("Could not be reached"),
    "pending": _("Not done yet"),
}
BAND_LABELS = {
    "under_3_months": _("Under 3 months"),
    "3_6_months": _("3–6 months"),
    "6_12_months": _("6–12 months"),
    "over_12_months": _("Over 12 months"),
}
MEASURE_LABELS = {
    "started": _("Started"),
    "active": _("In service"),
    "ended": _("Ended"),
    "found": _("Found a continuation path"),
}
GENDER_LABELS = {
    "total": _("Total"),
    "women": _("Women"),
    "men": _("Men"),
    "non_binary": _("Non-binary"),
    "other_or_unknown": _("Other or not known"),
}


def month_label(key: str) -> str:
    """A start month "2026-03" as readers write it: "3/2026"."""
    year, _sep, month = key.partition("-")
    return f"{int(month)}/{year}" if month.isdigit() and year.isdigit() else key


def _cell(value: Cell | None, base: Cell | None = None, *, shares: bool = False) -> ReportCell:
    value = 0 if value is None else value
    return ReportCell(value, outcome_stats.share(value, base) if shares else None)


# --- the outcome report ---------------------------------------------------------------------


def _summary(cells: Mapping[tuple[str, ...], Cell]) -> tuple[str, ...]:
    out = []
    started, ended, found = cells[("started",)], cells[("ended",)], cells[("found",)]
    if isinstance(started, int):
        out.append(
            ngettext(
                "%(count)s person started in the period.",
                "%(count)s people started in the period.",
                started,
            )
            % {"count": started}
        )
    if isinstance(ended, int) and isinstance(found, int) and ended > 0:
        out.append(
            ngettext(
                "%(found)s of %(count)s person who ended in the period found a continuation path.",
                "%(found)s of %(count)s people who ended in the period found a continuation path.",
                ended,
            )
            % {"found": found, "count": ended}
        )
    elif ended == SMALL:
        out.append(gettext("Fewer than 5 people ended in the period."))
    return tuple(out)


def _breakdown(
    cells: Mapping[tuple[str, ...], Cell],
    figures: outcome_stats.OutcomeFigures,
    dimension: str,
    title: str,
    row_header: str,
    labels: Mapping[str, str],
) -> FigureTable:
    columns = tuple(ReportColumn(m, str(MEASURE_LABELS[m])) for m in outcome_stats.MEASURES)
    rows = tuple(
        ReportRow(
            member,
            labels.get(member, member),
            tuple(_cell(cells[("by", dimension, member, m)]) for m in outcome_stats.MEASURES),
        )
        for member in figures.members.get(dimension, ())
    )
    total = ReportRow(
        "total", gettext("All"), tuple(_cell(cells[(m,)]) for m in outcome_stats.MEASURES)
    )
    notes: tuple[str, ...] = ()
    if dimension in ("coach", "group"):
        notes = (
            gettext(
                "One person can be counted under several rows, so the rows may add up to more "
                "than the total."
            ),
        )
    return FigureTable(f"by_{dimension}", title, row_header, columns, rows, total, (), notes)


def _one_column(
    cells: Mapping[tuple[str, ...], Cell],
    table_id: str,
    title: str,
    row_header: str,
    keys: Sequence[tuple[str, tuple[str, ...], str]],
    total: tuple[str, tuple[str, ...], str] | None,
    *,
    shares: bool,
    summary: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
) -> FigureTable:
    base = cells[total[1]] if total is not None else None
    column = (ReportColumn("people", gettext("People")),)
    rows = tuple(
        ReportRow(row_id, label, (_cell(cells[key], base, shares=shares),))
        for row_id, key, label in keys
    )
    total_row = (
        ReportRow(total[0], total[2], (_cell(base, base, shares=shares),))
        if total is not None
        else None
    )
    return FigureTable(table_id, title, row_header, column, rows, total_row, summary, notes, shares)


def _coach_labels(ids: Sequence[str], suppressed: bool) -> dict[str, str]:
    from django.contrib.auth import get_user_model

    labels = {outcome_stats.NONE: gettext("No coach")}
    real = [int(i) for i in ids if i != outcome_stats.NONE]
    if suppressed:  # outsiders see no staff names
        for n, pk in enumerate(sorted(real), start=1):
            labels[str(pk)] = gettext("Coach %(number)s") % {"number": n}
        return labels
    for user in get_user_model().objects.filter(pk__in=real):
        labels[str(user.pk)] = user.get_full_name() or user.get_username()
    return labels


def _group_labels(ids: Sequence[str]) -> dict[str, str]:
    labels = {outcome_stats.NONE: gettext("Not in a group")}
    real = [int(i) for i in ids if i != outcome_stats.NONE]
    for pk, name in Group.objects.filter(pk__in=real).values_list("pk", "name"):
        labels[str(pk)] = name
    return labels


def _method_outcomes(suppressed: bool) -> tuple[str, ...]:
    lines = [
        gettext(
            "Started: the service started in the period. In service: the service was open on "
            "at least one day of the period. Ended: the service ended in the period."
        ),
        gettext(
            "A continuation path is work, education or another service recorded when the "
            "service ended. Follow-ups are those due six months after the end, in the period."
        ),
    ]
    if suppressed:
        lines.append(
            gettext(
                "Numbers under 5 are shown as “< 5”, and some other numbers are shown as "
                "“hidden” so that a small number cannot be worked out from the totals."
            )
        )
    return tuple(lines)


def build_outcome_report(
    records: Sequence[outcome_stats.OutcomeRecord],
    scope_org: Organisation,
    period: Period,
    *,
    project: Project | None,
    funder: str,
    suppress: bool,
    figures: outcome_stats.OutcomeFigures | None = None,
    cells: Mapping[tuple[str, ...], Cell] | None = None,
) -> OutcomeReport:
    """The report of `records`; `figures` and their protected `cells` when they are already
    computed (`build_funder_reports` protects both reports together)."""
    if figures is None:
        figures = outcome_stats.compute_outcomes(records, period)
    if cells is None:
        cells = figures.cells(suppress)
    lang = _lang()
    ended_label = gettext("Ended in the period")
    headline = _one_column(
        cells,
        "headline",
        gettext("People in the period"),
        gettext("Figure"),
        [
            ("started", ("started",), gettext("Started in the period")),
            ("active", ("active",), gettext("In service during the period")),
            ("ended", ("ended",), ended_label),
            ("found", ("found",), gettext("Ended with a continuation path")),
        ],
        None,
        shares=False,
        summary=_summary(cells),
    )
    paths = _one_column(
        cells,
        "paths",
        gettext("Continuation paths"),
        gettext("Continuation path"),
        [(k, ("path", k), str(PATH_LABELS[k])) for k in outcome_stats.PATH_KINDS],
        ("ended", ("ended",), ended_label),
        shares=True,
    )
    follow_ups = _one_column(
        cells,
        "follow_ups",
        gettext("Six-month follow-ups"),
        gettext("Result"),
        [
            (k, ("follow_up", k), str(FOLLOW_UP_LABELS[k]))
            for k in (*outcome_stats.FOLLOW_UP_RESULTS, outcome_stats.PENDING)
        ],
        ("due", ("follow_ups",), gettext("Follow-ups due in the period")),
        shares=True,
    )
    median = figures.median_days(suppress)
    time_notes: tuple[str, ...] = ()
    if isinstance(median, int):
        time_notes = (
            ngettext(
                "Median time in service: %(days)s day.",
                "Median time in service: %(days)s days.",
                median,
            )
            % {"days": median},
        )
    time_in_service = _one_column(
        cells,
        "time_in_service",
        gettext("Time in service"),
        gettext("Time in service"),
        [(b, ("band", b), str(BAND_LABELS[b])) for b, _limit in outcome_stats.TIME_BANDS],
        ("ended", ("ended",), ended_label),
        shares=True,
        notes=time_notes,
    )
    regions = {code: region_label(code, lang) for code in figures.members["region"]}
    cohorts = {c: month_label(c) for c in figures.members["cohort"]}
    return OutcomeReport(
        organisation_id=scope_org.pk,
        organisation_name=scope_org.name,
        project_id=project.pk if project else None,
        project_name=project.name if project else "",
        funder=funder,
        period=period,
        suppressed=suppress,
        language=lang,
        headline=headline,
        paths=paths,
        follow_ups=follow_ups,
        time_in_service=time_in_service,
        median_days=median,
        by_coach=_breakdown(
            cells,
            figures,
            "coach",
            gettext("By coach"),
            gettext("Coach"),
            _coach_labels(figures.members["coach"], suppress),
        ),
        by_group=_breakdown(
            cells,
            figures,
            "group",
            gettext("By peer group"),
            gettext("Group"),
            _group_labels(figures.members["group"]),
        ),
        by_region=_breakdown(
            cells, figures, "region", gettext("By region"), gettext("Region"), regions
        ),
        by_cohort=_breakdown(
            cells,
            figures,
            "cohort",
            gettext("By start month"),
            gettext("Start month"),
            cohorts,
        ),
        summary=headline.summary,
        method=_method_outcomes(suppress),
    )


def outcome_report(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool,
) -> OutcomeReport:
    """Outcome figures of the organisation (all its participants), of one project (its
    enrolled participants) or of a funder (the participants enrolled in the organisation's
    projects with that funder). Analysts always get suppressed figures."""
    suppress = report_access(user, organisation, suppress=suppress)
    if suppress:  # outsiders may see the ESF+ report too: the same marks in both
        return funder_reports(user, organisation, period, project=project, funder=funder)[0]
    scope = _scope(organisation, project, funder)
    records = outcome_records(scope.participants, period, kept=scope.kept)
    return build_outcome_report(
        records, organisation, period, project=project, funder=scope.funder, suppress=suppress
    )


# --- the ESF+ report ----------------------------------------------------------------------------


_ESF_FIELDS = (
    "id",
    "created_day",
    "intake__service_start",
    "esf__entry_date",
    "esf__labour_market_status",
    "esf__isced_level",
    "esf__age_band",
    "esf__gender_category",
    "esf__disability",
    "esf__minority",
    "esf__third_country_national",
    "esf__foreign_background",
    "esf__homeless",
    "esf__rural_area",
    "outcome__outcome_type",
    "outcome__date",
    "recorded_day",
    "outcome__qualification_gained",
    "outcome__follow_up__due",
    "outcome__follow_up__result",
)


def esf_records(
    participants: QuerySet[Participant],
    period: Period,
    entered: Mapping[int, date] | None,
    rows: Sequence[Mapping[str, Any]] | None = None,
    kept: QuerySet[PseudonymisedRecord] | None = None,
) -> list[esf_stats.EsfRecord]:
    """The plain records of the ESF+ indicators in two queries (participants with their
    intake, ESF+ entry data, outcome and follow-up; the special-categories consent).
    `rows` and `kept`: as in `outcome_records`."""
    catalogue = rules.outcomes()
    isced_group = rules.isced_group_of()
    if rows is None:
        rows = [
            *_with_days(_relevant(participants, period)).values(*_ESF_FIELDS),
            *pseudonymised.rows(kept, period),
        ]
    consenting = consented_ids(
        [row["id"] for row in rows], ConsentPurpose.SPECIAL_CATEGORIES, among=participants
    )
    records = []
    for row in rows:
        outcome = catalogue.get(row["outcome__outcome_type"] or "")
        if entered is not None:
            entry = entered.get(row["id"])
        else:
            entry = row["esf__entry_date"] or _start_of(row)
        level = row["esf__isced_level"]
        records.append(
            esf_stats.EsfRecord(
                id=row["id"],
                entered=entry,
                labour_market_status=row["esf__labour_market_status"] or "",
                age_band=row["esf__age_band"] or "",
                isced_group=isced_group.get(level, "") if level is not None else "",
                gender=row["esf__gender_category"] or "",
                special_consent=row["special_consent"]
                if "special_consent" in row
                else row["id"] in consenting,
                disability=row["esf__disability"],
                minority=row["esf__minority"],
                third_country_national=row["esf__third_country_national"],
                foreign_background=row["esf__foreign_background"],
                homeless=row["esf__homeless"],
                rural_area=row["esf__rural_area"],
                left=row["outcome__date"],
                left_recorded=row["recorded_day"],
                leaving_indicators=frozenset(outcome.result_indicators_on_leaving)
                if outcome
                else frozenset(),
                qualification_gained=bool(row["outcome__qualification_gained"]),
                follow_up_due=row["outcome__follow_up__due"],
                follow_up_result=row["outcome__follow_up__result"] or "",
            )
        )
    return records


def participant_rows(
    participants: QuerySet[Participant],
    period: Period,
    kept: QuerySet[PseudonymisedRecord] | None = None,
) -> list[dict[str, Any]]:
    """The rows both record lists read, in one query (both reports are read together), and
    the `kept` pseudonymised records of erased participants."""
    fields = dict.fromkeys((*_OUTCOME_FIELDS, *_ESF_FIELDS))
    return [
        *_with_days(_relevant(participants, period)).values(*fields),
        *pseudonymised.rows(kept, period),
    ]


def indicator_defs() -> list[esf_stats.IndicatorDef]:
    entry = [
        esf_stats.IndicatorDef(i.id, i.code, esf_stats.ENTRY, i.rule or {}, i.needs_own_consent)
        for i in rules.esf_entry_indicators().values()
    ]
    results = [
        esf_stats.IndicatorDef(
            i.id,
            i.code or "",
            esf_stats.ON_LEAVING if i.timing == "on_leaving" else esf_stats.SIX_MONTHS,
            i.rule or {},
        )
        for i in rules.outcomes().result_indicators.values()
    ]
    return [*entry, *results]


FINDING_MESSAGES = {
    "exclusive": _("Counted in more than one of %(codes)s, which exclude each other."),
    "subset": _("Counted in %(first)s but not in %(second)s."),
    "gender_sum": _(
        "Gender is other or not known, so women, men and non-binary do not add up to the total."
    ),
    "special_without_consent": _(
        "An answer on a special category is stored without the consent; it is not counted."
    ),
}


def _esf_row(
    cells: Mapping[tuple[str, ...], Cell],
    key: tuple[str, ...],
    row_id: str,
    label: str,
    code: str = "",
    verified: bool = True,
) -> ReportRow:
    values = tuple(_cell(cells[(*key, c)]) for c in esf_stats.COLUMNS)
    note = "" if verified or not code else gettext("Code not verified")
    return ReportRow(row_id, label, values, code, verified, note)


def compute_esf_figures(
    records: Sequence[esf_stats.EsfRecord], period: Period
) -> esf_stats.EsfFigures:
    catalogue = rules.outcomes()
    validation = rules.esf_validation_rules()
    return esf_stats.compute_esf(
        records,
        period,
        indicator_defs(),
        validation=[esf_stats.ValidationDef(v.id, v.kind, v.codes) for v in validation],
        exclusive_groups=rules.esf_exclusive_groups(),
        reference_days=catalogue.reference_period_days,
    )


def build_esf_report(
    records: Sequence[esf_stats.EsfRecord],
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None,
    funder: str,
    suppress: bool,
    figures: esf_stats.EsfFigures | None = None,
    cells: Mapping[tuple[str, ...], Cell] | None = None,
) -> EsfReport:
    """The report of `records`; `figures` and their protected `cells` when they are already
    computed (`build_funder_reports` protects both reports together)."""
    catalogue = rules.outcomes()
    validation = rules.esf_validation_rules()
    if figures is None:
        figures = compute_esf_figures(records, period)
    if cells is None:
        cells = figures.cells(suppress)
    lang = _lang()
    columns = tuple(ReportColumn(c, str(GENDER_LABELS[c])) for c in esf_stats.COLUMNS)
    entry_defs = rules.esf_entry_indicators()
    entry_rows = tuple(
        _esf_row(cells, ("ind", i.id), i.id, i.label.get(lang), i.code, i.code_verified)
        for i in entry_defs.values()
    )
    special_rows = []
    for i in entry_defs.values():
        if not i.needs_own_consent:
            continue
        special_rows.append(
            _esf_row(
                cells,
                ("special", i.id, esf_stats.DECLINED),
                f"{i.id}_declined",
                gettext("%(indicator)s: declined to answer") % {"indicator": i.label.get(lang)},
                i.code,
                i.code_verified,
            )
        )
        special_rows.append(
            _esf_row(
                cells,
                ("special", i.id, esf_stats.NOT_ASKED),
                f"{i.id}_not_asked",
                gettext("%(indicator)s: not asked (no consent)") % {"indicator": i.label.get(lang)},
                i.code,
                i.code_verified,
            )
        )
    result_rows = [
        _esf_row(cells, ("base", "left"), "left", gettext("Left in the period")),
        _esf_row(
            cells,
            ("base", "left_in_time"),
            "left_in_time",
            gettext("Continuation path recorded within 4 weeks of leaving"),
        ),
        _esf_row(
            cells,
            ("base", "left_late"),
            "left_late",
            gettext("Continuation path recorded later (not an immediate result)"),
        ),
    ]
    six_rows = [
        _esf_row(
            cells,
            ("base", "follow_up_due"),
            "follow_up_due",
            gettext("Six-month follow-up due in the period"),
        )
    ]
    for r in catalogue.result_indicators.values():
        row = _esf_row(cells, ("ind", r.id), r.id, r.label.get(lang), r.code or "", r.code_verified)
        (result_rows if r.timing == "on_leaving" else six_rows).append(row)
    notes = {v.id: v.note.get(lang) for v in validation}
    findings = []
    for f in figures.findings:
        if f.kind == "subset":
            message = str(FINDING_MESSAGES["subset"]) % {
                "first": f.codes[0],
                "second": f.codes[1],
            }
        else:
            message = str(FINDING_MESSAGES[f.kind]) % {"codes": ", ".join(f.codes)}
        if notes.get(f.id):  # the rule the finding breaks, named as a rule (not as a fact)
            message = f"{message} " + gettext("The rule: %(rule)s") % {"rule": notes[f.id]}
        findings.append(
            ValidationFinding(f.id, f.kind, f.codes, figures.finding_people(f, suppress), message)
        )
    ref_note = catalogue.reference_period_note.get(lang) if catalogue.reference_period_note else ""
    method = [
        gettext(
            "Participants on entry: those who entered in the period. Results on leaving: those "
            "who left in the period. Six-month results: those whose follow-up fell due in the "
            "period."
        ),
        ref_note,
        gettext(
            "Disability and minority are counted only for people who gave the consent for "
            "special categories of data; “declined to answer” and “not asked” are counted "
            "apart."
        ),
        gettext("Codes marked “not verified” have not been checked against the official list."),
    ]
    if suppress:
        method.append(str(_method_outcomes(True)[-1]))
    total = cells.get(("ind", "total_participants", "total"))
    summary: tuple[str, ...] = ()
    if isinstance(total, int):
        summary = (
            ngettext(
                "%(count)s participant entered in the period.",
                "%(count)s participants entered in the period.",
                total,
            )
            % {"count": total},
        )
    return EsfReport(
        organisation_id=organisation.pk,
        organisation_name=organisation.name,
        project_id=project.pk if project else None,
        project_name=project.name if project else "",
        funder=funder,
        period=period,
        suppressed=suppress,
        language=lang,
        reference_period_days=catalogue.reference_period_days,
        entry=FigureTable(
            "entry",
            gettext("Participants on entry"),
            gettext("Indicator"),
            columns,
            entry_rows,
            None,
            summary,
        ),
        special=FigureTable(
            "special",
            gettext("Special categories: not counted"),
            gettext("Indicator"),
            columns,
            tuple(special_rows),
        ),
        results=FigureTable(
            "results",
            gettext("Results"),
            gettext("Indicator"),
            columns,
            (*result_rows, *six_rows),
        ),
        findings=tuple(findings),
        method=tuple(m for m in method if m),
        summary=summary,
    )


def esf_report(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool,
) -> EsfReport:
    """ESF+ common indicators of the same population as `outcome_report`."""
    suppress = report_access(user, organisation, suppress=suppress)
    if suppress:  # outsiders may see the outcome report too: the same marks in both
        return funder_reports(user, organisation, period, project=project, funder=funder)[1]
    scope = _scope(organisation, project, funder)
    records = esf_records(scope.participants, period, scope.entered, kept=scope.kept)
    return build_esf_report(
        records, organisation, period, project=project, funder=scope.funder, suppress=suppress
    )


def build_funder_reports(
    outcome_rows: Sequence[outcome_stats.OutcomeRecord],
    esf_rows: Sequence[esf_stats.EsfRecord],
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None,
    funder: str,
    suppress: bool,
) -> tuple[OutcomeReport, EsfReport]:
    """Both reports of the same people. Suppressed, they are protected together
    (`kohtaanto.stats.joint`): they share counts (ended = left, the six-month follow-ups),
    and a count hidden in one only to protect a small one must not be shown in the other."""
    figures_o = outcome_stats.compute_outcomes(outcome_rows, period)
    figures_e = compute_esf_figures(esf_rows, period)
    cells_o: Mapping[tuple[str, ...], Cell] | None = None
    cells_e: Mapping[tuple[str, ...], Cell] | None = None
    if suppress:
        cells_o, cells_e = joint_stats.protect_reports(figures_o, figures_e, indicator_defs())
    common: dict[str, Any] = {"project": project, "funder": funder, "suppress": suppress}
    return (
        build_outcome_report(
            outcome_rows, organisation, period, figures=figures_o, cells=cells_o, **common
        ),
        build_esf_report(
            esf_rows, organisation, period, figures=figures_e, cells=cells_e, **common
        ),
    )


def funder_reports(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool = True,
) -> tuple[OutcomeReport, EsfReport]:
    """The outcome report and the ESF+ report, protected together when suppressed (the
    funder report, the analyst's pages, downloads and the API all read them so)."""
    suppress = report_access(user, organisation, suppress=suppress)
    scope = _scope(organisation, project, funder)
    rows = participant_rows(scope.participants, period, scope.kept)
    return build_funder_reports(
        outcome_records(scope.participants, period, rows),
        esf_records(scope.participants, period, scope.entered, rows),
        organisation,
        period,
        project=project,
        funder=scope.funder,
        suppress=suppress,
    )


# --- the monitoring file ---------------------------------------------------------------------

MONITORING_FIELDS: tuple[str, ...] = (
    "participant_id",
    "project_code",
    "entry_date",
    "leaving_date",
    "gender",
    "age_band",
    "labour_market_status",
    "isced_level",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
    "rural_area",
    "result_codes_on_leaving",
    "qualification_gained",
    "follow_up_result",
)
"""The fields of the participant-level file, in order. No names, contact details or birth
dates: the participant id lets the coordinator find the person in Kohtaanto."""

MONITORING_HEADERS = {
    "participant_id": _("Participant number"),
    "project_code": _("Project code"),
    "entry_date": _("Entry date"),
    "leaving_date": _("Leaving date"),
    "gender": _("Gender"),
    "age_band": _("Age band"),
    "labour_market_status": _("Labour-market status on entry"),
    "isced_level": _("ISCED level"),
    "disability": _("Disability"),
    "third_country_national": _("Third-country national"),
    "foreign_background": _("Foreign background"),
    "minority": _("Minority"),
    "homeless": _("Homeless or housing exclusion"),
    "rural_area": _("Rural area"),
    "result_codes_on_leaving": _("Result codes on leaving"),
    "qualification_gained": _("Gained a qualification"),
    "follow_up_result": _("Six-month result"),
}


def monitoring_headers() -> list[str]:
    return [str(MONITORING_HEADERS[f]) for f in MONITORING_FIELDS]


def _yes_no(value: bool | None, consent: bool = True) -> str:
    if not consent:
        return "not_asked"
    if value is None:
        return "declined" if consent else ""
    return "yes" if value else "no"


def monitoring_rows(
    user: Any,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
) -> list[dict[str, Any]]:
    """Coordinators only: one dict per participant who entered or left in the period (keys
    `MONITORING_FIELDS`, stable codes rather than labels). Special categories only with the
    consent ("not_asked" without it, "declined" for no answer). The caller audits the export."""
    require_coordinator(user, organisation)
    scope = _scope(organisation, project, None)
    catalogue = rules.outcomes()
    rows: list[dict[str, Any]] = []
    pseudonyms = dict(scope.kept.values_list("id", "pseudonym")) if scope.kept is not None else {}
    for record in esf_records(scope.participants, period, scope.entered, kept=scope.kept):
        entered = record.entered is not None and record.entered in period
        left = record.left is not None and record.left in period
        if not (entered or left):
            continue
        codes = sorted(
            catalogue.result_indicators[i].code or ""
            for i in record.leaving_indicators
            if i in catalogue.result_indicators
            and esf_stats.in_time(record, catalogue.reference_period_days)
        )
        rows.append(
            {
                # an erased participant by their pseudonym (no number to look up)
                "participant_id": record.id if record.id > 0 else pseudonyms[-record.id],
                "project_code": project.code if project else "",
                "entry_date": record.entered.isoformat() if record.entered else "",
                "leaving_date": record.left.isoformat() if record.left else "",
                "gender": record.gender,
                "age_band": record.age_band,
                "labour_market_status": record.labour_market_status,
                "isced_level": record.isced_group,
                "disability": _yes_no(record.disability, record.special_consent),
                "third_country_national": _yes_no(record.third_country_national),
                "foreign_background": _yes_no(record.foreign_background),
                "minority": _yes_no(record.minority, record.special_consent),
                "homeless": _yes_no(record.homeless),
                "rural_area": _yes_no(record.rural_area),
                "result_codes_on_leaving": " ".join(c for c in codes if c),
                "qualification_gained": "yes" if record.qualification_gained else "no",
                "follow_up_result": record.follow_up_result,
            }
        )
    rows.sort(
        key=lambda r: (isinstance(r["participant_id"], str), str(r["participant_id"]).zfill(20))
    )
    return rows


# --- for the operator's CLI (no user: the caller audits as the system) ------------------------


def system_report(
    report: str,
    organisation: Organisation,
    period: Period,
    *,
    project: Project | None = None,
    funder: str | None = None,
    suppress: bool = True,
) -> OutcomeReport | EsfReport:
    """`report` "outcomes" or "esf" for `kohtaanto report` run by the operator on the server
    (who can read the database anyway); the CLI audits it as an export by the system."""
    scope = _scope(organisation, project, funder)
    if suppress:  # the same marks as every other suppressed report of these people
        rows = participant_rows(scope.participants, period, scope.kept)
        reports = build_funder_reports(
            outcome_records(scope.participants, period, rows),
            esf_records(scope.participants, period, scope.entered, rows),
            organisation,
            period,
            project=project,
            funder=scope.funder,
            suppress=True,
        )
        return reports[1] if report == "esf" else reports[0]
    if report == "esf":
        return build_esf_report(
            esf_records(scope.participants, period, scope.entered, kept=scope.kept),
            organisation,
            period,
            project=project,
            funder=scope.funder,
            suppress=suppress,
        )
    return build_outcome_report(
        outcome_records(scope.participants, period, kept=scope.kept),
        organisation,
        period,
        project=project,
        funder=scope.funder,
        suppress=suppress,
    )


def report_as_dict(report: OutcomeReport | EsfReport) -> dict[str, Any]:
    """A plain JSON-ready form of a report (the CLI's --format json and the API)."""

    def table(t: FigureTable) -> dict[str, Any]:
        def row(r: ReportRow) -> dict[str, Any]:
            return {
                "id": r.id,
                "label": r.label,
                "code": r.code,
                "code_verified": r.code_verified,
                "note": r.note,
                "cells": {
                    c.id: {"value": cell.value, "share": cell.share}
                    for c, cell in zip(t.columns, r.cells, strict=True)
                },
            }

        return {
            "id": t.id,
            "title": t.title,
            "columns": [{"id": c.id, "label": c.label} for c in t.columns],
            "rows": [row(r) for r in t.rows],
            "total": row(t.total) if t.total is not None else None,
            "summary": list(t.summary),
            "notes": list(t.notes),
        }

    data: dict[str, Any] = {
        "report": "esf" if isinstance(report, EsfReport) else "outcomes",
        "organisation": report.organisation_id,
        "project": report.project_id,
        "funder": report.funder,
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "suppressed": report.suppressed,
        "language": report.language,
        "summary": list(report.summary),
        "method": list(report.method),
        "tables": [table(t) for t in report.tables],
    }
    if isinstance(report, OutcomeReport):
        data["median_days"] = report.median_days
    else:
        data["reference_period_days"] = report.reference_period_days
        data["findings"] = [
            {
                "id": f.id,
                "kind": f.kind,
                "codes": list(f.codes),
                "people": f.people,
                "message": f.message,
            }
            for f in report.findings
        ]
    return data
