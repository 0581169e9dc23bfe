"""Reads of the volunteer pool and mentorings for pages (callers pass querysets from access)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kohtaanto.core.models import Organisation
from kohtaanto.journeys.documents.content import language_name
from kohtaanto.mentoring.enums import OPEN_STATUSES, MentoringStatus, VolunteerRole
from kohtaanto.mentoring.models import (
    Mentoring,
    MentoringMeeting,
    TrainingCourse,
    TrainingRecord,
    VolunteerEngagement,
    VolunteerProfile,
)
from kohtaanto.mentoring.vocabulary import level_name
from kohtaanto.reference.places import municipality_name

EXPIRING_DAYS = 90


@dataclass
class PoolRow:
    profile: VolunteerProfile
    name: str
    roles: list[str]
    active: bool
    towns: list[str]
    remote_ok: bool
    languages: list[str]
    taken: int
    capacity: int
    next_expiry: datetime.date | None
    expiring: bool
    trained: bool
    background_ok: bool | None


def role_labels(roles: list[str]) -> list[str]:
    labels = dict(VolunteerRole.choices)
    return [str(labels[r]) for r in roles if r in labels]


def language_labels(rows: list[tuple[str, str]], lang: str) -> list[str]:
    return [f"{language_name(code, lang)} ({level_name(level, lang)})" for code, level in rows]


def pool(
    profiles: QuerySet[VolunteerProfile],
    organisation: Organisation,
    filters: Mapping[str, Any],
    lang: str,
    today: datetime.date | None = None,
) -> list[PoolRow]:
    """The pool of `organisation` with its filters (role, town code, language, expiring)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRING_DAYS)
    if filters.get("language"):
        profiles = profiles.filter(languages__language=filters["language"])
    profiles = profiles.select_related("user").prefetch_related(
        Prefetch(
            "engagements",
            queryset=VolunteerEngagement.objects.filter(organisation=organisation),
            to_attr="here",
        ),
        "languages",
        Prefetch(
            "training", queryset=TrainingRecord.objects.order_by("expires_on"), to_attr="records"
        ),
    )
    load = Counter(
        Mentoring.objects.filter(
            mentor__volunteer_profile__in=profiles, status__in=OPEN_STATUSES
        ).values_list("mentor_id", flat=True)
    )
    rows = []
    for profile in profiles.distinct():
        engagement = profile.here[0] if profile.here else None
        roles = list(engagement.roles) if engagement else []
        if filters.get("role") and filters["role"] not in roles:
            continue
        if filters.get("town") and filters["town"] not in profile.regions:
            continue
        records = profile.records
        current = [r for r in records if r.expires_on is None or r.expires_on >= today]
        expiries = [r.expires_on for r in current if r.expires_on is not None]
        next_expiry = min(expiries) if expiries else None
        expiring = next_expiry is not None and next_expiry <= soon
        if filters.get("expiring") and not expiring:
            continue
        rows.append(
            PoolRow(
                profile=profile,
                name=profile.user.get_full_name() or profile.user.get_username(),
                roles=role_labels(roles),
                active=bool(engagement and engagement.active),
                towns=[municipality_name(code, lang) for code in profile.regions],
                remote_ok=profile.remote_ok,
                languages=language_labels(
                    [(x.language, x.level) for x in profile.languages.all()], lang
                ),
                taken=load.get(profile.user_id, 0),
                capacity=profile.capacity_mentees,
                next_expiry=next_expiry,
                expiring=expiring,
                trained=bool(current),
                background_ok=profile.background_check_ok,
            )
        )
    rows.sort(key=lambda row: row.name.casefold())
    return rows


def courses_for(organisation: Organisation) -> QuerySet[TrainingCourse]:
    return TrainingCourse.objects.filter(organisation__isnull=True) | TrainingCourse.objects.filter(
        organisation=organisation
    )


def training_of(profile: VolunteerProfile) -> list[TrainingRecord]:
    return list(profile.training.select_related("course").order_by("-completed_on", "-id"))


def next_meeting_of(mentoring: Mentoring, now: datetime.datetime | None = None) -> Any:
    """The mentoring's next planned, not cancelled meeting: a later day, or later today at a
    time not yet passed (a meeting written down today without a time has been held)."""
    now = timezone.localtime(now)
    today = now.date()
    later_today = Q(date=today, time__gte=now.time().replace(second=0, microsecond=0))
    return (
        MentoringMeeting.objects.filter(mentoring=mentoring, cancelled=False)
        .filter(Q(date__gt=today) | later_today)
        .order_by("date", "time", "id")
        .first()
    )


@dataclass
class MenteeSummary:
    mentoring: Mentoring
    first_name: str
    next_meeting: datetime.date | None


@dataclass
class MentorHome:
    active: list[MenteeSummary] = field(default_factory=list)
    waiting: list[MenteeSummary] = field(default_factory=list)
    next_meeting: MenteeSummary | None = None


def mentor_home(mentorings: QuerySet[Mentoring], today: datetime.date | None = None) -> MentorHome:
    """The mentor's own mentorings for the home page: active ones, confirmed ones waiting for
    the mentor's acceptance (`mentorings` comes from access, which leaves out proposals not yet
    confirmed and those whose participant withdrew matching consent), and the next planned
    meeting (first names only)."""
    today = today or timezone.localdate()
    rows = mentorings.select_related("participant").prefetch_related(
        Prefetch(
            "meetings",
            queryset=MentoringMeeting.objects.filter(date__gte=today, cancelled=False).order_by(
                "date", "time", "id"
            ),
            to_attr="upcoming",
        )
    )
    home = MentorHome()
    for mentoring in rows.order_by("proposed_at", "id"):
        upcoming = mentoring.upcoming
        summary = MenteeSummary(
            mentoring, mentoring.participant.first_name, upcoming[0].date if upcoming else None
        )
        if mentoring.status == MentoringStatus.ACTIVE:
            home.active.append(summary)
            if summary.next_meeting and (
                home.next_meeting is None
                or summary.next_meeting < (home.next_meeting.next_meeting or summary.next_meeting)
            ):
                home.next_meeting = summary
        elif mentoring.status == MentoringStatus.CONFIRMED and mentoring.mentor_accepted_at is None:
            home.waiting.append(summary)
    return home
