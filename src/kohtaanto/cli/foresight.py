"""`kohtaanto foresight`: regional foresight builds (needs the database).

`kohtaanto foresight build [--national] [--dask] [--workers N] [--organisation ID] [--json]`
builds and stores the foresight of one organisation (its opportunities, company-visit needs
and consenting participants) or of the whole country, in this process or on a local Dask
cluster; the pages and the API read the stored build. Prints the build's id, counts, checksum
and time (no personal data). Imports live inside the commands, so that `kohtaanto --help`
stays fast.
"""

from __future__ import annotations

import json

import click


@click.group()
def foresight() -> None:
    """Regional foresight: demand for skills beside the skills of people, by region."""


@foresight.command()
@click.option("--national", is_flag=True, help="The whole country (every organisation).")
@click.option("--organisation", "organisation_id", type=int, help="This organisation (id).")
@click.option("--dask", "use_dask", is_flag=True, help="Aggregate on a local Dask cluster.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def build(
    national: bool, organisation_id: int | None, use_dask: bool, workers: int, as_json: bool
) -> None:
    """Build and store the foresight of an organisation or of the whole country."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.core.enums import OrganisationKind
    from kohtaanto.core.models import Organisation
    from kohtaanto.foresight import services
    from kohtaanto.foresight.models import Engine

    if national == (organisation_id is not None):
        raise click.UsageError("Give either --national or --organisation ID.")
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(
            pk=organisation_id, kind=OrganisationKind.SERVICE_PROVIDER
        ).first()
        if organisation is None:
            raise click.BadParameter(
                f"no service organisation {organisation_id}", param_hint="--organisation"
            )
    engine = Engine.DASK if use_dask else Engine.LOCAL
    result = services.build_now(organisation, engine=engine, workers=workers)
    summary = {
        "build": result.pk,
        "scope": result.scope,
        "organisation": organisation_id,
        "engine": result.engine,
        "status": result.status,
        "items": result.items,
        "people": result.people,
        "checksum": result.checksum,
        "seconds": result.duration_seconds,
    }
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    where = "whole country" if organisation is None else f"organisation {organisation_id}"
    click.echo(
        f"Foresight of the {where} built ({result.engine}): {result.items} postings and needs, "
        f"{result.people} people, {result.duration_seconds} s, checksum {result.checksum}"
    )
