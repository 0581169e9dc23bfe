"""Finnish municipalities and their regions (Statistics Finland codes), from
`reference/data/municipalities.csv`, with the lookups every layer uses."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from kohtaanto.reference.text import read_data


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region_code: str
    region_fi: str
    region_sv: str

    def name(self, lang: str = "fi") -> str:
        return self.name_sv if lang == "sv" else self.name_fi


@cache
def municipalities() -> dict[str, Municipality]:
    """Official municipality code (3 digits, a string) → municipality, in code order."""
    rows = csv.DictReader(read_data("kohtaanto.reference", "municipalities.csv").splitlines())
    return {
        row["code"]: Municipality(
            row["code"],
            row["name_fi"],
            row["name_sv"],
            row["region_code"],
            row["region_fi"],
            row["region_sv"],
        )
        for row in rows
    }


def municipality(code: str) -> Municipality | None:
    return municipalities().get(code)


def region_of(code: str) -> str:
    """The region code of a municipality ("" when the code is unknown or empty)."""
    found = municipality(code) if code else None
    return found.region_code if found else ""


def municipality_name(code: str, lang: str = "fi") -> str:
    found = municipality(code) if code else None
    return found.name(lang) if found else code


@cache
def _by_name() -> dict[str, Municipality]:
    """Casefolded Finnish and Swedish names → municipality (the first in code order wins)."""
    index: dict[str, Municipality] = {}
    for item in municipalities().values():
        index.setdefault(item.name_fi.casefold(), item)
        index.setdefault(item.name_sv.casefold(), item)
    return index


def municipality_by_name(name: str) -> Municipality | None:
    """Find a municipality by its Finnish or Swedish name (case-insensitive)."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    return _by_name().get(wanted)


def municipality_choices(lang: str = "fi") -> list[tuple[str, str]]:
    items = sorted(municipalities().values(), key=lambda m: m.name(lang))
    return [(m.code, m.name(lang)) for m in items]
