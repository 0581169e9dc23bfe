"""Demo work trials of Polku ry at Konepaja Virtanen Oy (needs `load_demo`,
`load_demo_opportunities` and `load_demo_qualifications` first; KOHTAANTO_DEMO=1).

- Pekka Osallistuja (the `participant` login): a work trial at the machine shop that started
  three weeks ago, four days a week, with Olli Ohjaaja (`workplace-mentor`) as the workplace
  mentor, the unit "Varastopalveluiden tuottaminen" and four of its requirements aimed at, days
  attended (one absence when ill), two weekly check-ins and two requirements already shown.
  This week's check-in is left for the workplace mentor to do.
- Matti Heikkinen: an agreement being drafted that breaks a rule (nine hours a day), so the
  coach sees the rule, its source and what to change.
- Juhani Mäkelä: a Puuttuva palanen development project on the machine shop's need to take its
  warehouse into digital use — learning plan, six weeks of trial, final assessment, competence
  certificate signed by both and issued, skills shown in his profile, the company's reference
  letter and a job offer as what came next.
- Leena Nieminen: an education trial being explored.

Everything is written through the trials services, with dates relative to today. Running it
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kohtaanto.core.models import Organisation, User
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.models import Participant
from kohtaanto.qualifications.models import QualificationUnit
from kohtaanto.trials.enums import (
    AbsenceReason,
    AuthorRole,
    CheckInMood,
    ConfirmationMethod,
    DayStatus,
    OrganiserKind,
    Party,
    Rating,
    TrialKind,
    TrialOutcome,
)
from kohtaanto.trials.models import CheckIn, Trial
from kohtaanto.trials.services import completion, learning, lifecycle, workplace

AUTHORITY = "Tampereen kaupungin työllisyyspalvelut"
INSURANCE = (
    "Työkokeilija on vakuutettu työkokeilun aikana sattuvan tapaturman varalta "
    "(työllisyyspalvelujen tapaturmavakuutus). Työnantaja vastaa perehdytyksestä ja "
    "työturvallisuudesta."
)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


class Command(BaseCommand):
    help = "Load demo work trials (needs KOHTAANTO_DEMO=1). Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO", False):
            raise CommandError(
                "load_demo_trials refuses to run: demo accounts share a published password. "
                "Set KOHTAANTO_DEMO=1 to load demo data on a demo site only."
            )
        polku = Organisation.objects.filter(name="Polku ry").first()
        konepaja = Organisation.objects.filter(name="Konepaja Virtanen Oy").first()
        coach = User.objects.filter(username="coach").first()
        if polku is None or konepaja is None or coach is None:
            raise CommandError("Run `manage.py load_demo` first.")
        if Trial.objects.filter(organisation=polku, created_by=coach).exists():
            self.stdout.write("Demo trials already loaded.")
            return
        self.today = timezone.localdate()
        self.polku, self.konepaja, self.coach = polku, konepaja, coach
        self.mentor = User.objects.get(username="workplace-mentor")
        self.employer = User.objects.get(username="employer")
        with transaction.atomic():
            running = self._running()
            self._breaking_a_rule()
            project = self._development_project()
            self._education_trial()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo trials ready: trial {running.pk} running (participant, workplace-mentor), "
                f"development project {project.pk} with its certificate and reference."
            )
        )

    # --- helpers --------------------------------------------------------------------------

    def _participant(self, first: str, last: str) -> Participant:
        return Participant.objects.get(organisation=self.polku, first_name=first, last_name=last)

    def _place(self, kind: str) -> Opportunity | None:
        return (
            Opportunity.objects.filter(organisation=self.polku, employer=self.konepaja, kind=kind)
            .order_by("id")
            .first()
        )

    def _unit(self) -> QualificationUnit | None:
        return QualificationUnit.objects.filter(name_fi__icontains="varastopalvelu").first()

    def _agree(self, trial: Trial, start: dt.date, end: dt.date, **values: Any) -> Trial:
        terms = {
            "tasks": values.pop(
                "tasks",
                "- Osien hionta ja pakkaaminen\n- Varaston hyllytys ja keräily\n"
                "- Saapuvien tavaroiden tarkastus\n- Koneiden turvallinen käyttö ohjatusti",
            ),
            "place": "Konepaja Virtanen Oy, Hervannan tuotantohalli, Tampere",
            "start_date": start,
            "end_date": end,
            "days_per_week": 4,
            "hours_per_day": Decimal("6.00"),
            "weekdays": [0, 1, 2, 3],
            "employment_authority": AUTHORITY,
            "insurance_note": INSURANCE,
            "allowance_eur_per_day": Decimal("9.00"),
            "tasks_key": "konepaja: varasto ja pakkaus",
        }
        terms.update(values)
        lifecycle.save_agreement(trial, by=self.coach, values=terms, workplace_mentor=self.mentor)
        trial.refresh_from_db()
        return trial

    def _confirm_all(self, trial: Trial, signed_on: dt.date) -> None:
        names = {
            Party.PARTICIPANT: f"{trial.participant.first_name} {trial.participant.last_name}",
            Party.ORGANISER: "Timo Virtanen",
            Party.AUTHORITY: "Ville Valmentaja",
        }
        for party, name in names.items():
            lifecycle.confirm(
                trial,
                party,
                by=self.coach,
                method=ConfirmationMethod.PAPER,
                signer_name=name,
                signed_on=signed_on,
            )

    def _requirements(self, trial: Trial, count: int) -> None:
        unit = self._unit()
        if unit is None:
            return
        requirement_ids = list(
            unit.requirements.order_by("ordinal").values_list("pk", flat=True)[:count]
        )
        lifecycle.set_units(
            trial, unit_ids=[unit.pk], requirement_ids=requirement_ids, by=self.coach
        )
        tasks = [
            "Vastaanottaa päivän saapuvat lavat ja tarkastaa ne lähetyslistaa vasten.",
            "Hyllyttää osat varastojärjestelmän paikkoihin viivakoodinlukijalla.",
            "Kerää tilaukset keräilylistalta ja pakkaa ne lähetettäviksi.",
            "Tekee viikoittaisen inventaarion yhdelle hyllyvälille.",
        ]
        for item, text in zip(trial.requirements.order_by("id"), tasks, strict=False):
            lifecycle.set_workplace_tasks(item, text, by=self.coach)

    def _attend(self, trial: Trial, until: dt.date, absent: dt.date | None = None) -> None:
        for day in trial.days.filter(date__lte=until, status=DayStatus.PLANNED):
            if day.date == absent:
                lifecycle.mark_day(
                    trial,
                    day.date,
                    DayStatus.ABSENT,
                    by=self.mentor,
                    reason=AbsenceReason.SICK,
                    note="Flunssa, ilmoitti aamulla.",
                )
            else:
                lifecycle.mark_day(trial, day.date, DayStatus.ATTENDED, by=self.mentor)

    def _written_on_thursday(self, checkin: CheckIn) -> None:
        """The demo's past check-ins were written on the Thursday of their week (the service
        stamps them now; a demo loaded today would show every one written today)."""
        written = timezone.make_aware(
            dt.datetime.combine(checkin.week_start + dt.timedelta(days=3), dt.time(15, 0))
        )
        CheckIn.objects.filter(pk=checkin.pk).update(created=min(written, timezone.now()))

    # --- the four trials ------------------------------------------------------------------

    def _running(self) -> Trial:
        """Pekka: running for three weeks, this week's check-in still to do."""
        start = _monday(self.today) - dt.timedelta(weeks=3)
        trial = lifecycle.create_trial(
            by=self.coach,
            participant=self._participant("Pekka", "Osallistuja"),
            title="Varasto- ja pakkaustyö konepajassa",
            opportunity=self._place(OpportunityKind.WORK_TRIAL),
            organiser_kind=OrganiserKind.COMPANY,
        )
        trial = self._agree(trial, start, start + dt.timedelta(weeks=10, days=-4))
        lifecycle.set_goals(
            trial,
            [
                "Oppii varaston päivittäiset työt: vastaanoton, hyllytyksen ja keräilyn.",
                "Käyttää viivakoodinlukijaa ja varastojärjestelmää itsenäisesti.",
                "Jaksaa neljä kuuden tunnin päivää viikossa.",
            ],
            by=self.coach,
        )
        self._requirements(trial, 4)
        self._confirm_all(trial, start - dt.timedelta(days=5))
        trial = lifecycle.transition(trial, "start", by=self.coach)
        workplace.set_community_sharing(trial, True, by=trial.participant.user)
        yesterday = self.today - dt.timedelta(days=1)
        self._attend(trial, yesterday, absent=start + dt.timedelta(weeks=1, days=1))
        checkins = (
            (
                CheckInMood.GOOD,
                "Opetteli vastaanoton ja hyllytyksen. Kysyy rohkeasti.",
                "",
                False,
            ),
            (
                CheckInMood.OK,
                "Keräily sujuu, viivakoodinlukija on jo tuttu.",
                "Väsyi loppuviikosta, pidetään tauot tarkemmin.",
                False,
            ),
        )
        for week, (mood, learnt, concern, talk) in enumerate(checkins):
            checkin = workplace.submit_checkin(
                trial,
                week_start=start + dt.timedelta(weeks=week),
                mood=mood,
                learnt=learnt,
                concern=concern,
                wants_coach_contact=talk,
                by=self.mentor,
            )
            self._written_on_thursday(checkin)
        shown = (
            "Tarkasti kolme saapuvaa lavaa lähetyslistaa vasten ja kirjasi poikkeaman.",
            "Hyllytti osat oikeisiin paikkoihin viivakoodinlukijalla ilman virheitä.",
        )
        for week, (item, text) in enumerate(
            zip(trial.requirements.order_by("id"), shown, strict=False), start=1
        ):
            workplace.mark_evidence(
                item,
                shown_on=start + dt.timedelta(weeks=week, days=2),
                text=text,
                by=self.mentor,
            )
        return trial

    def _breaking_a_rule(self) -> Trial:
        """Matti: a draft with nine-hour days, the rule shown to the coach."""
        start = _monday(self.today) + dt.timedelta(weeks=2)
        trial = lifecycle.create_trial(
            by=self.coach,
            participant=self._participant("Matti", "Heikkinen"),
            title="Hitsausavustaja",
            opportunity=self._place(OpportunityKind.WORK_TRIAL),
            organiser_kind=OrganiserKind.COMPANY,
        )
        trial = self._agree(
            trial,
            start,
            start + dt.timedelta(weeks=8, days=-3),
            tasks="- Hitsattavien osien valmistelu\n- Hionta ja siivous",
            tasks_key="konepaja: hitsaus",
            days_per_week=5,
            weekdays=[0, 1, 2, 3, 4],
            hours_per_day=Decimal("9.00"),
        )
        lifecycle.set_goals(trial, ["Tutustuu hitsaajan työhön."], by=self.coach)
        return trial

    def _development_project(self) -> Trial:
        """Juhani: Puuttuva palanen, ended last week with a certificate and a job offer."""
        need = self._place(OpportunityKind.SME_NEED)
        start = _monday(self.today) - dt.timedelta(weeks=7)
        end = start + dt.timedelta(weeks=6, days=-4)
        trial = lifecycle.create_trial(
            by=self.coach,
            participant=self._participant("Juhani", "Mäkelä"),
            title="Varaston digitalisointi: hyllypaikat ja saldot järjestelmään",
            sme_need=need,
            organiser_kind=OrganiserKind.COMPANY,
        )
        trial = self._agree(
            trial,
            start,
            end,
            tasks=(
                "- Varaston hyllypaikkojen nimeäminen ja merkintä\n"
                "- Saldojen vienti varastojärjestelmään\n"
                "- Keräilyohjeen kirjoittaminen henkilöstölle"
            ),
            tasks_key="konepaja: varaston digitalisointi",
        )
        if need is not None:
            learning.need_goals(trial, by=self.coach)
            plan = learning.build_learning_plan(trial, by=self.coach)
            candidates = learning.sparring_candidates(trial)
            if candidates:
                learning.choose_sparring_partner(plan, candidates[0].user, by=self.coach)
            for learnt in plan.items.all()[:2]:
                learning.mark_learnt(learnt, by=self.coach)
        lifecycle.set_goals(trial, ["Vie varaston saldot järjestelmään."], by=self.coach)
        self._requirements(trial, 3)
        self._confirm_all(trial, start - dt.timedelta(days=7))
        trial = lifecycle.transition(trial, "start", by=self.coach)
        self._attend(trial, end)
        for week in range(5):
            checkin = workplace.submit_checkin(
                trial,
                week_start=start + dt.timedelta(weeks=week),
                mood=CheckInMood.GOOD,
                learnt="Hyllypaikat nimetty ja merkitty." if week < 2 else "Saldot järjestelmässä.",
                by=self.mentor,
            )
            self._written_on_thursday(checkin)
        for requirement in trial.requirements.order_by("id"):
            workplace.mark_evidence(
                requirement,
                shown_on=start + dt.timedelta(weeks=3),
                text="Teki itsenäisesti osana varaston digitalisointiprojektia.",
                by=self.mentor,
            )
        trial = lifecycle.transition(trial, "finish", by=self.coach)
        items = [
            (workplace.item_key("goal", goal.pk), Rating.SHOWN, "") for goal in trial.goals.all()
        ] + [
            (workplace.item_key("requirement", item.pk), Rating.SHOWN, "")
            for item in trial.requirements.all()
        ]
        workplace.submit_assessment(
            trial,
            "final",
            items=items,
            summary="Juhani vei projektin läpi itsenäisesti ja opetti uuden tavan muille.",
            by=self.mentor,
            author_role=AuthorRole.WORKPLACE_MENTOR,
        )
        completion.prepare_certificate(trial, by=self.coach)
        completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, by=self.mentor)
        completion.sign_certificate(trial, role=AuthorRole.COACH, by=self.coach)
        completion.issue_certificate(trial, by=self.coach)
        proposals = completion.skill_proposals(trial)
        if proposals:
            completion.confirm_skills(trial, [p.uri for p in proposals], by=self.coach)
        learning.write_reference(
            trial,
            by=self.employer,
            writer_name="Timo Virtanen",
            writer_title="Toimitusjohtaja",
            text=(
                "Juhani Mäkelä teki meillä kuuden viikon kehittämisprojektin, jossa varastomme "
                "hyllypaikat ja saldot siirrettiin järjestelmään. Hän oli täsmällinen, oma-"
                "aloitteinen ja opetti uuden tavan myös muille. Suosittelen häntä lämpimästi."
            ),
        )
        completion.record_outcome(
            trial,
            TrialOutcome.JOB_OFFER,
            "Osa-aikainen varastotyö alkaen ensi kuussa.",
            by=self.coach,
        )
        trial.refresh_from_db()
        return trial

    def _education_trial(self) -> Trial:
        """Leena: an education trial being explored."""
        return lifecycle.create_trial(
            by=self.coach,
            participant=self._participant("Leena", "Nieminen"),
            title="Koulutuskokeilu: kasvatus- ja ohjausala",
            kind=TrialKind.EDUCATION_TRIAL,
            organiser_name="Tampereen seudun ammattiopisto Tredu",
            organiser_kind=OrganiserKind.MUNICIPALITY,
            organiser_business_id="0211675-2",
        )
