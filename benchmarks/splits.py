"""The one split rule of the recognition development sets: `tuning` and `heldout` halves.

A text (a Decorte sentence, a JobBERT vacancy title) goes to `heldout` when

    int(sha1(text.strip().lower().encode("utf-8")).hexdigest(), 16) % 2 == 1

and to `tuning` otherwise (`split_of`). The rule looks at nothing but the text, so it needs no
stored list, gives every copy of a text (whatever its case or surrounding spaces) the same half,
and puts a sentence of `data/fi_dev/` in the same half in every file: the Finnish sentences
take the half of their English original, found through `pairs.csv` next to the file
(`SplitKeys.for_file`). `fi_dev/en.csv` holds Decorte sentences, so a held-out fi_dev
sentence is also held out of the Decorte sets.

Weights are tuned on `tuning` only (`benchmarks/tune.py`); figures are reported on `heldout`.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

TUNING = "tuning"
HELDOUT = "heldout"
ALL = "all"
SPLITS = (TUNING, HELDOUT)
CHOICES = (ALL, *SPLITS)
"""The values of `--split`; `all` is both halves (the figures before issue 13)."""
PAIRS_FILE = "pairs.csv"
PIVOT_COLUMN = "en"


def split_key(text: str) -> str:
    """What the rule hashes: the text stripped and lower-cased."""
    return text.strip().lower()


def split_of(text: str) -> str:
    """`heldout` or `tuning` for a text (see the module)."""
    digest = hashlib.sha1(split_key(text).encode("utf-8"), usedforsecurity=False).hexdigest()
    return HELDOUT if int(digest, 16) % 2 == 1 else TUNING


def read_originals(path: Path) -> dict[str, str]:
    """Each sentence of a `pairs.csv` (every column but `id`, stripped) → its English original
    (column `en`, stripped)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in reader.fieldnames or () if c != "id"]
        if PIVOT_COLUMN not in columns:
            raise ValueError(f"{path}: no {PIVOT_COLUMN!r} column")
        originals: dict[str, str] = {}
        for row in reader:
            original = (row[PIVOT_COLUMN] or "").strip()
            for column in columns:
                text = (row[column] or "").strip()
                if text:
                    originals.setdefault(text, original)
    return originals


@dataclass(frozen=True)
class SplitKeys:
    """Which text decides an item's half: the item itself, or its English original."""

    originals: Mapping[str, str] = field(default_factory=dict)
    source: str = "text"
    """What decides, for the benchmarks' JSON: `text` or the pairs file."""

    @classmethod
    def for_file(cls, path: Path) -> SplitKeys:
        """By the English original when a `pairs.csv` lies next to `path` (`data/fi_dev/`),
        else by the text itself."""
        pairs = Path(path).parent / PAIRS_FILE
        if not pairs.is_file():
            return cls()
        return cls(read_originals(pairs), f"{PAIRS_FILE} ({PIVOT_COLUMN} original)")

    def deciding_text(self, text: str) -> str:
        """The text whose hash decides; `KeyError` if a pairs file has no row for it."""
        if self.source == "text":
            return text
        try:
            return self.originals[text.strip()]
        except KeyError:
            raise KeyError(f"not in {PAIRS_FILE}: {text.strip()[:80]!r}") from None

    def split_of(self, text: str) -> str:
        return split_of(self.deciding_text(text))


def select(
    items: Iterable[T],
    split: str,
    text: Callable[[T], str],
    keys: SplitKeys | None = None,
) -> list[T]:
    """The items of one half (`tuning`, `heldout`) or all of them (`all`), in their order."""
    if split not in CHOICES:
        raise ValueError(f"unknown split {split!r}, expected one of {CHOICES}")
    chosen = list(items)
    if split == ALL:
        return chosen
    keys = keys or SplitKeys()
    return [item for item in chosen if keys.split_of(text(item)) == split]
