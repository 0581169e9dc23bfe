"""The participant's own data as JSON and as a readable HTML page (GDPR access and
portability). What the export holds is registered by each app with `kohtaanto.people.exports`
(`<app>/exports.py`); this module adds the envelope, renders the page and audits.

`export_participant_data(participant)` takes an already-accessed participant;
`export_for(user, participant_id)` loads it through `people.access` and audits an `export`.

The readable view (`readable(data, lang)`) is built generically from the registry: every
registered section's rows become label/value pairs (`people.exports.present`), empty values
are left out, and the sections are put under a few plain headings (`GROUPS`: my information,
skills, plan, meetings, documents, jobs and courses, consents, end of service). A section that
`GROUPS` does not name goes under the group of its model's app (`APP_GROUPS`), else under
"Other information", so a new app's data appears without an edit here. Where the rows need
more than the registry gives, a *presenter* (`PRESENTERS`, keyed by section) reshapes a copy
of them for the page only: skills and occupations by their label in the person's language
(from the concept URI that the data file keeps), DigComp averages with their level in words.
The JSON download is never changed by a presenter."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

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


# --- the readable view -------------------------------------------------------------------

GROUP_HEADINGS: dict[str, str | Promise] = {
    "me": pgettext_lazy("data export", "My information"),
    "skills": pgettext_lazy("data export", "Skills"),
    "plan": pgettext_lazy("data export", "Plan"),
    "meetings": pgettext_lazy("data export", "Meetings"),
    "documents": pgettext_lazy("data export", "Documents"),
    "work": pgettext_lazy("data export", "Jobs and courses"),
    "consents": pgettext_lazy("data export", "Consents"),
    "end": pgettext_lazy("data export", "End of service"),
    "other": pgettext_lazy("data export", "Other information"),
}
"""The plain headings of the readable view, in this order."""

GROUPS: dict[str, str] = {
    "participant": "me",
    "account": "me",
    "coaches": "me",
    "intake": "me",
    "languages": "me",
    "restricted_constraints": "me",
    "esf_entry_data": "me",
    "skills_profile": "skills",
    "suggested_changes": "skills",
    "recognition_runs": "skills",
    "digcomp": "skills",
    "goals": "plan",
    "tasks": "plan",
    "sessions": "meetings",
    "cv_drafts": "documents",
    "consents": "consents",
    "outcome": "end",
    "follow_up": "end",
}
"""Section key → group. Sections not named here: see `APP_GROUPS`."""

APP_GROUPS: dict[str, str] = {
    "profiles": "skills",
    "matches": "work",
    "opportunities": "work",
    "people": "me",
}
"""A section's model's app → group, for sections that `GROUPS` does not name."""

Presenter = Callable[[list[dict[str, Any]], str], list[dict[str, Any]]]
PRESENTERS: dict[str, Presenter] = {}
"""Section key → `presenter(rows, lang)` giving the rows as the page shows them."""


def presenter(section: str) -> Callable[[Presenter], Presenter]:
    """Register a presenter for `section` (decorator)."""

    def register(function: Presenter) -> Presenter:
        PRESENTERS[section] = function
        return function

    return register


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    sections: tuple[exports.Shown, ...]

    @property
    def empty(self) -> bool:
        return all(section.empty for section in self.sections)

    @property
    def empty_headings(self) -> list[str]:
        """The headings of the sections with nothing saved (said in one line)."""
        return [section.heading for section in self.sections if section.empty]


def _group_of(section: exports.Section) -> str:
    if section.key in GROUPS:
        return GROUPS[section.key]
    return APP_GROUPS.get(section.model._meta.app_label, "other")


def _presented(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    shown = dict(data)
    for key, function in PRESENTERS.items():
        value = data.get(key)
        if not value:
            continue
        rows: list[dict[str, Any]] = [dict(value)] if isinstance(value, Mapping) else list(value)
        changed = function(copy.deepcopy(rows), lang)
        shown[key] = changed[0] if isinstance(value, Mapping) else changed
    return shown


def _filled(section: exports.Shown) -> exports.Shown:
    """The section without rows that say nothing (empty values)."""
    records = []
    for record in section.records:
        rows = tuple(
            row for row in record if row.pairs or row.items or (row.text and row.text != EMPTY)
        )
        if rows:
            records.append(rows)
    return exports.Shown(section.key, section.heading, tuple(records), section.lines)


EMPTY = exports.EMPTY


def readable(data: Mapping[str, Any], lang: str) -> list[Group]:
    """`export_participant_data` output as plain groups of sections, each a list of records
    of label/value rows in `lang`; empty values left out; groups in `GROUP_HEADINGS` order."""
    by_key = {section.key: section for section in exports.sections()}
    shown = exports.present(_presented(data, lang), lang)
    grouped: dict[str, list[exports.Shown]] = {key: [] for key in GROUP_HEADINGS}
    for section in shown:
        spec = by_key.get(section.key)
        group = _group_of(spec) if spec else "other"
        grouped.setdefault(group, []).append(_filled(section))
    with translation.override(lang):
        return [
            Group(key, str(GROUP_HEADINGS.get(key, GROUP_HEADINGS["other"])), tuple(sections))
            for key, sections in grouped.items()
            if sections
        ]


def readable_context(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """What the readable templates need: the groups and the time of the export."""
    with translation.override(lang):
        return {
            "groups": readable(data, lang),
            "exported_at": exports.show_datetime(data.get("exported_at", "")),
            "full_name": " ".join(
                str((data.get("participant") or {}).get(k) or "")
                for k in ("first_name", "last_name")
            ).strip(),
        }


def render_export_html(data: dict[str, Any], lang: str = "fi") -> str:
    """A readable, self-contained HTML page of `export_participant_data` output (the
    download): the same groups and sections as the page on the site, printable."""
    with translation.override(lang):
        return render_to_string(
            "journeys/export.html", {"data": data, "lang": lang, **readable_context(data, lang)}
        )


# --- presenters ----------------------------------------------------------------------------


def _concept_label(uri: Any, lang: str) -> str | None:
    from kohtaanto.profiles.adapters import label_of

    return label_of(str(uri), lang) if uri else None


@presenter("skills_profile")
def _skills_by_label(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Skills and occupations by their label in the reader's language (the stored label is
    in the language of the story); the URI stays in the data file."""
    for row in rows:
        row["label"] = _concept_label(row.get("uri"), lang) or row.get("label")
    return sorted(rows, key=lambda r: (str(r.get("group") or ""), str(r.get("label") or "")))


@presenter("suggested_changes")
def _changes_by_label(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    for row in rows:
        row["label"] = _concept_label(row.get("uri"), lang) or row.get("label")
    return rows


def export_for(user: Any, participant_id: object) -> dict[str, Any]:
    """Load (404 unless visible), export and audit as `export`."""
    participant = access_participant(user, participant_id, action=AuditAction.EXPORT)
    data = export_participant_data(participant)
    if participant.user_id == getattr(user, "pk", None):
        log_event(user, AuditAction.EXPORT, participant)
    return data
