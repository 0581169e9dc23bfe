"""Structural checks for the participant-journey data files.

Pure Python: only csv, json, pathlib and re. No Django, no database.
Run with: .venv/bin/pytest src/kohtaanto/journeys/data/test_data_files.py -q
"""

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent
# Municipalities and language levels are shared reference data (kohtaanto/reference/data).
REFERENCE = DATA.parent.parent / "reference" / "data"
LANGS = ("fi", "sv", "en")

DIGCOMP_IDS = {
    "1": ["1.1", "1.2", "1.3"],
    "2": ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"],
    "3": ["3.1", "3.2", "3.3", "3.4"],
    "4": ["4.1", "4.2", "4.3", "4.4"],
    "5": ["5.1", "5.2", "5.3", "5.4"],
}
OUTCOME_IDS = {
    "employment",
    "self_employment",
    "apprenticeship",
    "education_training",
    "work_trial",
    "rehabilitation",
    "other_service",
    "no_continuation_yet",
    "moved_away",
    "unknown",
}
SESSION_TYPE_IDS = {"individual", "pair", "group", "remote", "outreach"}
LABOUR_MARKET_IDS = {
    "unemployed",
    "long_term_unemployed",
    "inactive",
    "employed",
    "self_employed",
    "student",
    "other",
}
LANGUAGE_LEVEL_IDS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]


def load(name: str) -> Any:
    folder = REFERENCE if (REFERENCE / name).exists() else DATA
    with (folder / name).open(encoding="utf-8") as f:
        return json.load(f)


def assert_localised(value: Any, where: str) -> None:
    assert isinstance(value, dict), f"{where}: expected a fi/sv/en object"
    for lang in LANGS:
        text = value.get(lang)
        assert isinstance(text, str), f"{where}: missing {lang}"
        assert text.strip(), f"{where}: empty {lang}"
        assert text == text.strip(), f"{where}: stray whitespace in {lang}"


def assert_unique(ids: list[Any], where: str) -> None:
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"{where}: duplicate ids {dupes}"


def words(text: str) -> int:
    return len(text.split())


def iso_date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        pytest.fail(f"{where}: not an ISO date: {value!r}")


# --- municipalities.csv -----------------------------------------------------


@pytest.fixture(scope="module")
def municipalities() -> list[dict[str, str]]:
    with (REFERENCE / "municipalities.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_municipalities_columns(municipalities: list[dict[str, str]]) -> None:
    with (REFERENCE / "municipalities.csv").open(encoding="utf-8") as f:
        header = f.readline().strip()
    assert header == "code,name_fi,name_sv,region_code,region_fi,region_sv"


def test_municipalities_count_and_codes(municipalities: list[dict[str, str]]) -> None:
    codes = [row["code"] for row in municipalities]
    assert len(codes) == 308
    assert_unique(codes, "municipalities.csv")
    assert all(re.fullmatch(r"\d{3}", c) for c in codes)
    assert codes == sorted(codes), "keep rows sorted by code for readable diffs"


def test_municipalities_names_and_regions(municipalities: list[dict[str, str]]) -> None:
    regions: dict[str, Any] = {}
    for row in municipalities:
        for key in ("name_fi", "name_sv", "region_fi", "region_sv"):
            assert row[key].strip(), f"{row['code']}: empty {key}"
        assert re.fullmatch(r"\d{2}", row["region_code"])
        name = (row["region_fi"], row["region_sv"])
        assert regions.setdefault(row["region_code"], name) == name, row["code"]
    assert len(regions) == 19
    assert regions["21"] == ("Ahvenanmaa", "Åland")
    counts = dict.fromkeys(regions, 0)
    for row in municipalities:
        counts[row["region_code"]] += 1
    assert counts["21"] == 16


def test_known_municipalities(municipalities: list[dict[str, str]]) -> None:
    by_code = {row["code"]: row for row in municipalities}
    assert (by_code["091"]["name_fi"], by_code["091"]["name_sv"]) == ("Helsinki", "Helsingfors")
    assert (by_code["049"]["name_fi"], by_code["049"]["name_sv"]) == ("Espoo", "Esbo")
    assert by_code["837"]["region_fi"] == "Pirkanmaa"
    assert by_code["240"]["region_fi"] == "Lappi"


# --- digcomp_questions.json -------------------------------------------------


def test_digcomp_structure() -> None:
    doc = load("digcomp_questions.json")
    assert doc["version"] == "digcomp-2.2-kohtaanto-1"
    assert_localised(doc["instructions"], "instructions")
    values = [level["value"] for level in doc["levels"]]
    assert len(values) == 4
    assert values == sorted(values)
    assert values[0] == 0
    assert_unique(values, "levels")
    for level in doc["levels"]:
        assert_localised(level["label"], f"level {level['value']}")
        assert level["digcomp_level"] is None or 1 <= level["digcomp_level"] <= 8
    # the answer value is the DigComp level it stands for, so an area mean reads as a level
    assert all(lvl["digcomp_level"] in (None, lvl["value"]) for lvl in doc["levels"])
    assert_localised(doc["below_foundation"]["name"], "below_foundation name")
    assert_localised(doc["below_foundation"]["description"], "below_foundation description")
    areas = doc["areas"]
    assert [a["id"] for a in areas] == list(DIGCOMP_IDS)
    all_ids = []
    for area in areas:
        assert area["official_name_en"].strip()
        assert_localised(area["name"], f"area {area['id']}")
        assert_localised(area["description"], f"area {area['id']} description")
        ids = [c["id"] for c in area["competences"]]
        assert ids == DIGCOMP_IDS[area["id"]]
        all_ids += ids
        for comp in area["competences"]:
            where = f"competence {comp['id']}"
            assert comp["official_name_en"].strip()
            for key in ("name", "question", "example"):
                assert_localised(comp[key], f"{where} {key}")
            # Plain language: short sentences in the Finnish question.
            for sentence in re.split(r"[.!?]\s+", comp["question"]["fi"]):
                assert words(sentence) <= 16, f"{where}: long sentence: {sentence}"
    assert len(all_ids) == 21
    assert_unique(all_ids, "competences")


# --- outcomes and ESF+ ------------------------------------------------------


def test_outcomes() -> None:
    doc = load("outcomes.json")
    indicators = doc["result_indicators"]
    indicator_ids = [i["id"] for i in indicators]
    assert_unique(indicator_ids, "result_indicators")
    assert len(indicators) == 6
    for ind in indicators:
        assert_localised(ind["label"], ind["id"])
        assert ind["timing"] in {"on_leaving", "six_months_after"}
        assert isinstance(ind["code_verified"], bool)
        if ind["code"] is not None:
            assert re.fullmatch(r"EE[CL]R\d{2}", ind["code"])
        else:
            assert ind["code_verified"] is False
        if ind["note"] is not None:
            assert_localised(ind["note"], f"{ind['id']} note")
    outcomes = doc["outcomes"]
    ids = [o["id"] for o in outcomes]
    assert_unique(ids, "outcomes")
    assert set(ids) == OUTCOME_IDS
    known = set(indicator_ids)
    timing = {i["id"]: i["timing"] for i in indicators}
    for outcome in outcomes:
        assert_localised(outcome["label"], outcome["id"])
        assert_localised(outcome["description"], f"{outcome['id']} description")
        assert isinstance(outcome["counts_as_continuation_path"], bool)
        for ref in outcome["result_indicators_on_leaving"]:
            assert ref in known and timing[ref] == "on_leaving", ref
        for ref in outcome["result_indicators_six_months"]:
            assert ref in known and timing[ref] == "six_months_after", ref
        if outcome["note"] is not None:
            assert_localised(outcome["note"], f"{outcome['id']} note")


def test_esf_entry_indicators() -> None:
    doc = load("esf_entry_indicators.json")
    indicators = doc["indicators"]
    assert_unique([i["id"] for i in indicators], "entry indicator ids")
    assert_unique([i["code"] for i in indicators], "entry indicator codes")
    for ind in indicators:
        assert re.fullmatch(r"EECO\d{2}", ind["code"])
        assert_localised(ind["label"], ind["id"])
        assert isinstance(ind["code_verified"], bool)
        assert ind["needs_own_consent"] == ind["special_category"]
    special = {i["id"] for i in indicators if i["special_category"]}
    assert {"disabilities", "minorities"} <= special
    assert [g["id"] for g in doc["gender_breakdown"]] == ["women", "men", "non_binary"]
    for g in doc["gender_breakdown"]:
        assert_localised(g["label"], g["id"])
    assert_localised(doc["notes"], "notes")


# --- small vocabularies -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("session_types.json", SESSION_TYPE_IDS),
        ("labour_market_status.json", LABOUR_MARKET_IDS),
    ],
)
def test_simple_vocabularies(name: str, expected: set[str]) -> None:
    items = load(name)["items"]
    ids = [i["id"] for i in items]
    assert_unique(ids, name)
    assert set(ids) == expected
    for item in items:
        assert_localised(item["label"], f"{name} {item['id']}")
        assert_localised(item["description"], f"{name} {item['id']} description")


def test_isced_levels() -> None:
    doc = load("isced_levels.json")
    groups = {g["id"] for g in doc["groups"]}
    assert groups == {"0_2", "3_4", "5_8"}
    for g in doc["groups"]:
        assert_localised(g["label"], g["id"])
    levels = doc["levels"]
    assert [lvl["level"] for lvl in levels] == list(range(9))
    for lvl in levels:
        lo, hi = (int(x) for x in lvl["group"].split("_"))
        assert lo <= lvl["level"] <= hi
        assert_localised(lvl["label"], f"ISCED {lvl['level']}")
        assert_localised(lvl["description"], f"ISCED {lvl['level']} description")


def test_language_levels() -> None:
    levels = load("language_levels.json")["levels"]
    assert [lvl["id"] for lvl in levels] == LANGUAGE_LEVEL_IDS
    for lvl in levels:
        assert_localised(lvl["label"], lvl["id"])
        assert_localised(lvl["description"], f"{lvl['id']} description")


# --- demo_participants.json -------------------------------------------------


REQUIRED_PARTICIPANT_KEYS = {
    "id",
    "first_name",
    "last_name",
    "birth_year",
    "gender",
    "municipality_code",
    "languages",
    "service_language",
    "labour_market_status",
    "isced_level",
    "story",
    "story_language",
    "goals",
    "coach",
    "status",
    "sessions",
}


def test_demo_participants(municipalities: list[dict[str, str]]) -> None:
    doc = load("demo_participants.json")
    assert_localised(doc["notice"], "notice")
    people = doc["participants"]
    assert 30 <= len(people) <= 50
    assert_unique([p["id"] for p in people], "participants")
    municipality_codes = {row["code"] for row in municipalities}
    outcome_ids = {o["id"] for o in load("outcomes.json")["outcomes"]}
    level_ids = set(LANGUAGE_LEVEL_IDS)
    for p in people:
        where = p.get("id", "?")
        missing = REQUIRED_PARTICIPANT_KEYS - p.keys()
        assert not missing, f"{where}: missing {sorted(missing)}"
        assert p["first_name"].strip() and p["last_name"].strip()
        assert 1955 <= p["birth_year"] <= 2007, where
        assert isinstance(p["gender"], str)
        assert p["municipality_code"] in municipality_codes, where
        assert p["service_language"] in LANGS, where
        assert p["story_language"] in LANGS, where
        assert p["labour_market_status"] in LABOUR_MARKET_IDS, where
        assert p["isced_level"] in range(9), where
        assert p["languages"], where
        for lang in p["languages"]:
            assert re.fullmatch(r"[a-z]{2,3}", lang["code"]), where
            assert lang["level"] in level_ids, where
        assert 80 <= words(p["story"]) <= 250, f"{where}: story has {words(p['story'])} words"
        assert 1 <= len(p["goals"]) <= 3, where
        assert all(g.strip() for g in p["goals"]), where
        assert all(c.strip() for c in p.get("constraints", [])), where
        assert p["coach"] in {"coach", "coach2"}, where
        assert p["status"] in {"active", "ended"}, where
        assert 1 <= len(p["sessions"]) <= 4, where
        session_dates = []
        for s in p["sessions"]:
            day = iso_date(s["date"], where)
            assert date(2025, 1, 1) <= day <= date(2026, 12, 31), where
            session_dates.append(day)
            assert s["type"] in SESSION_TYPE_IDS, where
            assert 10 <= s["duration_minutes"] <= 240, where
            assert s["notes"].strip() and s["next_steps"].strip(), where
        assert session_dates == sorted(session_dates), f"{where}: sessions out of order"
        if p["status"] == "ended":
            outcome = p["outcome"]
            assert outcome["id"] in outcome_ids, where
            day = iso_date(outcome["date"], where)
            assert date(2025, 1, 1) <= day <= date(2026, 12, 31), where
            assert day >= session_dates[-1], f"{where}: outcome before the last session"
            assert outcome["note"].strip(), where
        else:
            assert "outcome" not in p, f"{where}: active participant has an outcome"


def test_demo_participants_are_varied() -> None:
    people = load("demo_participants.json")["participants"]
    over_50 = [p for p in people if 2025 - p["birth_year"] >= 50]
    assert len(over_50) >= len(people) // 3
    assert {p["story_language"] for p in people} == set(LANGS)
    stories = [p["story"] for p in people]
    assert_unique(stories, "stories")
    mother_tongues = {
        lang["code"] for p in people for lang in p["languages"] if lang["level"] == "native"
    }
    assert {"fi", "sv", "ar", "so", "ru", "et", "uk", "en"} <= mother_tongues
    used_outcomes = {p["outcome"]["id"] for p in people if p["status"] == "ended"}
    assert used_outcomes == OUTCOME_IDS, "every outcome type should appear in the demo data"
