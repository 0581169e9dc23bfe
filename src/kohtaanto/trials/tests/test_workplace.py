"""The workplace side's write path (`trials.services.workplace`): the signed link, weekly
check-ins, assessments, requirement evidence and community sharing, with the bad input of
issue 15 (expired link, week already used, another trial's link, another employer's mentor)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from tests.factories import Personas, member
from tests.factories_trials import make_trial

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement
from kohtaanto.trials.access import TrialNotFound, get_trial
from kohtaanto.trials.enums import TrialState
from kohtaanto.trials.models import Assessment, CheckIn, CheckInLink, Evidence, TrialRequirement
from kohtaanto.trials.services import lifecycle
from kohtaanto.trials.services import workplace as wp

pytestmark = pytest.mark.django_db


def _checkin(trial, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "week_start": wp.current_week(trial),
        "mood": "good",
        "learnt": "Trukin käyttö",
        "concern": "",
        "wants_coach_contact": False,
    }
    values.update(kwargs)
    return wp.submit_checkin(trial, **values)


def _requirement(trial) -> TrialRequirement:  # type: ignore[no-untyped-def]
    unit = QualificationUnit.objects.create(eperusteet_id=900001, name_fi="Varastotoiminnot")
    requirement = SkillRequirement.objects.create(
        unit=unit, ordinal=1, text_fi="hyllyttää tavarat oikeille paikoille"
    )
    return TrialRequirement.objects.create(trial=trial, requirement=requirement)


# --- the link --------------------------------------------------------------------------------


def test_link_is_signed_hashed_and_resolves_to_its_trial(personas: Personas) -> None:
    trial = make_trial(personas)
    link, token = wp.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    raw = token.split(".")[0]
    assert raw not in link.token_hash and token not in link.token_hash
    assert len(link.token_hash) == 64
    assert wp.resolve_link(token).pk == link.pk
    # The link lives until two weeks after the trial's end.
    assert timezone.localtime(link.expires).date() == trial.agreement.end_date + wp.LINK_GRACE


def test_a_tampered_token_is_refused_without_asking_the_database(
    personas: Personas, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    trial = make_trial(personas)
    _link, token = wp.create_link(trial, by=personas.coach)
    raw, signature = token.split(".")
    tampered = ("A" if raw[0] != "A" else "B") + raw[1:] + "." + signature
    with django_assert_num_queries(0), pytest.raises(wp.LinkUnknown):
        wp.resolve_link(tampered)
    with django_assert_num_queries(0), pytest.raises(wp.LinkUnknown):
        wp.resolve_link("x" * 500)
    with pytest.raises(wp.LinkUnknown):
        wp.resolve_link("")


def test_a_new_link_revokes_the_old_one(personas: Personas) -> None:
    trial = make_trial(personas)
    _old, old_token = wp.create_link(trial, by=personas.coach)
    new, new_token = wp.create_link(trial, by=personas.coach)
    with pytest.raises(wp.LinkRevoked) as caught:
        wp.resolve_link(old_token)
    assert caught.value.status == 410
    assert wp.resolve_link(new_token).pk == new.pk
    wp.revoke_link(new, by=personas.coach)
    with pytest.raises(wp.LinkRevoked):
        wp.resolve_link(new_token)
    assert wp.active_link(trial) is None


def test_an_expired_link_is_refused_and_saves_nothing(personas: Personas) -> None:
    trial = make_trial(personas)
    link, token = wp.create_link(trial, by=personas.coach, days_valid=1)
    CheckInLink.objects.filter(pk=link.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(wp.LinkExpired):
        wp.resolve_link(token)
    link.refresh_from_db()
    with pytest.raises(wp.LinkExpired):
        _checkin(trial, link=link)
    assert not CheckIn.objects.exists()


def test_a_link_of_a_trial_that_ended_is_refused(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.CONTINUE)
    with pytest.raises(ValidationFailed):
        wp.create_link(trial, by=personas.coach)
    running = make_trial(personas)
    _link, token = wp.create_link(running, by=personas.coach)
    lifecycle.transition(running, "cancel", by=personas.coach)
    with pytest.raises(wp.TrialNotRunning):
        wp.resolve_link(token)


def test_only_staff_make_and_revoke_links(personas: Personas) -> None:
    trial = make_trial(personas)
    for user in (personas.workplace_mentor, personas.employer_contact, personas.participant_user):
        with pytest.raises(PermissionDenied):
            wp.create_link(trial, by=user)
    link, _token = wp.create_link(trial, by=personas.coordinator)
    with pytest.raises(PermissionDenied):
        wp.revoke_link(link, by=personas.workplace_mentor)
    with pytest.raises(ValidationFailed) as caught:
        wp.create_link(trial, by=personas.coach, days_valid=0)
    assert "days_valid" in caught.value.errors


def test_link_email_goes_to_the_mentor_address_with_the_url(personas: Personas) -> None:
    trial = make_trial(personas)
    trial.workplace_mentor_email = "olli@example.org"
    trial.save()
    assert wp.email_link(trial, "https://k.example/t/abc/", by=personas.coach)
    assert mail.outbox[-1].to == ["olli@example.org"]
    assert "https://k.example/t/abc/" in mail.outbox[-1].body
    trial.workplace_mentor_email = ""
    trial.save()
    with pytest.raises(ValidationFailed):
        wp.email_link(trial, "https://k.example/t/abc/", by=personas.coach)


# --- check-ins -------------------------------------------------------------------------------


def test_checkin_once_a_week_through_the_link(personas: Personas) -> None:
    trial = make_trial(personas)
    link, token = wp.create_link(trial, by=personas.coach, mentor_name="Olli Ohjaaja")
    link = wp.resolve_link(token)
    before = AuditEvent.objects.count()
    checkin = _checkin(trial, link=link)
    assert checkin.week_start == wp.monday_of(timezone.localdate())
    assert checkin.author_name == "Olli Ohjaaja" and checkin.by is None
    assert AuditEvent.objects.count() == before + 1
    link.refresh_from_db()
    assert link.last_used_at is not None
    with pytest.raises(ValidationFailed) as caught:
        _checkin(trial, link=link, mood="hard")
    assert caught.value.code == "week_used" and "week_start" in caught.value.errors
    assert CheckIn.objects.count() == 1
    # The logged-in mentor cannot write the same week either.
    with pytest.raises(ValidationFailed):
        _checkin(trial, by=personas.workplace_mentor)


def test_checkin_weeks_inside_the_period_up_to_this_week(personas: Personas) -> None:
    trial = make_trial(personas)
    this_week = wp.monday_of(timezone.localdate())
    start = trial.agreement.start_date
    assert wp.open_weeks(trial)[0] == this_week
    assert wp.open_weeks(trial)[-1] == wp.monday_of(start)
    for bad in (this_week + dt.timedelta(days=7), wp.monday_of(start) - dt.timedelta(days=7), None):
        with pytest.raises(ValidationFailed) as caught:
            _checkin(trial, by=personas.workplace_mentor, week_start=bad)
        assert "week_start" in caught.value.errors
    # Any day of a week counts as its Monday; an earlier week can be filled in later.
    earlier = _checkin(
        trial, by=personas.workplace_mentor, week_start=this_week - dt.timedelta(days=5)
    )
    assert earlier.week_start == this_week - dt.timedelta(days=7)
    assert not CheckIn.objects.filter(week_start__gt=this_week).exists()


def test_checkin_bad_mood_and_wrong_people(personas: Personas) -> None:
    trial = make_trial(personas)
    with pytest.raises(ValidationFailed) as caught:
        _checkin(trial, by=personas.workplace_mentor, mood="great")
    assert "mood" in caught.value.errors
    for user in (personas.coach, personas.employer_contact, personas.participant_user):
        with pytest.raises(PermissionDenied):
            _checkin(trial, by=user)
    with pytest.raises(PermissionDenied):
        _checkin(trial)  # neither a user nor a link
    assert not CheckIn.objects.exists()


def test_a_link_opens_only_its_own_trial(personas: Personas) -> None:
    trial = make_trial(personas)
    other = make_trial(personas, participant=personas.caseload_participant)
    link, _token = wp.create_link(other, by=personas.coach)
    with pytest.raises(wp.LinkUnknown):
        _checkin(trial, link=link)
    with pytest.raises(wp.LinkUnknown):
        wp.submit_assessment(trial, "midpoint", items=[], link=link)
    assert not CheckIn.objects.exists()


def test_a_workplace_mentor_of_another_employer_gets_404(personas: Personas) -> None:
    from tests.factories import EmployerFactory

    trial = make_trial(personas)
    stranger = member(EmployerFactory(name="Toinen Oy"), Role.WORKPLACE_MENTOR, username="wm2")
    with pytest.raises(TrialNotFound):
        get_trial(stranger, trial.pk)
    with pytest.raises(PermissionDenied):
        _checkin(trial, by=stranger)


def test_checkin_only_while_running_or_the_last_week_in_evaluation(personas: Personas) -> None:
    agreeing = make_trial(personas, state=TrialState.AGREE)
    with pytest.raises(ValidationFailed) as caught:
        _checkin(agreeing, by=personas.workplace_mentor, week_start=timezone.localdate())
    assert caught.value.code == "not_running"
    trial = make_trial(
        personas, participant=personas.caseload_participant, state=TrialState.EVALUATE
    )
    last = wp.monday_of(min(trial.agreement.end_date, timezone.localdate()))
    assert wp.open_weeks(trial) == [last]
    with pytest.raises(ValidationFailed):
        _checkin(trial, by=personas.workplace_mentor, week_start=last - dt.timedelta(days=7))
    assert _checkin(trial, by=personas.workplace_mentor, week_start=last).week_start == last


def test_a_request_to_talk_emails_the_coach_and_is_marked_seen(personas: Personas) -> None:
    trial = make_trial(personas)
    personas.coach.email = "coach@example.org"
    personas.coach.save()
    trial.refresh_from_db()
    checkin = _checkin(
        trial, by=personas.workplace_mentor, wants_coach_contact=True, concern="Myöhästelee."
    )
    assert wp.needs_attention(checkin)
    assert mail.outbox[-1].to == ["coach@example.org"]
    assert "Myöhästelee" not in mail.outbox[-1].body  # the text stays in Kohtaanto
    assert str(trial.pk) in mail.outbox[-1].body
    with pytest.raises(PermissionDenied):
        wp.mark_checkins_seen(trial, by=personas.workplace_mentor)
    assert wp.mark_checkins_seen(trial, by=personas.coach) == 1
    assert wp.mark_checkins_seen(trial, by=personas.coach) == 0


# --- assessments -----------------------------------------------------------------------------


def _items(trial, rating: str = "shown"):  # type: ignore[no-untyped-def]
    keys = [wp.item_key(wp.GOAL_KEY, g.pk) for g in trial.goals.all()]
    keys += [wp.item_key(wp.REQUIREMENT_KEY, r.pk) for r in trial.requirements.all()]
    return [(key, rating, "ok") for key in keys]


def test_assessment_rates_every_goal_and_requirement_once(personas: Personas) -> None:
    trial = make_trial(personas)
    requirement = _requirement(trial)
    items = _items(trial)
    with pytest.raises(ValidationFailed) as caught:
        wp.submit_assessment(trial, "midpoint", items=items[:1], by=personas.workplace_mentor)
    assert wp.item_key(wp.REQUIREMENT_KEY, requirement.pk) in caught.value.errors
    with pytest.raises(ValidationFailed):
        wp.submit_assessment(
            trial,
            "midpoint",
            items=[*items, ("goal-999999", "shown", "")],
            by=personas.workplace_mentor,
        )
    with pytest.raises(ValidationFailed):
        wp.submit_assessment(
            trial, "midpoint", items=_items(trial, "great"), by=personas.workplace_mentor
        )
    assert not Assessment.objects.exists()
    done = wp.submit_assessment(
        trial, "midpoint", items=items, summary="Hyvä alku.", by=personas.workplace_mentor
    )
    assert done.author_role == "workplace_mentor" and done.items.count() == 3
    assert done.items.filter(requirement=requirement).get().rating == "shown"
    with pytest.raises(ValidationFailed) as again:
        wp.submit_assessment(trial, "midpoint", items=items, by=personas.workplace_mentor)
    assert again.value.code == "already_done"
    # The coach writes their own.
    coach = wp.submit_assessment(trial, "midpoint", items=items, by=personas.coach)
    assert coach.author_role == "coach"
    with pytest.raises(ValidationFailed):
        wp.submit_assessment(trial, "halfway", items=items, by=personas.coach)


def test_final_assessment_by_link_in_evaluation_but_no_midpoint(personas: Personas) -> None:
    trial = make_trial(personas)
    link, _token = wp.create_link(trial, by=personas.coach)
    lifecycle.transition(trial, "finish", by=personas.coach)
    trial.refresh_from_db()
    link.refresh_from_db()
    with pytest.raises(ValidationFailed):
        wp.submit_assessment(trial, "midpoint", items=_items(trial), link=link)
    final = wp.submit_assessment(trial, "final", items=_items(trial), link=link)
    assert final.link_id == link.pk and final.by is None
    with pytest.raises(PermissionDenied):
        wp.submit_assessment(trial, "final", items=_items(trial), by=personas.employer_contact)


# --- evidence --------------------------------------------------------------------------------


def test_evidence_with_a_day_of_the_trial(personas: Personas) -> None:
    trial = make_trial(personas)
    requirement = _requirement(trial)
    today = timezone.localdate()
    for bad_day in (
        today + dt.timedelta(days=1),
        trial.agreement.start_date - dt.timedelta(days=1),
        None,
    ):
        with pytest.raises(ValidationFailed) as caught:
            wp.mark_evidence(
                requirement, shown_on=bad_day, text="Hyllytti", by=personas.workplace_mentor
            )
        assert "shown_on" in caught.value.errors
    with pytest.raises(ValidationFailed) as caught:
        wp.mark_evidence(requirement, shown_on=today, text="  ", by=personas.workplace_mentor)
    assert "text" in caught.value.errors
    shown = wp.mark_evidence(
        requirement, shown_on=today, text="Hyllytti saapuneet lavat.", by=personas.workplace_mentor
    )
    assert shown.author_role == "workplace_mentor"
    by_coach = wp.mark_evidence(requirement, shown_on=today, text="Näin itse.", by=personas.coach)
    assert by_coach.author_role == "coach"
    with pytest.raises(PermissionDenied):
        wp.mark_evidence(requirement, shown_on=today, text="x", by=personas.participant_user)
    other = make_trial(personas, participant=personas.caseload_participant)
    link, _token = wp.create_link(other, by=personas.coach)
    with pytest.raises(wp.LinkUnknown):
        wp.mark_evidence(requirement, shown_on=today, text="x", link=link)
    assert Evidence.objects.count() == 2


# --- community -------------------------------------------------------------------------------


def test_only_the_participant_chooses_community_sharing(personas: Personas) -> None:
    trial = make_trial(personas)
    with pytest.raises(PermissionDenied):
        wp.set_community_sharing(trial, True, by=personas.coach)
    wp.set_community_sharing(trial, True, by=personas.participant_user)
    trial.refresh_from_db()
    assert trial.share_with_community
    wp.set_community_sharing(trial, False, by=personas.participant_user)
    trial.refresh_from_db()
    assert not trial.share_with_community
