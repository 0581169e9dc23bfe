from __future__ import annotations

import datetime as dt

import pytest

from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.journeys import charts, rules, selectors, services
from kohtaanto.journeys.models import DigCompAttempt

pytestmark = pytest.mark.django_db


def _answers(value: int) -> dict[str, int]:
    return dict.fromkeys(rules.digcomp().questions, value)


def test_questionnaire_has_21_competences_in_5_areas():
    questionnaire = rules.digcomp()
    assert len(questionnaire.questions) == 21 and len(questionnaire.areas) == 5
    assert questionnaire.values == {0, 1, 3, 5}


def test_area_means():
    answers = _answers(0) | {"1.1": 5, "1.2": 3, "1.3": 1}
    means = rules.digcomp_area_means(answers)
    assert means["1"] == 3.0 and means["2"] == 0.0
    assert rules.digcomp_area_means({"3.4": 5})["3"] == 5.0
    assert rules.digcomp_area_means({})["4"] is None


def test_submit_and_retake_shows_progress(participant, coach, participant_user):
    first = services.submit_digcomp(participant, by=coach, answers=_answers(1), with_coach=True)
    second = services.submit_digcomp(participant, by=participant_user, answers=_answers(3))
    results = selectors.digcomp_results(participant_user, participant.pk, "fi")
    assert [r.attempt_id for r in results] == [first.pk, second.pk]
    assert results[0].with_coach and not results[1].with_coach
    assert [a.mean for a in results[1].areas] == [3.0] * 5


def test_step_by_step_attempt(participant, participant_user):
    attempt = services.start_digcomp(participant, by=participant_user)
    services.answer_digcomp(participant_user, attempt.pk, {"1.1": 3})
    services.answer_digcomp(participant_user, attempt.pk, {"1.1": 5})
    with pytest.raises(ValidationFailed) as error:
        services.complete_digcomp(participant_user, attempt.pk)
    assert "2.1" in error.value.errors
    services.answer_digcomp(participant_user, attempt.pk, _answers(1) | {"1.1": 5})
    done = services.complete_digcomp(participant_user, attempt.pk)
    assert done.area_means["1"] == round((5 + 1 + 1) / 3, 2)
    with pytest.raises(Conflict):
        services.answer_digcomp(participant_user, attempt.pk, {"1.1": 0})
    _attempt, answers = selectors.digcomp_attempt(participant_user, attempt.pk)
    assert answers["1.1"] == 5


@pytest.mark.parametrize("answers", [{"9.9": 1}, {"1.1": 2}, {"1.1": "3"}])
def test_bad_answers(participant, coach, answers):
    with pytest.raises(ValidationFailed):
        services.submit_digcomp(participant, by=coach, answers=_answers(1) | answers)
    assert not DigCompAttempt.objects.exists()


def test_results_are_dated_in_helsinki_time(participant, coach, participant_user):
    attempt = services.submit_digcomp(participant, by=coach, answers=_answers(1), with_coach=True)
    late = dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.UTC)  # 00:30 on the 24th in Helsinki
    DigCompAttempt.objects.filter(pk=attempt.pk).update(completed_at=late)
    (result,) = selectors.digcomp_results(participant_user, participant.pk, "fi")
    assert result.completed_at.date() == dt.date(2026, 11, 24)
    svg, _ = charts.digcomp_chart([result], title="DigComp", description="")
    assert "24.11.2026" in svg and "23.11.2026" not in svg
