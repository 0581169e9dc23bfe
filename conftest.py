"""Root conftest: what every test of the session needs, whatever runs first.

- the shared persona fixtures (`tests/fixtures.py`);
- the translations compiled before any test (`.mo` files are git-ignored), so a plain `pytest`
  on a fresh checkout passes without `make messages`;
- `--clock=INSTANT`: the whole session runs at another instant (time-machine), e.g.
  `pytest --clock=2026-12-31T23:30:00+00:00`. The clock keeps ticking from there, so sessions,
  login lockouts and timeouts work; a test that reads "today" stops it with `frozen_clock`.
"""

from __future__ import annotations

import datetime as dt

import pytest

pytest_plugins = ["tests.fixtures"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        metavar="INSTANT",
        default=None,
        help="run the session at this ISO 8601 instant with an offset, e.g. "
        "2027-01-01T00:30:00+02:00 (time-machine; the clock keeps ticking from there)",
    )


def _clock_option(config: pytest.Config) -> dt.datetime | None:
    value = config.getoption("clock")
    if not value:
        return None
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(f"--clock: not an ISO 8601 instant: {value!r}") from error
    if instant.tzinfo is None:
        raise pytest.UsageError(f"--clock needs an offset (e.g. +00:00 or +02:00): {value!r}")
    return instant


def pytest_configure(config: pytest.Config) -> None:
    from tests.fixtures import compile_translations

    compile_translations()
    instant = _clock_option(config)
    if instant is not None:
        import time_machine

        traveller = time_machine.travel(instant, tick=True)
        traveller.start()
        config.stash[_CLOCK] = traveller


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_CLOCK, None)
    if traveller is not None:
        traveller.stop()
        del config.stash[_CLOCK]


def pytest_report_header(config: pytest.Config) -> str | None:
    instant = _clock_option(config)
    if instant is None:
        return None
    from zoneinfo import ZoneInfo

    utc = instant.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    helsinki = instant.astimezone(ZoneInfo("Europe/Helsinki")).strftime("%Y-%m-%d %H:%M Helsinki")
    return f"clock: the session starts at {utc} ({helsinki}) and ticks on"


_CLOCK = pytest.StashKey["object"]()
