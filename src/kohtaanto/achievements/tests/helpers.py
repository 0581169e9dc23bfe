"""Shared set-up of the achievements tests: an organisation's DigComp badge, a participant
with consent and a completed self-assessment, and issuing through the real task."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from tests.factories import Personas

from kohtaanto.achievements import services
from kohtaanto.achievements.enums import AchievementKind
from kohtaanto.achievements.models import Achievement, IssuedCredential
from kohtaanto.journeys.models import DigCompAttempt
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def digcomp_badge(personas: Personas, **extra: Any) -> Achievement:
    data = {
        "name_fi": "Digitaidot: tiedon etsiminen",
        "name_sv": "Digitala färdigheter: att söka information",
        "name_en": "Digital skills: finding information",
        "description_fi": "Osaa etsiä tietoa verkosta ja arvioida sitä.",
        "criteria_fi": "Itsearvio DigComp 1.1 vähintään tasolla 3 yhdessä valmentajan kanssa.",
        "digcomp_competence": "1.1",
        "digcomp_level": 3,
        "esco_skills": [
            {
                "uri": "http://data.europa.eu/esco/skill/9f2d6a5c-33b4-4c1b-8c8d-1f4a0d0e3b54",
                "label": "etsiä tietoa",
            }
        ],
        **extra,
    }
    return services.create_achievement(
        personas.coordinator, personas.organisation, AchievementKind.DIGITAL_SKILLS, **data
    )


def completed_digcomp(participant: Participant) -> DigCompAttempt:
    return DigCompAttempt.objects.create(
        participant=participant,
        questions_version="digcomp-2.2-kohtaanto-1",
        completed_at=timezone.now(),
        with_coach=True,
    )


def consenting(personas: Personas) -> Participant:
    participant = personas.participant
    give_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    return participant


def issue(personas: Personas, achievement: Achievement, **kwargs: Any) -> IssuedCredential:
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    version = achievement.current_version
    assert version is not None
    credential = services.issue_badge(
        personas.coach,
        participant,
        version,
        services.evidence_from_digcomp(participant, attempt.pk),
        **kwargs,
    )
    credential.refresh_from_db()
    return credential


def volunteer_with_training(personas: Personas) -> tuple[Any, Any]:
    """The mentor persona as a volunteer of the organisation with one completed training."""
    from kohtaanto.mentoring.models import (
        TrainingCourse,
        TrainingRecord,
        VolunteerEngagement,
        VolunteerProfile,
    )

    volunteer, _created = VolunteerProfile.objects.get_or_create(user=personas.mentor)
    VolunteerEngagement.objects.get_or_create(
        volunteer=volunteer, organisation=personas.organisation
    )
    course = TrainingCourse.objects.create(
        organisation=personas.organisation, name="Vertaisohjaajan peruskoulutus", hours=12
    )
    record = TrainingRecord.objects.create(
        volunteer=volunteer, course=course, completed_on=timezone.localdate(), hours=12
    )
    return volunteer, record


def training_badge(personas: Personas) -> Achievement:
    """The organisation's badge for a volunteer's training (kind `volunteer_training`)."""
    return services.create_achievement(
        personas.coordinator,
        personas.organisation,
        AchievementKind.VOLUNTEER_TRAINING,
        name_fi="Vertaisohjaajan koulutus",
        description_fi="Kävi vertaisohjaajan peruskoulutuksen.",
        criteria_fi="Koulutus käyty kokonaan.",
    )


def course_badge(personas: Personas) -> Achievement:
    """The organisation's course badge (kind `course`)."""
    return services.create_achievement(
        personas.coordinator,
        personas.organisation,
        AchievementKind.COURSE,
        name_fi="Kurssi suoritettu: Asiakaspalvelun perusteet",
        name_sv="Kurs avklarad: Grunderna i kundservice",
        name_en="Course completed: Customer service basics",
        description_fi="Suoritti Asiakaspalvelun perusteet -kurssin.",
        criteria_fi="Kurssi suoritettu hyväksytysti; valmentaja merkitsi sen suoritetuksi.",
    )


def a_course(personas: Personas, **extra: Any) -> Any:
    """A course of the organisation's own catalogue."""
    from kohtaanto.opportunities.models import Course

    data = {
        "organisation": personas.organisation,
        "title": "Asiakaspalvelun perusteet",
        "provider": "Helsingin työväenopisto",
        "hours": 20,
        **extra,
    }
    return Course.objects.create(**data)
