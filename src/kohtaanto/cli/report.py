"""`kohtaanto report`: the outcome and ESF+ reports of an organisation from the command line
(needs the database).

`kohtaanto report esf --organisation ID --period 2026-01-01..2026-06-30 [--project ID]
[--format table|csv|json] [--output FILE] [--exact]` and `kohtaanto report outcomes …` (the same
options). Figures are suppressed (cells under 5 hidden, complementary suppression) unless
`--exact`. Every run is audited as an export by the system user (ids only). A bad period or an
unknown organisation or project is an error with exit status 2 and no output file. Imports
live inside the commands, so that `kohtaanto --help` stays fast.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

SHOWN = {"small": "< 5", "hidden": "–"}


@click.group()
def report() -> None:
    """Outcome and ESF+ reports (aggregates)."""


def _options(function: Any) -> Any:
    options = [
        click.option("--organisation", "organisation_id", type=int, required=True),
        click.option("--period", required=True, help="START..END, e.g. 2026-01-01..2026-06-30"),
        click.option("--project", "project_id", type=int, default=None),
        click.option(
            "--funder",
            default=None,
            help="Every project of the organisation with this funder (instead of --project).",
        ),
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["table", "csv", "json"]),
            default="table",
            show_default=True,
        ),
        click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None),
        click.option("--exact", is_flag=True, help="Exact figures (no small-number protection)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _shown(value: object) -> str:
    if value is None:
        return ""
    return SHOWN.get(str(value), str(value))


def _table_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['report']} organisation {data['organisation']}"
        + (f" project {data['project']}" if data["project"] else "")
        + f" {data['period']['start']}..{data['period']['end']}"
        + (" (small numbers protected)" if data["suppressed"] else " (exact)")
    ]
    lines.extend(data["summary"])
    for table in data["tables"]:
        lines.append("")
        lines.append(table["title"])
        header = ["", *(c["label"] for c in table["columns"])]
        body = [header]
        for row in [*table["rows"], *([table["total"]] if table["total"] else [])]:
            label = (f"{row['code']} " if row["code"] else "") + row["label"]
            if row["code"] and not row["code_verified"]:
                label += " *"
            body.append(
                [label, *(_shown(row["cells"][c["id"]]["value"]) for c in table["columns"])]
            )
        widths = [max(len(r[i]) for r in body) for i in range(len(header))]
        for r in body:
            lines.append(
                "  ".join(
                    cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                    for i, cell in enumerate(r)
                ).rstrip()
            )
        lines.extend(table["notes"])
    if data.get("findings"):
        lines.append("")
        lines.extend(f"! {f['message']} ({_shown(f['people'])})" for f in data["findings"])
    if data["suppressed"]:
        lines.append(
            "< 5 = fewer than 5 people; – = hidden so that a small number cannot be worked out"
            " from the others"
        )
    if data["report"] == "esf":
        lines.append("* code not verified against the official list")
    return "\n".join(lines) + "\n"


def _csv_text(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "row", "code", "code_verified", "column", "value"])
    for table in data["tables"]:
        for row in [*table["rows"], *([table["total"]] if table["total"] else [])]:
            for column in table["columns"]:
                writer.writerow(
                    [
                        table["id"],
                        row["id"],
                        row["code"],
                        "yes" if row["code_verified"] else "no",
                        column["id"],
                        _shown(row["cells"][column["id"]]["value"]),
                    ]
                )
    return out.getvalue()


def _run(
    kind: str,
    organisation_id: int,
    period: str,
    project_id: int | None,
    output_format: str,
    output: Path | None,
    exact: bool,
    funder: str | None = None,
) -> None:
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.core.errors import ValidationFailed
    from kohtaanto.core.models import Organisation
    from kohtaanto.insights import selectors, services
    from kohtaanto.insights.models import Project

    try:
        parsed = services.parse_period_range(period)
    except ValidationFailed as error:
        raise click.BadParameter(str(error.message), param_hint="--period") from None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise click.BadParameter(f"no organisation {organisation_id}", param_hint="--organisation")
    project = None
    if project_id is not None:
        project = Project.objects.filter(pk=project_id, organisation=organisation).first()
        if project is None:
            raise click.BadParameter(
                f"no project {project_id} in organisation {organisation_id}",
                param_hint="--project",
            )
    if funder is not None and project is not None:
        raise click.BadParameter("give --project or --funder, not both", param_hint="--funder")
    if (
        funder is not None
        and not Project.objects.filter(organisation=organisation, funder=funder).exists()
    ):
        raise click.BadParameter(
            f"no project of organisation {organisation_id} has this funder", param_hint="--funder"
        )
    result = selectors.system_report(
        kind, organisation, parsed, project=project, funder=funder, suppress=not exact
    )
    data = selectors.report_as_dict(result)
    if output_format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif output_format == "csv":
        text = _csv_text(data)
    else:
        text = _table_text(data)
    services.audit_export(None, organisation, obj=project)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@report.command()
@_options
def esf(
    organisation_id: int,
    period: str,
    project_id: int | None,
    funder: str | None,
    output_format: str,
    output: Path | None,
    exact: bool,
) -> None:
    """ESF+ common indicators of an organisation, a project or a funder's projects."""
    _run("esf", organisation_id, period, project_id, output_format, output, exact, funder)


@report.command()
@_options
def outcomes(
    organisation_id: int,
    period: str,
    project_id: int | None,
    funder: str | None,
    output_format: str,
    output: Path | None,
    exact: bool,
) -> None:
    """Outcome figures of an organisation, a project or a funder's projects."""
    _run("outcomes", organisation_id, period, project_id, output_format, output, exact, funder)
