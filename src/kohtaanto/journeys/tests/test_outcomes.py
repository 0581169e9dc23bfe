from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
import time_machine

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.journeys import rules, selectors, services
from kohtaanto.journeys.models import Outcome
from kohtaanto.journeys.services._common import add_months
from kohtaanto.people.consent import give_consent
from kohtaanto.people.enums import ConsentPurpose, ParticipantStatus

pytestmark = pytest.mark.django_db


def test_catalogue_is_loaded_from_data():
    raw = json.loads(
        resources.files("kohtaanto.journeys").joinpath("data", "outcomes.json").read_text("utf-8")
    )
    catalogue = rules.outcomes()
    assert list(catalogue.outcomes) == [o["id"] for o in raw["outcomes"]]
    assert catalogue.get("employment").counts_as_continuation_path
    codes = [i.code for i in catalogue.indicators_for("employment")]
    assert codes == ["EECR04"]
    assert not catalogue.get("no_continuation_yet").counts_as_continuation_path
    assert ("employment", "Työ") in selectors.outcome_choices("fi")


def test_add_months_clamps():
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 3, 15), 6) == dt.date(2025, 9, 15)


@time_machine.travel(dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC), tick=False)
def test_end_service_schedules_follow_up(participant, coach):
    services.update_intake(participant, by=coach, service_start=dt.date(2025, 9, 1))
    outcome = services.end_service(
        participant,
        by=coach,
        outcome_type="employment",
        date=dt.date(2026, 1, 15),
        note="Kunnossapito",
        qualification_gained=True,
    )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ENDED
    assert outcome.follow_up.due == dt.date(2026, 7, 15)
    # correcting the date moves the follow-up that is not yet done
    services.end_service(
        participant, by=coach, outcome_type="apprenticeship", date=dt.date(2026, 1, 10)
    )
    assert Outcome.objects.get().follow_up.due == dt.date(2026, 7, 10)
    with time_machine.travel(dt.datetime(2026, 7, 16, tzinfo=dt.UTC), tick=False):
        # Without the consent to be contacted after the service: not listed, not recordable.
        assert list(selectors.follow_ups_due(coach)) == []
        with pytest.raises(ValidationFailed) as refused:
            services.record_follow_up(coach, outcome.follow_up.pk, result="employed")
        assert refused.value.code == "consent_missing"
        give_consent(participant, ConsentPurpose.FOLLOW_UP_CONTACT, by=coach)
        assert list(selectors.follow_ups_due(coach)) == [Outcome.objects.get().follow_up]
        done = services.record_follow_up(
            coach, outcome.follow_up.pk, result="employed", outcome_type="employment"
        )
        assert done.done_at == dt.date(2026, 7, 16)
        assert list(selectors.follow_ups_due(coach)) == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"outcome_type": "lottery_win"}, "outcome_type"), ({"date": dt.date(2999, 1, 1)}, "date")],
)
def test_bad_outcome(participant, coach, kwargs, field):
    with pytest.raises(ValidationFailed) as error:
        services.end_service(
            participant,
            by=coach,
            **({"outcome_type": "employment", "date": dt.date(2025, 1, 1)} | kwargs),
        )
    assert field in error.value.errors
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE
    assert not Outcome.objects.exists()


def test_participant_cannot_record_own_outcome(participant, participant_user):
    with pytest.raises(PermissionDenied):
        services.end_service(
            participant, by=participant_user, outcome_type="employment", date=dt.date(2025, 1, 1)
        )
