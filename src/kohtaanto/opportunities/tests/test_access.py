"""Who sees which opportunities and courses (404 for everyone else)."""

from __future__ import annotations

import pytest
from django.http import Http404

from kohtaanto.opportunities import access, services

pytestmark = pytest.mark.django_db


def test_staff_see_their_organisations_opportunities(
    personas, opportunity, other_opportunity, foreign_opportunity
) -> None:
    for user in (personas.coach, personas.coordinator):
        visible = set(access.opportunities_visible_to(user))
        assert visible == {opportunity, other_opportunity}
    assert set(access.opportunities_visible_to(personas.outsider)) == {foreign_opportunity}


def test_employer_contact_sees_only_own_employer(
    personas, opportunity, other_opportunity, other_contact
) -> None:
    assert set(access.opportunities_visible_to(personas.employer_contact)) == {opportunity}
    assert set(access.opportunities_visible_to(other_contact)) == {other_opportunity}
    with pytest.raises(Http404):
        access.access_opportunity(other_contact, opportunity.pk)
    assert access.access_opportunity(personas.employer_contact, opportunity.pk) == opportunity
    assert access.is_employer_contact_of(personas.employer_contact, opportunity)
    assert not access.is_employer_contact_of(personas.coach, opportunity)


def test_contact_sees_own_employer_even_when_another_organisation_manages_it(personas) -> None:
    managed_elsewhere = services.create_opportunity(
        organisation=personas.other_organisation,
        employer=personas.employer_organisation,
        title="Hitsaaja",
    )
    assert access.access_opportunity(personas.employer_contact, managed_elsewhere.pk)
    with pytest.raises(Http404):
        access.access_opportunity(personas.coach, managed_elsewhere.pk)


@pytest.mark.parametrize(
    "persona",
    ["mentor", "participant_user", "analyst", "workplace_mentor", "outsider"],
)
def test_others_get_404(personas, opportunity, persona) -> None:
    user = getattr(personas, persona)
    assert opportunity not in access.opportunities_visible_to(user)
    with pytest.raises(Http404):
        access.access_opportunity(user, opportunity.pk)


def test_anonymous_and_garbage_ids(opportunity) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert not access.opportunities_visible_to(AnonymousUser()).exists()
    with pytest.raises(Http404):
        access.access_opportunity(AnonymousUser(), opportunity.pk)
    with pytest.raises(Http404):
        access.access_opportunity(opportunity.created_by, "1 OR 1=1")


def test_only_coordinators_import(personas) -> None:
    assert list(access.import_organisations(personas.coordinator)) == [personas.organisation]
    for user in (personas.coach, personas.employer_contact, personas.outsider):
        assert not access.import_organisations(user).exists()
        with pytest.raises(Http404):
            access.access_import_organisation(user, personas.organisation.pk)


def test_employers_visible(personas, partner, other_employer) -> None:
    assert set(access.employers_visible_to(personas.coach)) == {
        personas.employer_organisation,
        other_employer,
    }
    assert set(access.employers_visible_to(personas.employer_contact)) == {
        personas.employer_organisation
    }
    assert not access.employers_visible_to(personas.outsider).exists()


def test_courses(personas) -> None:
    shared = services.create_course(organisation=None, title="Yhteinen")
    own = services.create_course(organisation=personas.organisation, title="Oma")
    foreign = services.create_course(organisation=personas.other_organisation, title="Vieras")
    assert set(access.courses_visible_to(personas.coach)) == {shared, own}
    assert set(access.courses_visible_to(personas.outsider)) == {shared, foreign}
    assert set(access.courses_visible_to(personas.coordinator)) == {shared, own}
    assert set(access.courses_visible_to(personas.employer_contact)) == {shared}
    # As the pages: only staff and employer contacts read the catalogue (a participant reads
    # the courses suggested to them through their own suggestion pages).
    for user in (
        personas.participant_user,
        personas.mentor,
        personas.workplace_mentor,
        personas.analyst,
    ):
        assert not access.courses_visible_to(user).exists()
        with pytest.raises(Http404):
            access.access_course(user, shared.pk)
    with pytest.raises(Http404):
        access.access_course(personas.coach, foreign.pk)
    from tests.factories import UserFactory

    assert not access.courses_visible_to(UserFactory()).exists()  # no membership at all
