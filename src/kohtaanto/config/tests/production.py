"""Helpers for tests that run the production commands as processes (no containers here):
a production environment, a database the processes can open, a free port."""

from __future__ import annotations

import base64
import os
import secrets
import socket
import sqlite3
from pathlib import Path

from django.db import connection

REPO = Path(__file__).resolve().parents[4]
VENV_BIN = REPO / ".venv" / "bin"
# Variables of the test run that must not leak into the production processes.
DROPPED = ("KOHTAANTO_", "DJANGO_", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_", "CSRF_")


def production_environment(data_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """A complete production environment: what docs/deploy.md asks an operator to set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(DROPPED)}
    env.update(
        KOHTAANTO_ENV="production",
        KOHTAANTO_DATA_DIR=str(data_dir),
        KOHTAANTO_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="kohtaanto.example.fi",
        CSRF_TRUSTED_ORIGINS="https://kohtaanto.example.fi",
        EMAIL_HOST="smtp.example.fi",
        KOHTAANTO_BADGE_KEK=base64.b64encode(secrets.token_bytes(32)).decode(),
        KOHTAANTO_HSTS_PRELOAD="1",
    )
    env.update(extra)
    return env


def database_url_for_processes(tmp_path: Path) -> str:
    """A URL other processes can open holding the test database's schema (and what the test
    committed): on SQLite a file copy of the in-memory test database, on PostgreSQL the test
    database itself (use with ``transactional_db``, which empties it afterwards)."""
    connection.ensure_connection()
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "processes.sqlite3"
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return f"sqlite:///{target}"
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def task_status(database_url: str, task_id: str) -> str:
    """A queued task's status as the processes see it (on SQLite they use a copy)."""
    from django_tasks_db.models import DBTaskResult

    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")
        table = DBTaskResult._meta.db_table  # a name from the model, not from input
        with sqlite3.connect(path) as db:
            row = db.execute(
                f"SELECT status FROM {table} WHERE id = ?",  # noqa: S608
                (task_id.replace("-", ""),),
            ).fetchone()
        return str(row[0]) if row else ""

    found = DBTaskResult.objects.filter(id=task_id).values_list("status", flat=True).first()
    return str(found or "")
