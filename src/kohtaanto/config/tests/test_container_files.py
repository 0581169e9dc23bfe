"""The Dockerfile and compose.yaml checked against the settings and the code (container base
images cannot be pulled on these machines, so nothing here builds an image): every required
variable is set in compose, the commands they run exist, the image runs as non-root, the
health check asks for a path the URLs serve, and with compose's environment the production
settings load and `check --deploy` has nothing to say."""

from __future__ import annotations

import fnmatch
import re
import shlex
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.urls import resolve

from kohtaanto.config.tests.production import REPO

DOCKERFILE = REPO / "Dockerfile"
COMPOSE = REPO / "compose.yaml"
ENV_EXAMPLE = REPO / "compose.env.example"
APP_SERVICES = ("migrate", "web", "worker")
SECRET_WORDS = ("SECRET", "PASSWORD", "KEK", "DATABASE_URL")


# --- reading the files --------------------------------------------------------------------
def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """Instructions per stage: [(INSTRUCTION, arguments)], continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction, arguments.strip()))
    return stages


def runtime_stage() -> list[tuple[str, str]]:
    return dockerfile_stages()[-1]


def exec_form(arguments: str) -> list[str]:
    import json

    return list(json.loads(arguments))


def image_environment() -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, arguments in runtime_stage():
        if instruction == "ENV":
            for item in shlex.split(arguments):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def example_variables() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


INTERPOLATION = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


def interpolate(value: object, variables: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?message}."""

    def substitute(match: re.Match[str]) -> str:
        name, kind, rest = match.group(1), match.group(2), match.group(3)
        if variables.get(name):
            return variables[name]
        if kind and kind.endswith("?"):
            raise AssertionError(f"compose needs {name}: {rest}")
        return rest or ""

    return INTERPOLATION.sub(substitute, str(value))


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text(encoding="utf-8")))


def service(name: str) -> dict[str, Any]:
    return dict(compose()["services"][name])


def service_environment(name: str, variables: dict[str, str]) -> dict[str, str]:
    environment = service(name).get("environment") or {}
    return {key: interpolate(value, variables) for key, value in environment.items()}


# --- the image ----------------------------------------------------------------------------
def test_the_image_runs_as_a_non_root_user() -> None:
    users = [arguments for instruction, arguments in runtime_stage() if instruction == "USER"]
    assert users, "the runtime stage sets no USER: it would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    run = " ".join(arguments for instruction, arguments in runtime_stage() if instruction == "RUN")
    assert f"--uid {user}" in run  # the user exists in the image


def test_the_image_has_voikko_and_builds_assets_and_wheels_from_the_lock() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 3, "multi-stage: assets, builder, runtime"
    runtime_runs = " ".join(a for i, a in runtime_stage() if i == "RUN")
    assert "libvoikko1" in runtime_runs and "voikko-fi" in runtime_runs
    # `kohtaanto backup` runs pg_dump from the image: Debian bookworm's client is 15, and
    # pg_dump refuses a newer server, so compose's PostgreSQL is 15 too.
    assert "postgresql-client" in runtime_runs
    assert "ARG PYTHON_IMAGE=python:3.11-slim-bookworm" in DOCKERFILE.read_text(encoding="utf-8")
    assert service("db")["image"].startswith("postgres:15")
    everything = [(i, a) for stage in stages for (i, a) in stage]
    runs = " ".join(a for i, a in everything if i == "RUN")
    assert "npm ci" in runs
    assert "pip install -r requirements/base.txt" in runs
    assert "kohtaanto i18n compile" in runs
    assert "manage.py collectstatic" in runs


def _ignored(path: str, patterns: list[str]) -> bool:
    return any(
        fnmatch.fnmatch(path, pattern.lstrip("/")) or path.startswith(pattern.lstrip("/") + "/")
        for pattern in patterns
    )


def test_every_file_the_image_copies_exists_and_is_not_ignored() -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sources = []
    for stage in dockerfile_stages():
        for instruction, arguments in stage:
            if instruction == "COPY" and not arguments.startswith("--from"):
                sources += arguments.split()[:-1]
    assert sources
    for source in sources:
        assert (REPO / source).exists(), source
        assert not _ignored(source.rstrip("/"), patterns), f"{source} is in .dockerignore"


def test_the_health_check_asks_for_a_served_path_on_the_exposed_port() -> None:
    checks = [a for i, a in runtime_stage() if i == "HEALTHCHECK"]
    assert checks
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/\w+)", checks[-1])
    assert url, checks[-1]
    port, path = url.groups()
    assert resolve(path).url_name == "healthz"
    exposed = [a for i, a in runtime_stage() if i == "EXPOSE"]
    assert exposed == [port]
    assert image_environment()["KOHTAANTO_BIND"].endswith(f":{port}")


def test_the_image_command_is_gunicorn_with_the_project_configuration() -> None:
    command = exec_form([a for i, a in runtime_stage() if i == "CMD"][-1])
    assert command == ["gunicorn", "-c", "python:kohtaanto.config.gunicorn"]
    assert find_spec("kohtaanto.config.gunicorn") is not None
    assert (REPO / ".venv" / "bin" / "gunicorn").exists() or find_spec("gunicorn")


# --- compose ------------------------------------------------------------------------------
def test_compose_runs_commands_that_exist() -> None:
    from django.core.management import get_commands

    from kohtaanto.cli.main import COMMANDS

    web = service("web")["command"]
    assert web == exec_form([a for i, a in runtime_stage() if i == "CMD"][-1])
    worker = service("worker")["command"]
    assert worker[0] == "kohtaanto" and worker[1] in COMMANDS
    assert worker == ["kohtaanto", "worker"]
    migrate = service("migrate")["command"]
    assert migrate[:2] == ["python", "manage.py"] and (REPO / "manage.py").exists()
    assert migrate[2] in get_commands()
    # web and worker wait for the migrations; both share the data folder (uploads, beats).
    for name in ("web", "worker"):
        assert service(name)["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert "kohtaanto-data:/data" in service(name)["volumes"]


def test_compose_commits_no_secret() -> None:
    data = compose()
    for name in APP_SERVICES:
        declared = set(service(name).get("secrets") or [])
        for key, value in (service(name).get("environment") or {}).items():
            if any(word in key for word in SECRET_WORDS):
                assert key.endswith("_FILE"), f"{name}: {key} must come from a secret file"
                secret = str(value).removeprefix("/run/secrets/")
                assert secret in declared and secret in data["secrets"], (name, key)
    for secret in data["secrets"].values():
        assert "/secrets}/" in secret["file"] or secret["file"].startswith("./secrets/")
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "/secrets/" in ignored and "/.env" in ignored


def _container_environment(name: str, tmp_path: Path) -> dict[str, str]:
    """What a compose service's process would see: the image's ENV, compose's environment
    with the documented .env, secret files from `scripts/make-secrets.sh` (the database URL
    pointed at a local SQLite file: no PostgreSQL container here), paths moved into tmp."""
    secrets_dir = tmp_path / "secrets"
    subprocess.run(
        ["sh", str(REPO / "scripts" / "make-secrets.sh"), str(secrets_dir)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert (secrets_dir / "database_url").read_text().startswith("postgres://kohtaanto:")
    (secrets_dir / "database_url").write_text(f"sqlite:///{tmp_path / 'db.sqlite3'}\n")
    env = {
        key: value
        for key, value in __import__("os").environ.items()
        if key in {"PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT"}
    }
    env.update(image_environment())
    env["PATH"] = f"{REPO / '.venv' / 'bin'}:{env.get('PATH', '')}".replace("$PATH", "")
    env.update(service_environment(name, example_variables()))
    for key, value in list(env.items()):
        if key.endswith("_FILE") and value.startswith("/run/secrets/"):
            env[key] = str(secrets_dir / value.removeprefix("/run/secrets/"))
    env["KOHTAANTO_DATA_DIR"] = str(tmp_path / "data")
    env["KOHTAANTO_STATIC_ROOT"] = str(tmp_path / "static")
    return env


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_sets_every_variable_the_production_settings_require(
    name: str, tmp_path: Path
) -> None:
    env = _container_environment(name, tmp_path)
    assert env["KOHTAANTO_ENV"] == "production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('settings loaded')"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "settings loaded" in result.stdout


def test_check_deploy_is_clean_with_the_compose_environment(tmp_path: Path) -> None:
    env = _container_environment("web", tmp_path)
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
    assert "System check identified no issues" in result.stdout
