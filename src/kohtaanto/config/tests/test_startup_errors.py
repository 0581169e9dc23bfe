"""Start-up refusals are one line naming the variable, never a traceback (issue 18, probe 3
and 7): demo mode in production, a missing required variable, a malformed DATABASE_URL — for
manage.py, the kohtaanto command and gunicorn alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kohtaanto.config.env import ImproperlyConfiguredError, env_database_url
from kohtaanto.config.tests.production import REPO, VENV_BIN, production_environment

ENTRY_POINTS = {
    "manage.py": [sys.executable, "manage.py", "check"],
    "kohtaanto": [str(VENV_BIN / "kohtaanto"), "worker", "--batch"],
    "gunicorn": [str(VENV_BIN / "gunicorn"), "-c", "python:kohtaanto.config.gunicorn"],
}
PASSWORD = "Salainen-tietokanta-salasana"


def _run(program: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ENTRY_POINTS[program],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _one_line(result: subprocess.CompletedProcess[str], program: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"{program}: configuration error: ")
    return lines[0]


@pytest.mark.parametrize("program", ENTRY_POINTS)
def test_production_refuses_demo_mode_in_one_line(program: str, tmp_path: Path) -> None:
    env = production_environment(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env["KOHTAANTO_DEMO"] = "1"
    line = _one_line(_run(program, env), program)
    assert "KOHTAANTO_DEMO=1 is refused when KOHTAANTO_ENV=production" in line


@pytest.mark.parametrize("program", ENTRY_POINTS)
def test_a_missing_required_variable_is_one_line(program: str, tmp_path: Path) -> None:
    env = production_environment(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    del env["KOHTAANTO_SECRET_KEY"]
    line = _one_line(_run(program, env), program)
    assert line.endswith("The environment variable KOHTAANTO_SECRET_KEY must be set.")


@pytest.mark.parametrize("program", ["manage.py", "gunicorn"])
def test_a_malformed_database_url_names_the_variable_not_the_value(
    program: str, tmp_path: Path
) -> None:
    env = production_environment(tmp_path, f"postgres://kohtaanto:{PASSWORD}@db:port/kohtaanto")
    line = _one_line(_run(program, env), program)
    assert "DATABASE_URL is not a valid database URL" in line
    assert PASSWORD not in line


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgres://u:p@host:notaport/db", "is not a valid database URL"),
        ("localhost:5432/kohtaanto", "is not a valid database URL"),
        ("mysql://u:p@host/db", "must name a PostgreSQL or SQLite database"),
        ("postgres://u:p@host:5432/", "names no database"),
    ],
)
def test_env_database_url_errors(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfiguredError) as error:
        env_database_url("DATABASE_URL", environ={"DATABASE_URL": url})
    assert str(error.value).startswith(f"The environment variable DATABASE_URL {message}")
    assert "u:p" not in str(error.value)


def test_env_database_url_reads_a_file_and_keeps_options(tmp_path: Path) -> None:
    secret = tmp_path / "database_url"
    secret.write_text("postgres://kohtaanto:pw@db:5432/kohtaanto\n")
    config = env_database_url(
        "DATABASE_URL", conn_max_age=60, environ={"DATABASE_URL_FILE": str(secret)}
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("kohtaanto", "db", 5432)
    assert config["CONN_MAX_AGE"] == 60


@pytest.mark.parametrize(
    ("program", "name", "raw"),
    [
        ("manage.py", "KOHTAANTO_TRUSTED_PROXIES", "-1"),
        ("gunicorn", "KOHTAANTO_WEB_WORKERS", "0"),
    ],
)
def test_a_number_out_of_range_is_one_line(
    program: str, name: str, raw: str, tmp_path: Path
) -> None:
    env = production_environment(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    env[name] = raw
    line = _one_line(_run(program, env), program)
    assert f"The environment variable {name} must be a whole number at least" in line
