"""`kohtaanto taxonomy`: build a compiled index, inspect it, import it into the database.

Imports live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click


@contextmanager
def _friendly_errors() -> Iterator[None]:
    """Turn taxonomy errors into a one-line message and exit code 1, without a traceback."""
    from kohtaanto.taxonomy.errors import TaxonomyError

    try:
        yield
    except TaxonomyError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}") from None


def _progress(stage: str, done: int, total: int) -> None:
    click.echo(f"[{done}/{total}] {stage}", err=True)


def _build(sources: tuple[str, ...], synonym_files: tuple[Path, ...], project: bool) -> Any:
    """Build the taxonomy and say on stderr what the synonym files added and what they could
    not (each problem with its file and line)."""
    from kohtaanto.taxonomy.build import build_with_report
    from kohtaanto.taxonomy.synonyms import format_problems

    _read_limits_from_environment()
    result, report = build_with_report(
        sources, _progress, synonyms=synonym_files, project_synonyms=project
    )
    if report.added or report.already or report.problems:
        click.echo(
            f"synonyms: {report.added} labels added, {report.already} already there, "
            f"{len(report.problems)} rows not used",
            err=True,
        )
        for line in format_problems(report.problems):
            click.echo(f"  {line}", err=True)
    return result


def _read_limits_from_environment() -> None:
    """How much an ESCO download may unpack to (a zip bomb is refused early): see
    `kohtaanto.taxonomy.esco_csv.ReadLimits`. A bad value names its variable."""
    from kohtaanto.core.configuration import ImproperlyConfiguredError
    from kohtaanto.core.limits import env_positive_int
    from kohtaanto.taxonomy.esco_csv import ReadLimits, set_limits

    default = ReadLimits()
    try:
        limits = ReadLimits(
            max_file_bytes=env_positive_int(
                "KOHTAANTO_TAXONOMY_MAX_MB", default.max_file_bytes >> 20
            )
            << 20,
            max_total_bytes=env_positive_int(
                "KOHTAANTO_TAXONOMY_MAX_TOTAL_MB", default.max_total_bytes >> 20
            )
            << 20,
            max_ratio=env_positive_int("KOHTAANTO_ZIP_MAX_RATIO", default.max_ratio),
        )
    except ImproperlyConfiguredError as exc:
        raise click.ClickException(str(exc)) from None
    set_limits(limits)


@click.group()
def taxonomy() -> None:
    """Build, inspect and import taxonomies (ESCO, SKOS, the starter set)."""


F = TypeVar("F", bound=Callable[..., Any])


def synonym_options(command: F) -> F:
    """`--synonyms FILE` (repeatable) and `--project-synonyms/--no-project-synonyms`, as
    `build` and `import` take them."""
    command = click.option(
        "--project-synonyms/--no-project-synonyms",
        default=True,
        show_default=True,
        help="Add Kohtaanto's own Swedish and everyday Finnish labels to the starter set or ESCO.",
    )(command)
    return click.option(
        "--synonyms",
        "synonym_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A synonym CSV (label,concept_uri,lang[,kind][,note]) to add as labels; repeatable.",
    )(command)


@taxonomy.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Index file to write.",
)
@synonym_options
def build(
    sources: tuple[str, ...],
    output: Path,
    synonym_files: tuple[Path, ...],
    project_synonyms: bool,
) -> None:
    """Build an index FILE from SOURCES: ESCO zips/folders/CSVs, SKOS files or 'starter'."""
    from kohtaanto.taxonomy.index import save_index

    started = time.perf_counter()
    with _friendly_errors():
        result = _build(sources, synonym_files, project_synonyms)
        save_index(result, output)
    size = output.stat().st_size / 1e6
    seconds = time.perf_counter() - started
    click.echo(f"wrote {output}: {len(result)} concepts, {size:.1f} MB, {seconds:.1f} s", err=True)


@taxonomy.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(file: Path, as_json: bool) -> None:
    """Show counts per kind and per language of an index FILE."""
    from kohtaanto.taxonomy.index import load_index
    from kohtaanto.taxonomy.stats import format_summary, summarize

    with _friendly_errors():
        summary = summarize(load_index(file))
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(format_summary(summary))


@taxonomy.command("import")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--name",
    default="default",
    show_default=True,
    help="Vocabulary name in the database; importing again under it updates it.",
)
@click.option("--force", is_flag=True, help="Compare every row even if the checksum matches.")
@synonym_options
@click.option(
    "--activate/--no-activate",
    default=True,
    show_default=True,
    help="Make it the vocabulary in use: recognition, matching and labels switch to it "
    "(a running web app on its next request).",
)
def import_(
    sources: tuple[str, ...],
    name: str,
    force: bool,
    synonym_files: tuple[Path, ...],
    project_synonyms: bool,
    activate: bool,
) -> None:
    """Load an index FILE (or any SOURCES, as for build) into the database.

    The imported vocabulary is then the one the web app recognises, matches and labels with
    (it wins over KOHTAANTO_TAXONOMY_FILE); importing an earlier one again switches back.
    """
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from kohtaanto.vocabularies.services import import_taxonomy

    started = time.perf_counter()
    with _friendly_errors():
        result = _build(sources, synonym_files, project_synonyms)
        try:
            outcome = import_taxonomy(
                result, name=name, progress=_progress, force=force, activate=activate
            )
        except DatabaseError as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise click.ClickException(
                f"database error: {message} (is the database migrated?)"
            ) from None
    seconds = time.perf_counter() - started
    click.echo(f"{outcome.summary()} ({seconds:.1f} s)")
    if activate and (outcome.activated or outcome.changed):
        # The engine cache is keyed on the vocabulary's fingerprint: build it now, so that the
        # web app's first story after the switch loads indexes instead of building them.
        from kohtaanto.vocabularies import provider

        started = time.perf_counter()
        with _friendly_errors():
            provider.get_engine().prepare()
        seconds = time.perf_counter() - started
        click.echo(f"recognition indexes {provider.fingerprint()} ready ({seconds:.1f} s)")


@taxonomy.command("synonyms")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--organisation", "organisation_id", type=int, required=True, help="Organisation id.")
@click.option("--name", required=True, help="Name of the synonym set (a new version keeps it).")
@click.option("--version", default="", help="Version (else the file's '# version:' line).")
def synonyms(file: Path, organisation_id: int, name: str, version: str) -> None:
    """Upload an organisation's synonym CSV FILE as a draft set.

    A coordinator of the organisation reviews it in the admin ("Synonym sets"); only then do
    its labels reach recognition. Rows that cannot be used are listed with their line numbers.
    """
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.core.errors import KohtaantoError
    from kohtaanto.core.models import Organisation
    from kohtaanto.vocabularies.services import import_synonym_set

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise click.ClickException(f"no organisation with id {organisation_id}")
    try:
        created = import_synonym_set(
            file.read_bytes(),
            organisation=organisation,
            name=name,
            version=version,
            file_name=file.name,
        )
    except KohtaantoError as error:
        details = getattr(error, "errors", {}) or {}
        text = "; ".join(str(m) for messages in details.values() for m in messages)
        raise click.ClickException(text or str(error.message)) from None
    rows = created.rows.count()
    click.echo(
        f"synonym set {created.pk} ({created.name} {created.version}): {rows} rows, "
        f"{len(created.problems)} problems; a draft until a coordinator reviews it in the admin"
    )
    for problem in created.problems[:20]:
        click.echo(f"  line {problem['line']}: {problem['message']}", err=True)
