"""The work-trial rule book: the rule files and their versions, each rule at its boundaries,
the texts in fi/sv/en, the indexed check against the naive one, and the expense allowance.

Dates are built in next year (or the next leap / common year) so that the calendar shapes the
tests rely on (1.3.–31.8., a February) hold at every test clock; the dates that choose a rule
set are the dates the law changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from calendar import isleap, monthrange
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaanto.trials import rulebook
from kohtaanto.trials.rulebook import (
    DATES_ORDER,
    DAYS_PER_WEEK,
    EDUCATION_DAYS,
    EDUCATION_TRIAL,
    FIX_PARAMS,
    HOURS_PER_DAY,
    LANGS,
    MUNICIPALITY_SAME_ORGANISER,
    MUNICIPALITY_SAME_TASKS,
    NO_ROOM_RULES,
    ORGANISER_BUSINESS_ID,
    ORGANISER_KIND,
    RULE_IDS,
    SAME_ORGANISER,
    TOTAL,
    WORK_TRIAL,
    Organiser,
    RuleIndex,
    TrialPeriod,
    TrialPlan,
    TrialRulesError,
    Violation,
    allowance,
    allowance_days,
    available_versions,
    check,
    check_many,
    check_naive,
    load_rules,
    planned_days,
    rules_for,
    span_units,
    valid_business_id,
)

RULES = load_rules("tyokokeilu-2025-01")
Y = date.today().year + 1
NOKIA = "0112038-9"  # a real business ID with a right check digit
ACME = Organiser("org:1", "company", NOKIA)
OTHER = Organiser("org:2", "association")
TOWN = Organiser("kunta:286", "municipality")


def plan(
    start: date,
    end: date,
    organiser: Organiser = ACME,
    *,
    kind: str = WORK_TRIAL,
    tasks: str = "kitchen",
    days: int = 5,
    hours: str = "6",
    shift: bool = False,
) -> TrialPlan:
    return TrialPlan(kind, organiser, tasks, start, end, days, Decimal(hours), shift)


def period(
    start: date, end: date, organiser: Organiser = ACME, tasks: str = "kitchen"
) -> TrialPeriod:
    return TrialPeriod(WORK_TRIAL, organiser.key, organiser.kind, tasks, start, end)


def ids(found: list[Violation]) -> list[str]:
    return [v.rule_id for v in found]


def common_year() -> int:
    return next(y for y in range(Y, Y + 8) if not isleap(y))


def leap_year() -> int:
    return next(y for y in range(Y, Y + 8) if isleap(y))


def monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


# --- the rule files --------------------------------------------------------------------------


def test_both_rule_sets_ship_and_the_newest_is_the_default() -> None:
    assert available_versions() == ["tyokokeilu-2023", "tyokokeilu-2025-01"]
    assert load_rules().version == "tyokokeilu-2025-01"
    assert load_rules().valid_from == date(2025, 1, 1)


def test_the_rule_set_is_chosen_by_the_day_the_law_changed() -> None:
    assert rules_for(date(2024, 12, 31)).version == "tyokokeilu-2023"
    assert rules_for(date(2025, 1, 1)).version == "tyokokeilu-2025-01"
    assert rules_for(date(2023, 1, 1)).version == "tyokokeilu-2023"
    assert rules_for(date.today() + timedelta(days=400)).version == "tyokokeilu-2025-01"
    with pytest.raises(TrialRulesError, match="no work-trial rules are valid on 2022-12-31"):
        rules_for(date(2022, 12, 31))


def test_the_limits_of_the_issue() -> None:
    limits = RULES.limits
    assert (limits.total_months, limits.same_organiser_months) == (12, 6)
    assert limits.municipality_same_organiser_months == 12
    assert limits.municipality_same_tasks_months == 6
    assert (limits.max_days_per_week, limits.min_hours_per_day, limits.max_hours_per_day) == (
        5,
        Decimal(4),
        Decimal(8),
    )
    assert limits.allowance_eur_per_day == Decimal("9.00")
    assert limits.allowance_outside_commuting_eur_per_day == Decimal("18.00")
    assert limits.education_trial_max_days == 10
    assert RULES.allowed_organiser_kinds == {
        "company",
        "municipality",
        "association",
        "foundation",
        "state_agency",
        "workshop",
    }


@pytest.mark.parametrize("version", ["tyokokeilu-2023", "tyokokeilu-2025-01"])
def test_every_rule_has_a_source_and_the_set_says_when_it_was_checked(version: str) -> None:
    rules = load_rules(version)
    assert set(rules.rules) == set(RULE_IDS)
    assert rules.checked_on >= rules.valid_from
    for rule in rules.rules.values():
        assert rule.source in rules.sources
        assert rule.source.url.startswith("https://")
        assert rule.section and rule.source.title in rule.source_title
    law = "(380/2023)" if version == "tyokokeilu-2025-01" else "(916/2012)"
    assert law in rules.rule(TOTAL).source_title
    assert "1290/2002" in rules.rule(rulebook.ALLOWANCE).source_title
    assert set(rules.month_counting) == set(LANGS)


def _sample_params(rule_id: str) -> dict[str, str | int]:
    values: dict[str, str | int] = {
        "kind": "private_person",
        "business_id": "123",
        "start": "2030-03-02",
        "end": "2030-03-01",
        "days": 6,
        "hours": "8.5",
        "used_months": 5,
        "used_days": 12,
        "latest_end": "2030-08-31",
        "planned_days": 12,
    }
    params = RULES.limit_params(rule_id)
    params.update({k: values[k] for k in FIX_PARAMS[rule_id] if k in values})
    return params


@pytest.mark.parametrize("version", ["tyokokeilu-2023", "tyokokeilu-2025-01"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_text_renders_with_no_placeholder_left(version: str, lang: str) -> None:
    rules = load_rules(version)
    for rule_id in RULE_IDS:
        params = _sample_params(rule_id)
        found = rules.violation(rule_id, params)
        texts = [rules.title(rule_id, lang), found.title(lang), found.fix(lang)]
        if rule_id in NO_ROOM_RULES:
            del params["latest_end"]
            texts.append(rules.violation(rule_id, params).fix(lang))
        for text in texts:
            assert text.strip() and "{" not in text and "}" not in text, (rule_id, text)


def test_texts_show_dates_and_decimals_the_local_way() -> None:
    found = RULES.violation(HOURS_PER_DAY, {**RULES.limit_params(HOURS_PER_DAY), "hours": "8.5"})
    assert "8,5 tuntia" in found.fix("fi") and "8,5 timmar" in found.fix("sv")
    assert "8.5-hour" in found.fix("en")
    total = RULES.violation(TOTAL, _sample_params(TOTAL))
    assert "viimeistään 31.8.2030" in total.fix("fi")
    assert "senast 31.8.2030" in total.fix("sv")
    assert "5 kk 12 pv" in total.fix("fi")
    assert total.title("de") == total.title("fi")  # unknown languages fall back to Finnish


def test_a_stored_finding_renders_again_from_its_rule_and_params() -> None:
    found = check(plan(date(Y, 3, 1), date(Y, 9, 1)), [], RULES)
    again = [RULES.violation(v.rule_id, v.params) for v in found]
    assert again == found
    assert [v.fix("sv") for v in again] == [v.fix("sv") for v in found]
    assert again[0].rules_version == "tyokokeilu-2025-01"
    with pytest.raises(TrialRulesError, match="no rule 'nope'"):
        RULES.violation("nope", {})


# --- malformed files -------------------------------------------------------------------------


def _copy(tmp_path: Path, change: Any = None, as_version: str = "tyokokeilu-2025-01") -> Path:
    source = rulebook.DATA_DIR / "trial-rules-tyokokeilu-2025-01.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    target = tmp_path / f"trial-rules-{as_version}.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def _rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["rules"] if r["id"] == rule_id)
    return found


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"].pop(), "missing rules: allowance.days_attended"),
        (
            lambda d: _rule(d, TOTAL)["texts"]["sv"].update(fix="Senast {last_day}."),
            r"rules\[5\]\.texts\.sv\.fix: unknown placeholders: last_day",
        ),
        (
            lambda d: _rule(d, TOTAL)["texts"].pop("sv"),
            r"rules\[5\]\.texts\.sv: expected an object",
        ),
        (
            lambda d: _rule(d, TOTAL)["texts"]["fi"].pop("fix_no_room"),
            r"texts\.fi\.fix_no_room: expected a non-empty text",
        ),
        (
            lambda d: _rule(d, TOTAL).update(source="nowhere"),
            "no source 'nowhere' in sources",
        ),
        (lambda d: d["limits"].update(total_months="12"), "limits.total_months: must be"),
        (
            lambda d: d["limits"].update(allowance_eur_per_day=9),
            r'limits.allowance_eur_per_day: must be a decimal in a string \("9.00"\)',
        ),
        (lambda d: d.update(valid_from="1.1.2025"), "valid_from: expected a date"),
        (
            lambda d: d["organiser_kinds"]["allowed"].append("private_person"),
            "a private person cannot organise a trial",
        ),
        (lambda d: d["sources"][0].update(url="finlex.fi"), r"expected an https:// address"),
        (lambda d: d.update(version="tyokokeilu-2099"), "does not match the file name"),
    ],
)
def test_a_malformed_rule_file_is_refused_with_the_place_named(
    tmp_path: Path, change: Any, message: str
) -> None:
    folder = _copy(tmp_path, change)
    with pytest.raises(TrialRulesError, match=message):
        load_rules("tyokokeilu-2025-01", directory=folder)


def test_unreadable_and_missing_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(TrialRulesError, match="no work-trial rule files"):
        available_versions(tmp_path)
    (tmp_path / "trial-rules-broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(TrialRulesError, match="cannot read work-trial rules trial-rules-broken"):
        load_rules(directory=tmp_path)
    with pytest.raises(TrialRulesError, match="no work-trial rules 'nope'"):
        load_rules("nope")


def test_a_new_rule_file_takes_over_from_its_valid_from(tmp_path: Path) -> None:
    later = max(date.today(), date(2025, 1, 1)) + timedelta(days=30)

    def future(data: dict[str, Any]) -> None:
        data["version"] = "tyokokeilu-future"
        data["valid_from"] = later.isoformat()
        data["limits"]["education_trial_max_days"] = 15

    _copy(tmp_path)
    _copy(tmp_path, future, as_version="tyokokeilu-future")
    assert available_versions(tmp_path) == ["tyokokeilu-2025-01", "tyokokeilu-future"]
    assert rules_for(later - timedelta(days=1), tmp_path).version == "tyokokeilu-2025-01"
    newer = rules_for(later, tmp_path)
    assert newer.version == "tyokokeilu-future" == load_rules(directory=tmp_path).version
    assert newer.limits.education_trial_max_days == 15


# --- months ----------------------------------------------------------------------------------


def test_months_are_calendar_months_from_the_first_day() -> None:
    def units(start: date, end: date) -> int:
        return span_units(start.toordinal(), end.toordinal())

    assert units(date(Y, 3, 1), date(Y, 8, 31)) == 6 * 30
    assert units(date(Y, 3, 1), date(Y, 9, 1)) == 6 * 30 + 1
    assert units(date(Y, 3, 15), date(Y, 9, 14)) == 6 * 30
    assert units(date(Y, 3, 1), date(Y, 3, 1)) == 1
    assert units(date(Y, 1, 1), date(Y, 12, 31)) == 12 * 30
    feb = common_year()
    assert units(date(feb, 1, 31), date(feb, 2, 27)) == 30  # 31.1. + 1 month = 28.2.
    assert units(date(feb, 2, 1), date(feb, 2, 28)) == 30
    leap = leap_year()
    assert units(date(leap, 2, 1), date(leap, 2, 28)) == 28
    assert units(date(leap, 2, 1), date(leap, 2, 29)) == 30


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


@given(st.dates(date(2020, 1, 1), date(2035, 12, 31)), st.integers(0, 800), st.integers(1, 24))
def test_whole_months_count_30_and_a_longer_stretch_never_counts_less(
    start: date, length: int, months: int
) -> None:
    first = start.toordinal()
    assert span_units(first, first + length + 1) >= span_units(first, first + length)
    last = add_months(start, months) - timedelta(days=1)
    assert span_units(first, last.toordinal()) == 30 * months


def test_exactly_six_months_with_the_same_organiser_is_fine_one_day_more_is_not() -> None:
    assert check(plan(date(Y, 3, 1), date(Y, 8, 31)), [], RULES) == []
    assert check(plan(date(Y, 3, 15), date(Y, 9, 14)), [], RULES) == []
    found = check(plan(date(Y, 3, 1), date(Y, 9, 1)), [], RULES)
    assert ids(found) == [SAME_ORGANISER]
    assert found[0].params == {
        "limit_months": 6,
        "used_months": 0,
        "used_days": 0,
        "latest_end": f"{Y}-08-31",
    }
    assert found[0].fix("fi") == (
        "Henkilö on ollut tämän järjestäjän työkokeilussa jo 0 kk 0 pv. Lyhennä kokeilua niin, "
        f"että se päättyy viimeistään 31.8.{Y}, tai valitse toinen järjestäjä."
    )
    assert found[0].source_url.startswith("https://www.finlex.fi/")


def test_earlier_trials_with_the_organiser_count_and_overlaps_count_once() -> None:
    history = [
        period(date(Y - 1, 1, 1), date(Y - 1, 2, 28)),
        period(date(Y - 1, 2, 1), date(Y - 1, 3, 31)),  # overlaps the first: Jan–Mar, 3 months
        period(date(Y - 1, 5, 1), date(Y - 1, 6, 30), OTHER),  # another organiser
    ]
    assert check(plan(date(Y, 3, 1), date(Y, 5, 31)), history, RULES) == []
    found = check(plan(date(Y, 3, 1), date(Y, 6, 1)), history, RULES)
    assert ids(found) == [SAME_ORGANISER]
    assert found[0].params["used_months"] == 3
    assert found[0].params["latest_end"] == f"{Y}-05-31"


def test_twelve_months_in_all_is_fine_one_day_more_is_not() -> None:
    history = [
        period(date(Y - 1, 1, 1), date(Y - 1, 6, 30), OTHER),
        period(date(Y - 1, 7, 1), date(Y - 1, 9, 30), TOWN),
    ]
    assert check(plan(date(Y, 1, 1), date(Y, 3, 31)), history, RULES) == []
    found = check(plan(date(Y, 1, 1), date(Y, 4, 1)), history, RULES)
    assert ids(found) == [TOTAL]
    assert found[0].params == {
        "limit_months": 12,
        "used_months": 9,
        "used_days": 0,
        "latest_end": f"{Y}-03-31",
    }


def test_with_the_year_used_up_no_end_date_helps_and_the_text_says_so() -> None:
    history = [period(date(Y - 1, 1, 1), date(Y - 1, 12, 31), OTHER)]
    found = check(plan(date(Y, 2, 1), date(Y, 2, 28)), history, RULES)
    assert ids(found) == [TOTAL]
    assert "latest_end" not in found[0].params
    assert "uutta työkokeilua ei voi sopia" in found[0].fix("fi")
    assert "en ny arbetsprövning kan inte avtalas" in found[0].fix("sv")


def test_a_municipality_may_have_twelve_months_but_six_in_the_same_tasks() -> None:
    history = [period(date(Y - 1, 1, 1), date(Y - 1, 6, 30), TOWN, "parks")]
    assert (
        check(plan(date(Y - 1, 7, 1), date(Y - 1, 12, 31), TOWN, tasks="library"), history, RULES)
        == []
    )
    found = check(plan(date(Y - 1, 7, 1), date(Y - 1, 7, 1), TOWN, tasks="parks"), history, RULES)
    assert ids(found) == [MUNICIPALITY_SAME_TASKS]
    assert "latest_end" not in found[0].params
    assert "Sovi kunnan kanssa muista tehtävistä" in found[0].fix("fi")
    found = check(plan(date(Y - 1, 7, 1), date(Y, 1, 1), TOWN, tasks="library"), history, RULES)
    assert ids(found) == [TOTAL, MUNICIPALITY_SAME_ORGANISER, MUNICIPALITY_SAME_TASKS]
    assert {v.params["latest_end"] for v in found} == {f"{Y - 1}-12-31"}


def test_education_trials_count_in_no_month_limit() -> None:
    history = [
        TrialPeriod(
            EDUCATION_TRIAL, ACME.key, "company", "x", date(Y - 1, 1, 1), date(Y - 1, 12, 31)
        )
    ]
    assert check(plan(date(Y, 3, 1), date(Y, 8, 31)), history, RULES) == []


def test_a_history_period_ending_before_it_starts_is_ignored() -> None:
    history = [period(date(Y - 1, 12, 31), date(Y - 1, 1, 1))]
    assert check(plan(date(Y, 3, 1), date(Y, 8, 31)), history, RULES) == []


# --- organiser, dates and schedule -----------------------------------------------------------


def test_a_private_person_or_an_unknown_kind_cannot_organise() -> None:
    for kind in ("private_person", "family"):
        found = check(plan(date(Y, 3, 1), date(Y, 3, 31), Organiser("p", kind)), [], RULES)
        assert ids(found) == [ORGANISER_KIND] and found[0].params["kind"] == kind
    assert "ei yksityishenkilö" in found[0].title("fi")


def test_a_company_needs_a_valid_business_id_other_organisers_do_not() -> None:
    for business_id in ("", "0112038-8", "112038-9", "abc"):
        company = Organiser("c", "company", business_id)
        found = check(plan(date(Y, 3, 1), date(Y, 3, 31), company), [], RULES)
        assert ids(found) == [ORGANISER_BUSINESS_ID]
    assert (
        check(
            plan(date(Y, 3, 1), date(Y, 3, 31), Organiser("c", "company", " 0112038-9 ")), [], RULES
        )
        == []
    )
    for kind in ("association", "foundation", "workshop", "state_agency", "municipality"):
        assert check(plan(date(Y, 3, 1), date(Y, 3, 31), Organiser("o", kind)), [], RULES) == []


def test_business_id_check_digit() -> None:
    assert valid_business_id(NOKIA) and valid_business_id("2617416-4")
    assert not valid_business_id("2617416-5")
    assert not valid_business_id("0000001-1")  # remainder 1: no business ID has it
    assert valid_business_id("0000000-0")


def test_a_trial_that_ends_before_it_starts_is_named_and_not_measured() -> None:
    found = check(plan(date(Y, 9, 1), date(Y, 3, 1)), [], RULES)
    assert ids(found) == [DATES_ORDER]
    assert found[0].fix("fi") == (
        f"Alkupäiväksi on merkitty 1.9.{Y} ja loppupäiväksi 1.3.{Y}. Korjaa päivämäärät."
    )


@pytest.mark.parametrize(("days", "broken"), [(0, True), (1, False), (5, False), (6, True)])
def test_one_to_five_days_a_week(days: int, broken: bool) -> None:
    found = check(plan(date(Y, 3, 1), date(Y, 3, 31), days=days), [], RULES)
    assert ids(found) == ([DAYS_PER_WEEK] if broken else [])


@pytest.mark.parametrize(
    ("hours", "broken"), [("3.5", True), ("4", False), ("7.5", False), ("8", False), ("8.5", True)]
)
@pytest.mark.parametrize("shift", [False, True])
def test_four_to_eight_hours_a_day_also_in_shift_work(
    hours: str, broken: bool, shift: bool
) -> None:
    found = check(plan(date(Y, 3, 1), date(Y, 3, 31), hours=hours, shift=shift), [], RULES)
    assert ids(found) == ([HOURS_PER_DAY] if broken else [])
    if broken:
        assert found[0].params["hours"] == hours


def test_education_trial_of_ten_planned_days_is_fine_eleven_is_not() -> None:
    monday = monday_on_or_after(date(Y, 3, 1))
    friday = monday + timedelta(days=11)
    trial = plan(monday, friday, kind=EDUCATION_TRIAL, hours="3")  # hours: not a work trial
    assert planned_days(monday, friday, 5) == 10
    assert check(trial, [], RULES) == []
    found = check(plan(monday, friday + timedelta(days=3), kind=EDUCATION_TRIAL), [], RULES)
    assert ids(found) == [EDUCATION_DAYS]
    assert found[0].params == {
        "max_days": 10,
        "planned_days": 11,
        "latest_end": (friday + timedelta(days=2)).isoformat(),  # the Sunday after
    }
    weeks = plan(monday, monday + timedelta(days=27), kind=EDUCATION_TRIAL, days=3)
    assert check(weeks, [], RULES)[0].params["planned_days"] == 12


def test_planned_days_count_weekends_only_with_shift_work() -> None:
    saturday = monday_on_or_after(date(Y, 3, 1)) + timedelta(days=5)
    assert planned_days(saturday, saturday + timedelta(days=1), 5) == 0
    assert planned_days(saturday, saturday + timedelta(days=1), 5, weekends=True) == 2
    monday = saturday + timedelta(days=2)
    assert planned_days(monday, monday + timedelta(days=6), 3, weekends=True) == 3
    assert planned_days(monday, monday - timedelta(days=1), 5) == 0


# --- the expense allowance -------------------------------------------------------------------


def test_the_allowance_is_counted_for_days_attended_only() -> None:
    assert allowance(10, False, RULES) == Decimal("90.00")
    assert allowance(10, True, RULES) == Decimal("180.00")
    assert allowance(0, True, RULES) == Decimal("0.00")
    with pytest.raises(ValueError, match="negative"):
        allowance(-1, False, RULES)
    monday = monday_on_or_after(date(Y, 3, 1))
    week = [monday + timedelta(days=n) for n in range(7)]  # seven days attended in one week
    attended = [*week, week[0], monday - timedelta(days=1), monday + timedelta(days=7)]
    assert allowance_days(attended, monday, monday + timedelta(days=6), RULES) == 5
    assert allowance_days(attended, monday, monday + timedelta(days=7), RULES) == 6
    assert allowance_days([], monday, monday, RULES) == 0


# --- the index and the naive check agree -----------------------------------------------------

ORGANISERS = [
    ACME,
    OTHER,
    TOWN,
    Organiser("kunta:091", "municipality"),
    Organiser("org:3", "company", ""),
    Organiser("pp", "private_person"),
]
BASE = date(Y, 1, 1)


@st.composite
def periods(draw: st.DrawFn) -> TrialPeriod:
    organiser = draw(st.sampled_from(ORGANISERS[:4]))
    start = BASE + timedelta(days=draw(st.integers(-900, 300)))
    end = start + timedelta(days=draw(st.integers(-5, 300)))
    kind = draw(st.sampled_from([WORK_TRIAL, WORK_TRIAL, WORK_TRIAL, EDUCATION_TRIAL]))
    tasks = draw(st.sampled_from(["kitchen", "parks", "library"]))
    return TrialPeriod(kind, organiser.key, organiser.kind, tasks, start, end)


@st.composite
def plans(draw: st.DrawFn) -> TrialPlan:
    start = BASE + timedelta(days=draw(st.integers(-400, 400)))
    return TrialPlan(
        draw(st.sampled_from([WORK_TRIAL, WORK_TRIAL, EDUCATION_TRIAL])),
        draw(st.sampled_from(ORGANISERS)),
        draw(st.sampled_from(["kitchen", "parks", "library"])),
        start,
        start + timedelta(days=draw(st.integers(-3, 420))),
        draw(st.integers(0, 7)),
        Decimal(draw(st.integers(6, 18))) / 2,
        draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(plans(), st.lists(periods(), max_size=8))
def test_the_indexed_check_and_the_naive_check_agree(
    trial: TrialPlan, history: list[TrialPeriod]
) -> None:
    indexed = check(trial, history, RULES)
    assert indexed == check_naive(trial, history, RULES)
    for found in indexed:
        latest = found.params.get("latest_end")
        if latest:  # ending on the latest end keeps the rule; one day later breaks it
            shorter = replace(trial, end=date.fromisoformat(str(latest)))
            assert found.rule_id not in ids(check(shorter, history, RULES))
            longer = replace(trial, end=shorter.end + timedelta(days=1))
            assert found.rule_id in ids(check(longer, history, RULES))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("abc"), periods()), max_size=20),
    st.lists(st.tuples(st.sampled_from("abcd"), plans()), max_size=6),
)
def test_a_batch_gives_what_one_check_per_person_gives(
    history: list[tuple[str, TrialPeriod]], batch: list[tuple[str, TrialPlan]]
) -> None:
    index = RuleIndex.build(history)
    expected = [check(p, [h for who, h in history if who == person], RULES) for person, p in batch]
    assert check_many(batch, index, RULES) == expected


def test_the_rule_book_imports_no_django_and_no_other_kohtaanto_module() -> None:
    code = (
        "import sys, kohtaanto.trials.rulebook;"
        "own = {'kohtaanto.trials', 'kohtaanto.trials.rulebook'};"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'django', 'rest_framework'}"
        " or (m.startswith('kohtaanto.') and m not in own)];"
        "print(','.join(sorted(bad)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
