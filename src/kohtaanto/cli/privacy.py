"""`kohtaanto privacy`: the personal-data lifecycle from the server's console.

- `kohtaanto privacy retention [--dry-run] [--now]`: queue the retention run for the worker
  (`privacy.tasks.enforce_retention`), or run it in this process with `--now`. Run it daily
  from cron or a systemd timer (e.g. `15 3 * * * kohtaanto privacy retention`). Prints the
  counts per rule as JSON.
- `kohtaanto privacy erase PARTICIPANT_ID --reason request [--yes]`: print what erasing the
  participant would remove and keep (counts and holds, no names); with `--yes`, erase it
  (as the system; audited).
- `kohtaanto privacy rules`: the retention rules, their defaults and scope (an organisation's
  own, or "system": the same for the whole service) as JSON.
"""

from __future__ import annotations

import json
import sys

import click

REASONS = ("request", "consent_withdrawn", "objection", "unlawful", "retention")


@click.group()
def privacy() -> None:
    """Erasure of participants and retention of personal data."""


@privacy.command()
@click.option("--dry-run", is_flag=True, help="Count what would be removed; remove nothing.")
@click.option("--now", "in_process", is_flag=True, help="Run in this process (no worker).")
def retention(dry_run: bool, in_process: bool) -> None:
    """Apply the retention rules (each organisation's own lengths)."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.privacy import retention as service
    from kohtaanto.privacy.tasks import enforce_retention

    if in_process:
        run = service.enforce(dry_run=dry_run, trigger="cli")
        result = {"run": run.pk, "dry_run": dry_run, "removed": service.totals(run)}
        click.echo(json.dumps(result, sort_keys=True))
        return
    queued = enforce_retention.enqueue(dry_run=dry_run)
    click.echo(json.dumps({"queued": str(queued.id), "dry_run": dry_run}))


@privacy.command()
@click.argument("participant_id", type=int)
@click.option("--reason", type=click.Choice(REASONS), required=True)
@click.option("--yes", is_flag=True, help="Erase (without it, only show the plan).")
def erase(participant_id: int, reason: str, yes: bool) -> None:
    """Show, and with --yes do, the erasure of one participant."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.people.models import Participant
    from kohtaanto.privacy import erasure

    participant = Participant.objects.filter(pk=participant_id).first()
    if participant is None:
        click.echo(f"No participant {participant_id}.", err=True)
        sys.exit(1)
    the_plan = erasure.plan(participant)
    shown = {
        "participant": participant_id,
        "remove": {i.label: i.count for i in the_plan.items if i.count},
        "holds": [
            {
                "hold": h.hold,
                "until": h.until.isoformat(),
                "project": h.project.pk if h.project else None,
                "rows": h.rows,
                "kept_in_place": h.in_place,
            }
            for h in the_plan.holds
        ],
        "account": the_plan.account or None,
        "erased": False,
    }
    if yes:
        record = erasure.erase_participant(None, participant, reason=reason)
        shown["erased"] = True
        shown["erasure"] = record.pk
    click.echo(json.dumps(shown, sort_keys=True))


@privacy.command(name="rules")
def list_rules() -> None:
    """The retention rules and legal holds (defaults) as JSON."""
    from kohtaanto.privacy import rules as data

    click.echo(
        json.dumps(
            {
                "rules": [
                    {
                        "id": r.id,
                        "unit": r.unit,
                        "default": r.default,
                        "min": r.min,
                        "max": r.max,
                        "scope": r.scope,
                    }
                    for r in data.rules().values()
                ],
                "holds": [{"id": h.id, "rule": h.rule} for h in data.holds().values()],
            },
            sort_keys=True,
        )
    )
