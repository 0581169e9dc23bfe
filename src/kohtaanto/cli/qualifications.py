"""`kohtaanto qualifications`: import qualifications and their units from ePerusteet (a file,
or the public service with --url) and list what is imported.

Imports live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import click

EPERUSTEET = "https://eperusteet.opintopolku.fi/eperusteet-service/api/"
TIMEOUT = 20.0
MAX_BYTES = 20_000_000


@click.group()
def qualifications() -> None:
    """Import and list qualifications and their units (ePerusteet)."""


def fetch(url: str, timeout: float = TIMEOUT) -> bytes:
    """The body of `url` (an ePerusteet address); a ClickException that says why not."""
    if not url.startswith(EPERUSTEET):
        raise click.ClickException(f"Only addresses of the ePerusteet service: {EPERUSTEET}…")
    request = urllib.request.Request(  # noqa: S310 (https, checked above)
        url, headers={"Accept": "application/json", "Caller-Id": "kohtaanto"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"ePerusteet answered {exc.code} {exc.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise click.ClickException(
            f"Cannot reach ePerusteet ({reason}). Check the network, or download the JSON "
            "and import the file."
        ) from None
    if len(body) > MAX_BYTES:
        raise click.ClickException("The answer is too large.")
    return body


def _print_report(report: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"qualifications: {report.qualifications_created} new, "
        f"{report.qualifications_updated} updated, {report.qualifications_unchanged} unchanged"
    )
    click.echo(
        f"units: {report.units_created} new, {report.units_updated} updated, "
        f"{report.units_unchanged} unchanged"
    )
    click.echo(
        f"requirements: {report.requirements_created} new, {report.requirements_updated} "
        f"updated, {report.requirements_unchanged} unchanged, {report.requirements_retired} "
        f"no longer in the file; {report.mappings_cleared} ESCO mappings of changed texts cleared"
    )
    for path in report.skipped:
        click.echo(f"skipped an empty draft at {path}", err=True)


@qualifications.command("import")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--url", help=f"Fetch the JSON from the ePerusteet service ({EPERUSTEET}…).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_(path: Path | None, url: str | None, as_json: bool) -> None:
    """Import PATH (or --url): a qualification, units or references to a unit in ePerusteet's
    JSON. Re-importing updates by ePerusteet id. A bad file imports nothing (exit status 2)."""
    if (path is None) == (url is None):
        raise click.UsageError("Give either PATH or --url.")
    if path is not None:
        try:
            data, source = path.read_bytes(), path.name
        except OSError as exc:
            raise click.ClickException(f"{path}: {exc.strerror or exc}") from None
    else:
        assert url is not None
        data, source = fetch(url), url
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.qualifications import services
    from kohtaanto.qualifications.errors import ImportFailed

    try:
        report = services.import_document(data, by=None, source=source)
    except ImportFailed as exc:
        click.echo(f"{source}: {exc.path}: {exc.reason} Nothing was imported.", err=True)
        sys.exit(exc.exit_code)
    _print_report(report, as_json)


@qualifications.command("list")
@click.option("--search", default="", help="Only names (or codes) containing this text.")
@click.option("--units", "show_units", is_flag=True, help="List units instead.")
@click.option("--lang", type=click.Choice(["fi", "sv", "en"]), default="fi")
def list_(search: str, show_units: bool, lang: str) -> None:
    """List the imported qualifications (or units) with their ePerusteet ids."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.qualifications import selectors

    if show_units:
        for unit in selectors.search_units(search):
            scope = f" {unit.scope_points} osp" if unit.scope_points is not None else ""
            click.echo(
                f"{unit.eperusteet_id}\t{unit.code}\t{unit.name(lang)}{scope}\t"
                f"{getattr(unit, 'requirement_count', 0)} requirements, "
                f"{getattr(unit, 'confirmed_count', 0)} ESCO confirmed"
            )
        return
    for found in selectors.search_qualifications(search):
        click.echo(
            f"{found.eperusteet_id}\t{found.diary_number}\t{found.name(lang)}\t"
            f"{getattr(found, 'unit_count', 0)} units"
        )
