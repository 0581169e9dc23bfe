"""The retention rules and legal holds, as data (`privacy/data/retention.json`).

A rule has a stable `id`, a `unit` ("days" or "years"), a `default` and the range (`min`,
`max`) a coordinator may choose for their organisation (`privacy.RetentionOverride`). Its
`scope` is "organisation" (the default) or "system": a system-wide rule covers data of no
organisation (sessions, login attempts), so its default applies everywhere and no
organisation can change it. A hold
names the rule that gives its length and the reason shown in fi/sv/en. Nothing here touches
the database: `kohtaanto.privacy.retention.periods_for` applies the overrides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kohtaanto.reference.text import Text

DATA = Path(__file__).parent / "data" / "retention.json"
UNITS = ("days", "years")
SCOPES = ("organisation", "system")


@dataclass(frozen=True)
class Rule:
    id: str
    unit: str
    default: int
    min: int
    max: int
    label: Text
    description: Text
    scope: str = "organisation"

    @property
    def system_wide(self) -> bool:
        """The same length for the whole service: not offered to organisations."""
        return self.scope == "system"

    def cutoff(self, today: date, value: int) -> date:
        """The day before which something kept `value` units is over: today minus `value`
        days or years (29 February goes to 28 February in a common year)."""
        if self.unit == "days":
            return date.fromordinal(today.toordinal() - value)
        return shift_years(today, -value)


@dataclass(frozen=True)
class Hold:
    id: str
    rule: str
    reason: Text


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@cache
def _data() -> dict[str, object]:
    data: dict[str, object] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@cache
def rules() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for row in _data()["rules"]:  # type: ignore[attr-defined]
        rule = Rule(
            id=row["id"],
            unit=row["unit"],
            default=int(row["default"]),
            min=int(row["min"]),
            max=int(row["max"]),
            label=Text.of(row["label"]),
            description=Text.of(row["description"]),
            scope=row.get("scope", "organisation"),
        )
        if rule.unit not in UNITS or not rule.min <= rule.default <= rule.max:
            raise ValueError(f"retention rule {rule.id}: bad unit or range")
        if rule.scope not in SCOPES:
            raise ValueError(f"retention rule {rule.id}: bad scope {rule.scope}")
        if rule.id in found:
            raise ValueError(f"retention rule {rule.id} twice")
        found[rule.id] = rule
    return found


@cache
def holds() -> dict[str, Hold]:
    found = {}
    for row in _data()["holds"]:  # type: ignore[attr-defined]
        if row["rule"] not in rules():
            raise ValueError(f"hold {row['id']}: no rule {row['rule']}")
        found[row["id"]] = Hold(row["id"], row["rule"], Text.of(row["reason"]))
    return found
