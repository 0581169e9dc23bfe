"""Factories of the journey and profile apps (on top of `tests.factories`)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kohtaanto.journeys.enums import SessionStatus, TaskAssignee
from kohtaanto.journeys.models import (
    DigCompAttempt,
    Goal,
    Intake,
    Session,
    SpokenLanguage,
    Task,
)
from kohtaanto.profiles.enums import ItemSource, ItemStatus, ProfileGroup
from kohtaanto.profiles.models import ProfileItem
from tests.factories import ParticipantFactory


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    participant = factory.SubFactory(ParticipantFactory)
    birth_date = dt.date(1970, 5, 17)
    municipality_code = "091"
    story = "Olen ajanut trukkia varastossa kymmenen vuotta."
    story_language = "fi"


class SpokenLanguageFactory(DjangoModelFactory):
    class Meta:
        model = SpokenLanguage

    participant = factory.SubFactory(ParticipantFactory)
    language = "fi"
    level = "native"


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    participant = factory.SubFactory(ParticipantFactory)
    kind = "individual"
    status = SessionStatus.HELD
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    duration_minutes = 60
    done_together = "Käytiin läpi työhistoria."


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    participant = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Tehtävä {n}")
    assignee = TaskAssignee.PARTICIPANT


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    participant = factory.SubFactory(ParticipantFactory)
    title = factory.Sequence(lambda n: f"Tavoite {n}")


class DigCompAttemptFactory(DjangoModelFactory):
    class Meta:
        model = DigCompAttempt

    participant = factory.SubFactory(ParticipantFactory)
    questions_version = "digcomp-2.2-kohtaanto-1"


class ProfileItemFactory(DjangoModelFactory):
    class Meta:
        model = ProfileItem

    participant = factory.SubFactory(ParticipantFactory)
    uri = factory.Sequence(lambda n: f"http://example.org/skill/{n}")
    kind = "skill"
    group = ProfileGroup.WORK
    label = factory.Sequence(lambda n: f"taito {n}")
    status = ItemStatus.SUGGESTED
    source = ItemSource.RECOGNISED
