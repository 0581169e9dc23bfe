"""The retention rules of issue 18.5's second round: used invitations, one-time login links,
import uploads left on disk, login attempts and expired sessions. For each: what is older than
the rule's length goes, what is newer stays, a dry run counts it and removes nothing, and the
counts are in the run's report (organisation rules per organisation; the rows of no
organisation and the system-wide rules under no organisation). System-wide rules are not an
organisation's to change. Every moment is relative to the (possibly moved) clock."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone
from tests.factories import ParticipantFactory, UserFactory

from kohtaanto.core.errors import NotFound
from kohtaanto.opportunities import tasks as import_tasks
from kohtaanto.opportunities.models import ImportJob
from kohtaanto.people.models import Invitation, LoginLink, Participant
from kohtaanto.privacy import retention, rules
from kohtaanto.privacy.models import RetentionCount, RetentionOverride

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_data_folder(settings, tmp_path):
    """Import uploads are looked for (and removed) only in a folder of the test."""
    settings.DATA_DIR = tmp_path


def _ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _days(rule_id: str) -> int:
    return rules.rules()[rule_id].default


def _no_organisation(run, rule_id: str) -> int:
    return sum(
        RetentionCount.objects.filter(run=run, organisation=None, rule=rule_id).values_list(
            "count", flat=True
        )
    )


def _with_account(organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, user=UserFactory())


# --- used invitations -------------------------------------------------------------------------


def _used_invitation(person: Participant, used_days_ago: float) -> Invitation:
    return Invitation.objects.create(
        participant=person,
        channel="email",
        token_hash=secrets.token_hex(16),
        expires=_ago(used_days_ago - 1),
        used_at=_ago(used_days_ago),
    )


def test_used_invitations_go_after_their_days(personas):
    days = _days("invitations_used")
    person = personas.unassigned_participant
    old = _used_invitation(person, days + 2)
    new = _used_invitation(person, days - 1)
    waiting = Invitation.objects.create(  # not used, not expired: no rule touches it
        participant=person, channel="email", token_hash=secrets.token_hex(16), expires=_ago(-7)
    )
    other = _used_invitation(personas.other_participant, days + 2)

    dry = retention.enforce(dry_run=True)
    assert retention.totals(dry, personas.organisation)["invitations_used"] == 1
    assert retention.totals(dry, personas.other_organisation)["invitations_used"] == 1
    assert Invitation.objects.count() == 4

    run = retention.enforce()
    assert retention.totals(run, personas.organisation)["invitations_used"] == 1
    assert retention.totals(run, personas.other_organisation)["invitations_used"] == 1
    left = set(Invitation.objects.values_list("pk", flat=True))
    assert left == {new.pk, waiting.pk}
    assert old.pk not in left and other.pk not in left


def test_an_organisations_length_of_used_invitations(personas):
    person = personas.unassigned_participant
    _used_invitation(person, 12)
    _used_invitation(personas.other_participant, 12)
    retention.set_period(personas.coordinator, personas.organisation, "invitations_used", 10)
    run = retention.enforce(dry_run=True)
    assert retention.totals(run, personas.organisation)["invitations_used"] == 1
    assert retention.totals(run, personas.other_organisation)["invitations_used"] == 0


# --- one-time login links ---------------------------------------------------------------------


def _link(user, *, days_ago: float, used: bool) -> LoginLink:
    """A link made `days_ago` days ago: used a minute later, or left to expire after 15 min."""
    made = _ago(days_ago)
    return LoginLink.objects.create(
        user=user,
        token_hash=secrets.token_hex(16),
        created=made,
        expires=made + dt.timedelta(minutes=15),
        used_at=made + dt.timedelta(minutes=1) if used else None,
    )


def test_login_links_used_or_expired_go_after_their_days(personas):
    days = _days("login_links")
    user = personas.participant_user
    used_old = _link(user, days_ago=days + 2, used=True)
    expired_old = _link(user, days_ago=days + 2, used=False)
    used_new = _link(user, days_ago=days - 1, used=True)
    usable = _link(user, days_ago=0, used=False)  # made now, works for 15 minutes
    elsewhere = _link(_with_account(personas.other_organisation).user, days_ago=days + 2, used=True)
    # an account with no participant record (e.g. emptied by an erasure): no organisation
    no_record = _link(personas.mentor, days_ago=days + 2, used=False)
    no_record_new = _link(personas.mentor, days_ago=days - 1, used=False)

    dry = retention.enforce(dry_run=True)
    assert retention.totals(dry, personas.organisation)["login_links"] == 2
    assert retention.totals(dry, personas.other_organisation)["login_links"] == 1
    assert _no_organisation(dry, "login_links") == 1
    assert retention.totals(dry)["login_links"] == 4
    assert LoginLink.objects.count() == 7

    run = retention.enforce()
    assert retention.totals(run, personas.organisation)["login_links"] == 2
    assert _no_organisation(run, "login_links") == 1
    left = set(LoginLink.objects.values_list("pk", flat=True))
    assert left == {used_new.pk, usable.pk, no_record_new.pk}
    for gone in (used_old, expired_old, elsewhere, no_record):
        assert gone.pk not in left


# --- import uploads left on disk --------------------------------------------------------------


def _file(name: str, days_ago: float) -> Path:
    path = import_tasks.folder() / name
    path.write_text("title;employer\nVarastotyöntekijä;Konepaja\n", encoding="utf-8")
    moment = _ago(days_ago).timestamp()
    os.utime(path, (moment, moment))
    return path


def _run(personas, organisation, *, status: str, days_ago: float) -> ImportJob:
    token = secrets.token_urlsafe(12)
    _file(f"{token}.upload", days_ago)
    ended = _ago(days_ago)
    return ImportJob.objects.create(
        token=token,
        kind=ImportJob.Kind.IMPORT,
        organisation=organisation,
        started_by=personas.coordinator,
        upload=f"{token}.upload",
        status=status,
        report={"errors": [{"line": 2, "reason": "Puuttuva työnantaja"}]},
        created=ended - dt.timedelta(minutes=5),
        finished_at=None if status in ("queued", "running") else ended,
    )


def test_import_uploads_of_ended_runs_go_after_their_days(personas):
    days = _days("import_uploads")
    org, other = personas.organisation, personas.other_organisation
    done_old = _run(personas, org, status="done", days_ago=days + 2)
    failed_old = _run(personas, org, status="failed", days_ago=days + 2)
    done_new = _run(personas, org, status="done", days_ago=0.25)
    running_old = _run(personas, org, status="running", days_ago=days + 2)  # never touched
    other_old = _run(personas, other, status="failed", days_ago=days + 2)
    stray_old = _file("checked-never-imported.upload", days + 2)
    stray_new = _file("checked-waiting.upload", 0.25)
    folder = import_tasks.folder()
    before = sorted(p.name for p in folder.iterdir())

    dry = retention.enforce(dry_run=True)
    assert retention.totals(dry, org)["import_uploads"] == 2
    assert retention.totals(dry, other)["import_uploads"] == 1
    assert _no_organisation(dry, "import_uploads") == 1  # the stray old file
    assert sorted(p.name for p in folder.iterdir()) == before
    assert ImportJob.objects.filter(upload="").count() == 0

    run = retention.enforce()
    assert retention.totals(run, org)["import_uploads"] == 2
    assert retention.totals(run, other)["import_uploads"] == 1
    assert _no_organisation(run, "import_uploads") == 1
    for gone in (done_old, failed_old, other_old):
        assert not (folder / gone.upload).exists()
        gone.refresh_from_db()
        assert gone.upload == "" and gone.report is None  # the run's row and counts stay
    for kept in (done_new, running_old):
        assert (folder / kept.upload).exists()
        kept.refresh_from_db()
        assert kept.upload and kept.report is not None
    assert not stray_old.exists() and stray_new.exists()

    again = retention.enforce(dry_run=True)
    assert retention.totals(again)["import_uploads"] == 0


# --- login attempts (system-wide) -------------------------------------------------------------


def _attempts(username: str, days_ago: float) -> None:
    common = {
        "user_agent": "Mozilla/5.0",
        "ip_address": "192.0.2.10",
        "username": username,
        "http_accept": "text/html",
        "path_info": "/login/",
    }
    moment = _ago(days_ago)
    made = [
        AccessAttempt.objects.create(**common, get_data="", post_data="", failures_since_start=3),
        AccessFailureLog.objects.create(**common),
        AccessLog.objects.create(**common),
    ]
    for row in made:  # attempt_time is set on creation (auto_now_add)
        type(row).objects.filter(pk=row.pk).update(attempt_time=moment)


def _attempt_rows() -> dict[str, list[str]]:
    return {
        model.__name__: sorted(model.objects.values_list("username", flat=True))
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    }


def test_login_attempts_go_after_their_days_for_the_whole_service(personas):
    days = _days("login_attempts")
    _attempts("old-user", days + 2)
    _attempts("new-user", days - 1)
    before = _attempt_rows()

    dry = retention.enforce(dry_run=True)
    assert _no_organisation(dry, "login_attempts") == 3
    assert _attempt_rows() == before
    assert "login_attempts" not in retention.totals(dry, personas.organisation)
    assert retention.totals(dry)["login_attempts"] == 3

    run = retention.enforce()
    assert _no_organisation(run, "login_attempts") == 3
    assert _attempt_rows() == {name: ["new-user"] for name in before}
    assert (
        not RetentionCount.objects.filter(run=run, rule="login_attempts")
        .exclude(organisation=None)
        .exists()
    )


# --- expired sessions (system-wide) -----------------------------------------------------------


def _session(expires: dt.datetime) -> Session:
    return Session.objects.create(
        session_key=secrets.token_hex(16), session_data="e30:1", expire_date=expires
    )


def test_expired_sessions_go_after_their_days(personas):
    days = _days("sessions")
    old = _session(_ago(days + 2))
    recent = _session(_ago(0.25))  # expired six hours ago: within the length
    open_session = _session(_ago(-0.25))

    dry = retention.enforce(dry_run=True)
    assert _no_organisation(dry, "sessions") == 1
    assert Session.objects.count() == 3

    run = retention.enforce()
    assert _no_organisation(run, "sessions") == 1
    left = set(Session.objects.values_list("session_key", flat=True))
    assert left == {recent.session_key, open_session.session_key}
    assert old.session_key not in left


# --- system-wide rules are not an organisation's ----------------------------------------------


def test_system_wide_rules_cannot_be_set_per_organisation(personas):
    org = personas.organisation
    system = {rule.id for rule in rules.rules().values() if rule.system_wide}
    assert system == {"login_attempts", "sessions"}
    for rule_id in sorted(system):
        with pytest.raises(NotFound):
            retention.set_period(personas.coordinator, org, rule_id, 5)
    # a row left from before the rule became system-wide is not used
    RetentionOverride.objects.create(organisation=org, rule="sessions", value=30)
    assert retention.periods_for(org)["sessions"] == _days("sessions")
    old = _session(_ago(_days("sessions") + 2))
    retention.enforce()
    assert not Session.objects.filter(pk=old.pk).exists()


def test_every_rule_is_counted_once_per_organisation_or_for_the_service(personas):
    run = retention.enforce(dry_run=True)
    found = rules.rules()
    rows = list(RetentionCount.objects.filter(run=run).values_list("organisation_id", "rule"))
    organisations = {org for org, _ in rows if org is not None}
    for rule_id, rule in found.items():
        owners = [org for org, rule_of in rows if rule_of == rule_id]
        if rule.system_wide:
            assert owners == [None], rule_id
        else:
            assert set(owners) - {None} == organisations, rule_id
            assert len(owners) == len(set(owners)), rule_id
    unowned = {rule_of for org, rule_of in rows if org is None}
    assert unowned == {"audit_log", "login_links", "import_uploads", "login_attempts", "sessions"}
