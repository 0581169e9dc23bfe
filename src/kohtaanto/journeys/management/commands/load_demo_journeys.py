"""Demo journeys: the 41 fictional participants of `journeys/data/demo_participants.json`
with intake, story, recognised and confirmed skills, sessions, goals, tasks, DigComp
self-assessments, outcomes and follow-ups. Idempotent; needs KOHTAANTO_DEMO=1 and runs after
`load_demo`. `--caseload-size N` also creates N synthetic participants in the caseload of the
demo user `coach` (bulk inserts, for performance measurement)."""

from __future__ import annotations

import datetime as dt
import json
import random
from importlib import resources
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core.models import Organisation, User
from kohtaanto.journeys import rules, services
from kohtaanto.journeys.enums import FollowUpResult, SessionStatus, TaskAssignee
from kohtaanto.journeys.models import DigCompAttempt, Intake, Session, Task
from kohtaanto.people import services as people_services
from kohtaanto.people.consent import has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem

ORGANISATIONS = {"coach": "Polku ry", "coach2": "Uusi Suunta -hanke"}
DEMO_DOMAIN = "demo.kohtaanto.invalid"
SYNTHETIC_DOMAIN = "synthetic.kohtaanto.invalid"
CONSENTS = (
    ConsentPurpose.SERVICE_PROCESSING,
    ConsentPurpose.MATCHING,
    ConsentPurpose.FOLLOW_UP_CONTACT,
    ConsentPurpose.ANONYMISED_STATISTICS,
)
GENDERS = {
    "mies": "men",
    "man": "men",
    "nainen": "women",
    "kvinna": "women",
    "woman": "women",
    "muunsukupuolinen": "non_binary",
    "non-binary": "non_binary",
    "ickebinär": "non_binary",
}
FOLLOW_UP_RESULTS = {
    "employment": FollowUpResult.EMPLOYED,
    "self_employment": FollowUpResult.EMPLOYED,
    "apprenticeship": FollowUpResult.EMPLOYED,
}
CONFIRM_SCORE = 0.3
REJECT_SCORE = 0.2


def _helsinki(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))


class Command(BaseCommand):
    help = "Load demo participant journeys (needs KOHTAANTO_DEMO=1, after load_demo)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--caseload-size",
            type=int,
            default=0,
            help="Also make the demo coach's caseload this big with synthetic participants.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError("load_demo_journeys refuses to run: set KOHTAANTO_DEMO=1.")
        coaches: dict[str, User] = {}
        organisations: dict[str, Organisation] = {}
        for name, organisation_name in ORGANISATIONS.items():
            user = User.objects.filter(username=name).first()
            organisation = Organisation.objects.filter(name=organisation_name).first()
            if user is None or organisation is None:
                raise CommandError("Run `manage.py load_demo` first: demo coaches are missing.")
            coaches[name], organisations[name] = user, organisation
        data = json.loads(
            resources.files("kohtaanto.journeys")
            .joinpath("data", "demo_participants.json")
            .read_text(encoding="utf-8")
        )
        created = 0
        for index, person in enumerate(data["participants"]):
            coach, organisation = coaches[person["coach"]], organisations[person["coach"]]
            email = f"{person['id']}@{DEMO_DOMAIN}"
            if Participant.objects.filter(organisation=organisation, email=email).exists():
                continue
            with transaction.atomic():
                self._journey(index, person, email, organisation, coach)
            created += 1
        self._own_participant(coaches["coach"])
        synthetic = 0
        if options["caseload_size"]:
            synthetic = self._synthetic(
                options["caseload_size"], organisations["coach"], coaches["coach"]
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo journeys ready: {created} new of {len(data['participants'])}, "
                f"{synthetic} synthetic participants added."
            )
        )

    # --- one demo participant ------------------------------------------------------------------

    def _journey(
        self,
        index: int,
        person: dict[str, Any],
        email: str,
        organisation: Organisation,
        coach: User,
    ) -> None:
        sessions = sorted(person["sessions"], key=lambda s: s["date"])
        start = dt.date.fromisoformat(sessions[0]["date"]) if sessions else timezone.localdate()
        participant = services.create_participant_with_intake(
            organisation=organisation,
            by=coach,
            first_name=person["first_name"],
            last_name=person["last_name"],
            birth_date=dt.date(person["birth_year"], index % 12 + 1, index % 28 + 1),
            email=email,
            preferred_language=person["service_language"],
            municipality_code=person["municipality_code"],
            languages=[(lang["code"], lang["level"]) for lang in person["languages"]],
            service_start=start,
        )
        for purpose in CONSENTS:
            people_services.give_consent(participant, purpose, by=coach)
        services.save_esf_entry_data(
            participant,
            by=coach,
            labour_market_status=person["labour_market_status"],
            isced_level=person["isced_level"],
            gender_self_described=person["gender"],
            gender_category=GENDERS.get(person["gender"].strip().lower(), ""),
            entry_date=start,
        )
        if person.get("constraints"):
            people_services.give_consent(
                participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS, by=coach
            )
            services.set_restricted_constraints(
                participant, by=coach, constraints="\n".join(person["constraints"])
            )
        services.save_story(
            participant, by=coach, story=person["story"], language=person["story_language"]
        )
        self._decide(participant, coach, ended=person["status"] == "ended")
        for number, goal in enumerate(person["goals"]):
            services.add_goal(
                participant, by=coach, title=goal, due=start + dt.timedelta(days=90 + 30 * number)
            )
        for session in sessions:
            services.log_session(
                participant,
                by=coach,
                kind=session["type"],
                starts_at=_helsinki(session["date"]),
                duration_minutes=session["duration_minutes"],
                done_together=session["notes"],
                next_steps=session.get("next_steps", ""),
            )
        if index % 3 == 0:
            self._digcomp(participant, coach, index, start)
        if person["status"] == "ended" and person.get("outcome"):
            self._outcome(participant, coach, person["outcome"])
        else:
            self._active(participant, coach, index, sessions)

    def _decide(self, participant: Participant, coach: User, *, ended: bool) -> None:
        """Confirm the clear suggestions; for ended journeys also reject the weak ones, so
        the demo shows all three states."""
        from kohtaanto.profiles.services import decide_items

        items = list(
            ProfileItem.objects.filter(participant=participant, status=ItemStatus.SUGGESTED)
        )
        confirm = [
            i.pk
            for i in items
            if not i.goal and i.score >= CONFIRM_SCORE and i.source == "recognised"
        ]
        reject = [i.pk for i in items if ended and i.pk not in confirm and i.score < REJECT_SCORE]
        decide_items(participant, by=coach, confirm=confirm, reject=reject)

    def _digcomp(self, participant: Participant, coach: User, index: int, start: dt.date) -> None:
        rng = random.Random(index)
        values = sorted(rules.digcomp().values)
        answers = {c: rng.choice(values[:3]) for c in rules.digcomp().questions}
        first = services.submit_digcomp(participant, by=coach, answers=answers, with_coach=True)
        DigCompAttempt.objects.filter(pk=first.pk).update(
            started=_helsinki(start.isoformat()), completed_at=_helsinki(start.isoformat(), 11)
        )
        if index % 2 == 0:  # retaken later: progress over time
            better = {c: min(v + 2, 5) if v in (1, 3) else 1 for c, v in answers.items()}
            services.submit_digcomp(participant, by=participant.user or coach, answers=better)

    def _outcome(self, participant: Participant, coach: User, outcome: dict[str, Any]) -> None:
        end = dt.date.fromisoformat(outcome["date"])
        saved = services.end_service(
            participant,
            by=coach,
            outcome_type=outcome["id"],
            date=end,
            note=outcome.get("note") or "",
        )
        follow_up = saved.follow_up
        may_contact = has_consent(participant, ConsentPurpose.FOLLOW_UP_CONTACT)
        if may_contact and follow_up.due <= timezone.localdate():
            services.record_follow_up(
                coach,
                follow_up.pk,
                result=FOLLOW_UP_RESULTS.get(outcome["id"], FollowUpResult.IMPROVED),
                outcome_type=outcome["id"],
                done_at=follow_up.due,
            )

    def _active(
        self, participant: Participant, coach: User, index: int, sessions: list[dict[str, Any]]
    ) -> None:
        services.plan_session(
            participant,
            by=coach,
            kind="individual",
            starts_at=timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
            + dt.timedelta(days=index % 14 + 1),
        )
        if sessions and sessions[-1].get("next_steps"):
            services.add_task(
                participant,
                by=coach,
                title=sessions[-1]["next_steps"][:300],
                assignee=TaskAssignee.TOGETHER,
                due=timezone.localdate() + dt.timedelta(days=7),
            )
        services.add_task(
            participant,
            by=coach,
            title="Päivitä CV ja lähetä valmentajalle",
            due=timezone.localdate() + dt.timedelta(days=14),
        )
        services.prepare_cv_draft(participant, by=coach, language=participant.preferred_language)

    def _own_participant(self, coach: User) -> None:
        """The demo login `participant` gets a small journey of their own ("my path")."""
        participant = Participant.objects.filter(user__username="participant").first()
        if participant is None or Intake.objects.filter(participant=participant).exists():
            return
        with transaction.atomic():
            services.update_intake(participant, by=coach, municipality_code="091")
            services.set_languages(
                participant, by=coach, languages=[("fi", "native"), ("en", "B1")]
            )
            services.save_story(
                participant,
                by=coach,
                language="fi",
                story="Olin varastossa keräilijänä ja ajoin trukkia viisitoista vuotta. "
                "Vapaa-ajalla valmennan junioreiden jalkapallojoukkuetta ja hoidan seuran "
                "nettisivuja. Haluaisin oppia tekemään taulukoita tietokoneella.",
            )
            self._decide(participant, coach, ended=False)
            services.add_goal(
                participant,
                by=coach,
                title="Löytää työ logistiikasta",
                steps=["Tehdä CV", "Hakea kolmeen paikkaan"],
            )
            services.plan_session(
                participant,
                by=coach,
                kind="individual",
                starts_at=timezone.now() + dt.timedelta(days=3),
            )
            services.add_task(participant, by=coach, title="Kirjaudu Työmarkkinatorille")

    # --- synthetic caseload ------------------------------------------------------------------

    def _synthetic(self, size: int, organisation: Organisation, coach: User) -> int:
        existing = Participant.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").count()
        current = Participant.objects.filter(coaches=coach).count()
        missing = max(0, size - current)
        if not missing:
            return 0
        rng = random.Random(size)
        first = [
            "Aino",
            "Eero",
            "Helmi",
            "Ilmari",
            "Kerttu",
            "Lauri",
            "Mirja",
            "Niilo",
            "Oona",
            "Pentti",
        ]
        last = [
            "Aaltonen",
            "Heino",
            "Kallio",
            "Laine",
            "Mäkinen",
            "Niemi",
            "Rantanen",
            "Salo",
            "Toivonen",
            "Virta",
        ]
        codes = list(rules.municipalities())
        now = timezone.now()
        with transaction.atomic():
            people = Participant.objects.bulk_create(
                Participant(
                    organisation=organisation,
                    first_name=rng.choice(first),
                    last_name=rng.choice(last),
                    email=f"s{existing + n}@{SYNTHETIC_DOMAIN}",
                )
                for n in range(missing)
            )
            people = list(
                Participant.objects.filter(
                    email__in=[p.email for p in people], organisation=organisation
                )
            )
            Participant.coaches.through.objects.bulk_create(
                Participant.coaches.through(participant_id=p.pk, user_id=coach.pk) for p in people
            )
            Intake.objects.bulk_create(
                Intake(participant=p, municipality_code=rng.choice(codes)) for p in people
            )
            Session.objects.bulk_create(
                Session(
                    participant=p,
                    kind="individual",
                    status=SessionStatus.HELD,
                    starts_at=now - dt.timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 8)),
                )
                for p in people
                for _ in range(3)
            )
            Session.objects.bulk_create(
                Session(
                    participant=p,
                    kind="remote",
                    status=SessionStatus.PLANNED,
                    starts_at=now + dt.timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8)),
                )
                for p in people
                if rng.random() < 0.7
            )
            Task.objects.bulk_create(
                Task(
                    participant=p,
                    title="Päivitä CV",
                    due=timezone.localdate(now) + dt.timedelta(days=7),
                )
                for p in people
                if rng.random() < 0.5
            )
        return len(people)
