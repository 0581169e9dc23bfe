"""Log lines about writes are written only once the write is committed (issue 18, probe 5):
a dry run or a refused import must leave no "opportunity created id=N" line behind."""

from __future__ import annotations

import logging

import pytest

from kohtaanto.core.logs import log_after_commit
from kohtaanto.opportunities.importers.apply import import_opportunities
from kohtaanto.opportunities.importers.csv_opportunities import parse_csv

pytestmark = pytest.mark.django_db

CSV = "external_id,title\nA-1,Varastotyöntekijä\nA-2,Siivooja\n"
BAD = "external_id,title,kind\nA-1,Varastotyöntekijä,job\nA-2,Siivooja,astronaut\n"


def _created_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "opportunity created" in r.getMessage()]


def test_a_rolled_back_dry_run_logs_no_creation(
    personas, caplog, django_capture_on_commit_callbacks
) -> None:
    caplog.set_level(logging.INFO, logger="kohtaanto.opportunities.services")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = import_opportunities(
            parse_csv(CSV), organisation=personas.organisation, dry_run=True
        )
    assert report.created == 2 and not report.applied
    assert callbacks == []  # the dry run's transaction rolled back: nothing was queued
    assert _created_lines(caplog) == []


def test_a_refused_import_logs_no_creation(
    personas, caplog, django_capture_on_commit_callbacks
) -> None:
    caplog.set_level(logging.INFO, logger="kohtaanto.opportunities.services")
    with django_capture_on_commit_callbacks(execute=True):
        report = import_opportunities(parse_csv(BAD), organisation=personas.organisation)
    assert not report.applied and report.errors
    assert _created_lines(caplog) == []


def test_a_committed_import_logs_each_creation_after_the_commit(
    personas, caplog, django_capture_on_commit_callbacks
) -> None:
    caplog.set_level(logging.INFO, logger="kohtaanto.opportunities.services")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = import_opportunities(parse_csv(CSV), organisation=personas.organisation)
        assert report.applied and report.created == 2
        assert _created_lines(caplog) == []  # not yet: the transaction has not committed
    for callback in callbacks:
        callback()
    lines = _created_lines(caplog)
    assert sorted(lines) == sorted(f"opportunity created id={pk}" for pk in report.opportunity_ids)


def test_the_helper_waits_for_the_commit(caplog, django_capture_on_commit_callbacks) -> None:
    logger = logging.getLogger("kohtaanto.tests.logs")
    caplog.set_level(logging.INFO, logger="kohtaanto.tests.logs")
    with django_capture_on_commit_callbacks(execute=True):
        log_after_commit(logger, "thing created id=%s", 7)
        assert "thing created id=7" not in caplog.text
    assert "thing created id=7" in caplog.text
