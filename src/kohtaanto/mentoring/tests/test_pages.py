"""The pool and relationship pages: forms write through the services, nothing is saved half,
private notes and unshared sections never reach anyone else's page, reads are audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent, User
from kohtaanto.mentoring import services
from kohtaanto.mentoring.enums import MentoringStatus, VolunteerRole
from kohtaanto.mentoring.models import (
    Mentoring,
    TrainingCourse,
    VolunteerEngagement,
    VolunteerProfile,
)
from kohtaanto.mentoring.tests.conftest import add_mentor, consent_to_matching
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db

PRIVATE = "Vain mentorin oma ajatus"
SHARED = "Yhteinen muistiinpano tapaamisesta"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def active(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> Mentoring:
    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.mentor)
    services.accept_mentoring(mentoring, personas.participant_user)
    services.add_meeting(
        mentoring, personas.mentor, timezone.localdate(), shared_note=SHARED, private_note=PRIVATE
    )
    return mentoring


def test_coordinator_adds_a_peer_mentor_to_the_pool(personas: Personas) -> None:
    response = client_for(personas.coordinator).post(
        "/volunteers/add/", {"user": personas.mentor.pk, "roles": ["group_leader"]}
    )
    assert response.status_code == 302
    engagement = VolunteerEngagement.objects.get(volunteer__user=personas.mentor)
    assert engagement.roles == ["group_leader"] and engagement.organisation == personas.organisation
    # The analyst is a member but not a peer mentor: not offered, refused.
    response = client_for(personas.coordinator).post(
        "/volunteers/add/", {"user": personas.analyst.pk, "roles": ["group_leader"]}
    )
    assert response.status_code == 400
    assert not VolunteerProfile.objects.filter(user=personas.analyst).exists()


def test_volunteer_edit_saves_everything_or_nothing(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    client = client_for(personas.coordinator)
    url = f"/volunteers/{mentor_profile.pk}/"
    data = {
        "roles": ["individual_mentor", "peer_facilitator"],
        "active": "on",
        "towns": "Kouvola, Atlantis",
        "capacity_mentees": "3",
        "capacity_groups": "1",
        "language_0": "ar",
        "level_0": "native",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Atlantis" in response.content.decode()
    engagement = VolunteerEngagement.objects.get(volunteer=mentor_profile)
    assert engagement.roles == ["individual_mentor"]
    assert not mentor_profile.languages.exists()
    data["towns"] = "Kouvola, Kotka"
    data["skills"] = ["http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"]
    assert client.post(url, data).status_code == 302
    mentor_profile.refresh_from_db()
    assert mentor_profile.regions == ["286", "285"] and mentor_profile.capacity_mentees == 3
    assert list(mentor_profile.languages.values_list("language", "level")) == [("ar", "native")]
    assert list(mentor_profile.skills.values_list("label", flat=True)) == ["Python"]
    engagement.refresh_from_db()
    assert engagement.roles == ["individual_mentor", "peer_facilitator"]


def test_training_and_background_check_pages(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    course = TrainingCourse.objects.create(
        organisation=personas.organisation,
        name="Vertaismentorin viikonloppukurssi",
        hours=Decimal(16),
        valid_months=36,
    )
    client = client_for(personas.coordinator)
    completed = timezone.localdate() - dt.timedelta(days=35 * 30)
    checked_on = timezone.localdate() - dt.timedelta(days=20)
    response = client.post(
        f"/volunteers/{mentor_profile.pk}/training/",
        {"course": course.pk, "completed_on": completed.isoformat(), "trainer": "Polku ry"},
    )
    assert response.status_code == 302
    record = mentor_profile.training.get()
    assert record.expires_on == services.add_months(completed, 36)
    page = client.get("/volunteers/?expiring=on").content.decode()
    assert "Maija" in page or personas.mentor.first_name in page
    response = client.post(
        f"/volunteers/{mentor_profile.pk}/check/",
        {"checked_on": checked_on.isoformat(), "result": "yes"},
    )
    assert response.status_code == 302
    mentor_profile.refresh_from_db()
    assert mentor_profile.background_check_on == checked_on
    assert mentor_profile.background_check_ok is True


def test_pool_filters(personas: Personas, mentor_profile: VolunteerProfile) -> None:
    services.update_profile(personas.coordinator, mentor_profile, regions=["286"])
    services.set_languages(personas.coordinator, mentor_profile, [("so", "native")])
    other = User.objects.create_user("vapaaehtoinen-x", first_name="Ulla", last_name="Uusi")
    add_mentor(personas, other, roles=(VolunteerRole.GROUP_LEADER,))
    client = client_for(personas.coordinator)
    name = personas.mentor.get_full_name()

    def names(query: str) -> tuple[bool, bool]:
        html = client.get(f"/volunteers/?{query}").content.decode()
        return name in html, "Ulla Uusi" in html

    assert names("") == (True, True)
    assert names("language=so") == (True, False)
    assert names("role=group_leader") == (False, True)
    assert names("town=Kouvola") == (True, False)
    assert names("town=Kotka") == (False, False)


def test_volunteer_keeps_own_profile(personas: Personas) -> None:
    client = client_for(personas.mentor)
    assert client.get("/my/volunteer/").status_code == 200
    response = client.post(
        "/my/volunteer/",
        {
            "towns": "Lahti",
            "remote_ok": "on",
            "capacity_mentees": "1",
            "capacity_groups": "0",
            "language_0": "fi",
            "level_0": "native",
            "language_1": "sv",
            "level_1": "",
        },
    )
    assert response.status_code == 400  # a language without its level
    assert not VolunteerProfile.objects.filter(user=personas.mentor).exists()
    response = client.post(
        "/my/volunteer/",
        {"towns": "Lahti", "remote_ok": "on", "capacity_mentees": "1", "capacity_groups": "0"},
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=personas.mentor)
    assert profile.regions == ["398"] and profile.remote_ok and profile.capacity_mentees == 1


def test_private_note_reaches_only_the_mentor(personas: Personas, active: Mentoring) -> None:
    url = f"/mentorings/{active.pk}/"
    for user in (personas.coach, personas.coordinator, personas.participant_user):
        html = client_for(user).get(url).content.decode()
        assert SHARED in html and PRIVATE not in html, user.username
    html = client_for(personas.participant_user).get("/my/mentor/").content.decode()
    assert SHARED in html and PRIVATE not in html
    html = client_for(personas.mentor).get(url).content.decode()
    assert SHARED in html and PRIVATE in html
    meeting = active.meetings.get()
    assert (
        client_for(personas.coordinator).get(f"/mentorings/meetings/{meeting.pk}/").status_code
        == 404
    )


def test_mentor_sees_first_name_and_only_shared_sections_audited(
    personas: Personas, active: Mentoring
) -> None:
    participant = active.participant
    participant.email = "pekka.osallistuja@example.org"
    participant.save()
    client = client_for(personas.mentor)
    html = client.get(f"/mentorings/{active.pk}/").content.decode()
    assert participant.first_name in html and participant.last_name not in html
    assert participant.email not in html
    client_for(personas.participant_user).post(
        f"/mentorings/{active.pk}/share/", {"shared": ["contact"]}
    )
    before = AuditEvent.objects.filter(
        actor=personas.mentor, action=AuditAction.VIEW, participant_id=participant.pk
    ).count()
    html = client.get(f"/mentorings/{active.pk}/").content.decode()
    assert participant.email in html
    after = AuditEvent.objects.filter(
        actor=personas.mentor, action=AuditAction.VIEW, participant_id=participant.pk
    ).count()
    assert after > before


def test_support_line_only_volunteer_sees_no_mentee(
    personas: Personas, active: Mentoring, mentor_profile: VolunteerProfile
) -> None:
    services.set_engagement(
        personas.coordinator, mentor_profile, personas.organisation, [VolunteerRole.SUPPORT_LINE]
    )
    client = client_for(personas.mentor)
    assert client.get(f"/mentorings/{active.pk}/").status_code == 404
    assert personas.participant.first_name not in client.get("/").content.decode()


def test_home_sections(personas: Personas, active: Mentoring) -> None:
    html = client_for(personas.mentor).get("/").content.decode()
    assert 'id="my-mentees"' in html and f"/mentorings/{active.pk}/" in html
    assert (
        personas.participant.last_name
        not in html.split('id="my-mentees"')[1].split("</section>")[0]
    )
    html = client_for(personas.participant_user).get("/").content.decode()
    assert 'id="my-mentor-home"' in html
    html = client_for(personas.analyst).get("/").content.decode()
    assert 'id="my-mentees"' not in html and 'id="my-mentor-home"' not in html


def test_participant_accepts_from_my_mentor(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    client = client_for(personas.participant_user)
    html = client.get("/my/mentor/").content.decode()
    assert f"/mentorings/{mentoring.pk}/accept/" in html
    assert client.post(f"/mentorings/{mentoring.pk}/accept/").status_code == 302
    mentoring.refresh_from_db()
    assert mentoring.participant_accepted_at is not None
    # The mentor sees nothing before a coordinator has confirmed the match ...
    mentor = client_for(personas.mentor)
    assert f"/mentorings/{mentoring.pk}/" not in mentor.get("/").content.decode()
    assert mentor.get(f"/mentorings/{mentoring.pk}/").status_code == 404
    # ... then the home shows the proposal waiting for their answer.
    services.confirm_mentoring(mentoring, personas.coordinator)
    html = mentor.get("/").content.decode()
    assert f"/mentorings/{mentoring.pk}/" in html


def _waiting_part(html: str) -> str:
    return html.split('id="my-mentees"')[1].split("</section>")[0]


def test_a_coachs_proposal_reaches_the_mentor_only_as_the_mentee_shares(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    goals = "Coachin kirjoittama toive: itsetunto ja velat"
    request = services.create_request(personas.coach, consenting, goals=goals)
    mentoring = services.propose_mentoring(
        consenting, personas.mentor, personas.coach, request=request
    )
    mentor = client_for(personas.mentor)
    url = f"/mentorings/{mentoring.pk}/"
    assert url not in mentor.get("/").content.decode()
    assert mentor.get(url).status_code == 404
    assert url not in mentor.get("/mentorings/").content.decode()
    services.confirm_mentoring(mentoring, personas.coordinator)
    assert url in _waiting_part(mentor.get("/").content.decode())
    html = mentor.get(url).content.decode()
    assert goals not in html and f"{url}plan/" not in html
    services.accept_mentoring(mentoring, personas.participant_user)
    assert goals in mentor.get(url).content.decode()
    services.decline_mentoring(mentoring, personas.participant_user)
    assert url not in mentor.get("/").content.decode()
    assert mentor.get(url).status_code == 404


def test_after_a_consent_withdrawal_the_mentor_is_not_asked_and_cannot_start(
    personas: Personas, mentor_profile: VolunteerProfile, consenting: Participant
) -> None:
    from kohtaanto.people.consent import withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    mentoring = services.propose_mentoring(consenting, personas.mentor, personas.coach)
    services.confirm_mentoring(mentoring, personas.coordinator)
    services.accept_mentoring(mentoring, personas.participant_user)
    mentor = client_for(personas.mentor)
    url = f"/mentorings/{mentoring.pk}/"
    assert url in _waiting_part(mentor.get("/").content.decode())
    withdraw_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    html = mentor.get("/").content.decode()
    assert url not in html and consenting.first_name not in _waiting_part(html)
    assert mentor.post(f"{url}accept/").status_code == 404
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CONFIRMED and mentoring.mentor_accepted_at is None
    # The coordinator is told why it cannot start, and cancels it.
    html = client_for(personas.coordinator).get(url).content.decode()
    assert "Osallistuja on perunut suostumuksensa mentorin etsimiseen" in html
    assert f"{url}decline/" in html and f"{url}confirm/" not in html
    assert client_for(personas.coordinator).post(f"{url}decline/").status_code == 302
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CANCELLED


def test_a_coordinator_who_mentors_is_not_asked_before_the_confirmation(
    personas: Personas, consenting: Participant
) -> None:
    add_mentor(personas, personas.coordinator)
    mentoring = services.propose_mentoring(consenting, personas.coordinator, personas.coach)
    client = client_for(personas.coordinator)
    url = f"/mentorings/{mentoring.pk}/"
    assert url not in _waiting_part(client.get("/").content.decode())
    services.confirm_mentoring(mentoring, personas.coordinator)
    assert url in _waiting_part(client.get("/").content.decode())
    from kohtaanto.people.consent import withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    withdraw_consent(consenting, ConsentPurpose.MATCHING, by=personas.participant_user)
    assert url not in _waiting_part(client.get("/").content.decode())


def _feedback_form_shown(client: Client, mentoring: Mentoring) -> bool:
    html = client.get(f"/mentorings/{mentoring.pk}/?lang=fi").content.decode()
    return f"/mentorings/{mentoring.pk}/feedback/" in html


def test_ending_is_its_own_step_cancels_planned_meetings_and_asks_feedback_once(
    personas: Personas, active: Mentoring
) -> None:
    later = timezone.localdate() + dt.timedelta(days=7)
    planned = services.add_meeting(active, personas.mentor, later, time=dt.time(17, 0))
    mentor = client_for(personas.mentor)
    url = f"/mentorings/{active.pk}/"
    html = mentor.get(url + "?lang=fi").content.decode()
    closing = html.split('id="closing"')[1]
    assert "<details" in closing and 'name="confirm"' in closing
    assert 'id="closing"' not in html.split('id="new-meeting"')[0]  # not next to the meeting form
    assert f"{later:%-d.%-m.%Y} klo 17.00" in html and "Suunniteltu" in html
    # One tap without the explicit yes ends nothing.
    response = mentor.post(url + "close/?lang=fi", {"feedback": "Hyvä jakso"})
    assert response.status_code == 400
    assert "Valitse ruutu, jos haluat päättää mentoroinnin." in response.content.decode()
    active.refresh_from_db()
    assert active.status == MentoringStatus.ACTIVE and not active.feedback_mentor
    # With it: closed, the closer's feedback saved, the planned meeting cancelled.
    response = mentor.post(url + "close/", {"feedback": "Hyvä jakso", "confirm": "on"})
    assert response.status_code == 302
    active.refresh_from_db()
    planned.refresh_from_db()
    assert active.status == MentoringStatus.CLOSED and active.closed_by == personas.mentor
    assert active.feedback_mentor == "Hyvä jakso" and planned.cancelled
    html = mentor.get(url + "?lang=fi").content.decode()
    assert "Peruttu" in html and "Suunniteltu" not in html
    assert not _feedback_form_shown(mentor, active)  # the closer was asked on the closing form
    response = mentor.post(url + "feedback/", {"feedback": "Toinen kerta"})
    active.refresh_from_db()
    assert active.feedback_mentor == "Hyvä jakso"
    # The other side gives theirs afterwards, once.
    participant = client_for(personas.participant_user)
    assert _feedback_form_shown(participant, active)
    participant.post(url + "feedback/", {"feedback": "Sain apua"})
    assert not _feedback_form_shown(participant, active)
    participant.post(url + "feedback/", {"feedback": "Muutin mieleni"})
    active.refresh_from_db()
    assert active.feedback_participant == "Sain apua"


def test_a_coordinator_who_ends_a_mentoring_leaves_both_sides_their_feedback(
    personas: Personas, active: Mentoring
) -> None:
    response = client_for(personas.coordinator).post(
        f"/mentorings/{active.pk}/close/", {"confirm": "on"}
    )
    assert response.status_code == 302
    assert _feedback_form_shown(client_for(personas.mentor), active)
    assert _feedback_form_shown(client_for(personas.participant_user), active)


def test_others_read_third_person_labels_and_no_repeated_rows(
    personas: Personas, active: Mentoring, mentor_profile: VolunteerProfile
) -> None:
    services.set_shared(active, personas.participant_user, ["goals", "languages"])
    html = client_for(personas.coach).get(f"/mentorings/{active.pk}/?lang=fi").content.decode()
    assert "Osallistujan tavoitteet, Osallistujan kielet" in html
    assert "Omat tavoitteeni" not in html and "Kieleni" not in html
    coordinator = client_for(personas.coordinator)
    html = coordinator.get(f"/volunteers/{mentor_profile.pk}/?lang=fi").content.decode()
    assert "Paikkakunnat, joilla hän voi tavata" in html and "Milloin hänellä on aikaa" in html
    assert "joilla voin tavata" not in html and "Milloin minulla" not in html
    assert 'name="contact_for_mentees"' not in html  # the volunteer's own choice
    html = coordinator.get(f"/volunteers/{mentor_profile.pk}/?lang=sv").content.decode()
    assert "Orter där hen kan träffa människor" in html and "Orter där jag" not in html
    own = client_for(personas.mentor).get("/my/volunteer/?lang=fi").content.decode()
    assert "Paikkakunnat, joilla voin tavata" in own and 'name="contact_for_mentees"' in own
    # A confirmed proposal says "confirmed by the coordinator" once (the status).
    consent_to_matching(personas.caseload_participant, personas.coach)
    proposal = services.propose_mentoring(
        personas.caseload_participant, personas.mentor, personas.coordinator
    )
    services.confirm_mentoring(proposal, personas.coordinator)
    html = coordinator.get(f"/mentorings/{proposal.pk}/?lang=fi").content.decode()
    assert html.count("Koordinaattori vahvisti") == 1


def test_the_participant_sees_the_mentor_next_meeting_goals_and_contact(
    personas: Personas, active: Mentoring
) -> None:
    later = timezone.localdate() + dt.timedelta(days=5)
    services.add_meeting(active, personas.mentor, later, time=dt.time(17, 30))
    services.update_plan(active, personas.mentor, goals="Löytää varastotyö", planned_end=None)
    participant = client_for(personas.participant_user)
    first = personas.mentor.first_name
    when = f"{later:%-d.%-m.%Y} klo 17.30"
    home = participant.get("/?lang=fi").content.decode().split('id="my-mentor-home"')[1]
    assert f"Mentorisi on {first}." in home and when in home and "Löytää varastotyö" in home
    assert "Sovi mentorisi kanssa tapaamisessa, miten pidätte yhteyttä." in home
    # The mentor chooses a contact to show their mentees.
    response = client_for(personas.mentor).post(
        "/my/volunteer/",
        {
            "capacity_mentees": "2",
            "capacity_groups": "1",
            "contact_for_mentees": "040 000 0000",
        },
    )
    assert response.status_code == 302
    home = participant.get("/?lang=fi").content.decode().split('id="my-mentor-home"')[1]
    assert "040 000 0000" in home
    page = participant.get("/my/mentor/?lang=fi").content.decode()
    assert when in page and "040 000 0000" in page and "Löytää varastotyö" in page
    detail = participant.get(f"/mentorings/{active.pk}/?lang=fi").content.decode()
    assert "040 000 0000" in detail and when in detail
    # Staff never see the mentor's contact for mentees on the mentoring page.
    staff = client_for(personas.coach).get(f"/mentorings/{active.pk}/").content.decode()
    assert "040 000 0000" not in staff


def test_leading_more_groups_than_the_profile_allows_is_warned(
    personas: Personas, mentor_profile: VolunteerProfile
) -> None:
    from kohtaanto.groups import services as group_services

    def lead(name: str) -> None:
        group_services.create_group(
            organisation=personas.organisation,
            by=personas.coordinator,
            leaders=[personas.mentor],
            name=name,
            kind="hobby",
        )

    lead("Kiipeily")
    coordinator = client_for(personas.coordinator)
    url = f"/volunteers/{mentor_profile.pk}/?lang=fi"
    assert 'id="groups-over"' not in coordinator.get(url).content.decode()
    lead("Sulkapallo")
    html = coordinator.get(url).content.decode()
    assert 'id="groups-over"' in html and "Ohjaa 2 ryhmää" in html and "enintään 1" in html
    own = client_for(personas.mentor).get("/my/volunteer/?lang=fi").content.decode()
    assert 'id="groups-over"' in own and "Ohjaat 2 ryhmää" in own
    pool = coordinator.get("/volunteers/?lang=fi").content.decode()
    assert "Ohjaa 2 ryhmää, enintään 1" in pool
