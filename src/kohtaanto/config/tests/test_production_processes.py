"""The production commands run as processes with the production settings: gunicorn with
`kohtaanto.config.gunicorn` (health endpoints, a static file through WhiteNoise, the access
log), the task worker, and `check --deploy` (issue 18: "the same production commands run in CI
without containers")."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kohtaanto.config.tests.production import (
    REPO,
    VENV_BIN,
    database_url_for_processes,
    free_port,
    production_environment,
    task_status,
)

START_SECONDS = 60


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`collectstatic` once with the production storage (hashed names, compressed copies)."""
    data_dir = tmp_path_factory.mktemp("static-data")
    env = production_environment(data_dir, f"sqlite:///{data_dir / 'unused.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO,
        env=env,
        check=False,
        timeout=300,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    static_root = data_dir / "static"
    assert (static_root / "staticfiles.json").exists()
    return static_root


def _get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _wait_until_serving(process: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited: {process.communicate()[1]}")
        try:
            if _get(port, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not answer /healthz in time")


def _stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        out, err = process.communicate(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("the process did not stop on SIGTERM") from None
    return (out or "") + (err or "")


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_health_and_static_files_with_production_settings(
    tmp_path: Path, collected_static: Path
) -> None:
    port = free_port()
    env = production_environment(
        tmp_path,
        database_url_for_processes(tmp_path),
        KOHTAANTO_STATIC_ROOT=str(collected_static),
        KOHTAANTO_BIND=f"127.0.0.1:{port}",
        KOHTAANTO_WEB_WORKERS="2",
    )
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "python:kohtaanto.config.gunicorn"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_serving(process, port)
        status, headers, body = _get(port, "/healthz")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        status, headers, body = _get(port, "/readyz")
        assert status == 200, body
        assert json.loads(body)["checks"] == {"database": "ok", "queue": "ok"}
        # A static file by its hashed name from the manifest, with a long cache lifetime.
        manifest = json.loads((collected_static / "staticfiles.json").read_text())
        hashed = manifest["paths"]["kohtaanto/site.css"]
        status, headers, body = _get(port, f"/static/{hashed}", host="kohtaanto.example.fi")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "max-age=315360000" in headers["Cache-Control"]
        assert body
        # Production security: the real host over HTTPS gets the login page with HSTS; a plain
        # HTTP request is redirected; an unknown host is refused.
        status, headers, _body = _get(port, "/login/?q=Maija", host="kohtaanto.example.fi")
        assert status == 200
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        assert _get(port, "/login/", host="evil.example.com")[0] == 400
    finally:
        log = _stop(process)
    assert '"GET /healthz HTTP/1.1" 200' in log
    assert '"GET /login/ HTTP/1.1" 200' in log  # no query string in the access log
    assert "Maija" not in log
    assert "127.0.0.1 -" not in log  # no client address


def _get_with(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def test_a_database_that_does_not_answer_gives_503_pages_not_500(
    tmp_path: Path, collected_static: Path
) -> None:
    # A real outage through the whole stack: PostgreSQL named on a port where nothing listens.
    port, dead = free_port(), free_port()
    env = production_environment(
        tmp_path,
        f"postgres://kohtaanto:pw@127.0.0.1:{dead}/kohtaanto",
        KOHTAANTO_STATIC_ROOT=str(collected_static),
        KOHTAANTO_BIND=f"127.0.0.1:{port}",
        KOHTAANTO_WEB_WORKERS="1",
    )
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "python:kohtaanto.config.gunicorn"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    site = {"Host": "kohtaanto.example.fi", "X-Forwarded-Proto": "https"}
    # A logged-in visitor: the session is read from the database.
    visitor = {**site, "Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"}
    try:
        _wait_until_serving(process, port)
        status, headers, body = _get_with(port, "/readyz", {})
        assert status == 503 and headers["Retry-After"] == "10"
        assert json.loads(body)["checks"]["database"] == "unavailable"
        status, headers, body = _get_with(port, "/", {**visitor, "Accept-Language": "fi"})
        assert status == 503, body[:500]
        assert headers["Retry-After"] == "10"
        assert "Palvelu ei ole hetkeen käytettävissä" in body
        assert "Traceback" not in body
        status, headers, body = _get_with(
            port, "/api/v1/opportunities/", {**visitor, "Accept-Language": "sv"}
        )
        assert status == 503
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["title"] == "Tjänsten är inte tillgänglig"
    finally:
        log = _stop(process)
    assert "database unavailable: answered 503" in log


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_task_and_stops_on_sigterm(tmp_path: Path) -> None:
    from kohtaanto.people.tasks import send_due_reminders

    # Queued here (what `kohtaanto reminders send` does), before the processes get the database.
    task_id = str(send_due_reminders.enqueue().id)
    env = production_environment(tmp_path, database_url_for_processes(tmp_path))
    kohtaanto = str(VENV_BIN / "kohtaanto")
    batch = subprocess.run(
        [kohtaanto, "worker", "--batch"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert batch.returncode == 0, batch.stderr
    assert "kohtaanto worker: started" in batch.stderr
    assert task_status(env["DATABASE_URL"], task_id) == "SUCCESSFUL"
    # As a service: it keeps polling until SIGTERM, then stops cleanly.
    process = subprocess.Popen(
        [kohtaanto, "worker"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + START_SECONDS
    started = False
    assert process.stderr is not None
    while time.monotonic() < deadline and not started:
        line = process.stderr.readline()
        started = "kohtaanto worker: started" in line
        if not line and process.poll() is not None:
            break
    assert started, "the worker did not start"
    time.sleep(1.5)  # a few looks at the empty queue
    assert process.poll() is None, "the worker stopped on its own"
    _stop(process)
    assert process.returncode == 0


def test_check_deploy_reports_nothing_in_production(tmp_path: Path) -> None:
    env = production_environment(tmp_path, f"sqlite:///{tmp_path / 'deploy.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
