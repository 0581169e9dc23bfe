"""`kohtaanto bench checkin`: server time of the workplace mentor's weekly check-in page, as it
is opened on a phone: logged in as the trial's workplace mentor, and through the signed link
(no login). Issue 15's figure: the check-in page's median ≤ 100 ms.

The database is a fresh SQLite file in a temporary folder (or `DATABASE_URL`: use a scratch
one). The demo organisations and personas (`load_demo`) are loaded; then a work trial of the
`participant` persona at Konepaja Virtanen Oy is written through `kohtaanto.trials.services`
(started three weeks ago, eight weeks long, two goals, a qualification unit with
`--requirements` skill requirements, `--checkins` earlier weekly check-ins, the agreement
confirmed on paper, the trial started) with `workplace-mentor` as its workplace mentor, and a
link is made for it. Then, in-process with Django's test client (server time: URL routing,
middleware, access checks and the audit event of reading the trial, queries, template
rendering; no network), `--repeat` GETs each of:

- `/trials/<id>/checkin/` as the workplace mentor;
- `/t/<token>/` as anyone holding the link (the signature is checked before the database);
- the baseline, in the same run: the anonymous login page.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from contextlib import ExitStack
from decimal import Decimal
from typing import Any

import click

from benchmarks.caseload import _queries, setup_database
from benchmarks.runtime import peak_rss_mb
from benchmarks.web_home import _summary, _timings

BUDGET_MS = 100.0


def fill(requirements: int, checkins: int) -> tuple[Any, Any, str]:
    """(the workplace mentor, the trial, the link's token)."""
    from django.core.management import call_command
    from django.utils import timezone

    from kohtaanto.core.models import Organisation, User
    from kohtaanto.people.models import Participant
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
    from kohtaanto.trials.enums import ConfirmationMethod, OrganiserKind, Party
    from kohtaanto.trials.services import lifecycle, workplace

    if not User.objects.filter(username="workplace-mentor").exists():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    coach = User.objects.get(username="coach")
    mentor = User.objects.get(username="workplace-mentor")
    participant = Participant.objects.get(user__username="participant")
    employer = Organisation.objects.get(name="Konepaja Virtanen Oy")
    today = timezone.localdate()
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=3)
    trial = lifecycle.create_trial(
        by=coach,
        participant=participant,
        title="Varastotyö (benchmark)",
        employer=employer,
        organiser_kind=OrganiserKind.COMPANY,
    )
    lifecycle.save_agreement(
        trial,
        by=coach,
        values={
            "tasks": "Vastaanotto, hyllytys ja keräily.",
            "place": "Konepaja Virtanen Oy, Kouvola",
            "start_date": start,
            "end_date": start + dt.timedelta(weeks=8, days=-3),
            "days_per_week": 4,
            "hours_per_day": Decimal("6.00"),
            "weekdays": [0, 1, 2, 3],
            "employment_authority": "Kouvolan työllisyyspalvelut",
        },
        workplace_mentor=mentor,
    )
    lifecycle.set_goals(trial, ["Oppii hyllytyksen.", "Ajaa trukkia turvallisesti."], by=coach)
    unit = QualificationUnit.objects.create(eperusteet_id=-15, name_fi="Varastotoiminnot")
    requirement_rows = SkillRequirement.objects.bulk_create(
        SkillRequirement(unit=unit, ordinal=n + 1, text_fi=f"Ammattitaitovaatimus {n + 1}")
        for n in range(requirements)
    )
    lifecycle.set_units(
        trial,
        unit_ids=[unit.pk],
        requirement_ids=[row.pk for row in requirement_rows],
        by=coach,
    )
    for party in Party.values:
        lifecycle.confirm(
            trial,
            party,
            by=coach,
            method=ConfirmationMethod.PAPER,
            signer_name=f"Allekirjoittaja {party}",
        )
    trial = lifecycle.transition(trial, "start", by=coach)
    for week in range(min(checkins, 3)):
        workplace.submit_checkin(
            trial,
            week_start=start + dt.timedelta(weeks=week),
            mood="good",
            learnt="Hyllytys ja keräily.",
            by=mentor,
        )
    _link, token = workplace.create_link(trial, by=coach, mentor_name="Olli Ohjaaja")
    return mentor, trial, token


@click.command("checkin")
@click.option("--requirements", default=4, show_default=True, help="Skill requirements aimed at.")
@click.option("--checkins", default=3, show_default=True, help="Earlier check-ins (at most 3).")
@click.option("--repeat", default=50, show_default=True, help="Requests per measurement (≥ 30).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(requirements: int, checkins: int, repeat: int, as_json: bool) -> None:
    """The workplace mentor's check-in page (logged in and by link), against the login page."""
    with ExitStack() as stack:
        database = setup_database(stack)
        mentor, trial, token = fill(requirements, checkins)
        from django.test import Client

        from kohtaanto.core.models import AuditEvent

        page_path = f"/trials/{trial.pk}/checkin/?lang=fi"
        link_path = f"/t/{token}/?lang=fi"
        baseline = _summary(_timings(Client(), "/login/?lang=fi", repeat))
        client = Client()
        client.force_login(mentor)
        page = _summary(_timings(client, page_path, repeat))
        page_queries = _queries(client, page_path)
        before = AuditEvent.objects.count()
        client.get(page_path)
        audit_per_get = AuditEvent.objects.count() - before
        anonymous = Client()
        link = _summary(_timings(anonymous, link_path, repeat))
        link_queries = _queries(anonymous, link_path)
    result = {
        "database": database,
        "requirements": requirements,
        "earlier_checkins": min(checkins, 3),
        "repeat": repeat,
        "page": {"path": "/trials/<id>/checkin/", **page, "queries": page_queries},
        "audit_events_per_page_view": audit_per_get,
        "link": {"path": "/t/<token>/", **link, "queries": link_queries},
        "baseline": {"page": "anonymous /login/", **baseline},
        "ratio_median_vs_baseline": round(page["median_ms"] / baseline["median_ms"], 2),
        "budget_ms": BUDGET_MS,
        "within_budget": page["median_ms"] <= BUDGET_MS and link["median_ms"] <= BUDGET_MS,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": peak_rss_mb(),
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"{database}; baseline (login) {baseline['median_ms']} ms")
    for name, row, queries in (
        ("check-in as the workplace mentor", page, page_queries),
        ("check-in through the link", link, link_queries),
    ):
        click.echo(
            f"{name}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms, {queries} queries"
        )
    click.echo(f"budget {BUDGET_MS} ms: {'ok' if result['within_budget'] else 'OVER'}")
