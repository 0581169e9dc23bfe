"""Municipalities and regions, read from the official list kept in `kohtaanto.journeys.rules`."""

from __future__ import annotations

from kohtaanto.journeys.rules import Municipality, municipalities


def municipality(code: str) -> Municipality | None:
    return municipalities().get(code)


def region_of(code: str) -> str:
    found = municipality(code) if code else None
    return found.region_code if found else ""


def municipality_name(code: str, lang: str = "fi") -> str:
    found = municipality(code) if code else None
    return found.name(lang) if found else code


def municipality_by_name(name: str) -> Municipality | None:
    """Find a municipality by its Finnish or Swedish name (case-insensitive)."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    for item in municipalities().values():
        if wanted in (item.name_fi.casefold(), item.name_sv.casefold()):
            return item
    return None


def municipality_choices(lang: str = "fi") -> list[tuple[str, str]]:
    items = sorted(municipalities().values(), key=lambda m: m.name(lang))
    return [(m.code, m.name(lang)) for m in items]
