"""Shared setup of the journey page tests: a small journey for the participant persona."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from tests.factories import Personas

from kohtaanto.journeys import services
from kohtaanto.journeys.models import CvDraft, DigCompAttempt, Goal, GoalStep, Intake, Task
from kohtaanto.profiles.enums import ItemSource, ItemStatus, ProfileGroup
from kohtaanto.profiles.models import ProfileItem

STORY = "Olen ajanut trukkia varastossa kymmenen vuotta. Harrastan kuorolaulua."
FORKLIFT_URI = "http://example.invalid/skill/forklift"


@dataclass
class Journey:
    item: ProfileItem
    task: Task
    step: GoalStep
    attempt: DigCompAttempt
    draft: CvDraft


def make_journey(personas: Personas) -> Journey:
    participant, coach = personas.participant, personas.coach
    Intake.objects.update_or_create(
        participant=participant,
        defaults={"story": STORY, "story_language": "fi", "municipality_code": "091"},
    )
    start = STORY.index("trukkia")
    item = ProfileItem.objects.create(
        participant=participant,
        uri=FORKLIFT_URI,
        kind="skill",
        group=ProfileGroup.WORK,
        label="trukin ajaminen",
        status=ItemStatus.SUGGESTED,
        source=ItemSource.RECOGNISED,
        score=0.9,
        evidence=[{"start": start, "end": start + 7, "text": "trukkia", "matched": "trukki"}],
    )
    task = services.add_task(participant, by=coach, title="Päivitä CV")
    goal: Goal = services.add_goal(
        participant, by=coach, title="Työ varastossa", steps=["Hae kolmea paikkaa"]
    )
    step = goal.steps.get()
    attempt = services.start_digcomp(participant, by=coach, with_coach=True)
    draft = services.prepare_cv_draft(participant, by=coach, language="fi")
    return Journey(item, task, step, attempt, draft)


def past(days: int = 3) -> dt.datetime:
    return timezone.localtime() - dt.timedelta(days=days)
