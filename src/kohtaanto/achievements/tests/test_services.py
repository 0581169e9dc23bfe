"""Issuing, versions, keys, revocation and verification on the Django side."""

from __future__ import annotations

import copy
import json
import logging

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core import serializers
from django.utils import translation

from kohtaanto.achievements import keys, services, verification
from kohtaanto.achievements.enums import CredentialState, RecipientChoice
from kohtaanto.achievements.models import AchievementVersion, ImmutableError, IssuerKey
from kohtaanto.achievements.tests.helpers import (
    IMMEDIATE,
    completed_digcomp,
    consenting,
    digcomp_badge,
    issue,
)
from kohtaanto.badges.credentials import identity_hash
from kohtaanto.core.errors import Conflict, PermissionDenied, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.consent import withdraw_consent
from kohtaanto.people.enums import ConsentPurpose

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


def test_issued_digcomp_badge_is_signed_by_the_task_and_verifies(
    personas, django_capture_on_commit_callbacks
):
    badge = digcomp_badge(personas)
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, badge)
    credential.refresh_from_db()
    assert credential.state == CredentialState.ISSUED
    signed = credential.credential
    subject = signed["credentialSubject"]
    assert subject["achievement"]["name"] == "Digitaidot: tiedon etsiminen"
    assert subject["achievement"]["alignment"][0]["targetCode"] == "1.1/3"
    identity = subject["identifier"][0]
    assert identity["identityHash"] == identity_hash(personas.participant.email, identity["salt"])
    assert personas.participant.email not in json.dumps(signed)
    assert signed["issuer"]["id"].startswith("did:key:z6Mk")
    result = verification.verify(json.dumps(signed))
    assert result.verified, result.checks
    assert AuditEvent.objects.filter(
        object_type="achievements.issuedcredential", object_id=str(credential.pk), action="create"
    ).exists()


def test_tampered_credential_fails(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, digcomp_badge(personas))
    credential.refresh_from_db()
    tampered = copy.deepcopy(credential.credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Digitaidot: edistynyt"
    result = verification.verify(json.dumps(tampered))
    assert not result.verified
    assert result.signature.code == "invalid_signature"


def test_withdrawn_consent_refuses_issuing_with_the_reason(personas):
    badge = digcomp_badge(personas)
    participant = consenting(personas)
    withdraw_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    attempt = completed_digcomp(participant)
    with pytest.raises(Conflict) as error:
        services.issue_badge(
            personas.coach,
            participant,
            badge.current_version,
            services.evidence_from_digcomp(participant, attempt.pk),
        )
    assert error.value.code == "no_consent"
    with translation.override("fi"):
        assert "suostumusta" in str(error.value.message)
    with translation.override("sv"):
        assert "samtycke" in str(error.value.message)


def test_only_own_coach_or_coordinator_issues(personas):
    badge = digcomp_badge(personas)
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    evidence = services.evidence_from_digcomp(participant, attempt.pk)
    for user in (personas.outsider, personas.mentor, personas.analyst, personas.participant_user):
        with pytest.raises(ParticipantNotFound):
            services.issue_badge(user, participant, badge.current_version, evidence)
    with pytest.raises(PermissionDenied):
        digcomp_badge(personas) and services.create_achievement(
            personas.coach, personas.organisation, "course", name_fi="x"
        )


def test_unfinished_digcomp_is_no_evidence(personas):
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    attempt.completed_at = None
    attempt.save()
    with pytest.raises(ValidationFailed):
        services.evidence_from_digcomp(participant, attempt.pk)


def test_changed_criterion_makes_a_new_version_and_issued_keep_theirs(
    personas, django_capture_on_commit_callbacks
):
    badge = digcomp_badge(personas)
    with django_capture_on_commit_callbacks(execute=True):
        first = issue(personas, badge)
    same = services.change_achievement(
        personas.coordinator, badge, name_fi=badge.current_version.name_fi
    )
    assert same.number == 1
    new = services.change_achievement(personas.coordinator, badge, criteria_fi="Uusi kriteeri.")
    assert new.number == 2
    first.refresh_from_db()
    assert first.version.number == 1
    assert first.credential["credentialSubject"]["achievement"]["version"] == "1"
    with pytest.raises(ImmutableError):
        first.version.save()
    assert AchievementVersion.objects.filter(achievement=badge).count() == 2


def test_did_as_identifier_and_none_without_email(personas, django_capture_on_commit_callbacks):
    badge = digcomp_badge(personas)
    did = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, badge, recipient=RecipientChoice.DID, did=did)
    credential.refresh_from_db()
    assert credential.credential["credentialSubject"]["id"] == did
    personas.caseload_participant.email = ""
    personas.caseload_participant.save()
    from kohtaanto.people.consent import give_consent

    give_consent(
        personas.caseload_participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach
    )
    attempt = completed_digcomp(personas.caseload_participant)
    with django_capture_on_commit_callbacks(execute=True):
        anonymous = services.issue_badge(
            personas.coach,
            personas.caseload_participant,
            badge.current_version,
            services.evidence_from_digcomp(personas.caseload_participant, attempt.pk),
        )
    anonymous.refresh_from_db()
    subject = anonymous.credential["credentialSubject"]
    assert "id" not in subject and "identifier" not in subject
    assert verification.verify(anonymous.credential).verified


def test_revocation_shows_in_the_verifier_and_needs_a_reason(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, digcomp_badge(personas))
    credential.refresh_from_db()
    assert verification.verify(credential.credential).status.code == "ok"
    with pytest.raises(ValidationFailed):
        services.revoke_badge(personas.coach, credential, "  ")
    with pytest.raises(ParticipantNotFound):
        services.revoke_badge(personas.outsider, credential, "Virhe")
    services.revoke_badge(personas.coach, credential, "Myönnetty väärälle henkilölle")
    result = verification.verify(credential.credential)
    assert result.status.code == "revoked"
    assert not result.verified
    assert AuditEvent.objects.filter(
        object_id=str(credential.pk), action="change", object_type="achievements.issuedcredential"
    ).exists()


def test_did_web_issuer_and_rotation_keeps_old_credentials_verifiable(
    personas, django_capture_on_commit_callbacks
):
    services.set_domain(personas.coordinator, personas.organisation, "polku.example.fi")
    badge = digcomp_badge(personas)
    with django_capture_on_commit_callbacks(execute=True):
        old = issue(personas, badge)
    old.refresh_from_db()
    assert old.credential["issuer"]["id"] == "did:web:polku.example.fi"
    keys.rotate_key(personas.organisation)
    assert IssuerKey.objects.filter(organisation=personas.organisation).count() == 2
    document = services.did_document("polku.example.fi")
    assert len(document["assertionMethod"]) == 2
    assert verification.verify(old.credential).verified
    with django_capture_on_commit_callbacks(execute=True):
        second = issue(personas, badge)
    second.refresh_from_db()
    keys.rotate_key(personas.organisation, compromised=True)  # the second key leaked
    assert verification.verify(second.credential).signature.code == "unknown_key"
    assert verification.verify(old.credential).verified


def test_bad_input_gives_a_reason_never_an_error(personas):
    for text, code in (
        ("not json", "not_json"),
        ("eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln", "jwt"),
        (
            json.dumps({"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}),
            "ob2_assertion",
        ),
        ("x" * 1_000_001, "too_large"),
    ):
        result = verification.verify(text)
        assert result.format.code == code
        assert verification.explain(result)["verified"] is False


def test_key_never_in_admin_export_or_log(personas, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        issue(personas, digcomp_badge(personas))
    key = IssuerKey.objects.get()
    assert key.sealed_key not in caplog.text
    assert key.sealed_key not in repr(key) and key.sealed_key not in str(key)
    assert IssuerKey not in admin_site._registry
    signing = keys.signing_key_of(key)
    assert "sealed" not in repr(signing)
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(signing)
    # The sealed text opens only with its KEK and on its own row.
    assert key.sealed_key.startswith("kohtaanto-ed25519-aes256gcm-v1:")
    assert serializers.serialize("json", [key])  # (a raw dump is an operator's act, not ours)


def test_reseal_moves_keys_to_a_new_kek(personas, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, digcomp_badge(personas))
    old_text = settings.BADGE_KEK_GENERATED_FILE.read_text()
    from kohtaanto.badges.keys import KeyEncryptionKey

    settings.BADGE_KEK = "2:" + KeyEncryptionKey.new_text()
    settings.BADGE_OLD_KEKS = "1:" + old_text
    assert keys.reseal_all() == 1
    settings.BADGE_OLD_KEKS = ""
    key = IssuerKey.objects.get()
    assert key.sealed_key.split(":")[1] == "2"
    services.revoke_badge(personas.coach, credential, "testi")  # signs with the resealed key
    credential.refresh_from_db()
    assert verification.verify(credential.credential).status.code == "revoked"


def test_badge_keys_command_rotates_and_prints_no_secret(personas, capsys):
    from django.core.management import call_command

    first = keys.current_key(personas.organisation)
    call_command("badge_keys", "--rotate", str(personas.organisation.pk))
    out = capsys.readouterr().out
    second = keys.current_key(personas.organisation)
    assert second.pk != first.pk and second.fragment in out
    assert first.sealed_key not in out and second.sealed_key not in out
    call_command("badge_keys", "--new-kek")
    assert len(capsys.readouterr().out.strip()) == 43


def test_signing_without_a_kek_marks_the_badge_not_issued(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.BADGE_KEK_GENERATED_FILE = None  # as in production without KOHTAANTO_BADGE_KEK
    with django_capture_on_commit_callbacks(execute=True):
        credential = issue(personas, digcomp_badge(personas))
    credential.refresh_from_db()
    assert credential.state == CredentialState.FAILED
    assert credential.credential is None


def test_the_participants_export_holds_their_badges_but_no_key(
    personas, django_capture_on_commit_callbacks
):
    from kohtaanto.people import exports

    with django_capture_on_commit_callbacks(execute=True):
        issue(personas, digcomp_badge(personas))
    data = exports.collect(personas.participant)
    (badge,) = data["badges"]
    assert badge["badge"] == "Digitaidot: tiedon etsiminen (1)"
    assert badge["credential"]["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert IssuerKey.objects.get().sealed_key not in json.dumps(data, default=str)


def test_production_without_a_kek_fails_the_system_check_and_a_bad_kek_too(settings):
    from django.core import checks

    from kohtaanto.achievements.checks import check_badge_kek

    settings.BADGE_KEK_GENERATED_FILE = None  # production without KOHTAANTO_BADGE_KEK
    (error,) = check_badge_kek()
    assert error.id == "kohtaanto.E101" and "KOHTAANTO_BADGE_KEK" in error.msg
    assert error.id in {e.id for e in checks.run_checks(tags=[checks.Tags.security])}
    settings.BADGE_KEK = "not-a-key"
    (error,) = check_badge_kek()
    assert error.id == "kohtaanto.E102" and "not-a-key" not in error.msg
    from kohtaanto.badges.keys import KeyEncryptionKey

    settings.BADGE_KEK = KeyEncryptionKey.new_text()
    assert check_badge_kek() == []


def test_generated_kek_file_is_private_from_the_start_and_kept(settings, tmp_path):
    import os
    import stat

    path = tmp_path / "data" / "badge_kek"
    settings.BADGE_KEK_GENERATED_FILE = path
    previous = os.umask(0o022)
    try:
        first = keys.keks().current
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["badge_kek"]  # no temporary left
    assert keys.keks().current == first  # read again, not generated again


def test_did_key_rotation_keeps_old_badges_verifying_and_revocable(
    personas, django_capture_on_commit_callbacks
):
    # Without a domain the issuer is the did:key of the current key: a rotation makes a new
    # issuer DID, and the old badges' status list stays signed by the old (retired) key.
    badge = digcomp_badge(personas)
    with django_capture_on_commit_callbacks(execute=True):
        old = issue(personas, badge)
    old.refresh_from_db()
    keys.rotate_key(personas.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        new = issue(personas, badge)
    new.refresh_from_db()
    assert new.credential["issuer"]["id"] != old.credential["issuer"]["id"]
    assert verification.verify(old.credential).verified
    assert verification.verify(new.credential).verified
    services.revoke_badge(personas.coach, old, "Myönnetty vahingossa")
    assert verification.verify(old.credential).status.code == "revoked"
    assert verification.verify(new.credential).verified


def _error_report(rf) -> str:
    """The debug page and text report of the error a malformed KEK raises (this frame holds
    no KEK of its own)."""
    from django.views.debug import ExceptionReporter

    try:
        keys.keks()
    except Exception as error:
        reporter = ExceptionReporter(rf.get("/"), type(error), error, error.__traceback__)
        return reporter.get_traceback_text() + reporter.get_traceback_html()
    raise AssertionError("a malformed KEK was accepted")


def test_error_reports_hide_the_kek(settings, rf):
    from django.views.debug import get_default_exception_reporter_filter

    from kohtaanto.badges.keys import KeyEncryptionKey

    old = KeyEncryptionKey.new_text()
    settings.BADGE_OLD_KEKS = "old:" + old
    settings.BADGE_KEK = "2:" + old[:-3] + "!!!"  # malformed: raises inside _parse_kek
    safe = get_default_exception_reporter_filter().get_safe_settings()
    assert old not in str(safe["BADGE_KEK"]) and old not in str(safe["BADGE_OLD_KEKS"])
    report = _error_report(rf)
    assert old[:20] not in report


def test_consent_withdrawn_while_the_badge_waits_for_signing_leaves_it_unsigned(
    personas, settings, django_capture_on_commit_callbacks
):
    from kohtaanto.achievements.models import IssuedCredential

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    badge = digcomp_badge(personas)
    with django_capture_on_commit_callbacks(execute=True):
        queued = issue(personas, badge)  # queued: no worker has run yet
    assert IssuedCredential.objects.get(pk=queued.pk).state == CredentialState.QUEUED
    withdraw_consent(queued.participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    signed = services.sign_issued(queued.pk)
    assert signed.state == CredentialState.FAILED and signed.credential is None
    assert not IssuerKey.objects.exists()  # nothing was even signed
