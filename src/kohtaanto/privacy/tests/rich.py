"""A participant with rows in as many models about a participant as a test can make, for the
erasure tests (dates relative to today)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from tests.factories import Personas
from tests.factories_journeys import (
    DigCompAttemptFactory,
    GoalFactory,
    IntakeFactory,
    ProfileItemFactory,
    SessionFactory,
    SpokenLanguageFactory,
    TaskFactory,
)
from tests.factories_trials import make_trial

from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.insights.models import Project, ProjectEnrolment
from kohtaanto.journeys.models import EsfEntryData, FollowUp, Outcome
from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Invitation, Participant, ReminderOptOut
from kohtaanto.privacy import registry
from kohtaanto.privacy.erasure import _rows


def counts(participant_id: int) -> dict[str, int]:
    """Rows of every model about a participant (and the record itself) for one id."""
    return {
        model._meta.label: _rows(model, participant_id).count()
        for model in (Participant, *registry.about_a_participant())
    }


def project(personas: Personas, *, funder: str = "ESR+", ends: dt.date | None = None) -> Project:
    today = timezone.localdate()
    return Project.objects.create(
        organisation=personas.organisation,
        name=f"Polku töihin {funder or 'oma'}",
        code="S30123",
        funder=funder,
        starts=today - dt.timedelta(days=400),
        ends=ends if ends is not None else today + dt.timedelta(days=100),
    )


def fill(personas: Personas, participant: Participant, *, funded: Project | None = None) -> None:
    """Rows in journeys, profiles, people, trials, groups, matches and insights."""
    today = timezone.localdate()
    coach = personas.coach
    IntakeFactory(participant=participant, service_start=today - dt.timedelta(days=200))
    SpokenLanguageFactory(participant=participant)
    session = SessionFactory(participant=participant, recorded_by=coach)
    session.coaches.add(coach)
    goal = GoalFactory(participant=participant)
    goal.steps.create(text="Soita työkkäriin")
    TaskFactory(participant=participant, goal=goal)
    DigCompAttemptFactory(participant=participant)
    ProfileItemFactory(participant=participant)
    EsfEntryData.objects.create(
        participant=participant,
        entry_date=today - dt.timedelta(days=200),
        labour_market_status="unemployed",
        isced_level=3,
        age_band="30_54",
        gender_category="women",
        gender_self_described="nainen",
        disability=True,
        homeless=False,
    )
    ConsentEvent.objects.create(
        participant=participant, purpose=ConsentPurpose.SPECIAL_CATEGORIES, kind="given"
    )
    Invitation.objects.create(
        participant=participant,
        channel="email",
        token_hash=f"hash-{participant.pk}",
        expires=timezone.now() + dt.timedelta(days=14),
    )
    ReminderOptOut.objects.create(participant=participant, no_sms=True)
    outcome = Outcome.objects.create(
        participant=participant,
        outcome_type="employment",
        date=today - dt.timedelta(days=10),
        note="Sai työpaikan varastosta.",
    )
    FollowUp.objects.create(outcome=outcome, due=today + dt.timedelta(days=170))
    group = Group.objects.create(
        organisation=personas.organisation, name="Työnhakuryhmä", kind=GroupKind.values[0]
    )
    GroupMember.objects.create(group=group, participant=participant, status=MemberStatus.MEMBER)
    opportunity = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä",
        status="open",
    )
    Proposal.objects.create(participant=participant, opportunity=opportunity, proposed_by=coach)
    make_trial(personas, participant=participant)
    if funded is not None:
        ProjectEnrolment.objects.create(
            project=funded, participant=participant, entered=today - dt.timedelta(days=190)
        )


def non_empty(found: dict[str, Any]) -> set[str]:
    return {label for label, n in found.items() if n}
