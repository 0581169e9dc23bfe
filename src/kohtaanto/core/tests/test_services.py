"""Organisation and membership services."""

from __future__ import annotations

import pytest
from tests.factories import OrganisationFactory, Personas, UserFactory

from kohtaanto.core import services
from kohtaanto.core.enums import AuditAction, OrganisationKind, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent, Membership

pytestmark = pytest.mark.django_db


def test_create_organisation_validates_and_audits() -> None:
    organisation = services.create_organisation(
        name="Konepaja", kind=OrganisationKind.EMPLOYER, business_id="1572860-0"
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_id=str(organisation.pk)
    ).exists()
    with pytest.raises(ValidationFailed) as excinfo:
        services.create_organisation(name="Väärä Oy", business_id="1572860-1")
    assert "business_id" in excinfo.value.errors
    with pytest.raises(ValidationFailed):
        services.create_organisation(name="Väärä kunta", municipality_code="12")


def test_update_organisation(personas: Personas) -> None:
    services.update_organisation(personas.organisation, name="Polku ry (uusi)")
    personas.organisation.refresh_from_db()
    assert personas.organisation.name == "Polku ry (uusi)"
    with pytest.raises(ValidationFailed):
        services.update_organisation(personas.organisation, created=None)


def test_add_membership_is_idempotent_and_makes_coordinators_staff() -> None:
    user, organisation = UserFactory(), OrganisationFactory()
    first = services.add_membership(user, organisation, Role.COACH)
    assert services.add_membership(user, organisation, "coach") == first
    user.refresh_from_db()
    assert not user.is_staff
    coordinator = services.add_membership(user, organisation, Role.COORDINATOR)
    user.refresh_from_db()
    assert user.is_staff
    services.remove_membership(coordinator)
    user.refresh_from_db()
    assert not user.is_staff
    assert list(Membership.objects.filter(user=user)) == [first]


def test_add_membership_refuses_unknown_role() -> None:
    with pytest.raises(ValueError):
        services.add_membership(UserFactory(), OrganisationFactory(), "boss")


def test_create_user() -> None:
    user = services.create_user(username="uusi", password="Pitkä-salasana-9")
    assert user.check_password("Pitkä-salasana-9")
    without = services.create_user(username="ilman")
    assert not without.has_usable_password()
