"""Big files are checked and imported in the background with their progress shown; only the
coordinator who started a run sees it; a failed run imports nothing and says so."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kohtaanto.opportunities import import_jobs
from kohtaanto.opportunities.models import Opportunity

from .test_views import IMPORT_CSV

URL = "/opportunities/import/"


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


@pytest.fixture
def inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as big, and the background work runs at once in the request."""
    monkeypatch.setattr(import_jobs, "INLINE_ROWS", 1)
    monkeypatch.setattr(import_jobs, "_spawn", lambda target: target())


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
    assert coordinator_client.get(URL + "no-such-token/").status_code == 404


@pytest.mark.django_db
def test_running_job_shows_progress_and_polls(
    coordinator_client: Client, personas: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Callable[[], None]] = []
    monkeypatch.setattr(import_jobs, "INLINE_ROWS", 1)
    monkeypatch.setattr(import_jobs, "_spawn", started.append)  # never runs: stays "running"
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

    started[0]()  # the work runs now
    finished = coordinator_client.get(job_url, HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"
    assert "hx-trigger" not in finished.content.decode()


@pytest.mark.django_db
def test_failed_run_imports_nothing_and_says_so(
    coordinator_client: Client, personas: object, inline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kohtaanto.web.opportunities import imports

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a cell that must not reach the log: Matti Meikäläinen")

    organisation = personas.organisation  # type: ignore[attr-defined]
    page = coordinator_client.get(
        _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    )
    monkeypatch.setattr(imports, "import_opportunities", broken)
    imported = coordinator_client.post(
        URL, {"action": "import_all", "token": page.context["token"]}
    )
    result = coordinator_client.get(imported["Location"], HTTP_ACCEPT_LANGUAGE="fi")
    assert result.context["failed"]
    assert "Mitään ei tuotu." in result.content.decode()
    assert not Opportunity.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_background_thread_finishes(
    coordinator_client: Client, personas: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_jobs, "INLINE_ROWS", 1)
    organisation = personas.organisation  # type: ignore[attr-defined]
    job_url = _upload(coordinator_client, organisation.pk)["Location"]  # type: ignore[index]
    token = job_url.rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + 60
    while True:
        job = import_jobs.get_job(token, personas.coordinator)  # type: ignore[attr-defined]
        assert job is not None
        if job.finished or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert job.status == "done"
    assert job.report is not None and job.report.valid == 2
    assert reverse("opportunities:import-job", args=[token]) == job_url


def test_abandoned_uploads_are_removed_after_a_while(settings: object, tmp_path: Path) -> None:
    import os

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
