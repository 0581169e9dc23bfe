"""The participant's own data as JSON and as a readable HTML page (GDPR access and
portability). What the export holds is registered by each app with `kohtaanto.people.exports`
(`<app>/exports.py`); this module adds the envelope, renders the page and audits.

`export_participant_data(participant)` takes an already-accessed participant;
`export_for(user, participant_id)` loads it through `people.access` and audits an `export`."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.people import exports
from kohtaanto.people.access import access_participant
from kohtaanto.people.models import Participant

FORMAT = "kohtaanto-participant-export-1"


def export_participant_data(participant: Participant) -> dict[str, Any]:
    """Everything stored about one participant, as JSON-ready plain data: the registered
    sections in registration order. Nothing of any other person is included: coaches appear
    by name only."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        **exports.collect(participant),
    }


def render_export_html(data: dict[str, Any], lang: str = "fi") -> str:
    """A readable, self-contained HTML page of `export_participant_data` output: one heading
    per registered section and rows of label: value."""
    with translation.override(lang):
        return render_to_string(
            "journeys/export.html",
            {
                "data": data,
                "lang": lang,
                "sections": exports.present(data, lang),
                "exported_at": exports.show_datetime(data.get("exported_at", "")),
            },
        )


def export_for(user: Any, participant_id: object) -> dict[str, Any]:
    """Load (404 unless visible), export and audit as `export`."""
    participant = access_participant(user, participant_id, action=AuditAction.EXPORT)
    data = export_participant_data(participant)
    if participant.user_id == getattr(user, "pk", None):
        log_event(user, AuditAction.EXPORT, participant)
    return data
