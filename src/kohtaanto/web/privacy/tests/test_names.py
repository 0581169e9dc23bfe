"""Every kind of row the erasure review lists has a name in the page's language, and a held
record shows its fields by name with readable values (not "project__name: True")."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from kohtaanto.core.models import Organisation
from kohtaanto.insights.models import ProjectEnrolment
from kohtaanto.journeys import rules as journey_rules
from kohtaanto.journeys.models import EsfEntryData, FollowUp
from kohtaanto.people.models import Participant
from kohtaanto.privacy import registry
from kohtaanto.privacy.erasure import erase_participant
from kohtaanto.privacy.models import HeldRecord
from kohtaanto.privacy.tests import rich
from kohtaanto.web.privacy.names import (
    NAMES,
    declares_a_name,
    field_name,
    kind_name,
    shown_value,
)


def test_every_model_about_a_participant_has_a_translated_name():
    about = {Participant, *registry.about_a_participant()}
    unnamed = sorted(
        m._meta.label for m in about if not declares_a_name(m) and m._meta.label not in NAMES
    )
    assert not unnamed, f"give these a verbose_name_plural (or a name in NAMES): {unnamed}"
    labels = {m._meta.label for m in about}
    assert set(NAMES) <= labels, (
        f"names of models no longer about a participant: {set(NAMES) - labels}"
    )
    for label, name in NAMES.items():
        with translation.override("fi"):
            finnish = str(name)
        with translation.override("sv"):
            swedish = str(name)
        with translation.override("en"):
            english = str(name)
        assert finnish != english and swedish != english, label


def test_names_fields_and_values_in_finnish():
    with translation.override("fi"):
        assert kind_name(Participant) == "Osallistujat"
        assert kind_name(EsfEntryData) == "ESR+-aloitustiedot"
        assert field_name(ProjectEnrolment, "project__name") == "Projektin nimi"  # the export's
        # a path the export does not name: the fields' names along it
        organisation = str(Participant._meta.get_field("organisation").verbose_name)
        code = str(Organisation._meta.get_field("municipality_code").verbose_name)
        path = "organisation__municipality_code"
        assert field_name(Participant, path) == capfirst(f"{organisation}: {code}")
        disability = str(EsfEntryData._meta.get_field("disability").verbose_name)
        assert field_name(EsfEntryData, "disability") == capfirst(disability)
        # the export's label and display of a catalogue code
        assert field_name(EsfEntryData, "labour_market_status") == "Tilanne aloittaessa"
        status = journey_rules.labour_market_statuses()["unemployed"].label.get("fi")
        assert shown_value(EsfEntryData, "labour_market_status", "unemployed") == status
        assert shown_value(EsfEntryData, "disability", True) == "Kyllä"
        assert shown_value(EsfEntryData, "minority", None) is None
        assert shown_value(FollowUp, "due", "2032-12-31") == "31.12.2032"


@pytest.mark.django_db
def test_the_held_record_page_reads_as_text(personas, coordinator_client):
    person = personas.caseload_participant
    funded = rich.project(personas)
    rich.fill(personas, person, funded=funded)
    erase_participant(personas.coordinator, person, reason="request")
    held = HeldRecord.objects.get()
    html = coordinator_client.get(reverse("privacy:held", args=[held.pk])).content.decode()
    assert "project__name" not in html and "labour_market_status" not in html
    assert "True" not in html and "False" not in html
    assert funded.name in html and person.last_name in html
