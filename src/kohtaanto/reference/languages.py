"""Language skill levels: CEFR A1–C2 and mother tongue (`data/language_levels.json`)."""

from __future__ import annotations

from functools import cache

from kohtaanto.reference.text import Item, read_items


@cache
def language_levels() -> dict[str, Item]:
    return read_items("kohtaanto.reference", "language_levels.json", "levels")
