"""A fixture of exactly 60 people whose every outcome figure and ESF+ indicator is known and
written by hand in test_fixture60.py. Dates are relative to `period_start()` (365 days before
today), so the answers do not depend on the clock.

Groups (index = the person's position in the group):
- A (20): started S+10, ended S+100 in employment, recorded the same day; unemployed, 18–29,
  ISCED 3; women 0–11, men 12–19; Helsinki (region 01); coach 1; 0–9 in peer group 1.
  Special-categories consent for 0–7: disability yes 0–2, no 3–5, not answered 6–7; minority yes
  0, no 1–5, not answered 6–7. 8 has a disability answer stored WITHOUT consent. Foreign
  background 0–5; rural area 16–19.
- B (10): started S+20, ended S+120 in education, recorded S+125; long-term unemployed, 55+,
  ISCED 1; men; Tampere (06); coach 2; all in peer group 2 (left it). Consent for all:
  disability yes 0–1, no 2–9; minority no. Third-country nationals and foreign background 0–4;
  qualification gained 0–2.
- C (8): started S+30, ended S+150 without a continuation path, recorded S+190 (too late for
  the 4-week reference period); inactive, 30–54, ISCED 6; women 0–4, non-binary 5–7; Helsinki;
  coach 1; no consent. Homeless 0–1.
- D (12): started S-100, still in service; employed, 18–29; women 0–5, men 6–11; Tampere; coach 2.
- E (6): started S-300, ended S-200 in employment; women; Helsinki; coach 1; follow-up due S+50:
  employed 0–2, improved 3–4, could not be reached 5.
- F (4): started S+40, ended S+60 in a work trial, recorded the same day; inactive, below 18,
  no ISCED; gender not given; no municipality; no coach; no consent; qualification gained 0–1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from tests.factories import OrganisationFactory, ParticipantFactory, member

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.journeys.models import EsfEntryData, FollowUp, Intake, Outcome
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant


def period_start() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=365)


def period_end() -> dt.date:
    return period_start() + dt.timedelta(days=179)


@dataclass
class Fixture:
    organisation: Organisation
    coordinator: object
    analyst: object
    coach1: object
    coach2: object
    group1: Group
    group2: Group
    people: dict[str, list[Participant]] = field(default_factory=dict)


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _person(
    fx: Fixture,
    *,
    started: dt.date,
    municipality: str,
    coach: object | None,
    esf: dict[str, object],
    ended: dt.date | None = None,
    outcome: str = "",
    recorded: dt.date | None = None,
    qualification: bool = False,
    follow_up: tuple[dt.date, str] | None = None,
    consent: bool = False,
) -> Participant:
    p = ParticipantFactory(organisation=fx.organisation, coaches=[coach] if coach else [])
    Intake.objects.create(participant=p, service_start=started, municipality_code=municipality)
    EsfEntryData.objects.create(participant=p, entry_date=started, **esf)
    if consent:
        ConsentEvent.objects.create(
            participant=p, purpose=ConsentPurpose.SPECIAL_CATEGORIES, kind="given"
        )
    if ended is not None:
        o = Outcome.objects.create(
            participant=p,
            outcome_type=outcome,
            date=ended,
            qualification_gained=qualification,
            created=_noon(recorded or ended),
        )
        if follow_up is not None:
            FollowUp.objects.create(
                outcome=o, due=follow_up[0], done_at=follow_up[0], result=follow_up[1]
            )
    return p


def build() -> Fixture:
    s = period_start()
    d = dt.timedelta
    org = OrganisationFactory(name="Tulokset ry", municipality_code="091")
    fx = Fixture(
        organisation=org,
        coordinator=member(org, Role.COORDINATOR, username="fx-coordinator"),
        analyst=member(org, Role.ANALYST, username="fx-analyst"),
        coach1=member(org, Role.COACH, username="fx-coach1", first_name="Aino", last_name="Aalto"),
        coach2=member(org, Role.COACH, username="fx-coach2", first_name="Ville", last_name="Vaara"),
        group1=Group.objects.create(
            organisation=org, name="Työnhakuryhmä", kind=GroupKind.JOB_SEARCH
        ),
        group2=Group.objects.create(
            organisation=org, name="Kielikahvila", kind=GroupKind.LANGUAGE_PRACTICE
        ),
    )
    a = []
    for i in range(20):
        consent = i <= 7
        disability = {0: True, 1: True, 2: True, 3: False, 4: False, 5: False}.get(i)
        minority = {0: True, 1: False, 2: False, 3: False, 4: False, 5: False}.get(i)
        if i == 8:
            disability = True  # stored without consent: never counted
        a.append(
            _person(
                fx,
                started=s + d(10),
                municipality="091",
                coach=fx.coach1,
                ended=s + d(100),
                outcome="employment",
                consent=consent,
                esf={
                    "labour_market_status": "unemployed",
                    "age_band": "18_29",
                    "isced_level": 3,
                    "gender_category": "women" if i <= 11 else "men",
                    "disability": disability,
                    "minority": minority,
                    "foreign_background": i <= 5,
                    "rural_area": i >= 16,
                },
            )
        )
    for p in a[:10]:
        GroupMember.objects.create(group=fx.group1, participant=p, status=MemberStatus.MEMBER)
    b = []
    for i in range(10):
        b.append(
            _person(
                fx,
                started=s + d(20),
                municipality="837",
                coach=fx.coach2,
                ended=s + d(120),
                outcome="education_training",
                recorded=s + d(125),
                qualification=i <= 2,
                consent=True,
                esf={
                    "labour_market_status": "long_term_unemployed",
                    "age_band": "55_plus",
                    "isced_level": 1,
                    "gender_category": "men",
                    "disability": i <= 1,
                    "minority": False,
                    "third_country_national": i <= 4,
                    "foreign_background": i <= 4,
                },
            )
        )
        GroupMember.objects.create(group=fx.group2, participant=b[-1], status=MemberStatus.LEFT)
    c = [
        _person(
            fx,
            started=s + d(30),
            municipality="091",
            coach=fx.coach1,
            ended=s + d(150),
            outcome="no_continuation_yet",
            recorded=s + d(190),
            esf={
                "labour_market_status": "inactive",
                "age_band": "30_54",
                "isced_level": 6,
                "gender_category": "women" if i <= 4 else "non_binary",
                "homeless": i <= 1,
            },
        )
        for i in range(8)
    ]
    dd = [
        _person(
            fx,
            started=s - d(100),
            municipality="837",
            coach=fx.coach2,
            esf={
                "labour_market_status": "employed",
                "age_band": "18_29",
                "gender_category": "women" if i <= 5 else "men",
                "rural_area": True,
            },
        )
        for i in range(12)
    ]
    results = ["employed"] * 3 + ["improved"] * 2 + ["not_reached"]
    e = [
        _person(
            fx,
            started=s - d(300),
            municipality="091",
            coach=fx.coach1,
            ended=s - d(200),
            outcome="employment",
            follow_up=(s + d(50), results[i]),
            esf={"labour_market_status": "unemployed", "gender_category": "women"},
        )
        for i in range(6)
    ]
    f = [
        _person(
            fx,
            started=s + d(40),
            municipality="",
            coach=None,
            ended=s + d(60),
            outcome="work_trial",
            qualification=i <= 1,
            esf={"labour_market_status": "inactive", "age_band": "below_18"},
        )
        for i in range(4)
    ]
    fx.people = {"A": a, "B": b, "C": c, "D": dd, "E": e, "F": f}
    return fx
