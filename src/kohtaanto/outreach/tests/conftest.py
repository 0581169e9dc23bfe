"""Fixtures of the outreach tests, on top of the personas (tests/fixtures.py): a company-visit
group of the personas' organisation led by the mentor persona, the participant persona and one
more participant as members; a visit of it to the personas' employer.

The tests name dates of late 2026 (the demo's Kouvola closure on 30.9.2026, a visit on
20.11.2026), so they run at a fixed instant, Sunday 6.12.2026 12.00 in Helsinki, whatever
`--clock` the session has (the clock keeps ticking from there)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from tests.factories import ParticipantFactory, Personas

from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.outreach import services
from kohtaanto.outreach.models import CompanyVisit
from kohtaanto.people.models import Participant

WELDING_TEXT = (
    "Tuotantopäällikkö kertoi, että lähivuosina tarvitaan lisää hitsaajia. Hitsaus ja "
    "laadunvalvonta ovat tärkeimmät taidot."
)


TESTS_AT = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def outreach_clock() -> Iterator[None]:
    with time_machine.travel(TESTS_AT, tick=True):
        yield


@pytest.fixture
def visit_group(personas: Personas) -> Group:
    group = Group.objects.create(
        organisation=personas.organisation, name="Yritysvierailut", kind=GroupKind.COMPANY_VISITS
    )
    group.leaders.add(personas.mentor)
    GroupMember.objects.create(
        group=group, participant=personas.participant, status=MemberStatus.MEMBER
    )
    return group


@pytest.fixture
def second_member(personas: Personas, visit_group: Group) -> Participant:
    # Names no factory makes: tests check they never show, so no one else may carry them.
    other = ParticipantFactory(
        organisation=personas.organisation, first_name="Vieraileva", last_name="Toisjäseninen"
    )
    GroupMember.objects.create(group=visit_group, participant=other, status=MemberStatus.MEMBER)
    return other


@pytest.fixture
def visit(personas: Personas, visit_group: Group, second_member: Participant) -> CompanyVisit:
    return services.record_visit(
        visit_group,
        employer=personas.employer_organisation,
        visited_on=dt.date(2026, 11, 20),
        visitors=[personas.participant, second_member],
        host_name="Jari Lehtinen",
        by=personas.mentor,
    )
