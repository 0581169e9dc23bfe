"""Mentor matching on the Django side: the adapter (consent, languages, towns, interests), the
ranked list with its reasons, choosing a mentor, and the bulk proposal and its confirmation
(overbooking is a translated error and nothing is saved)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils.translation import override
from tests.factories import ParticipantFactory, Personas, member

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import AuditEvent, User
from kohtaanto.journeys.models import Intake, SpokenLanguage
from kohtaanto.matching.mentors import LANGUAGE_OWN, PLACE_SAME, SKILL_TEACH
from kohtaanto.mentoring import matching, services
from kohtaanto.mentoring.enums import MentoringStatus, RequestStatus, VolunteerRole
from kohtaanto.mentoring.models import Mentoring, MentorRequest
from kohtaanto.mentoring.tests.conftest import add_mentor, consent_to_matching
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ItemSource, ItemStatus
from kohtaanto.profiles.models import ProfileItem

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/skill/"
PYTHON = ESCO + "ccd0a1d9-afda-43d9-b901-96344886e14d"
PHOTOGRAPHY = ESCO + "38509fa4-7c06-4a4b-9622-f521f03c37b8"
KOUVOLA, KOTKA, LAHTI = "286", "285", "398"


def volunteer(
    personas: Personas,
    user: User,
    *,
    languages: list[tuple[str, str]],
    towns: list[str],
    remote: bool = False,
    skills: tuple[str, ...] = (),
    capacity: int = 2,
    roles: tuple[str, ...] = (VolunteerRole.INDIVIDUAL_MENTOR,),
) -> User:
    profile = add_mentor(personas, user, capacity=capacity, roles=roles)
    services.update_profile(personas.coordinator, profile, regions=towns, remote_ok=remote)
    services.set_languages(personas.coordinator, profile, languages)
    services.set_skills(personas.coordinator, profile, list(skills))
    return user


def wants_mentor(
    personas: Personas,
    participant: Participant,
    *,
    languages: dict[str, str],
    town: str = KOUVOLA,
    remote: bool = False,
    learn: tuple[str, ...] = (),
    consent: bool = True,
) -> MentorRequest:
    for code, level in languages.items():
        SpokenLanguage.objects.create(participant=participant, language=code, level=level)
    if consent:
        consent_to_matching(participant, personas.coordinator)
        return services.create_request(
            personas.coordinator,
            participant,
            region=town,
            wants_remote=remote,
            skills_to_learn=list(learn),
        )
    return MentorRequest.objects.create(participant=participant, region=town)


@pytest.fixture
def pool(personas: Personas) -> dict[str, User]:
    org = personas.organisation
    return {
        "leila": volunteer(  # Arabic and Finnish, Kouvola, teaches Python
            personas,
            member(org, Role.MENTOR, first_name="Leila", last_name="Haddad"),
            languages=[("ar", "native"), ("fi", "C1")],
            towns=[KOUVOLA],
            skills=(PYTHON, PHOTOGRAPHY),
        ),
        "pekka": volunteer(  # Finnish, Kotka, remote
            personas,
            personas.mentor,
            languages=[("fi", "native")],
            towns=[KOTKA],
            remote=True,
            capacity=1,
            roles=(VolunteerRole.LEARNING_MENTOR,),
        ),
        "lauri": volunteer(  # leads groups only: never a mentor here
            personas,
            member(org, Role.MENTOR, first_name="Lauri", last_name="Ryhmä"),
            languages=[("ar", "native"), ("fi", "native")],
            towns=[KOUVOLA],
            roles=(VolunteerRole.GROUP_LEADER,),
        ),
    }


def test_the_adapter_reads_consented_requests_only_with_the_participants_data(
    personas: Personas, pool: dict[str, User]
) -> None:
    amina = personas.participant
    request = wants_mentor(personas, amina, languages={"ar": "native", "fi": "A2"}, town="")
    Intake.objects.create(
        participant=amina, municipality_code=LAHTI, birth_date=dt.date(1970, 1, 1)
    )
    ProfileItem.objects.create(
        participant=amina,
        uri=PHOTOGRAPHY,
        kind="skill",
        group="hobby",
        label="valokuvaus",
        status=ItemStatus.CONFIRMED,
        source=ItemSource.MANUAL,
    )
    ProfileItem.objects.create(
        participant=amina,
        uri=PYTHON,
        kind="skill",
        group="digital",
        label="Python",
        status=ItemStatus.SUGGESTED,
        source=ItemSource.MANUAL,
        goal=True,
    )
    silent = wants_mentor(
        personas, personas.caseload_participant, languages={"fi": "native"}, consent=False
    )
    needs = matching.needs_for([request, silent])
    assert set(needs) == {request.pk}
    need = needs[request.pk]
    assert need.languages == {"ar": "native", "fi": "A2"}
    assert need.region == LAHTI  # no town on the request: the intake's
    assert need.interests == {PHOTOGRAPHY} and need.skills_to_learn == {PYTHON}


def test_ranked_list_puts_the_own_language_first_and_explains_it(
    personas: Personas, pool: dict[str, User]
) -> None:
    request = wants_mentor(
        personas, personas.participant, languages={"ar": "native", "fi": "B1"}, learn=(PYTHON,)
    )
    with override("en"):
        options = matching.ranked_mentors(request, personas.organisation, "en")
    assert [o.mentor.user for o in options] == [pool["leila"]]  # Pekka: Kotka, no remote
    first = options[0]
    assert [r.rule_id for r in first.scored.reasons][:3] == [LANGUAGE_OWN, PLACE_SAME, SKILL_TEACH]
    assert first.reasons[0] == (
        "Speaks the participant's mother tongue fluently: Arabic "
        "(the mentor's level: mother tongue)"
    )
    assert first.reasons[1] == "Meets people in the same town: Kouvola"
    assert "Python" in first.reasons[2]
    with override("fi"):
        finnish = matching.ranked_mentors(request, personas.organisation, "fi")[0].reasons
    assert finnish[0] != first.reasons[0] and "arabia" in finnish[0].lower()
    request.wants_remote = True
    request.save()
    remote = matching.ranked_mentors(request, personas.organisation, "en")
    assert [o.mentor.user for o in remote] == [pool["leila"], pool["pekka"]]


def test_birth_date_and_other_fields_outside_the_inputs_do_not_change_the_list(
    personas: Personas, pool: dict[str, User]
) -> None:
    request = wants_mentor(personas, personas.participant, languages={"fi": "native"}, remote=True)
    intake = Intake.objects.create(
        participant=personas.participant, municipality_code=KOUVOLA, birth_date=dt.date(1960, 5, 1)
    )
    before = [
        (o.mentor.user.pk, o.score)
        for o in matching.ranked_mentors(request, personas.organisation, "fi")
    ]
    intake.birth_date = dt.date(2004, 5, 1)
    intake.save()
    personas.participant.first_name = "Toinen"
    personas.participant.save()
    after = [
        (o.mentor.user.pk, o.score)
        for o in matching.ranked_mentors(request, personas.organisation, "fi")
    ]
    assert before == after and len(before) == 2


def test_who_sees_which_request_and_reads_are_audited(
    personas: Personas, pool: dict[str, User]
) -> None:
    own = wants_mentor(personas, personas.participant, languages={"fi": "native"})
    unassigned = wants_mentor(personas, personas.unassigned_participant, languages={"fi": "native"})
    silent = wants_mentor(
        personas, personas.caseload_participant, languages={"fi": "native"}, consent=False
    )
    org = personas.organisation
    assert matching.requests_visible_to(personas.coordinator, org) == [unassigned, own]
    assert matching.requests_visible_to(personas.coach, org) == [own]
    for nobody in (personas.mentor, personas.participant_user, personas.analyst, personas.outsider):
        assert matching.requests_visible_to(nobody, org) == []
        with pytest.raises(Http404):
            matching.access_request(nobody, org, own.pk)
    with pytest.raises(Http404):
        matching.access_request(personas.coach, org, unassigned.pk)
    with pytest.raises(Http404):
        matching.access_request(personas.coordinator, org, silent.pk)  # no consent
    with pytest.raises(Http404):
        matching.access_request(personas.outsider, personas.other_organisation, own.pk)
    before = AuditEvent.objects.count()
    assert matching.access_request(personas.coach, org, own.pk) == own
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1 and event is not None
    assert event.participant_id == personas.participant.pk and event.actor == personas.coach


def test_a_coordinator_confirms_a_coach_proposes_and_the_choice_is_checked(
    personas: Personas, pool: dict[str, User]
) -> None:
    org = personas.organisation
    request = wants_mentor(personas, personas.participant, languages={"ar": "native"})
    with pytest.raises(ValidationFailed):  # not eligible (no common language, Kotka)
        matching.choose_mentor(personas.coordinator, org, request, pool["pekka"].pk)
    with pytest.raises(ValidationFailed):  # a group leader is no mentor here
        matching.choose_mentor(personas.coordinator, org, request, pool["lauri"].pk)
    with pytest.raises(ValidationFailed):
        matching.choose_mentor(personas.coordinator, org, request, "x")
    with pytest.raises(PermissionDenied):
        matching.choose_mentor(personas.mentor, org, request, pool["leila"].pk)
    assert not Mentoring.objects.exists()
    mentoring = matching.choose_mentor(personas.coordinator, org, request, pool["leila"].pk)
    assert mentoring.status == MentoringStatus.CONFIRMED and mentoring.request == request
    assert mentoring.score == 4 + 2 + 0.5  # own language, same town, two free places
    assert mentoring.explanation[0]["rule"] == LANGUAGE_OWN
    assert mentoring.explanation[0]["version"] == "mentor-v1"
    with override("en"):
        assert matching.stored_reason_texts(mentoring.explanation, "en")[0].endswith("Arabic")
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    second = wants_mentor(personas, personas.caseload_participant, languages={"ar": "native"})
    proposed = matching.choose_mentor(personas.coach, org, second, pool["leila"].pk)
    assert proposed.status == MentoringStatus.PROPOSED and proposed.confirmed_by is None


def new_participant(personas: Personas) -> Participant:
    participant = ParticipantFactory(organisation=personas.organisation)  # type: ignore[no-untyped-call]
    assert isinstance(participant, Participant)
    return participant


def _many(personas: Personas, count: int, languages: dict[str, str]) -> list[MentorRequest]:
    return [
        wants_mentor(personas, new_participant(personas), languages=languages)
        for _n in range(count)
    ]


def test_bulk_proposal_is_the_optimal_assignment_under_free_places(
    personas: Personas, pool: dict[str, User]
) -> None:
    arabic = _many(personas, 2, {"ar": "native", "fi": "A1"})  # only Leila speaks with them
    finnish = _many(personas, 2, {"fi": "native"})
    for request in finnish:
        request.wants_remote = True
        request.save()
    wants_mentor(personas, personas.caseload_participant, languages={"fi": "native"}, consent=False)
    before = AuditEvent.objects.count()
    proposal = matching.bulk_proposal(personas.coordinator, personas.organisation)
    audited = AuditEvent.objects.order_by("id")[before:]
    assert sorted(e.object_id for e in audited) == sorted(str(r.pk) for r in arabic + finnish)
    by_request = {row.request.pk: row for row in proposal.rows}
    assert set(by_request) == {r.pk for r in arabic + finnish}  # not the one without consent
    leila, pekka = pool["leila"].pk, pool["pekka"].pk
    assert [by_request[r.pk].chosen_id for r in arabic] == [leila, leila]
    finnish_choices = [by_request[r.pk].chosen_id for r in finnish]
    assert sorted(finnish_choices, key=str) == sorted([pekka, None], key=str)
    assert proposal.total == sum(row.proposed.score for row in proposal.rows if row.proposed)
    assert all(pekka in [o.mentor.user.pk for o in by_request[r.pk].options] for r in finnish)
    with pytest.raises(PermissionDenied):
        matching.bulk_proposal(personas.coach, personas.organisation)


def test_bulk_confirmation_refuses_overbooking_in_finnish_and_swedish_and_saves_nothing(
    personas: Personas, pool: dict[str, User]
) -> None:
    requests = _many(personas, 3, {"fi": "native"})
    leila = pool["leila"].pk
    choices: dict[int, int | None] = {r.pk: leila for r in requests}  # 3 > her 2 places
    for language, word in (("fi", "vapaita paikkoja"), ("sv", "lediga platser")):
        with override(language), pytest.raises(ValidationFailed) as caught:
            matching.confirm_bulk(personas.coordinator, personas.organisation, choices)
        assert word in str(caught.value.errors[""][0]), caught.value.errors
        assert set(caught.value.errors) == {"", *(f"mentor-{r.pk}" for r in requests)}
    assert not Mentoring.objects.exists()
    assert all(r.status == RequestStatus.OPEN for r in MentorRequest.objects.all())
    # one bad row (a group leader) spoils the batch too
    choices = {requests[0].pk: leila, requests[1].pk: pool["lauri"].pk, requests[2].pk: None}
    with pytest.raises(ValidationFailed) as caught:
        matching.confirm_bulk(personas.coordinator, personas.organisation, choices)
    assert set(caught.value.errors) == {"", f"mentor-{requests[1].pk}"}
    assert not Mentoring.objects.exists()
    with pytest.raises(ValidationFailed):
        matching.confirm_bulk(personas.coordinator, personas.organisation, {requests[0].pk: None})
    with pytest.raises(PermissionDenied):
        matching.confirm_bulk(personas.coach, personas.organisation, {requests[0].pk: leila})


def test_bulk_confirmation_creates_confirmed_mentorings_in_one_go(
    personas: Personas, pool: dict[str, User]
) -> None:
    requests = _many(personas, 3, {"fi": "native"})
    for request in requests:
        request.wants_remote = True
        request.save()
    leila, pekka = pool["leila"].pk, pool["pekka"].pk
    created = matching.confirm_bulk(
        personas.coordinator,
        personas.organisation,
        {requests[0].pk: leila, requests[1].pk: leila, requests[2].pk: pekka},
    )
    assert len(created) == 3
    assert all(m.status == MentoringStatus.CONFIRMED and m.score for m in created)
    assert sorted(m.mentor_id for m in created) == sorted([leila, leila, pekka])
    assert not MentorRequest.objects.filter(status=RequestStatus.OPEN).exists()
    # the pool is full now: nobody left with a free place
    assert matching.mentor_pool(personas.organisation) == []
    assert matching.bulk_proposal(personas.coordinator, personas.organisation).rows == []
