"""Backups of the database (SQLite or PostgreSQL) and of the data folder's stored files, and
their restore. Used by `kohtaanto backup` / `kohtaanto restore` (`cli/backup.py`).

A backup is one tar.gz file (mode 600: it holds personal data) with
- `manifest.json`: format and version, engine, creation time, the applied migrations, the
  row count of every table, and the size and SHA-256 of every other member;
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the app runs) or
  `database.pgdump` (`pg_dump --format=custom`, taken in the same snapshot as the row counts);
- `files/…`: the data folder's stored files (uploads of import runs, generated reports, …),
  without the database itself, caches, collected static files, earlier backups and the
  generated secrets (`secret_key`, `badge_kek`): the badge signing keys in the database are
  sealed with the KEK, which must come from the environment (`KOHTAANTO_BADGE_KEK`) or be
  kept apart from the backups; a backup that carried it would unseal its own keys.

Restore checks everything before it changes anything: the archive reads whole and every
member matches its checksum; the engine is the target's; the backup's migrations are exactly
the code's; the target database holds no data (unless `replace`). SQLite is restored into a
temporary file beside the target, checked (integrity, row counts) and renamed over it;
PostgreSQL with `pg_restore --single-transaction --clean --if-exists` (all or nothing). The
files are staged beside the data folder and swapped in last.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FORMAT = "kohtaanto-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILES_PREFIX = "files/"
SECRET_FILES = ("secret_key", "badge_kek")
SKIPPED_DIRS = ("cache", "static", "backups")
FILLED_BY_MIGRATE = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
)
"""Tables that `migrate` fills by itself: rows there do not make a database "not empty"."""

Progress = Callable[[str], None]


class BackupError(Exception):
    """A translated, user-facing reason; nothing was changed."""

    exit_code = 1


class NotEmpty(BackupError):
    exit_code = 3


@dataclass
class Target:
    """Where a restore goes: Django's DATABASES entry of it and the data folder."""

    database: dict[str, Any]
    data_dir: Path

    @property
    def engine(self) -> str:
        return "postgresql" if "postgresql" in self.database["ENGINE"] else "sqlite"


@dataclass
class Manifest:
    engine: str
    created_at: str
    migrations: dict[str, list[str]]
    tables: dict[str, int]
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    kohtaanto_version: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "engine": self.engine,
            "created_at": self.created_at,
            "kohtaanto_version": self.kohtaanto_version,
            "migrations": self.migrations,
            "tables": self.tables,
            "members": self.members,
            "left_out": self.left_out,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> Manifest:
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise BackupError(_("The file is not a Kohtaanto backup."))
        if raw.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                _(
                    "The backup's format version %(found)s is not supported "
                    "(this version reads %(ours)s)."
                )
                % {"found": str(raw.get("format_version"))[:10], "ours": FORMAT_VERSION}
            )
        try:
            return cls(
                engine=str(raw["engine"]),
                created_at=str(raw["created_at"]),
                migrations={str(k): [str(n) for n in v] for k, v in raw["migrations"].items()},
                tables={str(k): int(v) for k, v in raw["tables"].items()},
                members=dict(raw["members"]),
                left_out=[str(x) for x in raw.get("left_out", [])],
                kohtaanto_version=str(raw.get("kohtaanto_version", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackupError(_("The backup's manifest is damaged.")) from None


# --- reading a database ----------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (a quoted name)
        counts[table] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(cursor: Any) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    found: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        found.setdefault(app, []).append(name)
    return found


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [r[0] for r in rows]


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    return [r[0] for r in cursor.fetchall()]


def code_migrations() -> dict[str, list[str]]:
    """The migrations this version of the code has (what a fresh `migrate` applies)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    found: dict[str, list[str]] = {}
    for app, name in sorted(loader.disk_migrations):
        found.setdefault(app, []).append(name)
    return found


def migration_difference(backup: dict[str, list[str]], code: dict[str, list[str]]) -> list[str]:
    ours = {(a, n) for a, names in code.items() for n in names}
    theirs = {(a, n) for a, names in backup.items() for n in names}
    return sorted(f"{a}.{n}" for a, n in ours ^ theirs)


# --- PostgreSQL tools ------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """`pg_dump`/`pg_restore`: KOHTAANTO_PG_BIN, else PATH, else the newest Debian install."""
    folder = os.environ.get("KOHTAANTO_PG_BIN", "").strip()
    if folder:
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(
        _("%(tool)s was not found: install the PostgreSQL client or set KOHTAANTO_PG_BIN.")
        % {"tool": name}
    )


def _pg_args(database: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if database.get("HOST"):
        args += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", str(database["USER"])]
    args += ["--dbname", str(database["NAME"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # The tool's own words (no password: it is passed in the environment).
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BackupError(
            _("%(tool)s failed: %(detail)s")
            % {"tool": Path(command[0]).name, "detail": " / ".join(detail)[:500]}
        )


def _pg_connect(database: dict[str, Any]) -> Any:
    import psycopg

    return psycopg.connect(
        dbname=database["NAME"],
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        connect_timeout=10,
    )


# --- making a backup -------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(data_dir: Path, skip: set[Path]) -> Iterator[Path]:
    """The data folder's files a backup carries (see the module's docstring)."""
    if not data_dir.is_dir():
        return
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        top = relative.parts[0]
        if (
            not path.is_file()
            or path.is_symlink()
            or top in SKIPPED_DIRS
            or top.startswith(".")
            or (len(relative.parts) == 1 and top in SECRET_FILES)
            or path.resolve() in skip
            or re.search(r"\.sqlite3(-wal|-shm|-journal)?$", top)
        ):
            continue
        yield path


def _dump_sqlite(connection: Any, destination: Path, progress: Progress) -> Manifest:
    connection.ensure_connection()
    source: sqlite3.Connection = connection.connection
    copy = sqlite3.connect(destination)
    try:

        def step(status: int, remaining: int, total: int) -> None:
            if total:
                progress(
                    _("database: %(done)s of %(total)s pages")
                    % {"done": total - remaining, "total": total}
                )

        source.backup(copy, pages=1024, progress=step)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        tables = _sqlite_tables(copy)
        cursor = copy.cursor()
        counts = table_counts(cursor, tables)
        migrations = applied_migrations(cursor)
    finally:
        copy.close()
    return Manifest("sqlite", "", migrations, counts)


def _dump_postgres(connection: Any, destination: Path, progress: Progress) -> Manifest:
    """pg_dump in the snapshot where the row counts are taken: both see the same data."""
    from django.db import transaction

    dump = pg_tool("pg_dump")
    args, env = _pg_args(connection.settings_dict)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(cursor, _pg_tables(cursor))
        migrations = applied_migrations(cursor)
        progress(_("database: pg_dump (custom format)"))
        _run(
            [
                dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(destination),
                *args,
            ],
            env,
        )
    return Manifest("postgresql", "", migrations, counts)


def create_backup(output: Path, *, data_dir: Path, progress: Progress) -> Manifest:
    """Write a backup of the default database and `data_dir`'s stored files to `output`."""
    from django.db import connection

    import kohtaanto

    engine = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kohtaanto-backup-", dir=output.parent) as tmp:
        staged = Path(tmp) / DB_MEMBER[engine]
        dump = _dump_sqlite if engine == "sqlite" else _dump_postgres
        manifest = dump(connection, staged, progress)
        manifest.created_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        manifest.kohtaanto_version = getattr(kohtaanto, "__version__", "")
        manifest.members[DB_MEMBER[engine]] = {
            "bytes": staged.stat().st_size,
            "sha256": _sha256(staged),
        }
        skip = {output.resolve()}
        if engine == "sqlite" and connection.settings_dict["NAME"]:
            skip.add(Path(str(connection.settings_dict["NAME"])).resolve())
        files = list(stored_files(data_dir, skip))
        manifest.left_out = [n for n in SECRET_FILES if (data_dir / n).is_file()]
        partial = Path(tmp) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(staged, arcname=DB_MEMBER[engine])
            for number, path in enumerate(files, start=1):
                name = FILES_PREFIX + path.relative_to(data_dir).as_posix()
                manifest.members[name] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
                tar.add(path, arcname=name)
                progress(_("files: %(done)s of %(total)s") % {"done": number, "total": len(files)})
            body = json.dumps(manifest.as_dict(), indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
            tar.addfile(info, io.BytesIO(body))
        os.chmod(partial, 0o600)
        os.replace(partial, output)  # never a half-written backup under the final name
    return manifest


# --- reading a backup ------------------------------------------------------------------------


@contextlib.contextmanager
def _damaged() -> Iterator[None]:
    try:
        yield
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(
            _("The backup file is damaged or not a Kohtaanto backup (%(reason)s).")
            % {"reason": type(exc).__name__}
        ) from None


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts and "\\" not in name


def unpack(archive: Path, into: Path, progress: Progress) -> Manifest:
    """Read the whole archive into `into`, checking every member against the manifest."""
    with _damaged(), tarfile.open(archive, "r:gz") as tar:
        members = tar.getmembers()
        names = {m.name for m in members}
        if MANIFEST not in names:
            raise BackupError(_("The file is not a Kohtaanto backup."))
        raw = tar.extractfile(MANIFEST)
        manifest = Manifest.from_dict(json.loads(raw.read() if raw else b""))
        expected = set(manifest.members) | {MANIFEST}
        if names != expected:
            raise BackupError(_("The backup's members do not match its manifest."))
        for number, member in enumerate(members, start=1):
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_name(member.name):
                raise BackupError(_("The backup holds an unexpected entry."))
            target = into / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            with target.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            wanted = manifest.members[member.name]
            if target.stat().st_size != wanted.get("bytes") or _sha256(target) != wanted.get(
                "sha256"
            ):
                raise BackupError(
                    _("The backup is damaged: %(member)s does not match its checksum.")
                    % {"member": member.name[:120]}
                )
            progress(
                _("checked %(done)s of %(total)s") % {"done": number, "total": len(members) - 1}
            )
    if DB_MEMBER.get(manifest.engine) not in manifest.members:
        raise BackupError(_("The backup's manifest is damaged."))
    return manifest


# --- restoring -------------------------------------------------------------------------------


def _rows_outside_migrate(counts: dict[str, int]) -> int:
    return sum(n for table, n in counts.items() if table not in FILLED_BY_MIGRATE)


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return table_counts(db.cursor(), _sqlite_tables(db))
    finally:
        db.close()


def target_rows(target: Target) -> int:
    """Rows of data in the target database (0: empty, or only what `migrate` writes)."""
    if target.engine == "sqlite":
        path = Path(str(target.database["NAME"]))
        if not path.exists() or path.stat().st_size == 0:
            return 0
        return _rows_outside_migrate(_sqlite_counts(path))
    with _pg_connect(target.database) as db, db.cursor() as cursor:
        return _rows_outside_migrate(table_counts(cursor, _pg_tables(cursor)))


def _check_counts(found: dict[str, int], manifest: Manifest) -> None:
    if found != manifest.tables:
        wrong = sorted(
            t for t in set(found) | set(manifest.tables) if found.get(t) != manifest.tables.get(t)
        )
        raise BackupError(
            _("The restored data does not match the backup's row counts (%(tables)s).")
            % {"tables": ", ".join(wrong[:5])}
        )


def _restore_sqlite(staged: Path, target: Target, manifest: Manifest, progress: Progress) -> None:
    from django.db import connections

    destination = Path(str(target.database["NAME"]))
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{destination.name}.restore-", dir=destination.parent)
    os.close(fd)
    candidate = Path(name)
    try:
        shutil.copyfile(staged, candidate)
        db = sqlite3.connect(candidate)
        try:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            db.close()
        if ok != "ok":
            raise BackupError(_("The backup's database fails SQLite's integrity check."))
        _check_counts(_sqlite_counts(candidate), manifest)
        progress(_("database: checked; putting it in place"))
        for alias in connections:  # close what has the target open (not other databases)
            name = str(connections[alias].settings_dict.get("NAME") or "")
            same = Path(name).resolve() == destination.resolve()
            if connections[alias].vendor == "sqlite" and same:
                connections[alias].close()
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        os.replace(candidate, destination)  # atomic: the old database or the new, never half
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            Path(f"{candidate}{leftover}").unlink(missing_ok=True)


def _restore_postgres(staged: Path, target: Target, manifest: Manifest, progress: Progress) -> None:
    restore = pg_tool("pg_restore")
    args, env = _pg_args(target.database)
    _run([restore, "--list", str(staged)], env)  # a damaged dump fails here, before any change
    progress(_("database: pg_restore in one transaction"))
    _run(
        [
            restore,
            "--single-transaction",
            "--exit-on-error",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            *args,
            str(staged),
        ],
        env,
    )
    with _pg_connect(target.database) as db, db.cursor() as cursor:
        _check_counts(table_counts(cursor, _pg_tables(cursor)), manifest)


def _swap_files(staged_files: Path, data_dir: Path) -> None:
    """Put the backup's files in place of the data folder's stored files."""
    data_dir.mkdir(parents=True, exist_ok=True)
    trash = Path(tempfile.mkdtemp(prefix=".restore-old-", dir=data_dir))
    try:
        for path in list(stored_files(data_dir, set())):
            relative = path.relative_to(data_dir)
            (trash / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, trash / relative)
        if staged_files.is_dir():
            for path in sorted(staged_files.rglob("*")):
                if path.is_file():
                    destination = data_dir / path.relative_to(staged_files)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, destination)
    finally:
        shutil.rmtree(trash, ignore_errors=True)


def restore_backup(archive: Path, *, target: Target, replace: bool, progress: Progress) -> Manifest:
    """Restore `archive` into `target`; raises `BackupError` (nothing changed) when it cannot."""
    target.data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=target.data_dir) as tmp:
        staging = Path(tmp)
        progress(_("reading and checking the backup"))
        manifest = unpack(archive, staging, progress)
        if manifest.engine != target.engine:
            raise BackupError(
                _("The backup is of a %(backup)s database; this installation uses %(target)s.")
                % {"backup": manifest.engine, "target": target.engine}
            )
        difference = migration_difference(manifest.migrations, code_migrations())
        if difference:
            raise BackupError(
                _(
                    "The backup was made with another version of Kohtaanto: %(count)s "
                    "migrations differ (e.g. %(example)s). Restore it with the version that made "
                    "it, then upgrade."
                )
                % {"count": len(difference), "example": ", ".join(difference[:3])}
            )
        rows = target_rows(target)
        has_files = any(stored_files(target.data_dir, {staging.resolve()}))
        if (rows or has_files) and not replace:
            raise NotEmpty(
                _(
                    "The database is not empty (%(rows)s rows) or the data folder has files: "
                    "nothing was restored. Use --replace to overwrite them."
                )
                % {"rows": rows}
            )
        staged = staging / DB_MEMBER[manifest.engine]
        if manifest.engine == "sqlite":
            _restore_sqlite(staged, target, manifest, progress)
        else:
            _restore_postgres(staged, target, manifest, progress)
        progress(_("files: putting them in place"))
        _swap_files(staging / FILES_PREFIX.rstrip("/"), target.data_dir)
    return manifest


def default_target() -> Target:
    from django.conf import settings
    from django.db import connection

    return Target(dict(connection.settings_dict), Path(settings.DATA_DIR))


def participant_export_checksums() -> dict[int, str]:
    """SHA-256 of each participant's data export (the person's-data export code), without its
    time of export: what a restore must give back unchanged."""
    from kohtaanto.journeys.export import export_participant_data
    from kohtaanto.people.models import Participant

    sums: dict[int, str] = {}
    for participant in Participant.objects.order_by("pk"):
        data = export_participant_data(participant)
        data.pop("exported_at", None)
        body = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        sums[participant.pk] = hashlib.sha256(body.encode()).hexdigest()
    return sums
