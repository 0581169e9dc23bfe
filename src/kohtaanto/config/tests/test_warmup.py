"""Warming gunicorn's master before it forks: every step builds what it should, a failing step
(no database at start) is logged and skipped, no database connection is left open to be
shared by the forked workers, and the garbage collector is frozen last."""

from __future__ import annotations

import gc
import logging
from typing import Any

import pytest
from django.db import connections

from kohtaanto.config import gunicorn as conf
from kohtaanto.config import warmup


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record `gc.freeze()` instead of freezing the test process."""
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    return calls


@pytest.mark.django_db(transaction=True)
def test_every_step_builds_and_no_connection_is_left_open(
    frozen: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    close_all = connections.close_all
    closed: list[str] = []

    def recorded() -> None:
        closed.append("after" if frozen else "before the freeze")
        close_all()

    monkeypatch.setattr(connections, "close_all", recorded)
    done = warmup.warm_up()
    assert set(done) == {"urls", "translations", "templates", "engine"}
    assert done["translations"] == 3
    assert done["templates"] is not None and done["templates"] > 100  # every page template
    assert done["engine"] is not None and done["engine"] > 0  # concepts of the vocabulary
    # Closed before the fork (an in-memory SQLite test database stays open by design).
    assert closed == ["before the freeze"]
    assert all(conn.connection is None or conn.is_in_memory_db() for conn in connections.all())
    assert frozen == ["freeze"]


def test_a_failing_step_is_logged_and_the_rest_still_run(
    monkeypatch: pytest.MonkeyPatch, frozen: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []

    def fails() -> int:
        raise RuntimeError("the database is not up yet")

    def works() -> int:
        ran.append("works")
        return 1

    monkeypatch.setattr(warmup, "STEPS", (("engine", fails), ("urls", works)))
    with caplog.at_level(logging.WARNING, logger="kohtaanto.config.warmup"):
        assert warmup.warm_up() == {"engine": None, "urls": 1}
    assert ran == ["works"] and frozen == ["freeze"]
    assert "engine not built before the workers start" in caplog.text


def test_gunicorn_preloads_and_warms_only_when_preloading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert conf.preload_app is True  # the default
    calls: list[Any] = []
    monkeypatch.setattr(warmup, "warm_up", lambda: calls.append("warm") or {})
    conf.when_ready(None)
    monkeypatch.setattr(conf, "preload_app", False)
    conf.when_ready(None)
    assert calls == ["warm"]
