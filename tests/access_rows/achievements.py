# ruff: noqa: E501
"""Access-matrix rows of Open Badges (read with tests/test_access_matrix.py).

Issuing and revoking: the participant's own coach and the coordinator of their organisation
(everyone else 404, never 403); a volunteer's badges: the coordinator. The organisation's
badges: coordinators only. The wallet: the participant and the volunteer (here the mentor
persona) themselves; others have neither a participant record nor a volunteer profile: 404.
The verifier, the did:web
document, issuer profiles, achievement versions, status lists and shared badges are public and
anonymous; they change nothing (POST 405, except the verifier's own forms, which only read).
The did:web document is 404 on a host that is no organisation's domain (the test server's).
"""

from __future__ import annotations

from typing import Any

from tests.factories import Personas

# fmt: off
# method  url                                          anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/participants/{own}/badges/",              302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/participants/{own}/badges/",              302, 200, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/participants/{other}/badges/",            302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ("GET",  "/participants/{own}/badges/{badge}/revoke/", 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/participants/{own}/badges/{badge}/revoke/", 302, 302, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/badges/manage/",                          302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/badges/manage/",                          302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/badges/volunteers/{volunteer}/",           302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/badges/volunteers/{volunteer}/",           302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/badges/volunteers/{volunteer}/{vbadge}/revoke/", 302, 404, 404, 404, 404, 404, 405, 404, 404, 404),
    ("POST", "/badges/volunteers/{volunteer}/{vbadge}/revoke/", 302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/my/badges/{vbadge}/download/",             302, 404, 404, 200, 404, 404, 404, 404, 404, 404),
    ("GET",  "/my/badges/",                              302, 404, 200, 200, 404, 404, 404, 404, 404, 200),
    ("POST", "/my/badges/",                              302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/my/badges/{badge}/download/",             302, 404, 200, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/my/badges/{badge}/hide/",                 302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/my/badges/{badge}/hide/",                 302, 404, 302, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/verify/",                                 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/verify/",                                 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/verify/api/",                             405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/verify/api/",                             200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/.well-known/did.json",                    404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/badges/issuers/{organisation}/",          200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/badges/issuers/{missing}/",               404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/badges/issuers/{organisation}/",          405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/badges/achievements/{version}/",          200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/badges/status/{status_list}/",            200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/badges/status/{status_list}/",            405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/badges/shared/{token}/",                  200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/badges/shared/{token}/credential.json",   200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("GET",  "/badges/shared/not-a-token-of-anyone-here/", 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/participants/{own}/badges/{badge}/revoke/": {"reason": "Myönnetty vahingossa"},
    "/my/badges/{badge}/hide/": {"hidden": "1"},
    "/badges/volunteers/{volunteer}/{vbadge}/revoke/": {"reason": "Koulutus jäi kesken"},
    "/verify/": {"credential": "not json"},
}


def placeholders(personas: Personas) -> dict[str, Any]:
    from kohtaanto.achievements import services
    from kohtaanto.achievements.tests.helpers import (
        completed_digcomp,
        consenting,
        digcomp_badge,
        volunteer_with_training,
    )

    badge = digcomp_badge(personas)
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    version = badge.current_version
    assert version is not None
    issued = services.issue_badge(
        personas.coach,
        participant,
        version,
        services.evidence_from_digcomp(participant, attempt.pk),
    )
    issued = services.sign_issued(issued.pk)  # the task's work (the test never commits)
    volunteer, record = volunteer_with_training(personas)
    for_volunteer = services.issue_volunteer_badge(
        personas.coordinator,
        personas.organisation,
        volunteer,
        version,
        services.evidence_from_training(volunteer, record.pk),
    )
    services.sign_issued(for_volunteer.pk)
    return {
        "volunteer": volunteer.pk,
        "vbadge": for_volunteer.pk,
        "badge": issued.pk,
        "version": version.pk,
        "organisation": personas.organisation.pk,
        "status_list": issued.status_list_id,
        "token": issued.share_token,
    }
