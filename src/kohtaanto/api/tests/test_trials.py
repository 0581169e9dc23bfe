"""`/api/v1/trials/…`: work trials, read only, for each party of the trial."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.trials.enums import DayStatus, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import lifecycle, workplace

pytestmark = pytest.mark.django_db

PARTIES = ["coach", "coordinator", "participant", "employer_contact", "workplace_mentor"]
OTHERS = ["outsider", "mentor", "analyst"]


@pytest.fixture
def trial(personas: Personas) -> Trial:
    running = make_trial(personas, state=TrialState.RUN)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    lifecycle.mark_day(
        running,
        yesterday,
        DayStatus.ABSENT,
        by=personas.coach,
        reason="sick",
        note="Flunssa",
    )
    week = workplace.current_week(running) or workplace.open_weeks(running)[0]
    workplace.submit_checkin(
        running,
        by=personas.workplace_mentor,
        week_start=week,
        mood="good",
        learnt="Keräily sujuu.",
    )
    return running


@pytest.mark.parametrize("persona", PARTIES)
def test_every_party_reads_the_trial(
    api_client_for, personas: Personas, trial: Trial, persona: str
) -> None:
    user = personas.users()[persona]
    client = api_client_for(user)
    listed = client.get("/api/v1/trials/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [trial.pk]
    detail = client.get(f"/api/v1/trials/{trial.pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["state"] == "run"
    assert body["agreement"]["tasks"] == "Keräily, hyllytys ja inventaario."
    assert body["trialist"] == f"{personas.participant.first_name} {personas.participant.last_name}"
    assert "rule_findings" not in body and "outcome_note" not in body
    days = client.get(f"/api/v1/trials/{trial.pk}/days/")
    assert days.status_code == 200 and days.json()["count"] >= 1
    checkins = client.get(f"/api/v1/trials/{trial.pk}/checkins/")
    assert [c["learnt"] for c in checkins.json()["results"]] == ["Keräily sujuu."]
    audited = AuditEvent.objects.filter(
        actor=user, action=AuditAction.VIEW, object_type="trials.trial", object_id=str(trial.pk)
    ).count()
    assert audited == (0 if persona == "participant" else 3)
    listing = AuditEvent.objects.filter(actor=user, action=AuditAction.LIST).get()
    assert listing.details == {"filters": {}, "count": 1}


def test_absence_note_only_for_staff_participant_and_marker(
    api_client_for, personas: Personas, trial: Trial
) -> None:
    def note(persona: str) -> str:
        client = api_client_for(personas.users()[persona])
        rows = client.get(f"/api/v1/trials/{trial.pk}/days/", {"limit": 500}).json()["results"]
        absent = [row for row in rows if row["status"] == "absent"]
        assert [row["absence_reason"] for row in absent] == ["sick"]
        return str(absent[0]["absence_note"])

    assert note("coach") == note("participant") == "Flunssa"
    assert note("employer_contact") == note("workplace_mentor") == ""


@pytest.mark.parametrize("persona", OTHERS)
def test_others_see_nothing(api_client_for, personas: Personas, trial: Trial, persona: str) -> None:
    client = api_client_for(personas.users()[persona])
    assert client.get("/api/v1/trials/").json()["count"] == 0
    for suffix in ("", "days/", "checkins/"):
        response = client.get(f"/api/v1/trials/{trial.pk}/{suffix}")
        assert response.status_code == 404, suffix
        assert response["Content-Type"] == "application/problem+json"


def test_another_participant_sees_nothing(api_client_for, personas: Personas, trial: Trial) -> None:
    from tests.factories import member

    from kohtaanto.core.enums import Role

    user = member(personas.organisation, Role.PARTICIPANT, username="participant-two")
    personas.caseload_participant.user = user
    personas.caseload_participant.save(update_fields=["user"])
    client = api_client_for(user)
    assert client.get("/api/v1/trials/").json()["count"] == 0
    assert client.get(f"/api/v1/trials/{trial.pk}/").status_code == 404


def test_workplace_sees_no_trial_while_exploring(api_client_for, personas: Personas) -> None:
    exploring = make_trial(personas, state=TrialState.EXPLORE)
    for persona in ("employer_contact", "workplace_mentor"):
        client = api_client_for(personas.users()[persona])
        assert client.get(f"/api/v1/trials/{exploring.pk}/").status_code == 404
    assert api_client_for(personas.coach).get(f"/api/v1/trials/{exploring.pk}/").status_code == 200


def test_filters_and_pagination(coach_api, personas: Personas, trial: Trial) -> None:
    other = make_trial(
        personas, state=TrialState.EXPLORE, participant=personas.caseload_participant
    )
    running = coach_api.get("/api/v1/trials/", {"state": "run"}).json()
    assert [r["id"] for r in running["results"]] == [trial.pk]
    page = coach_api.get("/api/v1/trials/", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["results"]) == 1
    assert {page["results"][0]["id"]} <= {trial.pk, other.pk}
    for params in ({"state": "AAA"}, {"kind": "job"}, {"state": "run\x00"}):
        response = coach_api.get("/api/v1/trials/", params)
        assert response.status_code == 400, params
        assert response["Content-Type"] == "application/problem+json"


def test_outsider_coach_of_another_organisation(outsider_api, trial: Trial) -> None:
    response = outsider_api.get(f"/api/v1/trials/{trial.pk}/")
    assert response.status_code == 404
    assert "Varasto" not in response.content.decode()


def test_anonymous_is_refused(client, trial: Trial) -> None:
    for target in ("/api/v1/trials/", f"/api/v1/trials/{trial.pk}/"):
        response = client.get(target)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"


def test_read_only(coach_api, trial: Trial) -> None:
    assert coach_api.delete(f"/api/v1/trials/{trial.pk}/").status_code == 405
    response = coach_api.post("/api/v1/trials/", {"title": "x"}, format="json")
    assert response.status_code == 405


def test_days_without_absence_have_an_empty_reason(coach_api, trial: Trial) -> None:
    rows = coach_api.get(f"/api/v1/trials/{trial.pk}/days/", {"limit": 500}).json()["results"]
    assert {row["absence_reason"] for row in rows if row["status"] != "absent"} == {""}
