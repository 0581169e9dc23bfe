"""The end of a trial in a browser, in Finnish, at desktop and 360 × 740 phone size: the coach
makes the competence certificate, signs it and adds the skills shown to the profile; the
workplace mentor signs through the signed link; the coach issues the certificate and records
what came next; a Puuttuva palanen learning plan (the participant ticks a skill learnt) and the
company's reference letter. axe-core (WCAG 2.1 A/AA) finds nothing on any page, no page scrolls
sideways; the participant's pages have 44 px targets. Screenshots and the PDFs rendered to PNG
(pdftoppm) go to `artifacts/trials-completion/`."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from kohtaanto.trials.enums import TrialState
from kohtaanto.trials.models import Certificate
from kohtaanto.trials.services import learning
from kohtaanto.trials.services import workplace as wp
from kohtaanto.trials.tests.test_completion import evaluated
from kohtaanto.trials.tests.test_learning import PYTHON, SQL, course, need, volunteer
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    REPO,
    assert_big_targets,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import log_in
from tests.factories import Personas
from tests.factories_trials import make_trial

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "trials-completion"


@pytest.fixture
def open_as(browser: Any, live_server: Any) -> Any:
    contexts = []

    def make(username: str | None) -> Any:
        context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/login/")
            log_in(page, username)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shot(check_axe: Any) -> Any:
    def take(page: Any, name: str, *, participant_page: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.evaluate("() => document.documentElement.lang") == "fi"
        check_axe(page, f"trials-completion-{name}-desktop")
        page.set_viewport_size(PHONE)
        check_axe(page, f"trials-completion-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        if participant_page:
            assert_big_targets(page, name)
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return take


def pdf_to_png(data: bytes, name: str) -> list[str]:
    """The PDF's pages as PNG images; returns their names."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing")
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(SHOTS / name)], check=True)
    return sorted(p.name for p in SHOTS.glob(f"{name}*.png"))


def test_certificate_skills_and_outcome(personas: Personas, open_as: Any, shot: Any) -> None:
    trial, _requirements = evaluated(personas)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    coach = open_as("coach")
    coach.goto(f"/trials/{trial.pk}/certificate/")
    expect(coach.locator("h1")).to_have_text("Osaamistodistus")
    shot(coach, "certificate-before")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Tee osaamistodistus").click()
    with coach.expect_navigation():
        coach.get_by_role("button", name="Allekirjoita valmentajana").click()
    expect(coach.get_by_text("Ei osoitettu tässä kokeilussa")).to_be_visible()
    shot(coach, "certificate-coach-signed")

    mentor = open_as(None)
    mentor.goto(f"/t/{token}/certificate/")
    expect(mentor.get_by_text("ajaa trukkia")).to_be_visible()
    shot(mentor, "certificate-link-mentor")
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Allekirjoita työpaikkaohjaajana").click()
    expect(mentor.get_by_text("Olli Ohjaaja allekirjoitti")).to_be_visible()
    shot(mentor, "certificate-link-signed")

    coach.goto(f"/trials/{trial.pk}/certificate/")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Anna osaamistodistus").click()
    with coach.expect_navigation():
        coach.get_by_label("vastaanotto").check()
        coach.get_by_role("button", name="Lisää profiiliin").click()
    expect(coach.get_by_text("Profiilissa").first).to_be_visible()
    shot(coach, "certificate-issued")
    certificate = Certificate.objects.get(trial=trial)
    assert certificate.issued_at is not None and certificate.mentor_name == "Olli Ohjaaja"
    response = coach.request.get(f"/trials/{trial.pk}/certificate.pdf")
    assert response.ok
    assert pdf_to_png(response.body(), "certificate")

    coach.goto(f"/participants/{trial.participant.pk}/profile/")
    expect(coach.get_by_text("Osoitettu työkokeilussa")).to_be_visible()
    coach.screenshot(path=str(SHOTS / "profile-shown-in-trial.png"), full_page=True)

    coach.goto(f"/trials/{trial.pk}/outcome/")
    shot(coach, "outcome-form")
    with coach.expect_navigation():
        coach.get_by_label("Työpaikka").check()
        coach.get_by_role("button", name="Tallenna").click()
    expect(coach.get_by_role("button", name="Päätä palvelu tällä jatkopolulla")).to_be_visible()
    shot(coach, "outcome-end-of-service")
    trial.refresh_from_db()
    assert trial.state == TrialState.CONTINUE

    participant = open_as("participant")
    participant.goto(f"/trials/{trial.pk}/certificate/")
    shot(participant, "certificate-participant", participant_page=True)


def test_learning_plan_and_reference(personas: Personas, open_as: Any, shot: Any) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    trial.sme_need = need(personas)
    trial.save(update_fields=["sme_need"])
    course("Python-ohjelmointi (MOOC)", PYTHON, open_material=True)
    course("SQL-perusteet", SQL, open_material=True)
    volunteer(personas, "sparraaja", [PYTHON], ["sparring_partner"])
    coach = open_as("coach")
    coach.goto(f"/trials/{trial.pk}/learning/")
    shot(coach, "learning-empty")
    with coach.expect_navigation():
        coach.get_by_role("button", name="Tee suunnitelma tarpeesta").click()
    with coach.expect_navigation():
        coach.get_by_label("Valitse vapaaehtoisista").select_option(index=1)
        coach.locator("form:has(#partner) button").click()
    shot(coach, "learning-plan-coach")

    python = learning.plan_of(trial).items.get(uri=PYTHON)  # type: ignore[union-attr]
    participant = open_as("participant")
    participant.goto(f"/trials/{trial.pk}/learning/")
    html = participant.locator(f"#item-{python.pk} button").inner_text()
    assert html.startswith("Olen oppinut tämän"), html
    with participant.expect_navigation():
        participant.locator(f"#item-{python.pk} button").click()
    expect(participant.get_by_text("Opittu")).to_be_visible()
    shot(participant, "learning-plan-participant", participant_page=True)
    assert learning.plan_of(trial).items.get(uri=PYTHON).done_at is not None  # type: ignore[union-attr]

    from kohtaanto.trials.services import lifecycle

    lifecycle.transition(trial, "finish", by=personas.coach)
    employer = open_as("employer")
    employer.goto(f"/trials/{trial.pk}/reference/")
    shot(employer, "reference-form")
    employer.locator("#id_writer_name").fill("Ville Virtanen")
    employer.locator("#id_writer_title").fill("toimitusjohtaja")
    employer.locator("#id_text").fill(
        "Työkokeilija uudisti tilausten käsittelyn taulukoista tietokantaan. Hän kysyi rohkeasti, "
        "piti aikataulun ja opetti meille uuden tavan. Suosittelemme lämpimästi."
    )
    with employer.expect_navigation():
        employer.get_by_role("button", name="Tallenna suosittelu").click()
    expect(employer.get_by_role("link", name="Lataa suosittelukirje (PDF)")).to_be_visible()
    shot(employer, "reference-written")
    response = participant.request.get(f"/trials/{trial.pk}/reference.pdf")
    assert response.ok
    assert pdf_to_png(response.body(), "reference")
