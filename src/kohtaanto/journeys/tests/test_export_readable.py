"""The readable view of the data export: plain groups, Finnish dates, skills by their label in
the reader's language, no URIs or ISO times, empty values left out; built from the registry."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from kohtaanto.journeys import export
from kohtaanto.journeys.tests.test_export import _fill
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.vocabularies import provider

pytestmark = pytest.mark.django_db

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.fixture
def data(consented, coach):
    _fill(consented, coach, "OMA-7")
    return export.export_participant_data(consented)


def _texts(groups) -> str:
    parts = []
    for group in groups:
        parts.append(group.heading)
        for section in group.sections:
            parts.append(section.heading)
            parts.extend(section.lines)
            for record in section.records:
                for row in record:
                    parts.extend([row.label, row.text, *(v for p in row.pairs for v in p)])
                    parts.extend(v for item in row.items for pair in item for v in pair)
    return "\n".join(parts)


@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
def test_groups_in_plain_finnish_with_finnish_dates(data):
    groups = export.readable(data, "fi")
    headings = [g.heading for g in groups]
    assert headings[:1] == ["Minun tietoni"]
    for heading in ("Taidot", "Suunnitelma", "Tapaamiset", "Suostumukset", "Palvelun päättyminen"):
        assert heading in headings
    text = _texts(groups)
    assert "1.3.2025 klo 12.00" in text  # the session, 10.00 UTC in Helsinki time
    assert "1.9.2025" in text  # the end of service
    assert not ISO_TIME.search(text) and "2025-09-01" not in text
    assert "http" not in text  # no concept URIs
    assert "Yksilötapaaminen" in text  # a catalogue id by its name
    assert "Työ" in text  # the continuation path by its name, not "employment"
    assert "employment" not in text


@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_skills_by_their_label_in_the_readers_language(data, lang):
    skill = next(iter(provider.get_taxonomy().of_kind(ConceptKind.SKILL)))
    text = _texts(export.readable(data, lang))
    assert skill.label(lang) in text
    assert data["skills_profile"][0]["uri"] == skill.uri  # the data file keeps the URI


@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
def test_empty_values_are_left_out_and_empty_sections_named_once(data):
    groups = {g.key: g for g in export.readable(data, "fi")}
    for group in groups.values():
        for section in group.sections:
            for record in section.records:
                assert all(row.text != export.EMPTY or row.pairs or row.items for row in record)
    assert "Ehdotukseni valmentajalle" in groups["skills"].empty_headings


def test_a_section_nobody_named_goes_under_its_apps_group_or_other():
    def section(key, app):
        return SimpleNamespace(key=key, model=SimpleNamespace(_meta=SimpleNamespace(app_label=app)))

    assert export._group_of(section("tasks", "journeys")) == "plan"
    assert export._group_of(section("interests", "matches")) == "work"
    assert export._group_of(section("new_thing", "profiles")) == "skills"
    assert export._group_of(section("new_thing", "newapp")) == "other"


@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
def test_the_downloaded_page_is_readable_and_fits_a_phone(data):
    html = export.render_export_html(data, "fi")
    assert '<html lang="fi">' in html and 'name="viewport"' in html
    assert "Minun tietoni" in html and "export-record" in html
    assert "overflow-wrap:anywhere" in html and "@media print" in html
    assert "http://data.europa.eu" not in html and not ISO_TIME.search(html)


@pytest.mark.time_machine(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False)
def test_presenters_do_not_change_the_data_file(data):
    before = repr(data)
    export.readable(data, "sv")
    assert repr(data) == before
