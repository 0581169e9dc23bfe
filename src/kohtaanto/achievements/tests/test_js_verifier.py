"""A credential issued through Kohtaanto's Django side (service, task, sealed key, status list)
verifies in Digital Bazaar's JavaScript libraries and matches the OB 3.0 JSON Schema; the same
credential tampered with, or revoked, fails there too."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.utils import timezone

from kohtaanto.achievements import services, verification
from kohtaanto.achievements.models import IssuedCredential, StatusList
from kohtaanto.achievements.tests.helpers import IMMEDIATE, digcomp_badge, issue
from kohtaanto.badges.tests.test_js_verifier import js_verify
from kohtaanto.badges.tests.test_js_verifier import pytestmark as needs_node

pytestmark = [pytest.mark.django_db, needs_node]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


def _bundle(issued: IssuedCredential, credential: dict[str, Any]) -> dict[str, Any]:
    status_list = StatusList.objects.get(pk=issued.status_list_id)
    documents = {services.status_list_url(status_list): services.published_status_list(status_list)}
    domain = services.domain_of(issued.organisation)
    if domain:
        documents[f"https://{domain}/.well-known/did.json"] = services.did_document(domain)
    return {"credential": credential, "documents": documents, "now": timezone.now().isoformat()}


@pytest.mark.parametrize("domain", ["", "polku.example.fi"])
def test_django_issued_credential_verifies_in_javascript(
    personas, domain, django_capture_on_commit_callbacks
):
    if domain:
        services.set_domain(personas.coordinator, personas.organisation, domain)
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue(personas, digcomp_badge(personas))
    issued.refresh_from_db()
    result = js_verify(_bundle(issued, issued.credential), "--schema")
    assert result["verified"] is True, result["errors"]
    assert result["schema"]["valid"] is True, result["schema"]

    tampered = copy.deepcopy(issued.credential)
    tampered["credentialSubject"]["achievement"]["criteria"]["narrative"] = "Ei mitään."
    assert js_verify(_bundle(issued, tampered))["verified"] is False
    assert verification.verify(tampered).signature.code == "invalid_signature"

    services.revoke_badge(personas.coach, issued, "Testi")
    issued.refresh_from_db()
    revoked = js_verify(_bundle(issued, issued.credential))
    assert revoked["verified"] is False and revoked["revoked"] is True
    assert verification.verify(issued.credential).status.code == "revoked"
