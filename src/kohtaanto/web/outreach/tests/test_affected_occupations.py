"""The intervention form's "occupations of the people affected" (issue 16, the
structural-change watch): chosen on the form, saved, shown again on the edit page, checked
against the vocabulary, and the link to the watch for the coordinator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.outreach.models import Intervention

pytestmark = pytest.mark.django_db

ESCO = "http://data.europa.eu/esco/occupation/"
WAREHOUSE = ESCO + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
CLEANER = ESCO + "303a1e34-cb16-4054-b323-81e5eec17397"


def _data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Varaston irtisanomiset",
        "municipality_code": "286",
        "event_kind": "layoff",
        "company_name": "Kymen Varasto Oy",
        "event_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "people_affected": "40",
        "affected_occupations": [WAREHOUSE, CLEANER],
    }
    data.update(changes)
    return data


def test_occupations_are_saved_shown_on_edit_and_lead_to_the_watch(
    personas: Personas, client_for: Callable[[object], Client]
) -> None:
    client = client_for(personas.coordinator)
    form = client.get("/outreach/interventions/new/?lang=fi").content.decode()
    assert 'name="affected_occupations"' in form and WAREHOUSE in form
    response = client.post("/outreach/interventions/new/", _data())
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    assert intervention.affected_occupations == [WAREHOUSE, CLEANER]
    edit = client.get(f"/outreach/interventions/{intervention.pk}/edit/").content.decode()
    assert f'value="{WAREHOUSE}" selected' in edit and f'value="{CLEANER}" selected' in edit
    detail = client.get(f"/outreach/interventions/{intervention.pk}/").content.decode()
    assert f"/foresight/watch/{intervention.pk}/" in detail
    # removing one on the edit page keeps the other
    fields = _data(affected_occupations=[CLEANER])
    assert (
        client.post(f"/outreach/interventions/{intervention.pk}/edit/", fields).status_code == 302
    )
    intervention.refresh_from_db()
    assert intervention.affected_occupations == [CLEANER]
    # a coach sees the intervention but not the watch link (the watch is for readers)
    coach = client_for(personas.coach).get(f"/outreach/interventions/{intervention.pk}/")
    assert f"/foresight/watch/{intervention.pk}/" not in coach.content.decode()


def test_an_occupation_not_in_the_vocabulary_is_a_form_error_and_nothing_is_saved(
    personas: Personas, client_for: Callable[[object], Client]
) -> None:
    client = client_for(personas.coordinator)
    response = client.post(
        "/outreach/interventions/new/?lang=fi",
        _data(affected_occupations=[ESCO + "not-an-occupation"]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_affected_occupations_error"' in html
    assert "Valitse oikea vaihtoehto" in html  # Django's translated "select a valid choice"
    assert not Intervention.objects.exists()
