"""`kohtaanto audit`: audits on an organisation's real data (needs the database).

`kohtaanto audit fairness [--organisation ID] [--json]` reports how often participants of each
ESF+ age band and gender appear in the top-k of opportunities whose skills they share, the
ratio to the best-served group and a flag below 0.8 (see `kohtaanto.matching.fairness`).
Imports live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import json
from typing import Any

import click


@click.group()
def audit() -> None:
    """Audits of matching on real data (fairness)."""


def _line(group: dict[str, Any]) -> str:
    if group["suppressed"]:
        return f"  {group['group']:<16} (fewer than the minimum: not shown)"
    rate = "-" if group["rate"] is None else f"{group['rate']:.3f}"
    ratio = "-" if group["ratio"] is None else f"{group['ratio']:.2f}"
    flag = "  FLAG: below the four-fifths rule" if group["flagged"] else ""
    return (
        f"  {group['group']:<16} people {group['people']:>5}  chances {group['chances']:>6}  "
        f"in top-k {group['appearances']:>6}  rate {rate}  ratio {ratio}{flag}"
    )


def _text(name: str, organisation_id: int, report: dict[str, Any]) -> str:
    params = report["parameters"]
    lines = [
        f"Organisation {organisation_id}: {name}",
        f"method {report['method']}: pool = share of the opportunity's skills >= "
        f"{params['threshold']}, top-{params['k']}, groups under {params['min_group_size']} "
        f"people suppressed, flag below {params['flag_below']}",
        f"opportunities {report['opportunities']} (with a pool: "
        f"{report['opportunities_with_pool']}), people in pools {report['people_in_pools']}",
    ]
    for attribute in report["attributes"]:
        lines.append(
            f"{attribute['attribute']}: best served {attribute['best_group'] or '-'}, "
            f"not stated {attribute['not_stated']}"
        )
        lines.extend(_line(group) for group in attribute["groups"])
    lines.append("FLAGGED" if report["any_flagged"] else "no group flagged")
    return "\n".join(lines)


@audit.command()
@click.option("--organisation", "organisation_id", type=int, help="Only this organisation (id).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--threshold", default=0.5, show_default=True, type=click.FloatRange(0, 1, min_open=True)
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--min-group-size", default=5, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--fail-on-flag", is_flag=True, help="Exit with status 1 if any group is flagged.")
def fairness(
    organisation_id: int | None,
    as_json: bool,
    threshold: float,
    k: int,
    min_group_size: int,
    fail_on_flag: bool,
) -> None:
    """Exposure of age bands and genders in the top-k of opportunities with similar skills."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.core.enums import OrganisationKind
    from kohtaanto.core.models import Organisation
    from kohtaanto.matches.audit import fairness_report
    from kohtaanto.matching.fairness import AuditParameters

    organisations = Organisation.objects.filter(kind=OrganisationKind.SERVICE_PROVIDER)
    if organisation_id is not None:
        organisations = Organisation.objects.filter(pk=organisation_id)
        if not organisations.exists():
            raise click.ClickException(f"no organisation with id {organisation_id}")
    params = AuditParameters(threshold=threshold, k=k, min_group_size=min_group_size)
    reports = []
    for organisation in organisations.order_by("pk"):
        report = fairness_report(organisation, params).to_dict()
        reports.append({"organisation": organisation.pk, **report})
        if not as_json:
            click.echo(_text(organisation.name, organisation.pk, report))
            click.echo("")
    if as_json:
        click.echo(json.dumps(reports if organisation_id is None else reports[0], indent=2))
    if fail_on_flag and any(r["any_flagged"] for r in reports):
        raise SystemExit(1)
