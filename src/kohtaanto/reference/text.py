"""Texts in fi/sv/en and the entries of small vocabularies, read from data files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

LANGS = ("fi", "sv", "en")


def read_data(package: str, name: str) -> str:
    """The text of `data/<name>` inside `package` (UTF-8)."""
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


def read_items(package: str, name: str, key: str = "items") -> dict[str, Item]:
    """`{id: Item}` from the list `key` of the JSON file `data/<name>` of `package`."""
    rows: Any = json.loads(read_data(package, name))[key]
    return {
        str(row["id"]): Item(str(row["id"]), Text.of(row["label"]), Text.of(row.get("description")))
        for row in rows
    }


@dataclass(frozen=True)
class Text:
    """A text in fi/sv/en."""

    fi: str
    sv: str
    en: str

    @classmethod
    def of(cls, data: Mapping[str, str] | None) -> Text:
        data = data or {}
        return cls(data.get("fi", ""), data.get("sv", ""), data.get("en", ""))

    def get(self, lang: str) -> str:
        value: str = getattr(self, lang, "") if lang in LANGS else ""
        return value or self.en or self.fi

    __call__ = get


@dataclass(frozen=True)
class Item:
    """An entry of a small vocabulary (session type, labour-market status, …)."""

    id: str
    label: Text
    description: Text
