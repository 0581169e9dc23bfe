"""Pages of a trial's end (certificate, skills, what came next) and of Puuttuva palanen
(learning plan, reference), per role."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import timezone
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.core.models import AuditEvent
from kohtaanto.journeys.models import Outcome
from kohtaanto.profiles.enums import ItemSource
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.trials.enums import TrialOutcome, TrialState
from kohtaanto.trials.models import Certificate, Trial
from kohtaanto.trials.services import completion, learning, lifecycle
from kohtaanto.trials.services import workplace as wp
from kohtaanto.trials.tests.test_completion import evaluated, skills
from kohtaanto.trials.tests.test_learning import PYTHON, course, need

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client_for):  # type: ignore[no-untyped-def]
    """Clients that read the pages in English (the texts the tests look for)."""

    def make(user):  # type: ignore[no-untyped-def]
        made = client_for(user)
        made.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return made

    return make


@pytest.fixture
def client(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_certificate_flow_through_the_pages(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    trial, _requirements = evaluated(personas)
    coach, mentor = client_for(personas.coach), client_for(personas.workplace_mentor)
    participant = client_for(personas.participant_user)
    page = coach.get(f"/trials/{trial.pk}/certificate/")
    assert page.status_code == 200 and "Make the certificate" in page.content.decode()
    assert participant.get(f"/trials/{trial.pk}/certificate.pdf").status_code == 404
    coach.post(f"/trials/{trial.pk}/certificate/prepare/")
    coach.post(f"/trials/{trial.pk}/certificate/sign/")
    page = mentor.get(f"/trials/{trial.pk}/certificate/").content.decode()
    assert "Sign as the workplace mentor" in page and "ajaa trukkia" in page  # not shown, listed
    mentor.post(f"/trials/{trial.pk}/certificate/sign/", {"as": "workplace_mentor"})
    coach.post(f"/trials/{trial.pk}/certificate/issue/")
    certificate = Certificate.objects.get(trial=trial)
    assert certificate.issued_at and certificate.mentor_signed_at and certificate.coach_signed_at
    for client in (coach, mentor, participant):
        response = client.get(f"/trials/{trial.pk}/certificate.pdf")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert response["Content-Type"] == "application/pdf"
    assert (
        client_for(personas.employer_contact).get(f"/trials/{trial.pk}/certificate/").status_code
        == 404
    )
    assert AuditEvent.objects.filter(
        actor=personas.workplace_mentor, object_id=str(trial.pk)
    ).exists()


def test_the_mentor_signs_through_the_link(personas: Personas, client) -> None:  # type: ignore[no-untyped-def]
    trial, _requirements = evaluated(personas)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    page = client.get(f"/t/{token}/certificate/").content.decode()
    assert "has not made the certificate yet" in page
    completion.prepare_certificate(trial, by=personas.coach)
    assert "Liisa Linkki" in client.get(f"/t/{token}/certificate/").content.decode()
    assert "You have signed" in client.post(f"/t/{token}/certificate/").content.decode()
    assert Certificate.objects.get(trial=trial).mentor_name == "Liisa Linkki"
    bad = client.get("/t/not-a-token/certificate/")
    assert bad.status_code == 404 and "This link does not work" in bad.content.decode()
    assert client.post("/t/not-a-token/certificate/").status_code == 404


def test_skills_confirmed_show_in_the_profile_with_their_source(
    personas: Personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    trial, _requirements = evaluated(personas)
    uri = skills(1)[0].uri
    coach = client_for(personas.coach)
    assert "vastaanotto" in coach.get(f"/trials/{trial.pk}/certificate/").content.decode()
    assert (
        client_for(personas.participant_user)
        .post(f"/trials/{trial.pk}/skills/", {"uri": uri})
        .status_code
        == 404
    )
    coach.post(f"/trials/{trial.pk}/skills/", {"uri": uri})
    item = ProfileItem.objects.get(participant=trial.participant, uri=uri)
    assert item.source == ItemSource.WORK_TRIAL
    profile = coach.get(f"/participants/{trial.participant.pk}/profile/").content.decode()
    assert "Shown in a work trial" in profile
    own = client_for(personas.participant_user).get("/my/path/").content.decode()
    assert "Shown in a work trial" in own


def test_outcome_page_records_and_offers_the_end_of_service(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    trial = make_trial(personas, state=TrialState.EVALUATE)
    coach = client_for(personas.coach)
    assert coach.get(f"/trials/{trial.pk}/outcome/").status_code == 200
    bad = coach.post(f"/trials/{trial.pk}/outcome/", {"outcome": "lottery"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    coach.post(f"/trials/{trial.pk}/outcome/", {"outcome": TrialOutcome.STUDY_PLACE, "note": ""})
    trial.refresh_from_db()
    assert trial.state == TrialState.CONTINUE
    page = coach.get(f"/trials/{trial.pk}/outcome/").content.decode()
    assert "End the service with this path" in page
    coach.post(
        f"/trials/{trial.pk}/outcome/end-service/",
        {"date": timezone.localdate().isoformat()},
    )
    assert Outcome.objects.get(participant=trial.participant).outcome_type == "education_training"
    for user in (personas.participant_user, personas.workplace_mentor, personas.employer_contact):
        assert client_for(user).get(f"/trials/{trial.pk}/outcome/").status_code == 404


def development_trial(personas: Personas) -> Trial:
    """A company's development project as the participant's trial (a learning plan's)."""
    return lifecycle.create_trial(
        by=personas.coach,
        participant=personas.participant,
        title="Kehittämisprojekti",
        sme_need=need(personas),
        organiser_kind="company",
    )


def test_learning_plan_pages(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    trial = development_trial(personas)
    course("Mooc", PYTHON, open_material=True)
    coach, participant = client_for(personas.coach), client_for(personas.participant_user)
    assert (
        "Make the plan from the need" in coach.get(f"/trials/{trial.pk}/learning/").content.decode()
    )
    assert participant.post(f"/trials/{trial.pk}/learning/", {"action": "build"}).status_code == 404
    coach.post(f"/trials/{trial.pk}/learning/", {"action": "build"})
    coach.post(f"/trials/{trial.pk}/learning/", {"action": "goals"})
    assert trial.goals.filter(uri=PYTHON).exists()
    page = participant.get(f"/trials/{trial.pk}/learning/").content.decode()
    assert "Mooc" in page and "I have learnt this" in page and "Change the material" not in page
    item = learning.plan_of(trial).items.get(uri=PYTHON)  # type: ignore[union-attr]
    participant.post(f"/trials/{trial.pk}/learning/{item.pk}/learnt/")
    item.refresh_from_db()
    assert item.done_at is not None
    for user in (personas.workplace_mentor, personas.employer_contact, personas.outsider):
        assert client_for(user).get(f"/trials/{trial.pk}/learning/").status_code == 404


@pytest.mark.parametrize("wrong", ["abc", "²", "1" + "0" * 29, ""])
def test_a_learning_item_that_is_no_item_is_404(personas: Personas, client_for, wrong) -> None:  # type: ignore[no-untyped-def]
    """The material form's item as a tampered form may send it: a word, "²" (a digit to
    `str.isdigit`, not to `int`), a number no database id can be, nothing: 404, as for an
    item of another trial. A course that is no course saves the item without one."""
    trial = development_trial(personas)
    mooc = course("Mooc", PYTHON, open_material=True)
    coach = client_for(personas.coach)
    coach.post(f"/trials/{trial.pk}/learning/", {"action": "build"})
    url = f"/trials/{trial.pk}/learning/"
    assert coach.post(url, {"action": "item", "item": wrong}).status_code == 404
    item = learning.plan_of(trial).items.get(uri=PYTHON)  # type: ignore[union-attr]
    data = {"action": "item", "item": item.pk, "material_title": "Oma opas"}
    assert coach.post(url, {**data, "course": mooc.pk}).status_code == 302
    item.refresh_from_db()
    assert item.course == mooc
    assert coach.post(url, {**data, "course": wrong}).status_code == 302
    item.refresh_from_db()
    assert item.course is None and item.material_title == "Oma opas"


def test_reference_pages(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    trial = make_trial(personas, state=TrialState.EVALUATE)
    trial.sme_need = need(personas)
    trial.save(update_fields=["sme_need"])
    employer, participant = (
        client_for(personas.employer_contact),
        client_for(personas.participant_user),
    )
    assert "Write the reference" in employer.get(f"/trials/{trial.pk}/reference/").content.decode()
    bad = employer.post(
        f"/trials/{trial.pk}/reference/", {"writer_name": "", "text": "", "language": "fi"}
    )
    assert bad.status_code == 200 and learning.reference_of(trial) is None
    employer.post(
        f"/trials/{trial.pk}/reference/",
        {
            "writer_name": "Ville Virtanen",
            "writer_title": "",
            "text": "Erinomainen työ.",
            "language": "fi",
        },
    )
    assert learning.reference_of(trial) is not None
    page = participant.get(f"/trials/{trial.pk}/reference/").content.decode()
    assert "Download the reference" in page and "Write the reference" not in page
    assert participant.post(f"/trials/{trial.pk}/reference/", {}).status_code == 404
    pdf = participant.get(f"/trials/{trial.pk}/reference.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (
        client_for(personas.workplace_mentor).get(f"/trials/{trial.pk}/reference/").status_code
        == 404
    )


def test_panel_context_per_role(personas: Personas, rf) -> None:  # type: ignore[no-untyped-def]
    from kohtaanto.web.trials.completion import panel_context

    trial, _requirements = evaluated(personas)
    staff = panel_context(rf.get("/"), trial, {"staff"})
    assert staff["show_certificate"] and staff["proposals"] and staff["can_record_outcome"]
    employer = panel_context(rf.get("/"), trial, {"employer"})
    assert "show_certificate" not in employer and "proposals" not in employer


def test_the_trial_page_shows_the_completion_panel(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    trial, _requirements = evaluated(personas)
    page = client_for(personas.coach).get(f"/trials/{trial.pk}/").content.decode()
    assert "End of the trial" in page and "Open the certificate" in page
    assert "vastaanotto" in page  # the skill shown, offered for the profile
    employer = client_for(personas.employer_contact).get(f"/trials/{trial.pk}/")
    assert employer.status_code == 200 and "Open the certificate" not in employer.content.decode()
