"""A participant's data export holds the company visits they went on (company, date, group),
never the other visitors, the company's representative or what the company said."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from tests.factories import Personas

from kohtaanto.outreach import services
from kohtaanto.outreach.enums import Certainty, TimeHorizon
from kohtaanto.outreach.models import CompanyVisit
from kohtaanto.outreach.tests.conftest import WELDING_TEXT
from kohtaanto.people import exports
from kohtaanto.people.models import Participant

pytestmark = pytest.mark.django_db


def test_export_holds_my_company_visits_only(
    personas: Personas, visit: CompanyVisit, second_member: Participant
) -> None:
    services.record_interview(
        visit,
        text=WELDING_TEXT,
        language="fi",
        time_horizon=TimeHorizon.ONE_TO_TWO,
        certainty=Certainty.SURE,
        by=personas.mentor,
    )
    # a visit the participant did not go on
    services.record_visit(
        visit.group,
        employer=personas.employer_organisation,
        visited_on=dt.date(2026, 11, 27),
        visitors=[second_member],
        by=personas.mentor,
    )
    data = exports.collect(personas.participant)
    assert data["company_visits"] == [
        {
            "company": personas.employer_organisation.name,
            "visited_on": "2026-11-20",
            "group": "Yritysvierailut",
        }
    ]
    text = json.dumps(data, default=str)
    for never in (second_member.first_name, second_member.last_name, "Jari Lehtinen", "hitsaaj"):
        assert never not in text
    shown = exports.present(data, "fi")
    assert any(personas.employer_organisation.name in str(item) for item in shown)
    # the other visitor's export has both of their visits
    assert [row["visited_on"] for row in exports.collect(second_member)["company_visits"]] == [
        "2026-11-20",
        "2026-11-27",
    ]
