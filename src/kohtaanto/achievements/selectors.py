"""Reads of Open Badges for the pages (the faces never query models themselves). The caller
has already loaded the participant through `people.access` (audited) or `own_participant`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kohtaanto.achievements.models import (
    Achievement,
    AchievementVersion,
    IssuedCredential,
    Issuer,
    StatusList,
)
from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import AttendanceMark
from kohtaanto.groups.models import Group
from kohtaanto.journeys.models import DigCompAttempt
from kohtaanto.mentoring.models import TrainingRecord, VolunteerProfile
from kohtaanto.people.models import Participant
from kohtaanto.trials.models import Certificate


def completed_digcomp(participant: Participant) -> list[DigCompAttempt]:
    """The participant's completed DigComp self-assessments, newest first."""
    return list(
        DigCompAttempt.objects.filter(participant=participant)
        .exclude(completed_at=None)
        .order_by("-completed_at", "-id")
    )


def issued_certificates(participant: Participant) -> list[Certificate]:
    """The participant's issued work-trial competence certificates, newest first."""
    return list(
        Certificate.objects.filter(trial__participant=participant)
        .exclude(issued_at=None)
        .select_related("trial")
        .order_by("-issued_at", "-id")
    )


def groups_attended(participant: Participant) -> list[Group]:
    """Groups of the participant's organisation where they were present at least once."""
    return list(
        Group.objects.filter(
            organisation_id=participant.organisation_id,
            sessions__attendance__participant=participant,
            sessions__attendance__mark=AttendanceMark.PRESENT,
        )
        .distinct()
        .order_by("name", "id")
    )


def badges_of(participant: Participant) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(participant=participant).select_related("version")


def badge_of(participant: Participant, badge_id: int) -> IssuedCredential | None:
    return badges_of(participant).filter(pk=badge_id).first()


def achievements_of(organisation: Organisation) -> QuerySet[Achievement]:
    return Achievement.objects.filter(organisation=organisation).prefetch_related("versions")


def issuer_of(organisation: Organisation) -> Issuer | None:
    return Issuer.objects.filter(organisation=organisation).first()


# Public (anonymous) reads: published facts, no personal data.


def public_version(version_id: int) -> AchievementVersion | None:
    return (
        AchievementVersion.objects.select_related("achievement__organisation")
        .filter(pk=version_id)
        .first()
    )


def public_status_list(list_id: int) -> StatusList | None:
    return StatusList.objects.select_related("organisation").filter(pk=list_id).first()


def issuing_organisation(organisation_id: int) -> Organisation | None:
    """An organisation that has badges (others have no public issuer profile)."""
    return (
        Organisation.objects.filter(pk=organisation_id, achievements__isnull=False)
        .distinct()
        .first()
    )


# The person's own badges (participant or volunteer) and a coordinator's volunteer.


def own_badges(user: Any) -> QuerySet[IssuedCredential]:
    return (
        IssuedCredential.objects.filter(Q(participant__user=user) | Q(volunteer__user=user))
        .select_related("version")
        .order_by("-issued_at", "-id")
    )


def has_wallet(user: Any) -> bool:
    """A participant record or a volunteer profile: someone badges can be issued to."""
    return bool(
        Participant.objects.filter(user=user).exists()
        or VolunteerProfile.objects.filter(user=user).exists()
    )


def volunteer_badges(volunteer: VolunteerProfile) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(volunteer=volunteer).select_related("version")


def training_of(volunteer: VolunteerProfile) -> list[TrainingRecord]:
    return list(volunteer.training.select_related("course").order_by("-completed_on", "-id"))
