"""The write paths of the volunteer pool and of mentoring relationships."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override
from tests.factories import ParticipantFactory, Personas, UserFactory

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.mentoring import access, services
from kohtaanto.mentoring.enums import MentoringStatus, VolunteerRole
from kohtaanto.mentoring.models import (
    Mentoring,
    MentoringMeeting,
    TrainingCourse,
    VolunteerProfile,
)
from kohtaanto.mentoring.tests.conftest import add_mentor, consent_to_matching
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def _active(personas: Personas, participant: Participant) -> Mentoring:
    mentoring = services.propose_mentoring(participant, personas.mentor, personas.coach)
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.mentor)
    services.accept_mentoring(mentoring, personas.participant_user)
    return mentoring


def test_proposal_needs_matching_consent(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    with pytest.raises(ValidationFailed) as caught, override("fi"):
        services.propose_mentoring(personas.participant, personas.mentor, personas.coach)
    assert "suostumus" in str(caught.value.message).lower()
    assert not Mentoring.objects.exists()


def test_mentor_at_capacity_is_refused_with_a_translated_message(
    personas: Personas, consenting: Participant
) -> None:
    add_mentor(personas, personas.mentor, capacity=1)
    services.propose_mentoring(consenting, personas.mentor, personas.coach)
    other = ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    consent_to_matching(other, personas.coach)
    with pytest.raises(ValidationFailed) as caught, override("sv"):
        services.propose_mentoring(other, personas.mentor, personas.coach)
    message = str(caught.value.errors["mentor"][0])
    assert "1" in message and "mentorn" in message.lower(), message
    assert Mentoring.objects.count() == 1


def test_a_closed_mentoring_frees_the_place(personas: Personas, consenting: Participant) -> None:
    add_mentor(personas, personas.mentor, capacity=1)
    mentoring = _active(personas, consenting)
    assert mentoring.status == MentoringStatus.ACTIVE
    services.close_mentoring(mentoring, personas.mentor, "Hyvä yhteistyö")
    other = ParticipantFactory(organisation=personas.organisation, coaches=[personas.coach])
    consent_to_matching(other, personas.coach)
    assert services.propose_mentoring(other, personas.mentor, personas.coach).pk


def test_support_line_volunteer_cannot_be_proposed(
    personas: Personas, consenting: Participant
) -> None:
    add_mentor(personas, personas.mentor, roles=(VolunteerRole.SUPPORT_LINE,))
    with pytest.raises(ValidationFailed):
        services.propose_mentoring(consenting, personas.mentor, personas.coach)


def test_only_staff_of_the_participant_proposes(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    for who in (personas.mentor, personas.outsider, personas.analyst, personas.participant_user):
        with pytest.raises(PermissionDenied):
            services.propose_mentoring(consenting, personas.mentor, who)
    assert services.propose_mentoring(consenting, personas.mentor, personas.coordinator).pk


def test_transitions(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    assert mentoring.status == MentoringStatus.PROPOSED
    with pytest.raises(PermissionDenied):
        services.confirm_mentoring(mentoring, personas.coach)
    services.accept_mentoring(mentoring, personas.participant_user)
    services.accept_mentoring(mentoring, personas.mentor)
    assert mentoring.status == MentoringStatus.PROPOSED  # not yet confirmed
    with pytest.raises(ValidationFailed):
        services.add_meeting(mentoring, personas.mentor, timezone.localdate())
    services.confirm_mentoring(mentoring, personas.coordinator)
    assert mentoring.status == MentoringStatus.ACTIVE
    with pytest.raises(ValidationFailed):
        services.confirm_mentoring(mentoring, personas.coordinator)
    with pytest.raises(ValidationFailed):
        services.decline_mentoring(mentoring, personas.participant_user)
    with pytest.raises(PermissionDenied):
        services.accept_mentoring(mentoring, personas.coach)
    services.close_mentoring(mentoring, personas.participant_user, "Sain apua CV:hen.")
    services.give_feedback(mentoring, personas.mentor, "Mukava tavoitteellinen mentorointi.")
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CLOSED and mentoring.closed_at
    assert mentoring.feedback_participant == "Sain apua CV:hen."
    assert mentoring.feedback_mentor == "Mukava tavoitteellinen mentorointi."


def test_decline_and_cancel(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    first = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    services.decline_mentoring(first, personas.mentor)
    assert first.status == MentoringStatus.DECLINED
    second = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    services.decline_mentoring(second, personas.coach)
    assert second.status == MentoringStatus.CANCELLED
    with pytest.raises(PermissionDenied):
        services.decline_mentoring(
            services.propose_mentoring(consenting, personas.mentor, personas.coach),
            personas.outsider,
        )


def test_private_note_is_seen_only_by_the_mentor_who_wrote_it(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = _active(personas, consenting)
    services.add_meeting(
        mentoring,
        personas.mentor,
        timezone.localdate(),
        shared_note="Harjoittelimme työhaastattelua.",
        private_note="Jännittää paljon, kysy ensi kerralla unesta.",
    )
    for user in (personas.participant_user, personas.coach, personas.coordinator):
        seen = access.meetings_for(user, access.access_mentoring(user, mentoring.pk))
        assert [m.shared_note for m in seen] == ["Harjoittelimme työhaastattelua."]
        assert [m.private_note for m in seen] == [""]
    own = access.meetings_for(
        personas.mentor, access.access_mentoring(personas.mentor, mentoring.pk)
    )
    assert own[0].private_note.startswith("Jännittää")
    with pytest.raises(PermissionDenied):
        services.add_meeting(mentoring, personas.participant_user, timezone.localdate())
    meeting = MentoringMeeting.objects.get()
    with pytest.raises(PermissionDenied):
        services.update_meeting(meeting, personas.coordinator, shared_note="x", private_note="y")


def test_mentor_sees_only_what_was_shared(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    consenting.email = "aino@example.org"
    consenting.save()
    mentoring = _active(personas, consenting)
    view = access.shared_with_mentor(personas.mentor, mentoring)
    assert view is not None and view.email == "" and view.sections == []
    services.set_shared(mentoring, personas.participant_user, ["contact"])
    view = access.shared_with_mentor(personas.mentor, mentoring)
    assert view is not None and view.email == "aino@example.org"
    assert access.shared_with_mentor(personas.coordinator, mentoring) is None
    with pytest.raises(PermissionDenied):
        services.set_shared(mentoring, personas.mentor, ["goals"])


def test_outsiders_and_support_line_volunteers_see_no_mentoring(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = _active(personas, consenting)
    visible = {
        u.username
        for u in (personas.coach, personas.coordinator, personas.participant_user, personas.mentor)
        if access.mentorings_visible_to(u).filter(pk=mentoring.pk).exists()
    }
    assert visible == {"coach", "coordinator", "participant", "mentor"}
    for user in (personas.outsider, personas.analyst, personas.employer_contact):
        assert not access.mentorings_visible_to(user).exists()
    services.set_engagement(
        personas.coordinator, mentor_profile, personas.organisation, [VolunteerRole.SUPPORT_LINE]
    )
    assert not access.mentorings_visible_to(personas.mentor).exists()


def test_training_record_expires_after_the_course_validity(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    course = TrainingCourse.objects.create(
        name="Vertaismentorin viikonloppukurssi", hours=Decimal(16), valid_months=36
    )
    record = services.add_training_record(
        personas.coordinator, mentor_profile, course, dt.date(2024, 2, 29), trainer="Polku ry"
    )
    assert record.expires_on == dt.date(2027, 2, 28)
    assert record.hours == Decimal(16)
    with pytest.raises(ValidationFailed) as caught:
        services.add_training_record(
            personas.coordinator,
            mentor_profile,
            course,
            timezone.localdate() + dt.timedelta(days=1),
        )
    assert "completed_on" in caught.value.errors
    with pytest.raises(PermissionDenied):
        services.add_training_record(personas.mentor, mentor_profile, course, dt.date(2025, 1, 1))


def test_background_check_is_a_date_and_a_yes(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    checked = timezone.localdate() - dt.timedelta(days=30)  # a date in the past at any clock
    with pytest.raises(ValidationFailed):
        services.record_background_check(personas.coordinator, mentor_profile, checked, None)
    services.record_background_check(personas.coordinator, mentor_profile, checked, True)
    mentor_profile.refresh_from_db()
    assert mentor_profile.background_check_ok is True
    with pytest.raises(PermissionDenied):
        services.record_background_check(personas.mentor, mentor_profile, checked, True)


def test_volunteer_edits_own_profile_languages_and_skills(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    services.update_profile(personas.mentor, mentor_profile, regions=["286", "091"], remote_ok=True)
    services.set_languages(personas.mentor, mentor_profile, [("fi", "native"), ("ar", "B2")])
    uri = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    services.set_skills(personas.mentor, mentor_profile, [uri])
    assert list(mentor_profile.skills.values_list("label", flat=True)) == ["Python"]
    with pytest.raises(ValidationFailed):
        services.update_profile(personas.mentor, mentor_profile, regions=["999"])
    with pytest.raises(ValidationFailed):
        services.set_languages(personas.mentor, mentor_profile, [("xx", "B2")])
    with pytest.raises(ValidationFailed):
        services.update_profile(personas.mentor, mentor_profile, capacity_mentees=99)
    with pytest.raises(PermissionDenied):
        services.update_profile(personas.coach, mentor_profile, remote_ok=False)
    stranger = UserFactory()
    with pytest.raises(ValidationFailed):
        services.add_volunteer(personas.coordinator, stranger, personas.organisation)


def test_coordinator_creates_a_course_once(personas: Personas) -> None:
    course = services.create_course(
        personas.coordinator, personas.organisation, "Oppimismentoriohjelma", "40", ""
    )
    assert course.hours == Decimal(40) and course.valid_months is None
    with pytest.raises(ValidationFailed) as caught:
        services.create_course(
            personas.coordinator, personas.organisation, "oppimismentoriohjelma", "40"
        )
    assert "name" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        services.create_course(personas.coordinator, personas.organisation, "Kurssi", "0", "0")
    assert set(caught.value.errors) == {"hours", "valid_months"}
    with pytest.raises(PermissionDenied):
        services.create_course(personas.coach, personas.organisation, "Kurssi", "8")
    assert TrainingCourse.objects.count() == 1


def test_both_sides_and_the_coordinator_change_the_plan(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = _active(personas, consenting)
    end = timezone.localdate() + dt.timedelta(days=60)
    services.update_plan(mentoring, personas.participant_user, goals="Oma tavoite", planned_end=end)
    assert (mentoring.goals, mentoring.planned_end) == ("Oma tavoite", end)
    services.update_plan(mentoring, personas.coordinator, goals="Yhdessä sovittu", planned_end=None)
    with pytest.raises(PermissionDenied):
        services.update_plan(mentoring, personas.coach, goals="x", planned_end=None)
    with pytest.raises(ValidationFailed):
        services.update_plan(
            mentoring, personas.mentor, goals="x", planned_end=timezone.localdate()
        )
    services.close_mentoring(mentoring, personas.mentor)
    with pytest.raises(ValidationFailed):
        services.update_plan(mentoring, personas.mentor, goals="x", planned_end=None)
    mentoring.refresh_from_db()
    assert mentoring.goals == "Yhdessä sovittu"


def test_withdrawn_consent_stops_the_confirmation(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    from kohtaanto.people.consent import withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    withdraw_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    with pytest.raises(ValidationFailed):
        services.confirm_mentoring(mentoring, personas.coordinator)
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.PROPOSED and mentoring.confirmed_at is None


def test_withdrawn_consent_stops_a_confirmed_mentoring_before_it_starts(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    from kohtaanto.people.consent import give_consent, withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.participant_user)
    assert access.mentorings_visible_to(personas.mentor).filter(pk=mentoring.pk).exists()
    withdraw_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    # The mentor no longer sees it, and cannot start it.
    assert not access.mentorings_visible_to(personas.mentor).filter(pk=mentoring.pk).exists()
    with override("fi"), pytest.raises(ValidationFailed) as refused:
        services.accept_mentoring(mentoring, personas.mentor)
    assert str(refused.value.message) != (
        "The participant has not given consent to matching with mentors."
    )
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CONFIRMED and mentoring.mentor_accepted_at is None
    # Staff still see it (to cancel it); consent given again brings it back to the mentor.
    assert access.mentorings_visible_to(personas.coordinator).filter(pk=mentoring.pk).exists()
    give_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    assert access.mentorings_visible_to(personas.mentor).filter(pk=mentoring.pk).exists()
    services.accept_mentoring(mentoring, personas.mentor)
    assert mentoring.status == MentoringStatus.ACTIVE


def test_withdrawn_consent_keeps_an_active_mentoring(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    from kohtaanto.people.consent import withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    mentoring = _active(personas, consenting)
    withdraw_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    assert access.mentorings_visible_to(personas.mentor).filter(pk=mentoring.pk).exists()
    services.add_meeting(mentoring, personas.mentor, timezone.localdate())
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.ACTIVE


def test_mentor_sees_a_proposal_only_once_confirmed_and_goals_once_accepted(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    request = services.create_request(personas.coach, consenting, goals="Coachin kirjoittama")
    mentoring = services.propose_mentoring(
        consenting, personas.mentor, personas.coach, request=request
    )
    assert mentoring.goals == "Coachin kirjoittama"

    def seen() -> bool:
        return access.mentorings_visible_to(personas.mentor).filter(pk=mentoring.pk).exists()

    assert not seen()
    services.accept_mentoring(mentoring, personas.participant_user)
    assert not seen()  # the participant's yes alone is not enough: the coordinator reviews
    services.confirm_mentoring(mentoring, personas.coordinator)
    assert seen() and services.mentor_may_see_goals(mentoring)
    services.decline_mentoring(mentoring, personas.coordinator)
    assert not seen()

    other = services.propose_mentoring(consenting, personas.mentor, personas.coordinator)
    services.confirm_mentoring(other, personas.coordinator)
    assert not services.mentor_may_see_goals(other)
    with pytest.raises(ValidationFailed):  # nor write over them
        services.update_plan(other, personas.mentor, goals="x", planned_end=None)
    services.set_shared(other, personas.participant_user, ["goals"])
    assert services.mentor_may_see_goals(other)
