"""Regions (maakunnat) of Statistics Finland, read from `reference.places`: the support line
records a contact's region, never a municipality, so that a small place cannot point at a
caller."""

from __future__ import annotations

from functools import cache

from kohtaanto.reference.places import municipalities


@cache
def _regions() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for item in municipalities().values():
        if item.region_code:
            found.setdefault(item.region_code, (item.region_fi, item.region_sv))
    return dict(sorted(found.items()))


def region_codes() -> frozenset[str]:
    return frozenset(_regions())


def region_name(code: str, lang: str = "fi") -> str:
    names = _regions().get(code)
    if names is None:
        return code
    return names[1] if lang == "sv" else names[0]


def region_choices(lang: str = "fi") -> list[tuple[str, str]]:
    return sorted(((code, region_name(code, lang)) for code in _regions()), key=lambda c: c[1])
