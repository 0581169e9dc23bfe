"""Input and output files of `kohtaanto match batch`.

**JSON lines** (`.jsonl`), one object per line, told apart by `"type"`:

    {"type": "profile", "id": "p1", "skills": {"<skill uri>": "cv", …}, "occupations": […],
     "languages": {"fi": "native"}, "municipality": "091", "region": "01",
     "hours_wanted": 37.5, "constraints": ["no_heavy_lifting"]}
    {"type": "opportunity", "id": "o1", "kind": "job", "required_skills": […],
     "nice_to_have_skills": […], "occupation": "<uri>", "languages_required": {"fi": "B1"},
     "municipality": "091", "region": "01", "remote": "none", "hours": 37.5,
     "physical_demands": ["heavy_lifting"]}

Profile lines go through `profile_from_record`, so extra fields are ignored. Lines of another
type (e.g. `"meta"`) are skipped. The Django export command writes this format.

**npz** (`.npz`): the encoded arrays (`encode.ProfileArrays`, `encode.OpportunityArrays`) and the
vocabulary, for large runs; `save_npz` writes it.

**Output** is JSON lines: `{"profile", "opportunity", "rank", "score", "rules"}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

import numpy as np
import scipy.sparse as sp

from kohtaanto.matching.batch import BatchResult
from kohtaanto.matching.encode import (
    OpportunityArrays,
    ProfileArrays,
    Vocabulary,
    encode,
)
from kohtaanto.matching.model import opportunity_from_record, profile_from_record

FORMAT = "kohtaanto-match/1"


class DatasetError(ValueError):
    """An input file that cannot be read; the message names the file and line."""


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{number}: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise DatasetError(f"{path}:{number}: expected a JSON object")
            yield number, record


def read_jsonl(path: Path, vocab: Vocabulary) -> tuple[ProfileArrays, OpportunityArrays]:
    profiles, opportunities = [], []
    for number, record in _lines(path):
        kind = record.get("type")
        try:
            if kind == "profile":
                profiles.append(profile_from_record(record))
            elif kind == "opportunity":
                opportunities.append(opportunity_from_record(record))
        except (KeyError, TypeError, ValueError) as exc:
            raise DatasetError(f"{path}:{number}: {exc!r}") from exc
    return encode(profiles, opportunities, vocab)


def _put(out: dict[str, np.ndarray], prefix: str, arrays: Any) -> None:
    for item in fields(arrays):
        value = getattr(arrays, item.name)
        key = f"{prefix}.{item.name}"
        if sp.issparse(value):
            out[f"{key}.indptr"] = value.indptr
            out[f"{key}.indices"] = value.indices
            out[f"{key}.shape"] = np.asarray(value.shape)
        else:
            out[key] = np.asarray(value)


def _get(data: Any, prefix: str, cls: type[Any]) -> Any:
    values: dict[str, Any] = {}
    for item in fields(cls):
        key = f"{prefix}.{item.name}"
        if f"{key}.indptr" in data:
            indices = data[f"{key}.indices"]
            shape = tuple(int(x) for x in data[f"{key}.shape"])
            values[item.name] = sp.csr_matrix(
                (np.ones(len(indices)), indices, data[f"{key}.indptr"]), shape=shape
            )
        else:
            values[item.name] = data[key]
    return cls(**values)


def save_npz(
    path: Path | IO[bytes],
    profiles: ProfileArrays,
    opportunities: OpportunityArrays,
    vocab: Vocabulary,
) -> None:
    out: dict[str, np.ndarray] = {
        "format": np.asarray(FORMAT),
        "vocabulary": np.asarray(json.dumps(vocab.as_lists())),
    }
    _put(out, "profiles", profiles)
    _put(out, "opportunities", opportunities)
    np.savez_compressed(path, **out)  # type: ignore[arg-type]


def read_npz(path: Path) -> tuple[ProfileArrays, OpportunityArrays, Vocabulary]:
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["format"]) != FORMAT:
                raise DatasetError(f"{path}: not a {FORMAT} file")
            vocab = Vocabulary.from_lists(json.loads(str(data["vocabulary"])))
            return (
                _get(data, "profiles", ProfileArrays),
                _get(data, "opportunities", OpportunityArrays),
                vocab,
            )
    except (OSError, KeyError, ValueError) as exc:
        if isinstance(exc, DatasetError):
            raise
        raise DatasetError(f"{path}: {exc}") from exc


def read_input(path: Path) -> tuple[ProfileArrays, OpportunityArrays, Vocabulary]:
    """A `.npz` file, or JSON lines (any other name)."""
    if path.suffix == ".npz":
        return read_npz(path)
    vocab = Vocabulary()
    profiles, opportunities = read_jsonl(path, vocab)
    return profiles, opportunities, vocab


def write_results(result: BatchResult, handle: IO[str]) -> int:
    """Write JSON lines ranked within each row; returns the number of lines."""
    count, previous, rank = 0, None, 0
    for record in result.records():
        key = record["profile"] if result.direction == "profiles" else record["opportunity"]
        rank = rank + 1 if key == previous else 1
        previous = key
        handle.write(json.dumps({**record, "rank": rank}, ensure_ascii=False) + "\n")
        count += 1
    return count
