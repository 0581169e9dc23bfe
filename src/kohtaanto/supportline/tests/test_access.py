"""`access.lines_with_roles` (the home page's support-line section) answers as the separate
access helpers do, for every persona, and asks nothing of people whose roles cannot have a
line."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import Personas

from kohtaanto.core.access import roles_of
from kohtaanto.supportline import access, services
from kohtaanto.supportline.models import Line

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(personas: Personas) -> tuple[Line, Line, Line]:
    """A line the mentor volunteers on, one without volunteers, one of another organisation."""
    staffed = services.create_line(personas.organisation, name="Tukiluuri", regions=["08"])
    services.add_volunteer(staffed, personas.mentor, trained_on=dt.date(2026, 9, 5))
    quiet = services.create_line(personas.organisation, name="Aamulinja", regions=["08"])
    elsewhere = services.create_line(personas.other_organisation, name="Muualla", regions=["01"])
    return staffed, quiet, elsewhere


def _expected(user: object, organisation: object) -> list[tuple[int, bool, bool, bool]]:
    visible = access.lines_visible_to(user).filter(organisation=organisation)
    volunteering = access.volunteer_line_ids(user)
    coordinating = access.coordinated_line_ids(user)
    statistics = set(access.lines_for_statistics(user).values_list("pk", flat=True))
    return [
        (line.pk, line.pk in volunteering, line.pk in coordinating, line.pk in statistics)
        for line in visible.order_by("name", "pk")
    ]


def test_lines_with_roles_agrees_with_the_access_helpers_for_every_persona(
    personas: Personas, lines: tuple[Line, Line, Line]
) -> None:
    for name, user in personas.users().items():
        for organisation in (personas.organisation, personas.other_organisation):
            roles = frozenset(str(role) for role in roles_of(user, organisation))
            got = [
                (row.line.pk, row.volunteer, row.coordinator, row.statistics)
                for row in access.lines_with_roles(user, roles, organisation)
            ]
            assert got == _expected(user, organisation), (name, organisation.name)


def test_what_each_role_gets(personas: Personas, lines: tuple[Line, Line, Line]) -> None:
    staffed, quiet, _elsewhere = lines
    org = personas.organisation

    def rows(user: object) -> list[tuple[str, bool, bool, bool, bool]]:
        roles = frozenset(str(role) for role in roles_of(user, org))
        return [
            (r.line.name, r.volunteer, r.coordinator, r.statistics, r.calendar)
            for r in access.lines_with_roles(user, roles, org)
        ]

    assert rows(personas.mentor) == [("Tukiluuri", True, False, False, True)]
    assert rows(personas.coordinator) == [
        ("Aamulinja", False, True, True, True),
        ("Tukiluuri", False, True, True, True),
    ]
    assert rows(personas.analyst) == [
        ("Aamulinja", False, False, True, False),
        ("Tukiluuri", False, False, True, False),
    ]
    assert staffed.pk != quiet.pk


def test_no_query_for_roles_that_cannot_have_a_line(
    personas: Personas, lines: tuple[Line, Line, Line]
) -> None:
    for user in (personas.coach, personas.participant_user, personas.employer_contact):
        roles = frozenset(str(role) for role in roles_of(user, personas.organisation))
        with CaptureQueriesContext(connection) as queries:
            assert access.lines_with_roles(user, roles, personas.organisation) == []
        assert len(queries) == 0
    assert access.lines_with_roles(personas.mentor, frozenset({"mentor"}), None) == []


def test_user_lines_agree_with_the_access_helpers_for_every_persona(
    personas: Personas, lines: tuple[Line, Line, Line]
) -> None:
    """`UserLines` (kept for a request by the menu and the home page) answers as
    `lines_for_shifts` and `lines_visible_to` do, whichever roles ask first."""
    for name, user in personas.users().items():
        shifts = set(access.lines_for_shifts(user).values_list("pk", flat=True))
        visible = access.lines_visible_to(user).exists()
        for organisation in (personas.organisation, personas.other_organisation):
            roles = frozenset(str(role) for role in roles_of(user, organisation))
            known = access.UserLines(user)
            assert known.any(roles) is visible, (name, organisation.name)
            assert known.shifts() == shifts, (name, organisation.name)
            rows = access.lines_with_roles(user, roles, organisation, known)
            assert [r.line.pk for r in rows] == [line for line, *_ in _expected(user, organisation)]


def test_user_lines_read_each_set_once(personas: Personas, lines: tuple[Line, Line, Line]) -> None:
    known = access.UserLines(personas.coordinator)
    with CaptureQueriesContext(connection) as first:
        assert known.any(frozenset({"coordinator"}))
        access.lines_with_roles(
            personas.coordinator, frozenset({"coordinator"}), personas.organisation, known
        )
    with CaptureQueriesContext(connection) as again:
        assert known.any(frozenset({"coordinator"}))
        assert known.coordinated <= known.statistics
        access.lines_with_roles(
            personas.coordinator, frozenset({"coordinator"}), personas.organisation, known
        )
    # statistics and coordinated ids, then the rows; the second time only the rows.
    assert len(first) == 3 and len(again) == 1
