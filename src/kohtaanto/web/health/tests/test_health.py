"""/healthz and /readyz: JSON, no login, no session, answered before host checks."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from kohtaanto.web.health import views


def test_healthz_answers_without_the_database(client: Client) -> None:
    with mock.patch.object(views, "_database", side_effect=AssertionError("no database")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert reverse("healthz") == "/healthz"


@pytest.mark.django_db
def test_readyz_reports_database_and_queue(client: Client) -> None:
    from django_tasks_db.models import DBTaskResult

    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "queue": "ok"}
    assert body["queue"]["waiting"] == DBTaskResult.objects.filter(status="READY").count()
    assert reverse("readyz") == "/readyz"


@pytest.mark.django_db
def test_readyz_shows_how_long_the_oldest_task_has_waited(client: Client) -> None:
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.create(
        task_path="kohtaanto.example.task",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=timezone.now(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=10)
    )
    body = client.get("/readyz").json()
    assert body["queue"]["waiting"] >= 1
    assert body["queue"]["oldest_waiting_seconds"] >= 600


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("kohtaanto.web.health.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(views.RETRY_AFTER_SECONDS)
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "queue": "unavailable"},
    }


@pytest.mark.django_db
@override_settings(TASK_BACKEND="immediate")
def test_readyz_without_a_queue(client: Client) -> None:
    assert client.get("/readyz").json()["checks"] == {"database": "ok", "queue": "not used"}


@override_settings(ALLOWED_HOSTS=["kohtaanto.example.fi"], SECURE_SSL_REDIRECT=True, DEBUG=False)
def test_probes_need_no_allowed_host_and_no_https(client: Client) -> None:
    # A container probe on 127.0.0.1 over plain HTTP.
    assert client.get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    # Everything else still checks the host.
    assert client.get("/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_only_get_and_head(client: Client) -> None:
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/healthz").status_code == 200
