"""Another organisation's coach, a mentor and an analyst get 404 (`ParticipantNotFound`) from
every service and selector that takes a participant or one of its objects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone
from tests.factories_journeys import (
    DigCompAttemptFactory,
    GoalFactory,
    IntakeFactory,
    ProfileItemFactory,
    SessionFactory,
    TaskFactory,
)

from kohtaanto.core.errors import NotFound
from kohtaanto.journeys import export, selectors, services
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles import selectors as profile_selectors
from kohtaanto.profiles import services as profile_services

pytestmark = pytest.mark.django_db


def past() -> dt.datetime:
    """A day before the test's clock (read when called, not when the module is imported)."""
    return timezone.now() - dt.timedelta(days=1)


def future() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=1)


@pytest.fixture
def objects(participant, coach):
    ended = timezone.localdate() - dt.timedelta(days=30)  # in the past at any --clock
    IntakeFactory(participant=participant, service_start=ended - dt.timedelta(days=90))
    goal = GoalFactory(participant=participant)
    outcome = services.end_service(participant, by=coach, outcome_type="employment", date=ended)
    give_consent(participant, ConsentPurpose.FOLLOW_UP_CONTACT, by=coach)
    return {
        "participant": participant,
        "goal": goal,
        "step": services.add_goal_step(coach, goal.pk, text="askel"),
        "session": SessionFactory(participant=participant),
        "task": TaskFactory(participant=participant),
        "attempt": DigCompAttemptFactory(participant=participant),
        "item": ProfileItemFactory(participant=participant),
        "draft": services.prepare_cv_draft(participant, by=coach, language="fi"),
        "follow_up": outcome.follow_up,
    }


def calls(o):
    p = o["participant"]
    return {
        "save_story": lambda u: services.save_story(p, by=u, story="Olen kokki.", language="fi"),
        "recognise_again": lambda u: services.recognise_again(p, by=u),
        "update_intake": lambda u: services.update_intake(p, by=u, municipality_code="091"),
        "set_languages": lambda u: services.set_languages(p, by=u, languages=[("fi", "A1")]),
        "set_restricted": lambda u: services.set_restricted_constraints(p, by=u, constraints="x"),
        "save_esf": lambda u: services.save_esf_entry_data(p, by=u, isced_level=3),
        "add_goal": lambda u: services.add_goal(p, by=u, title="t"),
        "update_goal": lambda u: services.update_goal(u, o["goal"].pk, title="t"),
        "add_goal_step": lambda u: services.add_goal_step(u, o["goal"].pk, text="t"),
        "set_step_done": lambda u: services.set_step_done(u, o["step"].pk),
        "log_session": lambda u: services.log_session(p, by=u, kind="individual", starts_at=past()),
        "plan_session": lambda u: services.plan_session(
            p, by=u, kind="individual", starts_at=future()
        ),
        "record_session_held": lambda u: services.record_session_held(u, o["session"].pk),
        "cancel_session": lambda u: services.cancel_session(u, o["session"].pk),
        "add_task": lambda u: services.add_task(p, by=u, title="t"),
        "update_task": lambda u: services.update_task(u, o["task"].pk, title="t"),
        "start_digcomp": lambda u: services.start_digcomp(p, by=u),
        "answer_digcomp": lambda u: services.answer_digcomp(u, o["attempt"].pk, {"1.1": 1}),
        "complete_digcomp": lambda u: services.complete_digcomp(u, o["attempt"].pk),
        "submit_digcomp": lambda u: services.submit_digcomp(p, by=u, answers={}),
        "prepare_cv_draft": lambda u: services.prepare_cv_draft(p, by=u, language="sv"),
        "update_cv_draft": lambda u: services.update_cv_draft(u, o["draft"].pk, summary="x"),
        "refresh_cv_draft": lambda u: services.refresh_cv_draft(u, o["draft"].pk),
        "export_cv": lambda u: services.export_cv(u, o["draft"].pk, "pdf"),
        "end_service": lambda u: services.end_service(
            p, by=u, outcome_type="employment", date=dt.date(2025, 1, 1)
        ),
        "record_follow_up": lambda u: services.record_follow_up(
            u, o["follow_up"].pk, result="employed"
        ),
        "confirm_item": lambda u: profile_services.confirm_item(u, o["item"].pk),
        "reject_item": lambda u: profile_services.reject_item(u, o["item"].pk),
        "replace_item": lambda u: profile_services.replace_item(u, o["item"].pk, "x"),
        "add_item": lambda u: profile_services.add_item(p, by=u, uri="x"),
        "decide_items": lambda u: profile_services.decide_items(p, by=u, confirm=[o["item"].pk]),
        "apply_recognition": lambda u: profile_services.apply_recognition(
            p, by=u, text="x", lang="fi"
        ),
        "case_file": lambda u: selectors.case_file(u, p.pk),
        "restricted_constraints": lambda u: selectors.restricted_constraints(u, p.pk),
        "session_log": lambda u: selectors.session_log(u, p.pk),
        "tasks": lambda u: selectors.tasks(u, p.pk),
        "digcomp_results": lambda u: selectors.digcomp_results(u, p.pk),
        "digcomp_attempt": lambda u: selectors.digcomp_attempt(u, o["attempt"].pk),
        "job_search_profile": lambda u: selectors.job_search_profile(u, p.pk),
        "cv_drafts": lambda u: selectors.cv_drafts(u, p.pk),
        "skills_profile": lambda u: profile_selectors.skills_profile(u, p.pk),
        "export_for": lambda u: export.export_for(u, p.pk),
        "my_path": lambda u: selectors.my_path(u),
    }


NAMES = sorted(
    calls(
        {
            "participant": None,
            **dict.fromkeys(
                ["goal", "step", "session", "task", "attempt", "item", "draft", "follow_up"]
            ),
        }
    )
)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("persona", ["outsider", "mentor", "analyst"])
def test_not_found_for_others(request, objects, name, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(ParticipantNotFound) as error:
        calls(objects)[name](user)
    assert isinstance(error.value, NotFound) and isinstance(error.value, Http404)


def test_outsider_sees_nothing_in_lists(objects, outsider, mentor):
    assert objects["participant"] not in list(selectors.caseload(outsider))
    assert list(selectors.caseload(mentor)) == []
    assert list(selectors.follow_ups_due(outsider, until=dt.date(2030, 1, 1))) == []


@pytest.mark.parametrize("name", [n for n in NAMES if n != "my_path"])
def test_own_coach_gets_past_the_access_check(objects, coach, name):
    """Control: the same calls are not refused for the participant's own coach (they may
    still fail validation)."""
    from kohtaanto.core.errors import KohtaantoError

    try:
        calls(objects)[name](coach)
    except ParticipantNotFound:
        pytest.fail(f"{name} refused the participant's own coach")
    except KohtaantoError:
        pass
