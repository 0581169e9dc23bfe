"""`kohtaanto backup` / `kohtaanto restore`: a round trip into an EMPTY database (SQLite: a
new file; PostgreSQL: a new database) compares every table's row count and a checksum of each
participant's data export; a database with data is refused without --replace; a damaged file
changes nothing.

The backup is made in this process from the test database (committed data: a transactional
test); the restore and the comparison run in child processes whose DATABASE_URL names the
empty target, as an operator would run them."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import translation
from tests.factories import ConsentEventFactory, make_personas
from tests.factories_journeys import (
    DigCompAttemptFactory,
    GoalFactory,
    IntakeFactory,
    ProfileItemFactory,
    SessionFactory,
    SpokenLanguageFactory,
    TaskFactory,
)
from tests.factories_trials import make_trial

from kohtaanto.cli.backup_engine import (
    BackupError,
    NotEmpty,
    Target,
    _sqlite_counts,
    create_backup,
    participant_export_checksums,
    restore_backup,
    table_counts,
)
from kohtaanto.opportunities import services as opportunities

pytestmark = pytest.mark.django_db(transaction=True)

PROBE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
import django
django.setup()
from django.db import connection
from django.utils import translation
from kohtaanto.cli.backup_engine import participant_export_checksums, table_counts
from kohtaanto.cli.backup_engine import _pg_tables, _sqlite_tables
with connection.cursor() as cursor:
    if connection.vendor == "postgresql":
        tables = _pg_tables(cursor)
    else:
        tables = _sqlite_tables(connection.connection)
    counts = table_counts(cursor, tables)
print(json.dumps({"counts": counts, "exports": participant_export_checksums()}))
"""


def _source_counts() -> dict[str, int]:
    from kohtaanto.cli.backup_engine import _pg_tables, _sqlite_tables

    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return table_counts(cursor, _pg_tables(cursor))
        return table_counts(cursor, _sqlite_tables(connection.connection))


def demo_like_data() -> None:
    """Personas and a few records in many apps."""
    personas = make_personas()
    for participant in (personas.participant, personas.caseload_participant):
        IntakeFactory(participant=participant)
        SpokenLanguageFactory(participant=participant)
        SessionFactory(participant=participant)
        TaskFactory(participant=participant)
        GoalFactory(participant=participant)
        DigCompAttemptFactory(participant=participant)
        ProfileItemFactory(participant=participant, label="trukin ajo")
        ConsentEventFactory(participant=participant)
    opportunities.create_opportunity(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä",
        description="Keräilyä ja trukilla ajoa.",
        municipality_code="091",
    )
    make_trial(personas)


@pytest.fixture
def data_dir(tmp_path: Path, settings: Any) -> Path:
    folder = tmp_path / "data"
    (folder / "imports").mkdir(parents=True)
    (folder / "exports").mkdir()
    (folder / "imports" / "abc.csv").write_text("external_id,title\n1,Siivooja\n")
    (folder / "exports" / "report.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(2000))
    (folder / "cache").mkdir()
    (folder / "cache" / "index.bin").write_bytes(b"rebuildable")
    (folder / "badge_kek").write_text("not in any backup")
    settings.DATA_DIR = folder
    return folder


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[str]:
    """DATABASE_URL of an empty database of the engine under test."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored' / 'kohtaanto.sqlite3'}"
        return
    import psycopg

    info = connection.settings_dict
    name = f"kohtaanto_restore_{uuid.uuid4().hex[:10]}"
    params = {
        "dbname": "postgres",
        "user": info.get("USER") or None,
        "password": info.get("PASSWORD") or None,
        "host": info.get("HOST") or None,
        "port": info.get("PORT") or None,
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = info.get("USER") or ""
    password = f":{info['PASSWORD']}" if info.get("PASSWORD") else ""
    at = f"{user}{password}@" if user else ""
    try:
        yield f"postgres://{at}{info.get('HOST') or '127.0.0.1'}:{info.get('PORT') or 5432}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DATABASE_URL=database_url,
        KOHTAANTO_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="kohtaanto.config.settings",
        LANG="C.UTF-8",
        LC_ALL="",
    )
    env.pop("LC_ALL")
    return env


def _kohtaanto(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kohtaanto.cli.main import cli; cli()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _probe(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_round_trip_into_an_empty_database(
    tmp_path: Path, data_dir: Path, empty_target: str
) -> None:
    demo_like_data()
    counts = _source_counts()
    exports = {str(k): v for k, v in participant_export_checksums().items()}
    assert len(exports) == 4 and sum(counts.values()) > 100
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive, data_dir=data_dir, progress=lambda _m: None)
    assert manifest.tables == counts
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert {"files/imports/abc.csv", "files/exports/report.pdf", "manifest.json"} <= names
    assert not any("badge_kek" in n or "cache" in n for n in names)
    assert manifest.left_out == ["badge_kek"]

    restored_dir = tmp_path / "restored-data"
    env = _env(empty_target, restored_dir)
    done = _kohtaanto(["restore", str(archive)], env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Restored the backup" in done.stdout
    assert "badge_kek" in done.stderr  # the KEK note
    after = _probe(env)
    assert after["counts"] == counts  # every table, row for row
    assert after["exports"] == exports  # each participant's export, byte for byte
    assert (restored_dir / "imports" / "abc.csv").read_text() == "external_id,title\n1,Siivooja\n"
    assert (restored_dir / "exports" / "report.pdf").read_bytes() == (
        data_dir / "exports" / "report.pdf"
    ).read_bytes()

    # Now the target holds data: a second restore is refused and changes nothing.
    again = _kohtaanto(["restore", str(archive)], env)
    assert again.returncode == 3
    assert "--replace" in again.stderr and "nothing was restored" in again.stderr
    assert _probe(env)["counts"] == counts
    replaced = _kohtaanto(["restore", str(archive), "--replace", "--quiet"], env)
    assert replaced.returncode == 0, replaced.stderr[-3000:]
    assert _probe(env)["exports"] == exports


def _target_with_data(archive: Path, tmp_path: Path) -> tuple[Target, dict[str, int]]:
    """PostgreSQL: the test database itself; SQLite: a file the backup was restored into."""
    if connection.vendor == "postgresql":
        return Target(dict(connection.settings_dict), tmp_path / "other-data"), _source_counts()
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "t.sqlite3")}
    target = Target(database, tmp_path / "other-data")
    restore_backup(archive, target=target, replace=False, progress=lambda _m: None)
    return target, _sqlite_counts(tmp_path / "t.sqlite3")


def _counts_of(target: Target) -> dict[str, int]:
    if target.engine == "postgresql":
        return _source_counts()
    return _sqlite_counts(Path(target.database["NAME"]))


def test_restore_refuses_a_database_with_data(tmp_path: Path, data_dir: Path) -> None:
    demo_like_data()
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, data_dir=data_dir, progress=lambda _m: None)
    target, before = _target_with_data(archive, tmp_path)
    with pytest.raises(NotEmpty, match="--replace"):
        restore_backup(archive, target=target, replace=False, progress=lambda _m: None)
    assert _counts_of(target) == before


def _damaged_copies(archive: Path, tmp_path: Path) -> list[Path]:
    raw = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(raw[: len(raw) // 2])
    not_gzip = tmp_path / "noise.tar.gz"
    not_gzip.write_bytes(os.urandom(4096))
    # A well-formed archive whose database member no longer matches its checksum.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as out:
        for member in source.getmembers():
            body = source.extractfile(member)
            assert body is not None
            data = body.read()
            if member.name.startswith("database."):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            out.addfile(member, io.BytesIO(data))
    return [truncated, not_gzip, tampered]


def test_a_damaged_backup_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    demo_like_data()
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, data_dir=data_dir, progress=lambda _m: None)
    target, before = _target_with_data(archive, tmp_path)
    target.data_dir = data_dir
    for damaged in _damaged_copies(archive, tmp_path):
        with pytest.raises(BackupError) as raised, translation.override("en"):
            restore_backup(damaged, target=target, replace=True, progress=lambda _m: None)
        assert not isinstance(raised.value, NotEmpty)
        assert "damaged" in str(raised.value) or "not a Kohtaanto backup" in str(raised.value)
        assert _counts_of(target) == before
        assert (data_dir / "imports" / "abc.csv").exists()


def test_the_cli_reports_a_damaged_file_in_the_chosen_language(
    tmp_path: Path, data_dir: Path
) -> None:
    damaged = tmp_path / "noise.tar.gz"
    damaged.write_bytes(os.urandom(1000))
    env = _env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "d")
    done = _kohtaanto(["restore", str(damaged), "--lang", "fi"], env)
    assert done.returncode == 1
    assert "ei muutettu" in done.stderr  # "nothing was changed", in Finnish
    assert not (tmp_path / "db.sqlite3").exists()
