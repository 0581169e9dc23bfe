"""Badge pages: issuing from DigComp on the case file, revoking, the wallet, sharing and hiding,
the public verifier (page and JSON, bad input never a 500), the did:web document, status list."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kohtaanto.achievements import services
from kohtaanto.achievements.models import IssuedCredential
from kohtaanto.achievements.tests.helpers import (
    IMMEDIATE,
    completed_digcomp,
    consenting,
    digcomp_badge,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _immediate_tasks(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.BADGE_KEK = ""
    settings.BADGE_KEK_GENERATED_FILE = tmp_path / "badge_kek"


def _issue_on_page(personas, django_capture_on_commit_callbacks) -> IssuedCredential:
    badge = digcomp_badge(personas)
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coach)
    url = f"/participants/{participant.pk}/badges/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Myönnä osaamismerkki" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "version": badge.current_version.pk,
                "evidence": f"digcomp:{attempt.pk}",
                "recipient": "email_hash",
            },
        )
    assert response.status_code == 302
    issued = IssuedCredential.objects.get(participant=participant)
    assert issued.state == "issued"
    return issued


def test_coach_issues_from_digcomp_and_the_public_page_verifies_in_finnish(
    personas, django_capture_on_commit_callbacks
):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="fi")
    page = anonymous.post("/verify/", {"credential": json.dumps(issued.credential)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Merkki on aito ja voimassa." in text
    assert "Digitaidot: tiedon etsiminen" in text
    assert personas.participant.email not in text
    assert personas.participant.last_name not in text
    upload = SimpleUploadedFile("badge.json", json.dumps(issued.credential).encode())
    assert "Merkki on aito" in anonymous.post("/verify/", {"file": upload}).content.decode()
    shared = f"http://localhost:8000/badges/shared/{issued.share_token}/"
    assert "Merkki on aito" in anonymous.post("/verify/", {"url": shared}).content.decode()
    other = anonymous.post("/verify/", {"url": "https://example.org/badge.json"})
    assert other.status_code == 200 and "Vain" in other.content.decode()


def test_revoking_on_the_page_shows_in_the_verifier_api(
    personas, django_capture_on_commit_callbacks
):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    client = Client()
    client.force_login(personas.coach)
    url = f"/participants/{issued.participant_id}/badges/{issued.pk}/revoke/"
    page = client.get(f"/participants/{issued.participant_id}/badges/", HTTP_ACCEPT_LANGUAGE="fi")
    assert "Miksi merkki perutaan? (Syy ei näy julkisesti.)" in page.content.decode()
    assert "Peru merkki" in page.content.decode()
    client.post(url, {"reason": ""})
    issued.refresh_from_db()
    assert issued.revoked_at is None
    client.post(url, {"reason": "Myönnetty vahingossa"})
    issued.refresh_from_db()
    assert issued.revoked_reason == "Myönnetty vahingossa"
    api = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = api.post(
        "/verify/api/", json.dumps(issued.credential), content_type="application/json"
    )
    body = response.json()
    assert body["verified"] is False
    status = next(c for c in body["checks"] if c["check"] == "status")
    assert status["code"] == "revoked"
    assert status["text"] == "The issuer has revoked the badge."
    listed = Client().get(
        issued.credential["credentialStatus"]["statusListCredential"].removeprefix(
            "http://localhost:8000"
        )
    )
    assert listed.status_code == 200 and listed["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln",
        json.dumps({"@context": "https://w3id.org/openbadges/v2", "type": "Assertion"}).encode(),
        b"[1, 2]",
        b"x" * 1_000_001,
        b"\xff\xfe",
        b"",
    ],
)
def test_bad_input_to_the_api_is_a_verdict_not_an_error(personas, body):
    response = Client(HTTP_ACCEPT_LANGUAGE="sv").post(
        "/verify/api/", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["verified"] is False


def test_tampered_credential_on_the_page(personas, django_capture_on_commit_callbacks):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    tampered = copy.deepcopy(issued.credential)
    tampered["validFrom"] = "2020-01-01T00:00:00Z"
    page = Client(HTTP_ACCEPT_LANGUAGE="fi").post("/verify/", {"credential": json.dumps(tampered)})
    assert "Merkkiä ei voitu vahvistaa." in page.content.decode()


def test_wallet_download_share_and_hide(personas, django_capture_on_commit_callbacks):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    own = Client()
    own.force_login(personas.participant_user)
    page = own.get("/my/badges/")
    assert issued.share_token in page.content.decode()
    download = own.get(f"/my/badges/{issued.pk}/download/")
    assert json.loads(download.content) == issued.credential
    shared = Client().get(f"/badges/shared/{issued.share_token}/")
    assert shared.status_code == 200
    own.post(f"/my/badges/{issued.pk}/hide/", {"hidden": "1"})
    assert Client().get(f"/badges/shared/{issued.share_token}/").status_code == 404
    other = Client()
    other.force_login(personas.coach)
    assert other.get(f"/my/badges/{issued.pk}/download/").status_code == 404


def test_did_web_document_issuer_and_achievement_are_public(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["polku.example.fi", "testserver"]
    services.set_domain(personas.coordinator, personas.organisation, "polku.example.fi")
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    document = Client().get("/.well-known/did.json", HTTP_HOST="polku.example.fi").json()
    assert document["id"] == "did:web:polku.example.fi"
    assert "sealed" not in json.dumps(document)
    assert Client().get("/.well-known/did.json").status_code == 404
    profile = Client().get(f"/badges/issuers/{personas.organisation.pk}/").json()
    assert profile["id"] == "did:web:polku.example.fi"
    achievement = Client().get(f"/badges/achievements/{issued.version_id}/").json()
    assert achievement["name"] == "Digitaidot: tiedon etsiminen"


def test_coordinator_adds_and_changes_a_badge_making_a_new_version(personas):
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coordinator)
    assert client.get("/badges/manage/").status_code == 200
    data = {
        "kind": "course",
        "name_fi": "Työnhaun kurssi",
        "description_fi": "Kurssi työnhausta.",
        "criteria_fi": "Osallistui kaikkiin viiteen tapaamiseen.",
        "esco_skills": "http://data.europa.eu/esco/skill/abc hakea työtä",
        "qualification_units": "Työelämätaidot: osaa kertoa osaamisestaan",
    }
    assert client.post("/badges/manage/", data).status_code == 302
    achievement = personas.organisation.achievements.get()
    version = achievement.current_version
    assert version.esco_skills == [
        {"uri": "http://data.europa.eu/esco/skill/abc", "label": "hakea työtä"}
    ]
    changed = {**data, "criteria_fi": "Osallistui neljään tapaamiseen.", "edit": achievement.pk}
    assert client.post("/badges/manage/", changed).status_code == 302
    assert achievement.versions.count() == 2
    bad = client.post("/badges/manage/", {**data, "kind": "digital_skills"})
    assert "DigComp-osaamisalue" in bad.content.decode()
    assert client.post("/badges/manage/", {"domain": "ei domain"}).status_code == 200
    client.post("/badges/manage/", {"domain": "polku.example.fi"})
    assert services.domain_of(personas.organisation) == "polku.example.fi"
    coach = Client()
    coach.force_login(personas.coach)
    assert coach.get("/badges/manage/").status_code == 404


def test_issuing_from_a_trial_certificate_and_from_group_attendance(
    personas, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone
    from tests.factories_trials import make_trial

    from kohtaanto.achievements.enums import AchievementKind
    from kohtaanto.groups.enums import AttendanceMark, GroupKind
    from kohtaanto.groups.models import Attendance, Group, GroupSession
    from kohtaanto.trials.models import Certificate

    participant = consenting(personas)
    trial_badge = services.create_achievement(
        personas.coordinator,
        personas.organisation,
        AchievementKind.WORK_TRIAL,
        name_fi="Varastotyön osaaminen",
        description_fi="Osoitettu työkokeilussa.",
        criteria_fi="Työpaikkaohjaaja arvioi osaamisen.",
        qualification_units=[{"unit": "Varastopalvelut", "requirements": "vastaanottaa tavaroita"}],
    )
    group_badge = services.create_achievement(
        personas.coordinator,
        personas.organisation,
        AchievementKind.GROUP,
        name_fi="Työnhakuryhmä",
        description_fi="Osallistui ryhmään.",
        criteria_fi="Läsnä ainakin kerran.",
    )
    unissued = Certificate.objects.create(trial=make_trial(personas), reference="T-1")
    group = Group.objects.create(
        organisation=personas.organisation, name="Työnhakuryhmä", kind=GroupKind.values[0]
    )
    start = timezone.now() - dt.timedelta(days=2)
    session = GroupSession.objects.create(group=group, starts=start, ends=start)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coach)
    url = f"/participants/{participant.pk}/badges/"
    refused = client.post(
        url, {"version": trial_badge.current_version.pk, "evidence": f"trial:{unissued.pk}"}
    )
    assert "osaamistodistuksen perusteella" in refused.content.decode()
    refused = client.post(
        url, {"version": group_badge.current_version.pk, "evidence": f"group:{group.pk}"}
    )
    assert "ryhmään, johon henkilö on osallistunut" in refused.content.decode()
    Certificate.objects.filter(pk=unissued.pk).update(issued_at=timezone.now())
    Attendance.objects.create(session=session, participant=participant, mark=AttendanceMark.PRESENT)
    page = client.get(url).content.decode()
    assert f"trial:{unissued.pk}" in page and f"group:{group.pk}" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"version": trial_badge.current_version.pk, "evidence": f"trial:{unissued.pk}"}
        )
        client.post(
            url, {"version": group_badge.current_version.pk, "evidence": f"group:{group.pk}"}
        )
    issued = {b.source: b for b in IssuedCredential.objects.filter(participant=participant)}
    assert set(issued) == {"trial", "group"}
    narrative = issued["trial"].credential["credentialSubject"]["achievement"]["criteria"]
    assert "Varastopalvelut: vastaanottaa tavaroita" in narrative["narrative"]
    assert issued["group"].source_id == group.pk


def test_coordinator_issues_a_training_badge_to_a_volunteer_who_sees_it(
    personas, django_capture_on_commit_callbacks
):
    from kohtaanto.achievements.tests.helpers import training_badge, volunteer_with_training

    volunteer, record = volunteer_with_training(personas)
    badge = training_badge(personas)
    coordinator = Client(HTTP_ACCEPT_LANGUAGE="fi")
    coordinator.force_login(personas.coordinator)
    assert (
        f"/badges/volunteers/{volunteer.pk}/" in coordinator.get("/badges/manage/").content.decode()
    )
    url = f"/badges/volunteers/{volunteer.pk}/"
    assert "Vertaisohjaajan peruskoulutus" in coordinator.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            url, {"version": badge.current_version.pk, "training": record.pk}
        )
    assert response.status_code == 302
    issued = IssuedCredential.objects.get(volunteer=volunteer)
    assert issued.state == "issued" and issued.participant is None
    coach = Client()
    coach.force_login(personas.coach)
    assert coach.get(url).status_code == 404
    mentor = Client()
    mentor.force_login(personas.mentor)
    assert issued.share_token in mentor.get("/my/badges/").content.decode()
    assert mentor.get(f"/my/badges/{issued.pk}/download/").json() == issued.credential
    coordinator.post(f"{url}{issued.pk}/revoke/", {"reason": "Koulutus jäi kesken"})
    issued.refresh_from_db()
    assert issued.revoked_reason == "Koulutus jäi kesken"


@pytest.mark.parametrize("wrong", ["1" + "0" * 29, "²", "abc"])
def test_evidence_that_names_no_record_is_a_reason_not_a_server_error(personas, wrong):
    """The evidence's number as a tampered form may send it: a number no database id can be
    (SQLite refuses it in a join), "²" (a digit to `str.isdigit`, not to `int`) or a word."""
    from kohtaanto.achievements.tests.helpers import training_badge, volunteer_with_training

    badge = digcomp_badge(personas)
    participant = consenting(personas)
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coach)
    url = f"/participants/{participant.pk}/badges/"
    for source, reason in (
        ("digcomp", "valmiin DigComp-itsearvion perusteella"),
        ("trial", "annetun osaamistodistuksen perusteella"),
        ("group", "ryhmään, johon henkilö on osallistunut"),
        ("course", "kurssista, joka on merkitty suoritetuksi"),
    ):
        page = client.post(
            url, {"version": badge.current_version.pk, "evidence": f"{source}:{wrong}"}
        )
        assert page.status_code == 200 and reason in page.content.decode(), source
    volunteer, _record = volunteer_with_training(personas)
    volunteer_badge = training_badge(personas)
    coordinator = Client(HTTP_ACCEPT_LANGUAGE="fi")
    coordinator.force_login(personas.coordinator)
    page = coordinator.post(
        f"/badges/volunteers/{volunteer.pk}/",
        {"version": volunteer_badge.current_version.pk, "training": wrong},
    )
    assert page.status_code == 200
    assert "koulutuksesta, jonka vapaaehtoinen on käynyt" in page.content.decode()
    assert not IssuedCredential.objects.exists()


def test_a_body_bigger_than_django_accepts_is_a_verdict_too(personas):
    huge = "x" * 3_000_000  # over Django's 2.5 MB upload limit
    api = Client(HTTP_ACCEPT_LANGUAGE="fi").post(
        "/verify/api/", huge, content_type="application/json"
    )
    assert api.status_code == 200
    check = api.json()["checks"][0]
    assert check["code"] == "too_large"
    assert check["text"] == "Tiedosto on liian suuri ollakseen merkki (yli 1 Mt)."
    page = Client(HTTP_ACCEPT_LANGUAGE="fi").post("/verify/", {"credential": huge})
    assert page.status_code == 200
    assert "liian suuri" in page.content.decode()


def test_my_badges_in_the_nav_for_participants_and_volunteers_only(personas):
    from kohtaanto.achievements.tests.helpers import volunteer_with_training

    def nav_has_it(user) -> bool:
        client = Client()
        client.force_login(user)
        return 'href="/my/badges/"' in client.get("/").content.decode()

    assert nav_has_it(personas.participant_user)
    assert not nav_has_it(personas.mentor)  # no volunteer profile yet
    volunteer_with_training(personas)
    assert nav_has_it(personas.mentor)
    assert not nav_has_it(personas.coach)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test (SSRF, remote @context)."""
    import socket

    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_hostile_input_to_the_verifier_never_fetches_and_never_fails(
    personas, django_capture_on_commit_callbacks, no_network
):
    import time

    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    genuine = issued.credential
    remote = copy.deepcopy(genuine)
    remote["@context"] = [*genuine["@context"], "http://169.254.169.254/latest/meta-data/"]
    foreign = copy.deepcopy(genuine)
    foreign["issuer"]["id"] = "did:web:127.0.0.1%3A8000"
    foreign["proof"][0]["verificationMethod"] = "did:web:127.0.0.1%3A8000#key-1"
    poison = copy.deepcopy(genuine)
    p = "https://example.org/p"
    poison["credentialSubject"][p] = [
        {"@id": f"_:b{i}", p: {"@id": f"_:b{(i + 1) % 2000}"}} for i in range(2000)
    ]
    nested = copy.deepcopy(genuine)
    nested["credentialSubject"][p] = "DEEP"
    deep_text = json.dumps(nested).replace('"DEEP"', f'{{"{p}": ' * 5000 + "1" + "}" * 5000)
    cases = {
        "remote_context": (json.dumps(remote), "signature", "unknown_context"),
        "foreign_did_web": (json.dumps(foreign), "signature", "unknown_key"),
        "poison": (json.dumps(poison), "signature", "too_complex"),
        "deep": (deep_text, None, None),
        "deep_arrays": ("[" * 200_000 + "]" * 200_000, "format", "not_json"),
        "ob2": (
            json.dumps(
                {
                    "@context": "https://w3id.org/openbadges/v2",
                    "type": "Assertion",
                    "verify": {"type": "hosted", "url": "http://10.0.0.1/a.json"},
                }
            ),
            "format",
            "ob2_assertion",
        ),
    }
    api = Client(HTTP_ACCEPT_LANGUAGE="fi")
    for name, (body, check, code) in cases.items():
        started = time.perf_counter()
        response = api.post("/verify/api/", body, content_type="application/json")
        assert time.perf_counter() - started < 3, name
        assert response.status_code == 200, name
        verdict = response.json()
        assert verdict["verified"] is False, name
        if check:
            found = next(c for c in verdict["checks"] if c["check"] == check)
            assert found["code"] == code, (name, found)
            assert found["text"] and found["text"] != code, name  # a sentence, translated
        page = api.post("/verify/", {"credential": body})
        assert page.status_code == 200, name
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:5432/",
        "file:///etc/passwd",
        f"https://evil.example/badges/shared/{issued.share_token}/",
        "http://localhost:8000/badges/shared/not-a-real-token-at-all-xx/",
    ):
        response = api.post(
            "/verify/api/", json.dumps({"url": url}), content_type="application/json"
        )
        assert response.status_code == 400 and response.json()["error"] == "url_not_accepted"
        page = api.post("/verify/", {"url": url})
        assert page.status_code == 200 and "Vain" in page.content.decode()
    assert no_network == []


def test_the_verdict_page_escapes_what_the_badge_says(personas):
    from kohtaanto.badges.tests import factories as f

    issuer = f.did_key_issuer()
    credential = f.credential(issuer)
    credential["issuer"]["name"] = '<img src=x onerror="alert(1)">'
    credential["credentialSubject"]["id"] = "javascript:alert(2)//<script>alert(3)</script>"
    credential["credentialSubject"]["achievement"]["name"] = "</dd><script>alert(4)</script>"
    text = json.dumps(credential) + "</textarea><script>alert(5)</script>"
    page = Client(HTTP_ACCEPT_LANGUAGE="fi").post(
        "/verify/", {"credential": json.dumps(credential)}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "Merkkiä ei voitu vahvistaa." in body
    assert "<img src=x" not in body and "<script>alert" not in body
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body
    reflected = Client().post("/verify/", {"credential": text}).content.decode()
    assert "</textarea><script>" not in reflected
    api = Client().post("/verify/api/", json.dumps(credential), content_type="application/json")
    assert api["Content-Type"] == "application/json"


def test_the_verify_form_needs_its_csrf_token_and_the_api_sets_no_cookie(personas):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/verify/")
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    assert client.post("/verify/", {"credential": "{}"}).status_code == 403
    api = Client(enforce_csrf_checks=True).post(
        "/verify/api/", b"{}", content_type="application/json"
    )
    assert api.status_code == 200 and not api.cookies


def test_the_wallet_says_in_plain_finnish_what_sharing_and_hiding_do(
    personas, django_capture_on_commit_callbacks
):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    own = Client(HTTP_ACCEPT_LANGUAGE="fi")
    own.force_login(personas.participant_user)
    text = own.get("/my/badges/").content.decode()
    assert "Anna tämä linkki esimerkiksi työnantajalle." in text
    assert "Jos piilotat merkin, linkki ei enää näytä sitä. Merkki ei katoa." in text
    assert "Piilota merkki linkistä" in text and "Lataa merkki tiedostona" in text
    own.post(f"/my/badges/{issued.pk}/hide/", {"hidden": "1"})
    text = own.get("/my/badges/").content.decode()
    assert "Merkki on piilotettu: sen linkki ei näytä merkkiä kenellekään." in text
    assert "Näytä merkki taas linkissä" in text and issued.share_token not in text


def test_the_verdict_names_the_holder_plainly_and_tells_a_skipped_check(
    personas, django_capture_on_commit_callbacks
):
    issued = _issue_on_page(personas, django_capture_on_commit_callbacks)
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="fi")
    genuine = anonymous.post("/verify/", {"credential": json.dumps(issued.credential)})
    text = genuine.content.decode()
    assert "sähköpostiosoite on merkissä koodina (itse osoitetta ei näytetä)" in text
    assert "Allekirjoitus: Kunnossa" in text and "älä luota" not in text
    tampered = copy.deepcopy(issued.credential)
    tampered["credentialSubject"]["achievement"]["name"] = "Huijattu merkki"
    text = anonymous.post("/verify/", {"credential": json.dumps(tampered)}).content.decode()
    assert "Allekirjoitus: Ei kunnossa" in text
    assert "Merkissä lukee seuraavaa, mutta älä luota siihen: sitä ei voitu vahvistaa." in text
    assert "Peruutus: Ei tarkistettu" in text  # not "Ei kunnossa": it was not looked at


def test_checks_are_limited_per_address_and_minute(personas, frozen_clock):
    from kohtaanto.web.achievements.public import CHECKS_PER_MINUTE

    api = Client(HTTP_ACCEPT_LANGUAGE="fi", REMOTE_ADDR="198.51.100.7")
    for _ in range(CHECKS_PER_MINUTE):
        assert api.post("/verify/api/", b"{}", content_type="application/json").status_code == 200
    refused = api.post("/verify/api/", b"{}", content_type="application/json")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["detail"].startswith("Liian monta merkkiä tarkistettu")
    page = api.post("/verify/", {"credential": "{}"})
    assert page.status_code == 429 and "Odota hetki" in page.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.post("/verify/", {"credential": "{}"}).status_code == 200
    frozen_clock.shift(60)
    assert api.post("/verify/api/", b"{}", content_type="application/json").status_code == 200


def test_a_badge_left_unsigned_after_consent_was_withdrawn_shows_the_reason(
    personas, settings, django_capture_on_commit_callbacks
):
    """Consent withdrawn while the badge waited for the worker: the coach's page says why it
    was not issued, in the coach's language."""
    from kohtaanto.achievements.enums import FailureReason
    from kohtaanto.people.consent import withdraw_consent
    from kohtaanto.people.enums import ConsentPurpose

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    badge = digcomp_badge(personas)
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.issue_badge(
            personas.coach,
            participant,
            badge.current_version,
            services.evidence_from_digcomp(participant, attempt.pk),
        )
    withdraw_consent(participant, ConsentPurpose.SERVICE_PROCESSING, by=personas.coach)
    assert services.sign_issued(queued.pk).failure_reason == FailureReason.NO_CONSENT
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coach)
    page = client.get(f"/participants/{participant.pk}/badges/").content.decode()
    assert "Ei myönnetty: henkilö perui suostumuksensa" in page
    personas.coach.preferred_language = "sv"
    personas.coach.save(update_fields=["preferred_language"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(f"/participants/{participant.pk}/badges/").content.decode()
    assert "Inte utfärdat: personen återkallade sitt samtycke" in page


def test_a_badge_whose_signing_failed_says_so(
    personas, settings, django_capture_on_commit_callbacks
):
    from kohtaanto.achievements import tasks
    from kohtaanto.achievements.enums import FailureReason

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    badge = digcomp_badge(personas)
    participant = consenting(personas)
    attempt = completed_digcomp(participant)
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.issue_badge(
            personas.coach,
            participant,
            badge.current_version,
            services.evidence_from_digcomp(participant, attempt.pk),
        )
    settings.BADGE_KEK_GENERATED_FILE = None  # no KEK anywhere: signing fails
    with pytest.raises(ImproperlyConfigured):
        tasks.sign_credential.call(queued.pk)
    queued.refresh_from_db()
    assert queued.state == "failed" and queued.failure_reason == FailureReason.SIGNING_ERROR
    client = Client(HTTP_ACCEPT_LANGUAGE="fi")
    client.force_login(personas.coach)
    page = client.get(f"/participants/{participant.pk}/badges/").content.decode()
    assert "Ei myönnetty: merkin allekirjoittaminen epäonnistui." in page
