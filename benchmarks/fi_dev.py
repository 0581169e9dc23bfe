"""The Finnish (and Swedish) development set in `benchmarks/data/fi_dev/` and how it was made.

Selection (deterministic): from each Decorte validation file, tech then house, the first 30
sentences, in order of first appearance, that have at least one label other than
`UNDERSPECIFIED` and `LABEL NOT PRESENT`. Ids are `tech-00` … `tech-29`, `house-00` … `house-29`.

`pairs.csv` (id, en, ad_fi, cv_fi, ad_sv, cv_sv) holds the hand-made translations. `build`
writes `en.csv` (the original Decorte rows of the 60 sentences) and one file per translated
column, `ad_fi.csv`, `cv_fi.csv`, `ad_sv.csv`, `cv_sv.csv` (one row per real gold label, span
and sub_span empty), all in the Decorte format:

    .venv/bin/python -m benchmarks.fi_dev ../shared/data/bench/decorte
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.readers import IGNORED_LABELS

FI_DEV = Path(__file__).parent / "data" / "fi_dev"
SOURCES = (
    ("tech", "tech_validation_annotations.csv"),
    ("house", "house_validation_annotations.csv"),
)
PER_SOURCE = 30
FIELDS = ["sentence", "span", "sub_span", "label"]
TRANSLATIONS = ("ad_fi", "cv_fi", "ad_sv", "cv_sv")
"""The translated columns of `pairs.csv`; each becomes `<column>.csv`."""


@dataclass(slots=True)
class Selected:
    id: str
    sentence: str
    rows: list[dict[str, str]]
    """The original rows of the sentence, in file order."""

    @property
    def labels(self) -> list[str]:
        labels = (row["label"].strip() for row in self.rows)
        return list(dict.fromkeys(x for x in labels if x and x not in IGNORED_LABELS))


def select(decorte_dir: Path) -> list[Selected]:
    chosen: list[Selected] = []
    for prefix, filename in SOURCES:
        groups: dict[str, list[dict[str, str]]] = {}
        with (decorte_dir / filename).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                groups.setdefault(row["sentence"].strip(), []).append(row)
        candidates = (Selected("", s, rows) for s, rows in groups.items())
        real = [c for c in candidates if c.labels][:PER_SOURCE]
        for number, item in enumerate(real):
            item.id = f"{prefix}-{number:02d}"
        chosen.extend(real)
    return chosen


def read_pairs(path: Path = FI_DEV / "pairs.csv") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build(decorte_dir: Path, out_dir: Path = FI_DEV) -> None:
    chosen = select(decorte_dir)
    pairs = {row["id"]: row for row in read_pairs(out_dir / "pairs.csv")}
    for item in chosen:
        pair = pairs.get(item.id)
        if pair is None or pair["en"] != item.sentence:
            raise SystemExit(f"pairs.csv does not match the selection at {item.id}")
    with (out_dir / "en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, extrasaction="ignore")
        writer.writeheader()
        for item in chosen:
            writer.writerows(item.rows)
    for column in TRANSLATIONS:
        with (out_dir / f"{column}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS)
            writer.writeheader()
            for item in chosen:
                text = pairs[item.id][column].strip()
                for label in item.labels:
                    writer.writerow({"sentence": text, "span": "", "sub_span": "", "label": label})


if __name__ == "__main__":
    build(Path(sys.argv[1]))
