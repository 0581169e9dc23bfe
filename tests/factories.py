"""factory_boy factories and personas, shared by every test suite.

Personas (healthchecks style) stand for the roles of PRODUCT.md; build them all at once with
`make_personas()`, or use the pytest fixtures in `tests/fixtures.py` (`coach`, `coach_client`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import factory
import faker
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Membership, Organisation, User
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant
from kohtaanto.reference.places import municipalities

TEST_PASSWORD = "Testi-salasana-2025"


@cache
def _test_password_hash() -> str:
    return make_password(TEST_PASSWORD)  # hashed once per test run (Argon2 is slow on purpose)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="fi_FI")
    kind = OrganisationKind.SERVICE_PROVIDER
    municipality_code = "091"


class EmployerFactory(OrganisationFactory):
    kind = OrganisationKind.EMPLOYER
    business_id = factory.Faker("company_business_id", locale="fi_FI")


class UserFactory(DjangoModelFactory):
    """A user whose password is `TEST_PASSWORD`."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(lambda: distinct_name("first_name"))
    last_name = factory.LazyFunction(lambda: distinct_name("last_name"))
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.LazyFunction(_test_password_hash)
    preferred_language = "fi"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership
        django_get_or_create = ("user", "organisation", "role")

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COACH


_NAMES = faker.Faker("fi_FI")


_GIVEN: list[str] = []
_FIXED_NAMES = ("polku ry", "uusi suunta -hanke", "konepaja virtanen oy")
"""Names the personas always have (`make_personas`): no person may be called "Virtanen" when the
employer is "Konepaja Virtanen Oy", or a test that a person's name is absent fails by chance."""
_LITERAL_NAMES = (
    "sirkka",
    "vähämaa",
    "eino",
    "loppunut",
    "tapio",
    "raili",
    "jorma",
    "anneli",
    "veikko",
    "kerttu",
    "kokeilu",
    "jari",
    "lehtinen",
)
"""Names tests write out themselves (the groups' tests: "Sirkka Vähämaa" must not be shown to
another participant; the company visits' host "Jari Lehtinen"): never given to a random persona,
or such a test fails when the group's leader happens to be called Sirkka (CI 2026-12-07)."""


@cache
def _place_names() -> tuple[str, ...]:
    """Finland's municipalities and regions in Finnish and Swedish, casefolded: tests write
    towns into places and addresses ("Kiipeilykeskus, Lahti"), so a random person is never
    called by a name that is part of one (Lahti, Salo, Kangas of Kangasala, Kaarina) and a
    test that a person's name is absent cannot fail on the town (CI 2026-12-07)."""
    names = set()
    for place in municipalities().values():
        names |= {place.name_fi, place.name_sv, place.region_fi, place.region_sv}
    return tuple(sorted(name.casefold() for name in names if name))


def _free(folded: str) -> bool:
    """Neither part of nor containing a name given in this test, and part of no place name."""
    return not any(folded in given or given in folded for given in _GIVEN) and not any(
        folded in place for place in _place_names()
    )


def distinct_name(kind: str) -> str:
    """A Finnish first or last name not given to another person in this test, and neither part
    of nor containing one ("Mika" / "Mikael"), so that a test checking that one person's name is
    absent from a page cannot fail because two random people share it or a part of it
    (`reset_distinct_names` runs before each test). Falls back to any unique name, then any
    name, when the list runs out (caseload tests with hundreds of people)."""
    try:
        for _attempt in range(50):
            name = str(getattr(_NAMES.unique, kind)())
            if _free(name.casefold()):
                break
        _GIVEN.append(name.casefold())
        return name
    except faker.exceptions.UniquenessException:
        return str(getattr(_NAMES, kind)())


def reset_distinct_names() -> None:
    _NAMES.unique.clear()
    _GIVEN[:] = (*_FIXED_NAMES, *_LITERAL_NAMES)


class ParticipantFactory(DjangoModelFactory):
    """A participant record (no login). Pass `coaches=[user, …]` to put it in caseloads."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.LazyFunction(lambda: distinct_name("first_name"))
    last_name = factory.LazyFunction(lambda: distinct_name("last_name"))
    email = factory.Sequence(lambda n: f"osallistuja{n}@example.fi")
    phone = factory.Faker("phone_number", locale="fi_FI")

    @factory.post_generation
    def coaches(self, create: bool, extracted: list[User] | None, **kwargs: object) -> None:
        if create and extracted:
            self.coaches.add(*extracted)


class ConsentEventFactory(DjangoModelFactory):
    class Meta:
        model = ConsentEvent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = ConsentPurpose.SERVICE_PROCESSING
    kind = "given"


def member(organisation: Organisation, role: Role, **user_fields: object) -> User:
    """A new user with `role` in `organisation` (coordinators become staff)."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    if role == Role.COORDINATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


@dataclass
class Personas:
    organisation: Organisation  # the service provider most personas work in
    other_organisation: Organisation  # another service provider (the outsider's)
    employer_organisation: Organisation
    coordinator: User
    coach: User
    participant_user: User
    participant: Participant  # the participant_user's record, in coach's caseload
    caseload_participant: Participant  # another participant of coach's, without login
    unassigned_participant: Participant  # in organisation, nobody's caseload
    mentor: User
    employer_contact: User
    workplace_mentor: User
    analyst: User
    outsider: User  # a coach in other_organisation
    other_participant: Participant  # in the outsider's caseload

    def users(self) -> dict[str, User]:
        return {
            "coordinator": self.coordinator,
            "coach": self.coach,
            "participant": self.participant_user,
            "mentor": self.mentor,
            "employer_contact": self.employer_contact,
            "workplace_mentor": self.workplace_mentor,
            "analyst": self.analyst,
            "outsider": self.outsider,
        }


def make_personas() -> Personas:
    organisation = OrganisationFactory(name="Polku ry", municipality_code="091")
    other = OrganisationFactory(name="Uusi Suunta -hanke", municipality_code="837")
    employer = EmployerFactory(name="Konepaja Virtanen Oy", business_id="1572860-0")
    coach = member(organisation, Role.COACH, username="coach")
    participant_user = member(organisation, Role.PARTICIPANT, username="participant")
    outsider = member(other, Role.COACH, username="outsider")
    return Personas(
        organisation=organisation,
        other_organisation=other,
        employer_organisation=employer,
        coordinator=member(organisation, Role.COORDINATOR, username="coordinator"),
        coach=coach,
        participant_user=participant_user,
        participant=ParticipantFactory(
            organisation=organisation,
            user=participant_user,
            first_name=participant_user.first_name,
            last_name=participant_user.last_name,
            coaches=[coach],
        ),
        caseload_participant=ParticipantFactory(organisation=organisation, coaches=[coach]),
        unassigned_participant=ParticipantFactory(organisation=organisation),
        mentor=member(organisation, Role.MENTOR, username="mentor"),
        employer_contact=member(employer, Role.EMPLOYER_CONTACT, username="employer"),
        workplace_mentor=member(employer, Role.WORKPLACE_MENTOR, username="workplace-mentor"),
        analyst=member(organisation, Role.ANALYST, username="analyst"),
        outsider=outsider,
        other_participant=ParticipantFactory(organisation=other, coaches=[outsider]),
    )
