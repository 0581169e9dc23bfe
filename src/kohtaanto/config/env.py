"""Typed helpers that read settings from environment variables.

Every setting Kohtaanto reads goes through one of these helpers, so that a bad value fails
loudly at start-up with a message naming the variable (never its value, which may be secret).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Re-exported: the settings and the gunicorn configuration import them from here.
from kohtaanto.core.configuration import ImproperlyConfiguredError as ImproperlyConfiguredError
from kohtaanto.core.configuration import configuration_errors_exit as configuration_errors_exit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(name)


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] | None = None
) -> str:
    value = _raw(name, environ)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfiguredError(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfiguredError(
        f"The environment variable {name} must be a boolean (1/0, true/false, yes/no, on/off)."
    )


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """A whole number, within `minimum`…`maximum` when given: a number out of range stops the
    start with the variable named (a negative proxy count or worker count is a typo, not a
    setting to guess at)."""
    value = _raw(name, environ)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfiguredError(
            f"The environment variable {name} must be a whole number."
        ) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        if maximum is None:
            bounds = f"at least {minimum}"
        elif minimum is None:
            bounds = f"at most {maximum}"
        else:
            bounds = f"from {minimum} to {maximum}"
        raise ImproperlyConfiguredError(
            f"The environment variable {name} must be a whole number {bounds}."
        )
    return number


def env_list(
    name: str, default: list[str] | None = None, *, environ: Mapping[str, str] | None = None
) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


RATE = re.compile(r"^\s*[1-9][0-9]*\s*/\s*(second|minute|hour|day)\s*$")


def env_rate(name: str, default: str = "", *, environ: Mapping[str, str] | None = None) -> str:
    """A request limit "N/second", "N/minute", "N/hour" or "N/day" (N at least 1), or "" (no
    limit; also "off")."""
    value = _raw(name, environ)
    if value is None:
        return default
    if value.strip().lower() in {"", "off"}:
        return ""
    if not RATE.match(value):
        raise ImproperlyConfiguredError(
            f"The environment variable {name} must be a limit such as 600/minute "
            "(per second, minute, hour or day), or off."
        )
    return "".join(value.split())


def env_secret(
    name: str, default: str | None = None, *, environ: Mapping[str, str] | None = None
) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/systemd secrets)."""
    file_name = _raw(f"{name}_FILE", environ)
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError:
            raise ImproperlyConfiguredError(
                f"The file named by {name}_FILE cannot be read."
            ) from None
    return env_str(name, default, environ=environ)


# Engines Kohtaanto runs on (both are tested); others may work but are not supported.
SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.postgresql": "PostgreSQL",
    "django.db.backends.sqlite3": "SQLite",
}


def env_database_url(
    name: str,
    default: str | None = None,
    *,
    conn_max_age: int = 0,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A Django DATABASES entry from a URL in NAME (or NAME_FILE). A malformed URL names the
    variable, never the value (it holds the database password)."""
    import dj_database_url

    url = env_secret(name, default, environ=environ)
    example = "e.g. postgres://user:password@host:5432/kohtaanto or sqlite:////path/db.sqlite3"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    except Exception:  # the library raises ValueError subclasses and others for bad URLs
        raise ImproperlyConfiguredError(
            f"The environment variable {name} is not a valid database URL ({example})."
        ) from None
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ImproperlyConfiguredError(
            f"The environment variable {name} must name a PostgreSQL or SQLite database "
            f"({example})."
        )
    if not config.get("NAME"):
        raise ImproperlyConfiguredError(
            f"The environment variable {name} names no database ({example})."
        )
    return config
