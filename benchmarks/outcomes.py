"""`kohtaanto bench outcomes`: the outcome report (issue 16) for 20,000 participants over three
years, against a plain COUNT query, in one run.

The database is a fresh SQLite file in a temporary folder, or, when `DATABASE_URL` is set, that
database (use a scratch one: it is migrated and synthetic data is added to it); the JSON says
which. A seeded generator adds one organisation with `--participants` people whose services
started over the last three years (intake with a municipality, ESF+ entry data, 10 coaches, 6
peer groups, about 70 % ended with an outcome recorded within days, six-month follow-ups for
those ended long enough ago, the special-categories consent for some), in bulk inserts.

Measured, median of `--repeat` runs each: `insights.selectors.outcome_report` (the product's
read: three queries, the pure counting, joint complementary suppression, labels) and
`esf_report`, for a coordinator over the whole three years, suppressed; the baseline is
`Participant.objects.filter(organisation=…).count()` in the same run. Budget (issue 16): the
outcome report ≤ 1 s on PostgreSQL.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from contextlib import ExitStack
from datetime import date, timedelta
from typing import Any

import click

from benchmarks.caseload import setup_database

BUDGET_S = 1.0
ORGANISATION = "Mittaus ry (outcomes benchmark)"


def _median(fn: Any, repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def generate(participants: int, seed: int) -> tuple[Any, Any, date]:
    """The organisation, its coordinator and today; data created once per database."""
    from django.utils import timezone

    from kohtaanto.core.enums import Role
    from kohtaanto.core.models import Membership, Organisation, User
    from kohtaanto.groups.enums import GroupKind, MemberStatus
    from kohtaanto.groups.models import Group, GroupMember
    from kohtaanto.journeys.models import EsfEntryData, FollowUp, Intake, Outcome
    from kohtaanto.journeys.rules import age_band, outcomes
    from kohtaanto.people.models import ConsentEvent, Participant
    from kohtaanto.reference.places import municipalities

    today = timezone.localdate()
    organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
    coordinator, _created = User.objects.get_or_create(username="bench-outcomes-coordinator")
    Membership.objects.get_or_create(
        user=coordinator, organisation=organisation, role=Role.COORDINATOR
    )
    have = Participant.objects.filter(organisation=organisation).count()
    if have >= participants:
        return organisation, coordinator, today
    rng = random.Random(seed)
    coaches = []
    for n in range(10):
        user, _created = User.objects.get_or_create(username=f"bench-outcomes-coach{n}")
        Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.COACH)
        coaches.append(user)
    groups = [
        Group.objects.get_or_create(
            organisation=organisation, name=f"Ryhmä {n}", defaults={"kind": GroupKind.HOBBY}
        )[0]
        for n in range(6)
    ]
    codes = list(municipalities())
    kinds = list(outcomes().outcomes)
    statuses = ["unemployed", "long_term_unemployed", "inactive", "employed", "student", ""]
    now = timezone.now()
    batch = 2000
    for offset in range(have, participants, batch):
        size = min(batch, participants - offset)
        people = Participant.objects.bulk_create(
            Participant(
                organisation=organisation,
                first_name="Testi",
                last_name=f"Henkilö {offset + n}",
                email=f"bench{offset + n}@outcomes.bench.invalid",
            )
            for n in range(size)
        )
        people = list(
            Participant.objects.filter(
                organisation=organisation,
                email__in=[f"bench{offset + n}@outcomes.bench.invalid" for n in range(size)],
            )
        )
        intakes, esf, ends, coach_rows, member_rows, consents = [], [], [], [], [], []
        for p in people:
            start = today - timedelta(days=rng.randint(0, 3 * 365))
            birth = start - timedelta(days=rng.randint(16 * 365, 64 * 365))
            intakes.append(
                Intake(
                    participant=p,
                    service_start=start,
                    birth_date=birth,
                    municipality_code=rng.choice(codes),
                )
            )
            consent = rng.random() < 0.4
            esf.append(
                EsfEntryData(
                    participant=p,
                    entry_date=start,
                    labour_market_status=rng.choice(statuses),
                    isced_level=rng.choice([0, 1, 2, 3, 4, 5, 6, 7, None]),
                    age_band=age_band((start - birth).days // 365),
                    gender_category=rng.choice(["women", "men", "women", "men", "non_binary", ""]),
                    disability=rng.choice([True, False, None]) if consent else None,
                    minority=rng.choice([True, False, None]) if consent else None,
                    third_country_national=rng.random() < 0.1,
                    foreign_background=rng.random() < 0.2,
                    homeless=rng.random() < 0.03,
                    rural_area=rng.random() < 0.2,
                )
            )
            if consent:
                consents.append(
                    ConsentEvent(participant=p, purpose="special_categories", kind="given", at=now)
                )
            end = start + timedelta(days=rng.randint(20, 400))
            if end < today and rng.random() < 0.85:
                ends.append((p, end, rng.choice(kinds)))
            coach_rows.append(
                Participant.coaches.through(participant_id=p.pk, user_id=rng.choice(coaches).pk)
            )
            if rng.random() < 0.2:
                member_rows.append(
                    GroupMember(group=rng.choice(groups), participant=p, status=MemberStatus.MEMBER)
                )
        Intake.objects.bulk_create(intakes)
        EsfEntryData.objects.bulk_create(esf)
        ConsentEvent.objects.bulk_create(consents)
        Participant.coaches.through.objects.bulk_create(coach_rows)
        GroupMember.objects.bulk_create(member_rows)
        Outcome.objects.bulk_create(
            Outcome(participant=p, outcome_type=kind, date=end, created=now)
            for p, end, kind in ends
        )
        made = {
            o.participant_id: o
            for o in Outcome.objects.filter(participant_id__in=[p.pk for p, _e, _k in ends])
        }
        FollowUp.objects.bulk_create(
            FollowUp(
                outcome=made[p.pk],
                due=end + timedelta(days=182),
                result=rng.choice(["employed", "improved", "not_improved", "not_reached"])
                if end + timedelta(days=182) <= today
                else "",
            )
            for p, end, _kind in ends
        )
    return organisation, coordinator, today


@click.command()
@click.option("--participants", default=20_000, show_default=True, type=click.IntRange(100))
@click.option("--repeat", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--seed", default=16, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(participants: int, repeat: int, seed: int, as_json: bool) -> None:
    """Outcome report for 20,000 participants over 3 years vs a plain count."""
    with ExitStack() as stack:
        vendor = setup_database(stack)
        from kohtaanto.insights import selectors
        from kohtaanto.people.models import Participant
        from kohtaanto.stats.periods import Period

        started = time.perf_counter()
        organisation, coordinator, today = generate(participants, seed)
        generate_s = time.perf_counter() - started
        period = Period(today - timedelta(days=3 * 365), today)

        def baseline() -> int:
            return Participant.objects.filter(organisation=organisation).count()

        def outcome() -> Any:
            return selectors.outcome_report(coordinator, organisation, period, suppress=True)

        def esf() -> Any:
            return selectors.esf_report(coordinator, organisation, period, suppress=True)

        outcome()  # warm the catalogues and the database caches once
        baseline_s, count = _median(baseline, repeat)
        outcome_s, report = _median(outcome, repeat)
        esf_s, _esf_report = _median(esf, repeat)
        result = {
            "benchmark": "outcomes",
            "database": vendor,
            "participants": count,
            "period": str(period),
            "repeat": repeat,
            "generate_s": round(generate_s, 2),
            "baseline_count_s": round(baseline_s, 5),
            "outcome_report_s": round(outcome_s, 4),
            "esf_report_s": round(esf_s, 4),
            "ratio_outcome_to_count": round(outcome_s / baseline_s, 1) if baseline_s else None,
            "budget_s": BUDGET_S,
            "within_budget": outcome_s <= BUDGET_S,
            "check": {
                "started": report.headline.cell("started").value,
                "ended": report.headline.cell("ended").value,
                "found": report.headline.cell("found").value,
            },
        }
    if as_json:
        click.echo(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            click.echo(f"{key}: {value}")
