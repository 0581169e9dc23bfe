"""The coordinator's privacy pages: request → review → confirm, retention settings and run
reports, held records (audited); in fi/sv/en; 404 for everyone else."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.conf import settings
from django.urls import reverse

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.models import Participant
from kohtaanto.privacy.models import Erasure, HeldRecord, RetentionOverride, RetentionRun
from kohtaanto.privacy.tests import rich

pytestmark = pytest.mark.django_db


def _lang(client, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def test_request_review_confirm(personas, coordinator_client, client_for):
    person = personas.unassigned_participant
    funded = rich.project(personas)
    person.project_enrolments.create(project=funded, entered=funded.starts)
    page = coordinator_client.post(reverse("privacy:erasures"), {"participant": person.pk})
    review = reverse("privacy:erase", args=[person.pk])
    assert page.status_code == 302 and page["Location"] == review
    shown = coordinator_client.get(review)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert person.last_name in html and funded.name in html
    assert "2021/1060" in html  # the hold's reason
    # reading the record to review it is audited
    assert AuditEvent.objects.filter(
        participant_id=person.pk, action=AuditAction.VIEW, actor=personas.coordinator
    ).exists()
    # no confirmation: nothing happens
    refused = coordinator_client.post(review, {"reason": "request"})
    assert refused.status_code == 200 and Participant.objects.filter(pk=person.pk).exists()
    done = coordinator_client.post(review, {"reason": "request", "confirm": "on"})
    assert done.status_code == 302 and done["Location"] == reverse("privacy:erasures")
    assert not Participant.objects.filter(pk=person.pk).exists()
    assert Erasure.objects.get().participant_ref == person.pk
    assert coordinator_client.get(review).status_code == 404
    assert (
        coordinator_client.get(reverse("participant_detail", args=[person.pk])).status_code == 404
    )
    listing = coordinator_client.get(reverse("privacy:erasures")).content.decode()
    held = HeldRecord.objects.get()
    assert reverse("privacy:held", args=[held.pk]) in listing
    detail = coordinator_client.get(reverse("privacy:held", args=[held.pk]))
    assert detail.status_code == 200 and person.last_name in detail.content.decode()
    assert AuditEvent.objects.filter(
        object_type="privacy.heldrecord", object_id=str(held.pk), action=AuditAction.VIEW
    ).exists()
    for user in (personas.coach, personas.analyst, personas.outsider):
        assert client_for(user).get(reverse("privacy:held", args=[held.pk])).status_code == 404


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ("Henkilötietojen säilytys", "Asiakkuustiedot")),
        ("sv", ("Lagring av personuppgifter", "Klientuppgifter")),
        ("en", ("Retention of personal data", "Case files")),
    ],
)
def test_retention_page_in_three_languages(personas, coordinator_client, lang, words):
    html = _lang(coordinator_client, lang).get(reverse("privacy:overview")).content.decode()
    for word in words:
        assert word in html


def test_the_coordinators_home_links_here(personas, coordinator_client):
    html = coordinator_client.get("/").content.decode()
    assert reverse("privacy:overview") in html


def test_retention_settings_and_dry_run(personas, coordinator_client):
    page = coordinator_client.get(reverse("privacy:overview"))
    form = page.context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["case_files"] = 7
    saved = coordinator_client.post(reverse("privacy:overview"), data)
    assert saved.status_code == 302
    assert RetentionOverride.objects.get(organisation=personas.organisation).value == 7
    data["report_files"] = 30  # over its maximum
    refused = coordinator_client.post(reverse("privacy:overview"), data)
    assert refused.status_code == 200 and "report_files" in refused.context["form"].errors
    ran = coordinator_client.post(reverse("privacy:dry-run"))
    run = RetentionRun.objects.get()
    assert ran.status_code == 302 and run.dry_run and run.by == personas.coordinator
    report = coordinator_client.get(reverse("privacy:run", args=[run.pk]))
    assert report.status_code == 200


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ("Samat koko palvelussa", "Vanhentuneet istunnot", "90 päivää")),
        ("sv", ("Samma i hela tjänsten", "Utgångna sessioner", "90 dagar")),
        ("en", ("The same for the whole service", "Expired sessions", "90 days")),
    ],
)
def test_system_wide_rules_are_shown_but_not_offered(personas, coordinator_client, lang, words):
    page = _lang(coordinator_client, lang).get(reverse("privacy:overview"))
    fields = set(page.context["form"].fields)
    assert {"sessions", "login_attempts"}.isdisjoint(fields)
    assert {"invitations_used", "login_links", "import_uploads"} <= fields
    html = page.content.decode()
    for word in words:
        assert word in html
    # posted anyway, a system-wide length is ignored
    data = {name: field.initial for name, field in page.context["form"].fields.items()}
    saved = coordinator_client.post(reverse("privacy:overview"), {**data, "sessions": 20})
    assert saved.status_code == 302
    assert not RetentionOverride.objects.filter(rule="sessions").exists()


def test_the_run_report_shows_the_organisations_rules_in_order(personas, coordinator_client):
    coordinator_client.post(reverse("privacy:dry-run"))
    run = RetentionRun.objects.get()
    page = coordinator_client.get(reverse("privacy:run", args=[run.pk]))
    labels = [label for label, _count in page.context["counts"]]
    assert labels[:3] == [
        "Asiakkuustiedot palvelun päättymisen jälkeen",
        "Hyväksymättömät kutsut",
        "Käytetyt kutsut",
    ]
    assert "Vanhentuneet istunnot" not in labels  # system-wide: not this organisation's count


def test_other_people_get_404(personas, client_for):
    urls = [
        ("get", reverse("privacy:overview")),
        ("get", reverse("privacy:erasures")),
        ("get", reverse("privacy:erase", args=[personas.unassigned_participant.pk])),
        ("post", reverse("privacy:dry-run")),
    ]
    for user in (personas.coach, personas.analyst, personas.participant_user, personas.outsider):
        client = client_for(user)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 404, (user, url)
    # a coordinator cannot erase another organisation's participant
    coordinator = client_for(personas.coordinator)
    url = reverse("privacy:erase", args=[personas.other_participant.pk])
    assert coordinator.get(url).status_code == 404
    assert coordinator.post(url, {"reason": "request", "confirm": "on"}).status_code == 404
    assert Participant.objects.filter(pk=personas.other_participant.pk).exists()


def test_cli_plan_erase_and_retention(personas):
    from kohtaanto.cli.privacy import privacy

    runner = CliRunner()
    person = personas.caseload_participant
    plan = runner.invoke(privacy, ["erase", str(person.pk), "--reason", "request"])
    assert plan.exit_code == 0, plan.output
    shown = json.loads(plan.output)
    assert shown["erased"] is False and shown["remove"]["people.Participant"] == 1
    assert person.last_name not in plan.output
    assert Participant.objects.filter(pk=person.pk).exists()
    done = runner.invoke(privacy, ["erase", str(person.pk), "--reason", "request", "--yes"])
    assert done.exit_code == 0 and json.loads(done.output)["erased"] is True
    assert not Participant.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(
        participant_id=person.pk, action=AuditAction.DELETE, actor__isnull=True
    ).exists()
    missing = runner.invoke(privacy, ["erase", "999999", "--reason", "request"])
    assert missing.exit_code == 1
    dry = runner.invoke(privacy, ["retention", "--dry-run", "--now"])
    assert dry.exit_code == 0 and json.loads(dry.output.splitlines()[-1])["dry_run"] is True
    listed = runner.invoke(privacy, ["rules"])
    scopes = {rule["id"]: rule["scope"] for rule in json.loads(listed.output)["rules"]}
    assert scopes["case_files"] == "organisation" and scopes["sessions"] == "system"
