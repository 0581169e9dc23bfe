"""Size limits on input files, from the environment (read when used, so a test or a long
running worker sees the value in force). A bad value stops with a message naming the
variable, like the settings' typed helpers (`config/env.py`, which this layer cannot import).

| variable | default | what |
|---|---|---|
| `KOHTAANTO_IMPORT_MAX_MB` | 20 | an opportunity or course file to import (CLI and worker) |
| `KOHTAANTO_IMPORT_MAX_CELL` | 100000 | characters in one CSV cell |
| `KOHTAANTO_TAXONOMY_MAX_MB` | 512 | one ESCO CSV, unpacked |
| `KOHTAANTO_TAXONOMY_MAX_TOTAL_MB` | 4096 | all ESCO CSVs of one build, unpacked |
| `KOHTAANTO_ZIP_MAX_RATIO` | 100 | unpacked size : packed size of a zip member |
"""

from __future__ import annotations

import os

from kohtaanto.core.configuration import ImproperlyConfiguredError


def env_positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfiguredError(
            f"The environment variable {name} must be a whole number."
        ) from None
    if value < 1:
        raise ImproperlyConfiguredError(f"The environment variable {name} must be 1 or more.")
    return value


def import_max_bytes() -> int:
    return env_positive_int("KOHTAANTO_IMPORT_MAX_MB", 20) * 2**20


def import_max_cell() -> int:
    return env_positive_int("KOHTAANTO_IMPORT_MAX_CELL", 100_000)
