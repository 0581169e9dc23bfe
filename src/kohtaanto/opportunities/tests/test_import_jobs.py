"""Big files are checked and imported by the background worker with their progress shown; only
the coordinator who started a run sees it; a failed run imports nothing and says so; the state is
in the database, so a restart loses nothing, and a run whose worker died is shown as failed and
can be started again.

Most tests run tasks at once in the request (django-tasks' immediate backend, `inline`) or leave
them in the database queue (`queued`) and run them by hand; `test_a_real_worker_runs_the_queue`
and the `kohtaanto worker` test run the database backend's worker in this process."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kohtaanto.opportunities import tasks
from kohtaanto.opportunities.models import ImportJob, Opportunity

from .test_views import IMPORT_CSV

URL = "/opportunities/import/"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _upload(client: Client, organisation_id: int) -> object:
    return client.post(
        URL,
        {
            "action": "check",
            "organisation": organisation_id,
            "target": "opportunities",
            "file_format": "csv",
            "file": SimpleUploadedFile("o.csv", IMPORT_CSV.encode()),
        },
    )


def _token(job_url: str) -> str:
    return job_url.rstrip("/").rsplit("/", 1)[-1]


def _run_worker_once() -> None:
    """The database backend's worker, in this process: run the waiting tasks, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture(autouse=True)
def data_dir(settings: object, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.fixture
def inline(monkeypatch: pytest.MonkeyPatch, settings: object) -> None:
    """Every file counts as big, and the background work runs at once in the request."""
    monkeypatch.setattr(tasks, "INLINE_ROWS", 1)
    settings.TASKS = IMMEDIATE  # type: ignore[attr-defined]


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch, settings: object) -> None:
    """Every file counts as big, and its task waits in the database queue for a worker."""
    monkeypatch.setattr(tasks, "INLINE_ROWS", 1)
    settings.TASKS = DATABASE  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_big_file_check_then_import_through_the_progress_page(
    coordinator_client: Client, personas: object, inline: None, settings: object, tmp_path: Path
) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    organisation = personas.organisation  # type: ignore[attr-defined]
    checked = _upload(coordinator_client, organisation.pk)
    assert checked.status_code == 302  # type: ignore[attr-defined]
    job_url = checked["Location"]  # type: ignore[index]
    assert job_url.startswith(URL) and job_url != URL
    assert not Opportunity.objects.exists()  # the check writes nothing
    page = coordinator_client.get(job_url)
    assert page.status_code == 200
    preview = page.context["preview"]
    assert (preview.total, preview.valid, len(preview.errors)) == (3, 2, 1)
    assert "<td>3</td>" in page.content.decode()  # line of the bad row

    imported = coordinator_client.post(
        URL, {"action": "import_valid", "token": page.context["token"]}
    )
    assert imported.status_code == 302
    done = coordinator_client.get(imported["Location"])
    assert done.context["report"].applied
    assert sorted(Opportunity.objects.values_list("external_id", flat=True)) == ["A1", "A3"]
    assert not list((tmp_path / "imports").glob("*.upload"))  # the uploaded file is removed
    assert not list((tmp_path / "imports").glob("*.progress"))


@pytest.mark.django_db
def test_only_the_starter_sees_a_run(
    coordinator_client: Client, personas: object, inline: None
) -> None:
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    for user in ("coach", "outsider", "participant_user"):
        client = Client()
        client.force_login(getattr(personas, user))
        assert client.get(job_url).status_code == 404
        assert client.post(job_url, {"action": "retry"}).status_code == 404
    assert coordinator_client.get(URL + "no-such-token/").status_code == 404


@pytest.mark.django_db
def test_running_job_shows_progress_and_polls(
    coordinator_client: Client, personas: object, queued: None
) -> None:
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    page = coordinator_client.get(job_url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert (
        "Tiedostoa tarkistetaan: 0 / 2 riviä valmiina." in page
    )  # two rows parsed; the third could not be read
    assert 'http-equiv="refresh"' in page  # without JavaScript the page reloads itself
    fragment = coordinator_client.get(job_url, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "HX-Refresh" not in fragment

    tasks.run_import_job.call(_token(job_url), 1)  # the work runs now
    finished = coordinator_client.get(job_url, HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"
    assert "hx-trigger" not in finished.content.decode()


@pytest.mark.django_db
def test_failed_run_imports_nothing_and_says_so(
    coordinator_client: Client,
    personas: object,
    inline: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a cell that must not reach the log: Matti Meikäläinen")

    organisation = personas.organisation  # type: ignore[attr-defined]
    page = coordinator_client.get(
        _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    )
    monkeypatch.setattr(tasks, "import_opportunities", broken)
    caplog.set_level(logging.INFO)
    imported = coordinator_client.post(
        URL, {"action": "import_all", "token": page.context["token"]}
    )
    result = coordinator_client.get(imported["Location"], HTTP_ACCEPT_LANGUAGE="fi")
    assert result.context["failed"]
    assert "Mitään ei tuotu." in result.content.decode()
    assert not Opportunity.objects.exists()
    # The coordinator sees the kind of error, never the cell; nor does the log or the queue.
    assert "Tekninen tieto ylläpitäjälle: RuntimeError" in result.content.decode()
    assert "Meikäläinen" not in result.content.decode()
    assert "Meikäläinen" not in caplog.text
    job = ImportJob.objects.get(pk=_token(imported["Location"]))
    assert "Meikäläinen" not in str(job.__dict__)
    # Failed for a reason of its own: not offered again, and its upload is removed.
    assert not result.context["can_retry"]
    assert 'value="retry"' not in result.content.decode()
    assert not list((tmp_path / "imports").glob("*.upload"))


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_queue(
    coordinator_client: Client, personas: object, queued: None
) -> None:
    """The database backend end to end: the request only queues; the worker runs the task."""
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    token = _token(job_url)
    job = tasks.get_job(token, personas.coordinator)  # type: ignore[attr-defined]
    assert job is not None and job.status == "queued"
    entry = DBTaskResult.objects.get(id=job.task_id)
    assert entry.status == TaskResultStatus.READY
    assert entry.args_kwargs == {"args": [token, 1], "kwargs": {}}  # no file content, no names

    _run_worker_once()

    job = tasks.get_job(token, personas.coordinator)  # type: ignore[attr-defined]
    assert job is not None
    assert job.status == "done"
    report = tasks.report_of(job)
    assert report is not None and report.valid == 2
    assert (job.done, job.total, job.attempts) == (2, 2, 1)
    assert job.worker and job.started_at and job.finished_at
    assert reverse("opportunities:import-job", args=[token]) == job_url
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL
    page = coordinator_client.get(job_url)
    assert page.context["preview"].valid == 2


@pytest.mark.django_db(transaction=True)
def test_a_restart_of_the_web_process_loses_nothing(
    coordinator_client: Client, personas: object, queued: None
) -> None:
    """No state in the web process: with its caches cleared (a new process has no threads and
    an empty memory) the queued run is still there, the worker runs it, and the page shows it."""
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    cache.clear()
    page = coordinator_client.get(job_url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Tiedostoa tarkistetaan: 0 / 2 riviä valmiina." in page
    _run_worker_once()
    cache.clear()
    page = coordinator_client.get(job_url)
    assert page.context["preview"].valid == 2
    assert page.context["token"] == _token(job_url)


def _die_while_running(token: str, seconds_ago: int = 120) -> ImportJob:
    """What a worker killed in the middle of the run leaves behind."""
    then = timezone.now() - dt.timedelta(seconds=seconds_ago)
    ImportJob.objects.filter(pk=token).update(
        status="running", started_at=then, heartbeat_at=then, done=1, worker="gone:4242"
    )
    job = ImportJob.objects.get(pk=token)
    DBTaskResult.objects.filter(id=job.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=then, worker_ids=["gone"]
    )
    return job


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_shown_as_failed_and_can_be_started_again(
    coordinator_client: Client, personas: object, queued: None, tmp_path: Path
) -> None:
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    token = _token(job_url)
    job = _die_while_running(token)

    fragment = coordinator_client.get(job_url, HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true"  # the polling page turns into the failure
    page = coordinator_client.get(job_url, HTTP_ACCEPT_LANGUAGE="fi")
    text = page.content.decode()
    assert page.context["failed"].error == "worker_lost"
    assert "Työ keskeytyi" in text and "Mitään ei tuotu." in text
    assert page.context["can_retry"] and 'value="retry"' in text
    assert (tmp_path / "imports" / f"{token}.upload").exists()  # kept for the retry
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.FAILED

    again = coordinator_client.post(job_url, {"action": "retry"})
    assert again.status_code == 302 and again["Location"] == job_url
    job = ImportJob.objects.get(pk=token)
    assert (job.status, job.attempts, job.error, job.done) == ("queued", 2, "", 0)
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.READY
    coordinator_client.post(job_url, {"action": "retry"})  # a second click changes nothing
    assert ImportJob.objects.get(pk=token).attempts == 2

    tasks.run_import_job.call(token, 1)  # the dead attempt's task, if it ever ran: nothing
    assert ImportJob.objects.get(pk=token).status == "queued"
    tasks.run_import_job.call(token, 2)
    page = coordinator_client.get(job_url)
    assert page.context["preview"].valid == 2
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_a_run_with_recent_signs_of_life_keeps_running(
    coordinator_client: Client, personas: object, queued: None
) -> None:
    """On SQLite the beat goes to a file beside the database (the import's transaction holds
    the write lock); on PostgreSQL to the row. Either keeps the run alive, with its progress."""
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    token = _token(job_url)
    job = _die_while_running(token)
    beat = tasks._Beat(job)
    beat.in_file = True
    beat.progress(1, 2)
    beat.write()
    page = coordinator_client.get(job_url, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Tiedostoa tarkistetaan: 1 / 2 riviä valmiina." in page
    assert ImportJob.objects.get(pk=token).status == "running"

    tasks._beat_file(token).unlink()
    beat.in_file = False
    beat.progress(2, 2)
    beat.write()
    job = ImportJob.objects.get(pk=token)
    assert (job.status, job.done) == ("running", 2)
    assert not tasks.is_stale(job)
    assert tasks.is_stale(job, timezone.now() + dt.timedelta(seconds=60))


@pytest.mark.django_db
def test_old_runs_lose_their_uploads_and_reports(
    coordinator_client: Client, personas: object, queued: None, tmp_path: Path
) -> None:
    organisation = personas.organisation  # type: ignore[attr-defined]
    lost = _token(_upload(coordinator_client, organisation.pk)["Location"])  # type: ignore[index]
    waiting = _token(_upload(coordinator_client, organisation.pk)["Location"])  # type: ignore[index]
    assert (tmp_path / "imports" / f"{lost}.upload").exists()  # a queued check keeps its file
    _die_while_running(lost)
    assert tasks.sweep() == 1
    long_ago = timezone.now() - dt.timedelta(seconds=tasks.KEEP_SECONDS + 60)
    ImportJob.objects.filter(pk__in=[lost, waiting]).update(created=long_ago)
    assert (tmp_path / "imports" / f"{lost}.upload").exists()

    coordinator_client.get(URL)  # the import page sweeps

    folder = tmp_path / "imports"
    assert not (folder / f"{lost}.upload").exists()
    assert not (folder / f"{waiting}.upload").exists()
    old = ImportJob.objects.get(pk=lost)
    assert (old.status, old.upload) == ("failed", "")
    assert not tasks.can_retry(old)  # nothing to start again
    never = ImportJob.objects.get(pk=waiting)
    assert (never.status, never.error) == ("failed", "not_started")
    page = coordinator_client.get(reverse("opportunities:import-job", args=[waiting]))
    assert "taustaohjelma ei ole käynnissä" in page.content.decode()  # the worker is not running

    ImportJob.objects.filter(pk=lost).update(
        created=timezone.now() - dt.timedelta(days=tasks.RETENTION_DAYS + 1)
    )
    tasks.sweep()
    assert not ImportJob.objects.filter(pk=lost).exists()


@pytest.mark.django_db
def test_a_long_wait_in_the_queue_is_explained(
    coordinator_client: Client, personas: object, queued: None
) -> None:
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    patience = "taustaohjelma ei ehkä ole käynnissä"  # the worker may not be running
    assert patience not in coordinator_client.get(job_url).content.decode()
    ImportJob.objects.filter(pk=_token(job_url)).update(
        created=timezone.now() - dt.timedelta(seconds=tasks.QUEUE_PATIENCE_SECONDS + 1)
    )
    assert patience in coordinator_client.get(job_url).content.decode()


@pytest.fixture
def restore_signals() -> Iterator[None]:
    """`db_worker` installs its own SIGINT/SIGTERM handlers; put pytest's back afterwards."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_marks_lost_runs_then_runs_the_queue(
    coordinator_client: Client,
    personas: object,
    queued: None,
    monkeypatch: pytest.MonkeyPatch,
    restore_signals: None,
) -> None:
    from click.testing import CliRunner

    from kohtaanto.cli import django_setup
    from kohtaanto.cli.main import cli

    monkeypatch.setattr(django_setup, "setup_django", lambda: None)  # set up by pytest-django
    organisation = personas.organisation  # type: ignore[attr-defined]
    lost = _token(_upload(coordinator_client, organisation.pk)["Location"])  # type: ignore[index]
    waiting = _token(_upload(coordinator_client, organisation.pk)["Location"])  # type: ignore[index]
    _die_while_running(lost)

    result = CliRunner().invoke(cli, ["worker", "--batch"])

    assert result.exit_code == 0, result.output
    assert "1 interrupted run(s) marked failed" in result.output
    assert ImportJob.objects.get(pk=lost).status == "failed"
    assert ImportJob.objects.get(pk=waiting).status == "done"


def test_abandoned_uploads_are_removed_after_a_while(settings: object, tmp_path: Path) -> None:
    from kohtaanto.web.opportunities.imports import _folder

    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    folder = _folder()
    old, new = folder / "old.upload", folder / "new.upload"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    day_ago = time.time() - 24 * 3600
    os.utime(old, (day_ago, day_ago))
    _folder()
    assert not old.exists() and new.exists()
