"""Persisted recognizer indexes: NumPy `.npz` archives with a JSON header, no pickle.

Each built index of a recognizer and language is saved as arrays plus a JSON document (stored
as a uint8 array, loaded with `allow_pickle=False`, so a cache file can hold no code). Files are
keyed by the taxonomy's content hash, the engine format, the recognizer, its parameters and the
language, so a changed taxonomy or tuning never reads a stale file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt
from scipy import sparse

if TYPE_CHECKING:
    from kohtaanto.taxonomy.model import Taxonomy

ENGINE_FORMAT = "kohtaanto-engine-4"
"""Bump when the saved state of any index changes meaning."""
META = "__meta__"

Arrays = dict[str, npt.NDArray[Any]]
State = tuple[dict[str, Any], Arrays]
"""(JSON-able metadata, named arrays)."""


class Persistable(Protocol):
    def state(self) -> State: ...


def pack_csr(prefix: str, matrix: sparse.csr_matrix) -> Arrays:
    return {
        f"{prefix}.data": matrix.data,
        f"{prefix}.indices": matrix.indices,
        f"{prefix}.indptr": matrix.indptr,
        f"{prefix}.shape": np.asarray(matrix.shape, dtype=np.int64),
    }


def unpack_csr(prefix: str, arrays: Mapping[str, npt.NDArray[Any]]) -> sparse.csr_matrix:
    shape = tuple(int(x) for x in arrays[f"{prefix}.shape"])
    return sparse.csr_matrix(
        (arrays[f"{prefix}.data"], arrays[f"{prefix}.indices"], arrays[f"{prefix}.indptr"]),
        shape=shape,
    )


def write_state(path: Path, meta: Mapping[str, Any], arrays: Arrays) -> None:
    """Write atomically (temporary file + rename), so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **{META: header, **arrays})  # type: ignore[arg-type]
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_state(path: Path) -> State:
    """Read a file written by `write_state`; `ValueError` if it is not one."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(arrays.pop(META).tobytes().decode())
    except (OSError, KeyError, ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"{path} is not a saved recognition index: {error}") from error
    if not isinstance(meta, dict) or meta.get("format") != ENGINE_FORMAT:
        raise ValueError(f"{path} is not a saved recognition index of {ENGINE_FORMAT}")
    return meta, arrays


class IndexStore:
    """A cache directory of built indexes for one taxonomy (by its content hash)."""

    def __init__(self, directory: str | Path, taxonomy_key: str) -> None:
        self.directory = Path(directory)
        self.taxonomy_key = taxonomy_key

    def path(self, recognizer: str, lang: str, params: Mapping[str, Any]) -> Path:
        """The file of one recognizer's index for `lang`. The key holds the language's
        analyzer too: an index built with Snowball (Voikko missing) is not reused once
        Voikko is installed, and the other way round."""
        from kohtaanto.recognition.analyzer import analyzer_for_language

        analyzer = analyzer_for_language(lang).spec
        identity = json.dumps(
            [ENGINE_FORMAT, self.taxonomy_key, recognizer, lang, analyzer, params],
            sort_keys=True,
            default=str,
        )
        digest = hashlib.sha256(identity.encode()).hexdigest()[:20]
        return self.directory / f"{recognizer}-{lang}-{digest}.npz"

    def load(self, path: Path) -> State | None:
        if not path.exists():
            return None
        try:
            return read_state(path)
        except ValueError:
            return None  # a broken cache file is rebuilt and overwritten

    def save(self, path: Path, state: State) -> None:
        meta, arrays = state
        with contextlib.suppress(OSError):  # a read-only cache only costs speed
            write_state(path, {**meta, "format": ENGINE_FORMAT}, arrays)


def taxonomy_key(taxonomy: Taxonomy) -> str:
    """A hash of what the indexes are built from: each concept's URI, kind, labels and
    descriptions (quicker than the full `kohtaanto.taxonomy.index.fingerprint`)."""
    digest = hashlib.blake2b(digest_size=16)
    for concept in taxonomy:
        parts = [concept.uri, concept.kind.value]
        for lang in sorted(concept.labels):
            labels = concept.labels[lang]
            parts += [lang, labels.preferred or "", *labels.alternative, "\x1e", *labels.hidden]
        for lang in sorted(concept.descriptions):
            parts += [lang, concept.descriptions[lang]]
        digest.update("\x1f".join(parts).encode() + b"\x1d")
    return digest.hexdigest()


def pack_strings(name: str, strings: list[str]) -> Arrays:
    """Strings as one UTF-8 buffer (NUL-separated) and a count: fast to save and to load."""
    if any("\0" in s for s in strings):
        raise ValueError(f"{name}: strings must not contain NUL")
    data = "\0".join(strings).encode()
    return {
        f"{name}.utf8": np.frombuffer(data, dtype=np.uint8),
        f"{name}.count": np.asarray([len(strings)], dtype=np.int64),
    }


def unpack_strings(name: str, arrays: Mapping[str, npt.NDArray[Any]]) -> list[str]:
    count = int(arrays[f"{name}.count"][0])
    if count == 0:
        return []
    strings = arrays[f"{name}.utf8"].tobytes().decode().split("\0")
    if len(strings) != count:
        raise ValueError(f"{name}: expected {count} strings, found {len(strings)}")
    return strings
