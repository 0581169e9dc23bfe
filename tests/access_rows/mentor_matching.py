"""Access-matrix rows of the mentor-matching pages (namespace "mentoring"), read with
tests/test_access_matrix.py.

`ROWS`: (method, url template, one status per persona in `PERSONAS` order). `placeholders`
makes the objects the URLs name and returns their ids for the templates' {fields}. `POST_DATA`
(url template → form data) is what a POST row sends instead of the default data.

The matching pages are for the coordinator (all open requests of the organisation) and the
participant's coaches (their own caseload's requests); a request of a participant without the
matching consent is not there for anyone; the bulk proposal is the coordinator's only. The
outsider (a coach of another organisation) sees the request of their own caseload's
participant and nothing of ours. The POSTs send a mentor who does not exist (the coach and the
coordinator are sent back to the page with an error; nothing is saved) and an empty bulk form
(the coordinator gets the form back with its error). Writing down a participant's wish for a
mentor (`new/?participant=`) is for the coordinator and the participant's own coaches.
"""

from __future__ import annotations

from tests.factories import ParticipantFactory, Personas, member

M = "/mentoring/match/"
R = "/mentoring/match/requests/"
N = "/mentoring/match/new/?participant="

# fmt: off
# method  url                             anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  M,                            302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("POST", M,                            302, 405, 404, 404, 404, 404, 405, 404, 405, 404),
    ("GET",  R + "{match_own}/",           302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", R + "{match_own}/",           302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  R + "{match_unassigned}/",    302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  R + "{match_other}/",         302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  R + "{match_no_consent}/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  R + "{missing}/",             302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  M + "bulk/",                  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", M + "bulk/",                  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  N + "{own}",                  302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", N + "{own}",                  302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  N + "{unassigned}",           302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  N + "{other}",                302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  N + "{missing}",              302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  M + "new/",                   302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    R + "{match_own}/": {"mentor": "999999"},
    M + "bulk/": {},
    N + "{own}": {"town": "Helsinki", "wants_remote": "on"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from kohtaanto.core.enums import Role
    from kohtaanto.mentoring import services
    from kohtaanto.mentoring.models import MentorRequest
    from kohtaanto.people.consent import MATCHING_PURPOSES, give_consent
    from kohtaanto.people.models import Participant

    def consent(participant: Participant) -> None:
        for purpose in MATCHING_PURPOSES:
            give_consent(participant, purpose, by=personas.coordinator)

    def request(participant: Participant, by: object) -> int:
        existing = MentorRequest.objects.filter(participant=participant, status="open").first()
        if existing is not None:
            return existing.pk
        return services.create_request(by, participant, region="091", wants_remote=True).pk

    organisation = personas.organisation
    mentor = member(organisation, Role.MENTOR, username="match-mentor", first_name="Maija")
    profile = services.add_volunteer(personas.coordinator, mentor, organisation)
    services.update_profile(personas.coordinator, profile, regions=["091"], remote_ok=True)
    services.set_languages(personas.coordinator, profile, [("fi", "native")])
    # The coach's own participant who wants a mentor (the `participant` persona already has
    # one in the mentoring rows, and a participant with an open mentoring is not matched).
    wishing = Participant.objects.filter(
        organisation=organisation, first_name="Toivo", last_name="Toiveikas"
    ).first() or ParticipantFactory(
        organisation=organisation,
        first_name="Toivo",
        last_name="Toiveikas",
        coaches=[personas.coach],
    )
    for participant in (
        wishing,
        personas.participant,
        personas.unassigned_participant,
        personas.other_participant,
    ):
        consent(participant)
    silent = personas.caseload_participant
    no_consent = MentorRequest.objects.filter(participant=silent).first() or (
        MentorRequest.objects.create(participant=silent, region="091")
    )
    return {
        "match_own": request(wishing, personas.coach),
        "match_unassigned": request(personas.unassigned_participant, personas.coordinator),
        "match_other": request(personas.other_participant, personas.outsider),
        "match_no_consent": no_consent.pk,
    }
