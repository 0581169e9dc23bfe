"""Configuration errors: the exception the settings raise, and how entry points report it.

Plain Python (no Django), so that the settings (`kohtaanto.config.env`) and every entry point
(`manage.py`, the `kohtaanto` command, the gunicorn configuration) share it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class ImproperlyConfiguredError(RuntimeError):
    """A required setting is missing or has a value that cannot be used."""


@contextmanager
def configuration_errors_exit(program: str = "kohtaanto") -> Iterator[None]:
    """Turn a configuration error into one line on stderr and exit status 2 (no traceback)."""
    try:
        yield
    except ImproperlyConfiguredError as error:
        sys.stderr.write(f"{program}: configuration error: {error}\n")
        raise SystemExit(2) from None
