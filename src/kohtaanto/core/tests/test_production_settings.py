"""Production mode: refuse to start without configuration; pass `check --deploy` with it."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]
PRODUCTION_VARS = ("KOHTAANTO_SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_HOST")


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KOHTAANTO_", "DJANGO_")) and key not in PRODUCTION_VARS
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kohtaanto.config.settings",
        KOHTAANTO_ENV="production",
        KOHTAANTO_DATA_DIR=str(tmp_path),
    )
    env.update(extra)
    return env


def _complete(tmp_path: Path) -> dict[str, str]:
    return {
        "KOHTAANTO_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "ALLOWED_HOSTS": "kohtaanto.example.fi",
        "EMAIL_HOST": "smtp.example.fi",
    }


def _deploy(tmp_path: Path) -> dict[str, str]:
    # HSTS preload is an operator's decision (default off); without it Django warns W021.
    # Open Badges needs its key-encryption key (a system check error without one).
    kek = base64.b64encode(secrets.token_bytes(32)).decode()
    return {**_complete(tmp_path), "KOHTAANTO_HSTS_PRELOAD": "1", "KOHTAANTO_BADGE_KEK": kek}


@pytest.mark.parametrize("missing", PRODUCTION_VARS)
def test_production_refuses_to_start_without_a_variable(tmp_path: Path, missing: str) -> None:
    variables = _complete(tmp_path)
    del variables[missing]
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=_environment(tmp_path, **variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert missing in result.stderr


def test_check_deploy_passes_in_production(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=_environment(tmp_path, **_deploy(tmp_path)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
