from __future__ import annotations

import datetime as dt
import json

import pytest

from kohtaanto.core.models import AuditEvent
from kohtaanto.journeys import export, services
from kohtaanto.journeys.services.intake import set_restriction_codes
from kohtaanto.profiles.services import add_item
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.vocabularies import provider

pytestmark = pytest.mark.django_db


def _fill(participant, coach, marker):
    services.update_intake(participant, by=coach, service_start=dt.date(2025, 1, 2))
    services.save_story(
        participant, by=coach, story=f"Olen kokki. {marker}", language="fi", recognise=False
    )
    services.set_languages(participant, by=coach, languages=[("fi", "native")])
    services.add_goal(participant, by=coach, title=f"Tavoite {marker}", steps=[f"Askel {marker}"])
    services.log_session(
        participant,
        by=coach,
        kind="individual",
        starts_at=dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC),
        done_together=f"Tapaaminen {marker}",
    )
    services.add_task(participant, by=coach, title=f"Tehtävä {marker}")
    services.submit_digcomp(
        participant,
        by=coach,
        answers=dict.fromkeys(
            __import__("kohtaanto.journeys.rules", fromlist=["digcomp"]).digcomp().questions, 3
        ),
    )
    skill = next(iter(provider.get_taxonomy().of_kind(ConceptKind.SKILL)))
    add_item(participant, by=coach, uri=skill.uri)
    services.prepare_cv_draft(participant, by=coach, language="fi")
    services.save_esf_entry_data(participant, by=coach, isced_level=3)
    services.end_service(
        participant,
        by=coach,
        outcome_type="employment",
        date=dt.date(2025, 9, 1),
        note=f"Loppu {marker}",
    )


# The dates above are fixed, so the clock is too: the session and the end of service are past.
@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
def test_export_contains_everything_and_nothing_of_others(
    consented, coach, participant_user, other_participant, outsider
):
    _fill(consented, coach, "OMA-123")
    services.set_restricted_constraints(consented, by=coach, constraints="Selkä OMA-123")
    set_restriction_codes(consented, by=coach, codes=["no_heavy_lifting"])
    _fill(other_participant, outsider, "VIERAS-999")
    data = export.export_for(participant_user, consented.pk)
    text = json.dumps(data, ensure_ascii=False)
    assert "VIERAS-999" not in text and other_participant.email not in text
    for key in (
        "intake",
        "languages",
        "restricted_constraints",
        "esf_entry_data",
        "skills_profile",
        "goals",
        "sessions",
        "tasks",
        "digcomp",
        "cv_drafts",
        "outcome",
        "follow_up",
        "consents",
    ):
        assert data[key], key
    assert "OMA-123" in data["intake"]["story"]
    assert data["goals"][0]["steps"][0]["text"] == "Askel OMA-123"
    assert len(data["digcomp"][0]["answers"]) == 21
    assert data["follow_up"]["due"] == "2026-03-01"
    assert AuditEvent.objects.filter(action="export", participant_id=consented.pk).exists()
    assert data["restricted_constraints"]["codes"] == ["no_heavy_lifting"]
    html = export.render_export_html(data, "fi")
    assert "OMA-123" in html and '<html lang="fi">' in html
    assert "Ei raskaita nostoja" in html and "no_heavy_lifting" not in html


def test_export_html_escapes(participant, coach):
    services.save_story(
        participant, by=coach, story="<script>alert(1)</script>", language="fi", recognise=False
    )
    html = export.render_export_html(export.export_participant_data(participant), "en")
    assert "<script>alert" not in html
