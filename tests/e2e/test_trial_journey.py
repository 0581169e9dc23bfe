"""One work trial from start to finish in a browser, in Finnish (issue 15, "Checked by"):

- the coach opens the participant's case file, starts a trial at a work-trial place and drafts
  the agreement with ten hours a day: the page names the broken rule, its source and what to
  change, and nothing is agreed (a draft is kept); six hours fixes it;
- the coach picks the qualification unit "Varastopalveluiden tuottaminen" (imported in set-up
  from the app's own ePerusteet file, with one requirement mapped to an ESCO skill and
  confirmed) and two of its skill requirements;
- the participant and the employer contact confirm on their phones, the coach records the
  employment authority's paper signature; the agreement is agreed; the coach starts the trial
  (it began a week ago, so two weeks are open) and makes a link for the workplace mentor, who
  has no account;
- the workplace mentor opens the link on a 360 × 740 phone: two weekly check-ins (two weeks),
  marks a skill shown; the coach moves the trial to the final assessment and the mentor does
  it through the link;
- the coach makes the competence certificate and signs it, records what came next (the trial
  "continues"), the mentor signs through the link, the coach issues it and adds the skill
  shown to the profile, where it reads "Osoitettu työkokeilussa";
- the agreement and certificate PDFs are downloaded through the pages' links, their text read
  (pdftotext) and rendered to PNG (pdftoppm; that part is skipped without poppler-utils).

A second test: the participant reads their trial and confirms the agreement in Swedish.

axe-core (WCAG 2.1 A/AA) finds no violations on any page visited; no page scrolls sideways at
360 px. Screenshots and the PDF images: `artifacts/trial-journey/`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from typing import Any

import pytest
from django.utils import timezone, translation

from kohtaanto.profiles.enums import ItemSource
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.qualifications import services as qualifications
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
from kohtaanto.trials.enums import AgreementStatus, Party, TrialState
from kohtaanto.trials.models import Assessment, CheckIn, Confirmation, Evidence, Trial
from kohtaanto.trials.services import lifecycle
from kohtaanto.trials.services import workplace as wp
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    REPO,
    assert_no_horizontal_scroll,
    expect,
    new_context,
)
from tests.e2e.test_pages import choose_language, log_in
from tests.factories import Personas
from tests.factories_trials import make_trial, trial_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = REPO / "artifacts" / "trial-journey"
QUALIFICATION_FILE = REPO / "src" / "kohtaanto" / "qualifications" / "data" / "logistiikka.json"
UNIT_ID = 9900201  # "Varastopalveluiden tuottaminen" in that file
UNIT_NAME = "Varastopalveluiden tuottaminen"
FORKLIFT = "käyttää trukkia ja muita varaston koneita turvallisesti"
RECEIVE = "vastaanottaa ja tarkastaa saapuvat tavarat"
FORKLIFT_SKILL = "trukin ajaminen"
MENTOR = "Olli Ohjaaja"  # the workplace mentor: named on the agreement, no account
AUTHORITY_SIGNER = "Kaisa Kuntalainen"


def tr(msgid: str, language: str = "fi") -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.fixture
def look(check_axe: Any) -> Any:
    """`look(page, name, phone_only=False)`: axe at desktop size (unless `phone_only`) and at
    360 × 740, no sideways scroll there, a screenshot of each; the viewport is put back."""

    def check(page: Any, name: str, *, phone_only: bool = False, language: str = "fi") -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert page.evaluate("() => document.documentElement.lang") == language, name
        size = page.viewport_size
        if not phone_only:
            page.set_viewport_size(DESKTOP)
            check_axe(page, f"trial-journey-{name}-desktop")
            page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"trial-journey-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
        if size != PHONE:
            page.set_viewport_size(size)

    return check


@pytest.fixture
def open_as(browser: Any, live_server: Any) -> Any:
    """`open_as(username or None, viewport, locale)`: a new page, logged in when asked."""
    contexts: list[Any] = []

    def make(username: str | None, viewport: dict[str, int] = PHONE, locale: str = "fi-FI") -> Any:
        context = new_context(browser, viewport=viewport, base_url=live_server.url, locale=locale)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/login/")
            log_in(page, username)
        return page

    yield make
    for context in contexts:
        context.close()


def unit_with_a_confirmed_skill(personas: Personas) -> tuple[SkillRequirement, SkillRequirement]:
    """Import the demo logistics qualification (the app's own ePerusteet file); recognition
    suggests ESCO skills for the forklift requirement and the coach confirms one."""
    report = qualifications.import_document(
        QUALIFICATION_FILE.read_bytes(), by=personas.coordinator, source=QUALIFICATION_FILE.name
    )
    assert report.units_created == 1
    unit = QualificationUnit.objects.get(eperusteet_id=UNIT_ID)
    forklift = unit.requirements.get(text_fi=FORKLIFT)
    receive = unit.requirements.get(text_fi=RECEIVE)
    qualifications.suggest_skills(forklift, by=personas.coach)
    mapping = forklift.skills.get(label=FORKLIFT_SKILL)
    qualifications.decide_skill(mapping, MappingStatus.CONFIRMED, by=personas.coach)
    return forklift, receive


def pdf_text_and_images(data: bytes, name: str) -> str:
    """Save the PDF, return its text (pdftotext, whitespace collapsed) and render its pages to
    PNG (pdftoppm). Without poppler-utils the test stops here as skipped."""
    assert data.startswith(b"%PDF"), name
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is missing")
    for old in SHOTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(SHOTS / name)], check=True)
    assert list(SHOTS.glob(f"{name}-*.png")), f"no images of {name}.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def download(page: Any, link_name: str) -> bytes:
    """The file behind the page's link `link_name`, fetched with the page's session."""
    link = page.get_by_role("link", name=link_name)
    expect(link).to_be_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    body: bytes = response.body()
    return body


def fill_agreement(page: Any, start: dt.date, hours: str) -> None:
    page.locator("#id_workplace_mentor").select_option("")
    page.locator("#id_workplace_mentor_name").fill(MENTOR)
    page.locator("#id_workplace_mentor_phone").fill("040 123 4567")
    page.locator("#id_tasks").fill("Tavaran vastaanotto, hyllytys ja trukilla ajo.")
    page.locator("#id_place").fill("Konepaja Virtanen Oy, Kouvola")
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill((start + dt.timedelta(weeks=6)).isoformat())
    page.locator("#id_days_per_week").fill("4")
    for day in ("0", "1", "2", "3"):
        page.locator(f"input[name=weekdays][value='{day}']").check()
    page.locator("input[name=weekdays][value='4']").uncheck()
    page.locator("#id_hours_per_day").fill(hours)
    page.locator("#id_employment_authority").fill("Kouvolan työllisyyspalvelut")
    page.locator("#id_goals").fill("Oppii varaston työt.\nAjaa trukkia turvallisesti.")


def click_and_wait(page: Any, role: str, name: str, **options: Any) -> None:
    with page.expect_navigation():
        page.get_by_role(role, name=name, **options).click()


def test_one_trial_from_start_to_finish(
    personas: Personas, open_as: Any, look: Any, live_server: Any
) -> None:
    forklift, receive = unit_with_a_confirmed_skill(personas)
    place = trial_place(personas)
    participant = personas.participant
    today = timezone.localdate()
    start = today - dt.timedelta(days=7)  # the previous ISO week and this one are open

    # --- the coach: from the case file to a draft that breaks a rule ---------------------------
    coach = open_as("coach", DESKTOP)
    coach.goto(f"/participants/{participant.pk}/")
    coach.get_by_role("link", name=tr("New trial")).click()
    coach.wait_for_url("**/trials/new/")
    coach.locator("#id_place").select_option(str(place.pk))
    coach.locator("#id_title").fill("Varastotyö")
    look(coach, "01-coach-new-trial")
    click_and_wait(coach, "button", tr("Start the trial"))
    coach.wait_for_url("**/agreement/")
    trial = Trial.objects.get(participant=participant)
    look(coach, "02-coach-agreement-empty")
    fill_agreement(coach, start, "10")
    click_and_wait(coach, "button", tr("Save the draft"))
    findings = coach.locator("#findings")
    expect(findings).to_be_visible()
    trial.refresh_from_db()
    finding = lifecycle.findings(trial)[0]
    expect(findings).to_contain_text(finding.title("fi"))
    expect(findings).to_contain_text(finding.source_title)
    expect(findings).to_contain_text(finding.fix("fi"))
    if finding.source_url:
        expect(findings.locator(f"a[href='{finding.source_url}']")).to_have_count(1)
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.DRAFT
    assert trial.agreement.hours_per_day == 10  # the draft is kept
    look(coach, "03-coach-agreement-rule-broken")
    # Nobody can confirm a draft that breaks a rule: the paper signature is refused.
    coach.goto(f"/trials/{trial.pk}/confirm/")
    expect(coach.locator("#findings")).to_contain_text(finding.fix("fi"))
    coach.locator("#id_paper-signer_name").fill(AUTHORITY_SIGNER)
    click_and_wait(coach, "button", tr("Record the signature"))
    expect(coach.get_by_role("alert").first).to_be_visible()
    look(coach, "04-coach-confirm-refused")
    assert not Confirmation.objects.filter(trial=trial).exists()
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.DRAFT

    coach.goto(f"/trials/{trial.pk}/agreement/")
    coach.locator("#id_hours_per_day").fill("6")
    click_and_wait(coach, "button", tr("Save the draft"))
    expect(coach.locator("#findings")).to_have_count(0)
    trial.refresh_from_db()
    assert lifecycle.findings(trial) == []

    # The unit and two of its requirements.
    coach.locator("#unit-q").fill("varasto")
    click_and_wait(coach, "button", tr("Search"))
    coach.locator(f"#unit-{forklift.unit_id}").check()
    coach.locator(f"#req-{forklift.pk}").check()
    coach.locator(f"#req-{receive.pk}").check()
    click_and_wait(coach, "button", tr("Save the units"))
    assert set(trial.requirements.values_list("requirement_id", flat=True)) == {
        forklift.pk,
        receive.pk,
    }
    expect(coach.locator(f"#req-{forklift.pk}")).to_be_checked()
    look(coach, "05-coach-agreement-ready")

    # --- the three parties confirm --------------------------------------------------------------
    for username, party in (("participant", Party.PARTICIPANT), ("employer", Party.ORGANISER)):
        phone = open_as(username)
        phone.goto(f"/trials/{trial.pk}/")
        look(phone, f"06-{username}-trial", phone_only=True)
        phone.get_by_role("link", name=tr("Read and confirm the agreement")).click()
        phone.wait_for_url("**/confirm/")
        expect(phone.get_by_text(FORKLIFT).first).to_be_visible()
        look(phone, f"07-{username}-confirm", phone_only=True)
        with phone.expect_navigation():
            phone.locator(f"main form:has(input[name=party][value={party}]) button").click()
        expect(phone.locator(".party-list")).to_contain_text(tr("Confirmed"))
        look(phone, f"08-{username}-confirmed", phone_only=True)
        assert Confirmation.objects.filter(trial=trial, party=party).exists()

    coach.goto(f"/trials/{trial.pk}/confirm/")
    coach.locator("#id_paper-signer_name").fill(AUTHORITY_SIGNER)
    look(coach, "09-coach-paper-signature")
    click_and_wait(coach, "button", tr("Record the signature"))
    trial.refresh_from_db()
    assert trial.agreement.status == AgreementStatus.AGREED
    look(coach, "10-coach-agreed")

    # --- start, the agreement PDF and the mentor's link -----------------------------------------
    coach.goto(f"/trials/{trial.pk}/")
    click_and_wait(coach, "button", "Aloita kokeilu")
    trial.refresh_from_db()
    assert trial.state == TrialState.RUN
    agreement = pdf_text_and_images(download(coach, tr("Agreement as PDF")), "agreement")
    for expected in (
        participant.full_name,
        UNIT_NAME,
        FORKLIFT,
        MENTOR,
        AUTHORITY_SIGNER,
        personas.employer_contact.get_full_name(),
    ):
        assert expected in agreement, f"{expected!r} not in the agreement PDF"

    coach.locator("#id_mentor_name").fill(MENTOR)
    click_and_wait(coach, "button", tr("Make a link"))
    url = coach.locator("#new-link").input_value()
    assert url.startswith(live_server.url + "/t/") and url.endswith("/")
    look(coach, "11-coach-trial-running-link")

    # --- the workplace mentor without an account, on a phone ------------------------------------
    weeks = wp.open_weeks(trial)
    assert len(weeks) == 2, weeks
    mentor = open_as(None)
    mentor.goto(url + "?lang=fi")
    expect(mentor.locator("h1")).to_have_text(tr("Weekly check-in"))
    look(mentor, "12-mentor-checkin", phone_only=True)
    for week, mood, learnt in (
        (weeks[1], "Went well", "Vastaanotti lavat ja tarkisti rahtikirjat."),
        (weeks[0], "Went fairly well", "Ajoi trukkia ohjatusti hyllyväleissä."),
    ):
        mentor.locator("#id_week_start").select_option(week.isoformat())
        mentor.get_by_text(tr(mood), exact=True).click()
        mentor.get_by_label(tr("What did they learn?")).fill(learnt)
        click_and_wait(mentor, "button", tr("Send"))
        expect(mentor.get_by_text(tr("Thank you! The check-in was saved."))).to_be_visible()
    expect(mentor.get_by_text(tr("You can fill in the next one next week."))).to_be_visible()
    look(mentor, "13-mentor-checkins-done", phone_only=True)
    assert sorted(CheckIn.objects.filter(trial=trial).values_list("week_start", flat=True)) == [
        weeks[1],
        weeks[0],
    ]

    item = trial.requirements.get(requirement=forklift)
    mentor.get_by_role("link", name=tr("Mark skills shown")).click()
    row = mentor.locator(f"#requirement-{item.pk}")
    row.locator("summary").click()
    row.get_by_label(tr("How was it shown?")).fill("Ajoi trukilla lavat hyllyyn turvallisesti.")
    with mentor.expect_navigation():
        row.get_by_role("button", name=tr("Save")).click()
    expect(mentor.locator(f"#requirement-{item.pk} .wp-flag--ok")).to_be_visible()
    look(mentor, "14-mentor-evidence", phone_only=True)
    assert Evidence.objects.get(trial_requirement=item).shown_on == today

    # The coach marks the days so far attended, moves the trial to the final assessment, and
    # the mentor does it through the link.
    coach.goto(f"/trials/{trial.pk}/")
    coach.get_by_role("link", name=tr("Mark the days")).click()
    coach.wait_for_url("**/days/")
    past = list(trial.days.filter(date__lte=today).order_by("date"))
    assert past
    for day in past:
        with coach.expect_navigation():
            coach.locator(f"#day-{day.date.isoformat()}").get_by_role(
                "button", name=tr("Attended")
            ).click()
    look(coach, "15-coach-days")
    assert lifecycle.totals(trial).attended == len(past)
    coach.goto(f"/trials/{trial.pk}/")
    click_and_wait(coach, "button", "Siirry loppuarviointiin")
    trial.refresh_from_db()
    assert trial.state == TrialState.EVALUATE
    look(coach, "16-coach-evaluate")

    mentor.goto(url)
    mentor.get_by_role("link", name=tr("Final assessment")).click()
    # .all() does not wait: list the fieldsets only once the assessment page has loaded.
    mentor.wait_for_url("**/assessment/final/")
    fieldsets = mentor.locator("main form fieldset")
    expect(fieldsets.first).to_be_visible()
    receive_item = trial.requirements.get(requirement=receive)
    for fieldset in fieldsets.all():
        partly = fieldset.get_attribute("id") == f"requirement-{receive_item.pk}"
        fieldset.get_by_text(tr("Partly" if partly else "Shown"), exact=True).click()
    mentor.get_by_label(tr("Summary (optional)")).fill("Oppi nopeasti, trukkikortti tehty.")
    look(mentor, "17-mentor-final-assessment", phone_only=True)
    click_and_wait(mentor, "button", tr("Save the assessment"))
    expect(mentor.get_by_text(tr("Thank you! The assessment was saved."))).to_be_visible()
    look(mentor, "18-mentor-final-assessment-done", phone_only=True)
    assert Assessment.objects.get(trial=trial, kind="final").items.count() == 4

    # --- the certificate ------------------------------------------------------------------------
    coach.goto(f"/trials/{trial.pk}/")
    coach.get_by_role("link", name=tr("Open the certificate")).click()
    coach.wait_for_url("**/certificate/")
    look(coach, "19-coach-certificate-before")
    click_and_wait(coach, "button", tr("Make the certificate"))
    click_and_wait(coach, "button", tr("Sign as the coach"))
    expect(coach.get_by_text(FORKLIFT).first).to_be_visible()
    look(coach, "20-coach-certificate-signed")

    # What came next: a job offer; the trial "continues" before the mentor has signed.
    coach.goto(f"/trials/{trial.pk}/")
    coach.get_by_role("link", name=tr("Record what came next")).click()
    coach.wait_for_url("**/outcome/")
    look(coach, "21-coach-outcome")
    coach.get_by_label(tr("Job offer"), exact=True).check()
    click_and_wait(coach, "button", tr("Save"), exact=True)
    trial.refresh_from_db()
    assert trial.state == TrialState.CONTINUE

    mentor.goto(url + "certificate/")
    expect(mentor.get_by_text(FORKLIFT).first).to_be_visible()
    look(mentor, "22-mentor-certificate", phone_only=True)
    click_and_wait(mentor, "button", tr("Sign as the workplace mentor"))
    expect(mentor.get_by_text(f"{MENTOR} allekirjoitti")).to_be_visible()
    look(mentor, "23-mentor-certificate-signed", phone_only=True)

    coach.goto(f"/trials/{trial.pk}/certificate/")
    click_and_wait(coach, "button", tr("Issue the certificate"))
    expect(coach.get_by_text(tr("Issued"), exact=True)).to_be_visible()
    coach.get_by_label(FORKLIFT_SKILL).check()
    click_and_wait(coach, "button", tr("Add to the profile"))
    expect(coach.get_by_text(tr("In the profile")).first).to_be_visible()
    look(coach, "24-coach-certificate-issued")
    certificate = pdf_text_and_images(
        download(coach, tr("Download the certificate (PDF)")), "certificate"
    )
    for expected in (
        participant.full_name,
        UNIT_NAME,
        FORKLIFT,
        "Ajoi trukilla lavat hyllyyn turvallisesti.",
        MENTOR,
        personas.coach.get_full_name(),
    ):
        assert expected in certificate, f"{expected!r} not in the certificate PDF"

    # --- the participant's profile ----------------------------------------------------------------
    coach.goto(f"/participants/{participant.pk}/profile/")
    skill = coach.locator("li, tr, article").filter(has_text=FORKLIFT_SKILL).last
    expect(skill).to_contain_text(tr("Shown in a work trial"))
    look(coach, "25-coach-profile")
    item_in_profile = ProfileItem.objects.get(participant=participant, label=FORKLIFT_SKILL)
    assert item_in_profile.source == ItemSource.WORK_TRIAL


def test_participant_reads_and_confirms_in_swedish(
    personas: Personas, open_as: Any, look: Any
) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    phone = open_as("participant")
    phone.goto(f"/trials/{trial.pk}/")
    choose_language(phone, "sv")
    expect(phone.locator("h1")).to_contain_text(trial.title)
    look(phone, "sv-participant-trial", phone_only=True, language="sv")
    phone.get_by_role("link", name=tr("Read and confirm the agreement", "sv")).click()
    phone.wait_for_url("**/confirm/")
    look(phone, "sv-participant-confirm", phone_only=True, language="sv")
    with phone.expect_navigation():
        phone.locator(f"main form:has(input[name=party][value={Party.PARTICIPANT}]) button").click()
    expect(phone.locator(".party-list")).to_contain_text(tr("Confirmed", "sv"))
    look(phone, "sv-participant-confirmed", phone_only=True, language="sv")
    assert Confirmation.objects.filter(trial=trial, party=Party.PARTICIPANT).exists()
