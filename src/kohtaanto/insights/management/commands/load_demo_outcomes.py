"""Demo outcomes: the ESF+ project "Polku töihin (ESR+)" of Polku ry with 72 synthetic
participants (started over the last 18 months, spread over regions, coaches, peer groups and
start months; most ended with a continuation path, some followed up after six months; ESF+
entry data, with disability and minority only where the special-categories consent is given),
so that the outcome and ESF+ pages show real figures and some suppressed cells. Idempotent;
needs KOHTAANTO_DEMO=1 and runs after load_demo, load_demo_groups and load_demo_trials."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership, Organisation, User
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.insights import services
from kohtaanto.insights.models import Project
from kohtaanto.journeys.enums import FollowUpResult
from kohtaanto.journeys.models import EsfEntryData, FollowUp, Intake, Outcome
from kohtaanto.journeys.rules import age_band
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

ORGANISATION = "Polku ry"
PROJECT = "Polku töihin (ESR+)"
DOMAIN = "outcomes.demo.kohtaanto.invalid"
PEOPLE = 72
FIRST = {
    "women": ["Aino", "Helmi", "Kerttu", "Mirja", "Oona", "Sanni", "Tuula", "Elina", "Riikka"],
    "men": ["Eino", "Lauri", "Niilo", "Pentti", "Jari", "Mikko", "Tapio", "Olli", "Veikko"],
    "non_binary": ["Alex", "Kim", "Robin"],
}
LAST = ["Aaltonen", "Heino", "Kallio", "Laine", "Mäkinen", "Niemi", "Rantanen", "Salo", "Virta"]
MUNICIPALITIES = ["091", "091", "091", "049", "092", "837", "853", "564", "179"]
STATUSES = ["unemployed", "unemployed", "long_term_unemployed", "inactive", "employed", "student"]
OUTCOMES = [
    "employment",
    "employment",
    "employment",
    "education_training",
    "education_training",
    "apprenticeship",
    "self_employment",
    "work_trial",
    "rehabilitation",
    "other_service",
    "no_continuation_yet",
    "no_continuation_yet",
    "moved_away",
]
EXTRA_COACHES = {
    "valmentaja-eeva": ("Eeva", "Eskola"),
    "valmentaja-juha": ("Juha", "Jokela"),
}


class Command(BaseCommand):
    help = "Load demo outcomes and an ESF+ project (needs KOHTAANTO_DEMO=1, after load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError("load_demo_outcomes refuses to run: set KOHTAANTO_DEMO=1.")
        organisation = Organisation.objects.filter(name=ORGANISATION).first()
        coordinator = User.objects.filter(username="coordinator").first()
        coach = User.objects.filter(username="coach").first()
        if organisation is None or coordinator is None or coach is None:
            raise CommandError("Run `manage.py load_demo` first: Polku ry is missing.")
        if Participant.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            self.stdout.write("demo outcomes already loaded")
            return
        with transaction.atomic():
            count = self._load(organisation, coordinator, coach)
        self.stdout.write(f"demo outcomes: project {PROJECT!r}, {count} participants")

    def _coaches(self, organisation: Organisation, coach: User) -> list[User]:
        coaches = [coach]
        for username, (first, last) in EXTRA_COACHES.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name=first, last_name=last)
                user.set_unusable_password()
                user.save()
            Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.COACH)
            coaches.append(user)
        return coaches

    def _load(self, organisation: Organisation, coordinator: User, coach: User) -> int:
        rng = random.Random(16)
        today = timezone.localdate()
        coaches = self._coaches(organisation, coach)
        groups = list(Group.objects.filter(organisation=organisation).order_by("pk")[:3])
        project = Project.objects.filter(organisation=organisation, name=PROJECT).first()
        if project is None:
            project = services.create_project(
                coordinator,
                organisation,
                name=PROJECT,
                code="S30123",
                funder="Etelä-Savon ELY-keskus (ESR+)",
                starts=today - dt.timedelta(days=560),
                ends=today + dt.timedelta(days=170),
            )
        for n in range(PEOPLE):
            gender = rng.choices(["women", "men", "non_binary", ""], [40, 40, 3, 2])[0]
            first = rng.choice(FIRST.get(gender) or FIRST["women"])
            participant = Participant.objects.create(
                organisation=organisation,
                first_name=first,
                last_name=rng.choice(LAST),
                email=f"tulos{n}@{DOMAIN}",
            )
            participant.coaches.add(coaches[n % len(coaches)] if n % 11 else coaches[0])
            start = today - dt.timedelta(days=rng.randint(20, 540))
            birth = start - dt.timedelta(days=rng.randint(17 * 365, 62 * 365))
            Intake.objects.create(
                participant=participant,
                service_start=start,
                birth_date=birth,
                municipality_code=rng.choice(MUNICIPALITIES),
            )
            consent = rng.random() < 0.4
            if consent:
                give_consent(participant, ConsentPurpose.SPECIAL_CATEGORIES, by=coordinator)
            EsfEntryData.objects.create(
                participant=participant,
                entry_date=start,
                labour_market_status=rng.choice(STATUSES),
                isced_level=rng.choice([1, 2, 3, 3, 4, 6, None]),
                age_band=age_band((start - birth).days // 365),
                gender_category=gender,
                disability=rng.choice([True, False, False, None]) if consent else None,
                minority=rng.choice([True, False, False, False, None]) if consent else None,
                third_country_national=rng.random() < 0.15,
                foreign_background=rng.random() < 0.25,
                homeless=rng.random() < 0.05,
                rural_area=rng.random() < 0.2,
            )
            if groups and n % 4 == 0:
                GroupMember.objects.create(
                    group=groups[n % len(groups)],
                    participant=participant,
                    status=MemberStatus.MEMBER,
                )
            services.enrol(coordinator, project, participant, entered=start)
            days_in = rng.randint(30, 300)
            end = start + dt.timedelta(days=days_in)
            if end >= today - dt.timedelta(days=3) or rng.random() < 0.15:
                continue  # still in service
            kind = rng.choice(OUTCOMES)
            recorded = end + dt.timedelta(days=rng.choice([0, 0, 1, 3, 7, 40]))
            outcome = Outcome.objects.create(
                participant=participant,
                outcome_type=kind,
                date=end,
                qualification_gained=rng.random() < 0.2,
                recorded_by=coach,
                created=timezone.make_aware(dt.datetime.combine(min(recorded, today), dt.time(14))),
            )
            due = end + dt.timedelta(days=182)
            if due <= today:
                result = rng.choice(
                    [
                        FollowUpResult.EMPLOYED,
                        FollowUpResult.EMPLOYED,
                        FollowUpResult.IMPROVED,
                        FollowUpResult.NOT_IMPROVED,
                        FollowUpResult.NOT_REACHED,
                        "",
                    ]
                )
                FollowUp.objects.create(
                    outcome=outcome, due=due, done_at=due if result else None, result=result
                )
            else:
                FollowUp.objects.create(outcome=outcome, due=due)
        return PEOPLE
