"""`kohtaanto opportunities`: import opportunities (JobPosting JSON-LD, CSV) and courses (CSV).

Imports live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kohtaanto.cli.language import activate, lang_option

_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    for decorator in reversed(
        [
            click.option(
                "--mapping",
                type=_file,
                help='Column mapping, a JSON file: {"title": "Otsikko", …}.',
            ),
            click.option(
                "--map",
                "map_options",
                multiple=True,
                metavar="FIELD=COLUMN",
                help="One column mapping (repeatable; wins over --mapping).",
            ),
            click.option("--valid-only", is_flag=True, help="Import valid rows; skip bad ones."),
            click.option("--dry-run", is_flag=True, help="Check the file; write nothing."),
            click.option("--json", "as_json", is_flag=True, help="Print the report as JSON."),
            lang_option,
        ]
    ):
        command = decorator(command)
    return command


@click.group()
def opportunities() -> None:
    """Import opportunities and courses."""


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    bar: Any = None
    shown = 0

    def update(done: int, total: int) -> None:
        nonlocal bar, shown
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - shown)
        shown = done

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _line(line: int, external_id: str, reason: str) -> str:
    from django.utils.translation import gettext as _

    ident = f" [{external_id}]" if external_id else ""
    return _("line %(line)s%(id)s: %(reason)s") % {"line": line, "id": ident, "reason": reason}


def _report(report: Any, as_json: bool) -> None:
    from django.utils.translation import gettext as _

    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for error in report.errors:
            click.echo(_line(error.line, error.external_id, error.reason), err=True)
        for warning in report.warnings:
            click.echo(_line(warning.line, warning.external_id, warning.reason), err=True)
        if report.dry_run:
            outcome = _("dry run, nothing written")
        elif report.applied:
            outcome = _("imported")
        else:
            outcome = _("nothing imported (fix the errors or use --valid-only)")
        click.echo(
            _(
                "%(total)s rows: %(created)s new, %(updated)s updated, %(errors)s with errors; "
                "%(outcome)s"
            )
            % {
                "total": report.total,
                "created": report.created,
                "updated": report.updated,
                "errors": len(report.errors),
                "outcome": outcome,
            }
        )
        if report.warnings:
            click.echo(
                _("%(count)s values were cut to their limit (listed above).")
                % {"count": len(report.warnings)}
            )
    if report.errors and not report.applied and not report.dry_run:
        sys.exit(2)


def _read(file: Path) -> bytes:
    """The file's bytes; one over KOHTAANTO_IMPORT_MAX_MB is refused before it is read."""
    from kohtaanto.opportunities.importers.tabular import check_size

    try:
        check_size(file.stat().st_size)
        return file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"{file}: {exc.strerror or exc}") from None


@contextmanager
def _friendly_errors() -> Iterator[None]:
    from kohtaanto.core.configuration import ImproperlyConfiguredError
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.opportunities.importers import ImportFileError

    try:
        yield
    except ImportFileError as exc:
        click.echo(_line(exc.line, "", exc.reason), err=True)
        sys.exit(2)
    except KohtaantoError as exc:
        click.echo(str(exc.message), err=True)
        sys.exit(exc.exit_code)
    except ImproperlyConfiguredError as exc:  # a limit set to a bad value
        click.echo(str(exc), err=True)
        sys.exit(2)


def _organisation(organisation_id: int, *, service_only: bool = True) -> Any:
    from kohtaanto.core.enums import OrganisationKind
    from kohtaanto.core.errors import NotFound
    from kohtaanto.core.models import Organisation

    found = Organisation.objects.filter(pk=organisation_id).first()
    if found is None or (service_only and found.kind != OrganisationKind.SERVICE_PROVIDER):
        raise NotFound(f"No service organisation with id {organisation_id}.")
    return found


@opportunities.command("import")
@click.argument("file", type=_file)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["jsonld", "csv"]),
    required=True,
    help="schema.org JobPosting JSON-LD (object, array, @graph or JSON lines) or CSV.",
)
@click.option(
    "--organisation",
    "organisation_id",
    type=int,
    required=True,
    help="Id of the service organisation that manages the opportunities.",
)
@click.option("--source", default="", help="Source name for re-imports (default: the format).")
@_common
def import_(
    file: Path,
    file_format: str,
    organisation_id: int,
    source: str,
    mapping: Path | None,
    map_options: tuple[str, ...],
    valid_only: bool,
    dry_run: bool,
    as_json: bool,
    language: str | None,
) -> None:
    """Import opportunities from FILE. Re-importing the same ids updates them."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    activate(language)
    from kohtaanto.opportunities.importers import parse_opportunities
    from kohtaanto.opportunities.importers.apply import import_opportunities
    from kohtaanto.opportunities.importers.tabular import load_mapping

    with _friendly_errors():
        organisation = _organisation(organisation_id)
        columns = load_mapping(mapping, map_options)
        parsed = parse_opportunities(_read(file), file_format, columns)
        with _progress_bar("importing") as progress:
            report = import_opportunities(
                parsed,
                organisation=organisation,
                source=source,
                valid_only=valid_only,
                dry_run=dry_run,
                progress=progress,
                file_format=file_format,
            )
    _report(report, as_json)
    if report.applied and not report.dry_run:
        _recognise_in_background(organisation.pk, report.opportunity_ids, quiet=as_json)


def _recognise_in_background(organisation_id: int, opportunity_ids: list[int], quiet: bool) -> None:
    """Imported jobs without skills get them recognised by the task queue, as from the web."""
    from kohtaanto.opportunities.tasks import start_skill_recognition

    job = start_skill_recognition(
        user=None, organisation_id=organisation_id, opportunity_ids=opportunity_ids
    )
    if job is not None and not quiet:
        click.echo(
            f"Recognising the skills of {job.total} imported "
            f"{'job' if job.total == 1 else 'jobs'} in the background "
            "(the worker runs it: `kohtaanto worker`); they wait for a review at "
            "/opportunities/review/.",
            err=True,
        )


@opportunities.command("import-courses")
@click.argument("file", type=_file)
@click.option(
    "--organisation",
    "organisation_id",
    type=int,
    default=None,
    help="Id of the organisation whose course list this is (default: the shared catalogue).",
)
@_common
def import_courses(
    file: Path,
    organisation_id: int | None,
    mapping: Path | None,
    map_options: tuple[str, ...],
    valid_only: bool,
    dry_run: bool,
    as_json: bool,
    language: str | None,
) -> None:
    """Import courses and learning materials from a CSV FILE."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    activate(language)
    from kohtaanto.opportunities.importers.apply import import_courses as run_import
    from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
    from kohtaanto.opportunities.importers.tabular import load_mapping

    with _friendly_errors():
        organisation = (
            None if organisation_id is None else _organisation(organisation_id, service_only=False)
        )
        columns = load_mapping(mapping, map_options)
        parsed = parse_courses_csv(_read(file), columns)
        with _progress_bar("importing") as progress:
            report = run_import(
                parsed,
                organisation=organisation,
                valid_only=valid_only,
                dry_run=dry_run,
                progress=progress,
            )
    _report(report, as_json)
