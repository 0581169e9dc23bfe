"""`kohtaanto taxonomy`: build a compiled index, inspect it, import it into the database.

Imports live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


@click.group()
def taxonomy() -> None:
    """Build, inspect and import taxonomies (ESCO, SKOS, the starter set)."""


@taxonomy.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Index file to write.",
)
def build(sources: tuple[str, ...], output: Path) -> None:
    """Build an index FILE from SOURCES: ESCO zips/folders/CSVs, SKOS files or 'starter'."""
    from kohtaanto.taxonomy.build import build_taxonomy
    from kohtaanto.taxonomy.index import save_index

    started = time.perf_counter()
    with _friendly_errors():
        result = build_taxonomy(sources, progress=_progress)
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
@click.option(
    "--activate/--no-activate",
    default=True,
    show_default=True,
    help="Make it the vocabulary in use: recognition, matching and labels switch to it "
    "(a running web app on its next request).",
)
def import_(sources: tuple[str, ...], name: str, force: bool, activate: bool) -> None:
    """Load an index FILE (or any SOURCES, as for build) into the database.

    The imported vocabulary is then the one the web app recognises, matches and labels with
    (it wins over KOHTAANTO_TAXONOMY_FILE); importing an earlier one again switches back.
    """
    from kohtaanto.cli.django_setup import setup_django
    from kohtaanto.taxonomy.build import build_taxonomy

    setup_django()
    from django.db import DatabaseError

    from kohtaanto.vocabularies.services import import_taxonomy

    started = time.perf_counter()
    with _friendly_errors():
        result = build_taxonomy(sources, progress=_progress)
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
