"""The workplace side of a work trial in a browser, in Finnish on a 360 × 740 phone:

- the workplace mentor logs in, sees the trial on their home page with the big "Tee viikon
  kuulumiset" button, fills in the week (three big choices, two short texts, the "Haluan
  jutella valmentajan kanssa" box, one button) and is thanked; the home page says it is done;
- the coach sees the request to talk on their home page and on the trial page (flagged), marks
  it seen and makes a link for the workplace mentor, shown once with a copy button;
- a workplace mentor without an account opens the link: sees the trialist's first name only,
  this week already done, marks a skill shown and fills in the mid-point assessment;
- a tampered link answers with a translated page; the employer contact's home lists the trial.

axe-core (WCAG 2.1 A/AA) finds no violations on any page; no sideways scroll; the mentor's
forms have 44 px touch targets. Screenshots in `artifacts/trials-workplace/`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
from kohtaanto.trials.models import Assessment, CheckIn, Evidence, TrialRequirement
from tests.e2e.conftest import (
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

SHOTS = REPO / "artifacts" / "trials-workplace"


@pytest.fixture
def phone_check(check_axe: Any) -> Any:
    def check(page: Any, name: str, *, targets: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"trials-workplace-{name}")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        if targets:
            assert_big_targets(page, name)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    return check


def _phone(browser: Any, live_server: Any) -> tuple[Any, Any]:
    context = new_context(browser, viewport=PHONE, base_url=live_server.url, locale="fi-FI")
    return context, context.new_page()


def test_workplace_side_on_a_phone(
    browser: Any,
    live_server: Any,
    personas: Personas,
    phone_check: Any,
) -> None:
    trial = make_trial(personas)
    unit = QualificationUnit.objects.create(
        eperusteet_id=990016, name_fi="Varastopalveluiden tuottaminen"
    )
    requirement = SkillRequirement.objects.create(
        unit=unit, ordinal=1, text_fi="vastaanottaa tavaran ja tarkistaa sen määrän ja kunnon"
    )
    item = TrialRequirement.objects.create(
        trial=trial, requirement=requirement, workplace_tasks="Aamun saapuvat lavat"
    )
    first, last = personas.participant.first_name, personas.participant.last_name

    # The workplace mentor, logged in.
    context, page = _phone(browser, live_server)
    page.goto("/login/?lang=fi")
    log_in(page, personas.workplace_mentor.get_username())
    button = page.get_by_role("link", name="Tee viikon kuulumiset")
    expect(button.first).to_be_visible()
    phone_check(page, "mentor-home")
    button.first.click()
    expect(page.locator("h1")).to_have_text("Viikon kuulumiset")
    phone_check(page, "checkin", targets=True)
    page.get_by_text("Meni hyvin", exact=True).click()
    page.get_by_label("Mitä hän oppi?").fill("Vastaanoton ja hyllytyksen.")
    page.get_by_label("Huolettaako jokin? (vapaaehtoinen)").fill("Väsyy iltapäivällä.")
    page.get_by_text("Haluan jutella valmentajan kanssa", exact=True).click()
    page.get_by_role("button", name="Lähetä").click()
    expect(page.get_by_text("Kiitos! Kuulumiset tallennettiin.")).to_be_visible()
    phone_check(page, "checkin-saved")
    saved = CheckIn.objects.get()
    assert saved.wants_coach_contact and saved.mood == "good"
    page.goto("/")
    expect(page.get_by_text("Viikon kuulumiset on kerrottu")).to_be_visible()
    context.close()

    # The coach: home and trial page.
    context, page = _phone(browser, live_server)
    page.goto("/login/?lang=fi")
    log_in(page, personas.coach.get_username())
    expect(page.locator("#workplace-requests")).to_be_visible()
    phone_check(page, "coach-home-request")
    page.goto(f"/trials/{trial.pk}/")
    panel = page.locator("#workplace")
    expect(panel.get_by_text("Haluaa jutella valmentajan kanssa")).to_be_visible()
    panel.get_by_role("button", name="Merkitse kuulumiset luetuiksi").click()
    page.locator("#id_mentor_name").fill("Olli Ohjaaja")
    page.get_by_role("button", name="Tee linkki").click()
    link_box = page.locator("#new-link")
    expect(link_box).to_be_visible()
    url = link_box.input_value()
    page.locator("#workplace").scroll_into_view_if_needed()
    phone_check(page, "coach-trial-panel")
    page.reload()
    expect(page.locator("#new-link")).to_have_count(0)  # shown once
    assert CheckIn.objects.get().seen_by_coach is not None
    context.close()

    # The workplace mentor without an account, through the link.
    context, page = _phone(browser, live_server)
    page.goto(url + "?lang=fi")
    expect(
        page.get_by_text("Tämän viikon kuulumiset on jo kerrottu. Kiitos!").first
    ).to_be_visible()
    html = page.content()
    assert first in html and last not in html
    phone_check(page, "link-checkin-done", targets=True)
    page.get_by_role("link", name="Merkitse näytetty osaaminen").click()
    page.get_by_text("Merkitse näytetyksi").click()
    page.get_by_label("Miten osaaminen näkyi?").fill("Tarkisti kolme saapunutta lavaa.")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_text("Tallennettu: osaaminen merkittiin näytetyksi.")).to_be_visible()
    phone_check(page, "link-evidence")
    assert Evidence.objects.get(trial_requirement=item).shown_on == timezone.localdate()
    page.get_by_role("link", name="Takaisin viikon kuulumisiin").click()
    page.get_by_role("link", name="Väliarviointi").click()
    page.get_by_role("button", name="Tallenna arviointi").click()
    expect(page.locator("#error-summary")).to_be_visible()
    phone_check(page, "link-assessment-errors")
    for fieldset in page.locator("main form fieldset").all():
        fieldset.get_by_text("Osittain", exact=True).click()
    page.get_by_label("Yhteenveto (vapaaehtoinen)").fill("Hyvä alku, trukkikortti puuttuu.")
    page.get_by_role("button", name="Tallenna arviointi").click()
    expect(page.get_by_text("Kiitos! Arviointi tallennettiin.")).to_be_visible()
    phone_check(page, "link-assessment-done")
    assert Assessment.objects.get().items.count() == 3
    page.goto(url.replace("/t/", "/t/x") + "?lang=fi")
    expect(page.locator("h1")).to_have_text("Linkki ei toimi")
    phone_check(page, "link-invalid")
    context.close()

    # The employer contact's home.
    context, page = _phone(browser, live_server)
    page.goto("/login/?lang=fi")
    log_in(page, personas.employer_contact.get_username())
    expect(page.locator("#employer-workplace-trials")).to_be_visible()
    phone_check(page, "employer-home")
    page.goto("/trials/at-work/")
    phone_check(page, "employer-trial-list")
    context.close()
