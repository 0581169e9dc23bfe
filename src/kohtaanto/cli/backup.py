"""`kohtaanto backup` and `kohtaanto restore`: the database (SQLite or PostgreSQL) and the data
folder's stored files in one file, and back. The work is in `cli/backup_engine.py`; what a
backup holds and leaves out (the badge KEK) is in its docstring and in docs/backups.md."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from kohtaanto.cli.language import activate, lang_option


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    def show(message: str) -> None:
        if not quiet:
            click.echo(f"  {message}", err=True)

    return show


@click.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Backup file to write (default: <data folder>/backups/kohtaanto-<time>.tar.gz).",
)
@click.option("--quiet", is_flag=True, help="No progress lines.")
@lang_option
def backup(output: Path | None, quiet: bool, language: str | None) -> None:
    """Back up the database and the stored files into one file (mode 600)."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    activate(language)
    from django.conf import settings
    from django.utils.translation import gettext as _

    from kohtaanto.cli.backup_engine import BackupError, create_backup

    data_dir = Path(settings.DATA_DIR)
    if output is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        output = data_dir / "backups" / f"kohtaanto-{stamp}.tar.gz"
    click.echo(_("Backing up to %(path)s") % {"path": output}, err=True)
    try:
        manifest = create_backup(output, data_dir=data_dir, progress=_progress(quiet))
    except BackupError as error:
        click.echo(_("Backup failed: %(reason)s") % {"reason": error}, err=True)
        sys.exit(error.exit_code)
    rows = sum(manifest.tables.values())
    click.echo(
        _(
            "Backup written: %(path)s (%(engine)s, %(tables)s tables, %(rows)s rows, "
            "%(files)s files)."
        )
        % {
            "path": output,
            "engine": manifest.engine,
            "tables": len(manifest.tables),
            "rows": rows,
            "files": len(manifest.members) - 1,
        }
    )
    if manifest.left_out:
        click.echo(_key_note(manifest.left_out), err=True)


def _key_note(left_out: list[str]) -> str:
    from django.utils.translation import gettext as _

    return _(
        "Not in the backup: %(files)s. Badge signing keys in the database are sealed with the "
        "KEK (KOHTAANTO_BADGE_KEK, or the data folder's badge_kek file): keep it safe apart "
        "from the backups; a restore needs the same one."
    ) % {"files": ", ".join(left_out)}


@click.command()
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Overwrite a database that holds data (and the data folder's stored files).",
)
@click.option("--quiet", is_flag=True, help="No progress lines.")
@lang_option
def restore(archive: Path, replace: bool, quiet: bool, language: str | None) -> None:
    """Restore a backup made by `kohtaanto backup` into this installation's database.

    Stop the web server and the worker first. Refuses a database that holds data unless
    --replace; checks the whole file and the migrations before changing anything.
    """
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    activate(language)
    from django.utils.translation import gettext as _

    from kohtaanto.cli.backup_engine import BackupError, default_target, restore_backup

    click.echo(_("Restoring %(path)s") % {"path": archive}, err=True)
    try:
        manifest = restore_backup(
            archive, target=default_target(), replace=replace, progress=_progress(quiet)
        )
    except BackupError as error:
        click.echo(
            _("Restore failed, nothing was changed: %(reason)s") % {"reason": error}, err=True
        )
        sys.exit(error.exit_code)
    click.echo(
        _("Restored the backup of %(created)s: %(tables)s tables, %(rows)s rows, %(files)s files.")
        % {
            "created": manifest.created_at,
            "tables": len(manifest.tables),
            "rows": sum(manifest.tables.values()),
            "files": len(manifest.members) - 1,
        }
    )
    if manifest.left_out:
        click.echo(_key_note(manifest.left_out), err=True)
