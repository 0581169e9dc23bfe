"""Open Badges demo (idempotent): Polku ry's digital-skills badge "Digitaidot: tiedon
etsiminen" (DigComp 2.2 1.1, level 3) and a course badge, and the digital-skills badge issued
to Pekka Osallistuja (the `participant` login) from a completed DigComp self-assessment, signed
at once (no worker needed). Run after `load_demo`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kohtaanto.achievements import services
from kohtaanto.achievements.enums import AchievementKind
from kohtaanto.achievements.models import Achievement, AchievementVersion, IssuedCredential
from kohtaanto.core.models import Organisation, User
from kohtaanto.journeys import rules
from kohtaanto.journeys.services import submit_digcomp
from kohtaanto.people.models import Participant

BADGES: list[tuple[str, dict[str, Any]]] = [
    (
        AchievementKind.DIGITAL_SKILLS,
        {
            "name_fi": "Digitaidot: tiedon etsiminen",
            "name_sv": "Digitala färdigheter: att söka information",
            "name_en": "Digital skills: finding information",
            "description_fi": "Osaa etsiä tietoa verkosta, valita hakusanat ja arvioida lähteitä.",
            "description_sv": "Kan söka information på nätet, välja sökord och bedöma källor.",
            "description_en": "Can search the web, choose search words and judge sources.",
            "criteria_fi": "DigComp 2.2 -itsearvio yhdessä valmentajan kanssa: 1.1 vähintään "
            "tasolla 3 (osaa itse).",
            "criteria_sv": "Självbedömning enligt DigComp 2.2 tillsammans med coachen: 1.1 minst "
            "på nivå 3 (kan själv).",
            "criteria_en": "DigComp 2.2 self-assessment with the coach: 1.1 at least at level 3 "
            "(can do it alone).",
            "digcomp_competence": "1.1",
            "digcomp_level": 3,
        },
    ),
    (
        AchievementKind.COURSE,
        {
            "name_fi": "Työnhaun kurssi",
            "name_sv": "Kurs i jobbsökning",
            "name_en": "Job search course",
            "description_fi": "Viiden tapaamisen kurssi: ansioluettelo, hakemus ja haastattelu.",
            "criteria_fi": "Osallistui vähintään neljään tapaamiseen viidestä.",
        },
    ),
]


class Command(BaseCommand):
    help = "Load the Open Badges demo (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        polku = Organisation.objects.filter(name="Polku ry").first()
        coordinator = User.objects.filter(username="coordinator").first()
        coach = User.objects.filter(username="coach").first()
        if polku is None or coordinator is None or coach is None:
            raise CommandError("Run load_demo first.")
        made = []
        for kind, content in BADGES:
            version = AchievementVersion.objects.filter(
                achievement__organisation=polku, name_fi=content["name_fi"]
            ).first()
            achievement = (
                version.achievement
                if version
                else services.create_achievement(coordinator, polku, kind, **content)
            )
            made.append(achievement)
        pekka = Participant.objects.get(user__username="participant")
        if not IssuedCredential.objects.filter(participant=pekka).exists():
            attempt = pekka.digcomp_attempts.exclude(completed_at=None).last()
            if attempt is None:
                answers = dict.fromkeys(rules.digcomp().questions, 3)
                attempt = submit_digcomp(pekka, by=coach, answers=answers, with_coach=True)
            version = made[0].current_version
            assert isinstance(made[0], Achievement) and version is not None
            issued = services.issue_badge(
                coach, pekka, version, services.evidence_from_digcomp(pekka, attempt.pk)
            )
            services.sign_issued(issued.pk)  # the demo does not wait for the worker
        self.stdout.write(
            f"badges: {Achievement.objects.filter(organisation=polku).count()} achievements, "
            f"{IssuedCredential.objects.filter(organisation=polku).count()} issued"
        )
