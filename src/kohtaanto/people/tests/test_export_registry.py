"""The data export by registration (`kohtaanto.people.exports`).

What must be declared: every model "about a participant", that is a model with a foreign key or
one-to-one field to `people.Participant`, or to another model about a participant, whatever the
depth (a follow-up of an outcome, the answers of a DigComp attempt, a step of a goal, and the
through tables of many-to-many fields such as a session's coaches). Each one is either exported
(the model of a section, a `Nested` model or in a section's `includes`) or excluded with a
reason. The walk follows foreign keys *into* participant data only: a participant's own
foreign keys (organisation, user account) point out of it and are exported, where they are, as
named fields.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.utils.functional import Promise

from kohtaanto.core.models import AuditEvent
from kohtaanto.journeys import export, services
from kohtaanto.journeys.models import Session, Task
from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people import exports
from kohtaanto.people.exports import Field, Nested
from kohtaanto.people.models import Participant


def _points_at(model: type[Model], targets: set[type[Model]]) -> bool:
    return any(
        (field.many_to_one or field.one_to_one)
        and field.concrete
        and field.related_model in targets
        for field in model._meta.get_fields()
    )


def _about_a_participant() -> set[type[Model]]:
    """Models that point at a participant, directly or through other such models."""
    every = apps.get_models(include_auto_created=True)
    found: set[type[Model]] = {Participant}
    while True:
        more = {m for m in every if m not in found and _points_at(m, found)}
        if not more:
            return found - {Participant}
        found |= more


def test_the_walk_finds_direct_and_deeper_models():
    about = {m._meta.label for m in _about_a_participant()}
    assert {"people.ConsentEvent", "journeys.Intake", "matches.Proposal"} <= about
    # one step further: a follow-up of an outcome, a goal's step, a session's coaches
    assert {"journeys.FollowUp", "journeys.GoalStep", "journeys.Session_coaches"} <= about
    assert "people.Participant_coaches" in about
    assert "opportunities.Opportunity" not in about


def test_every_model_about_a_participant_is_exported_or_excluded_with_a_reason():
    exported = exports.exported_models()
    excluded = exports.exclusions()
    missing = sorted(
        m._meta.label for m in _about_a_participant() if m not in exported and m not in excluded
    )
    assert missing == [], (
        "register these in <app>/exports.py (people.exports.register) or exclude them with a "
        f"reason (people.exports.exclude): {missing}"
    )
    assert all(reason.strip() for reason in excluded.values())
    assert not set(excluded) & exported


def test_proposals_are_exported():
    assert Proposal in exports.exported_models()


def _all_fields():
    for section in exports.sections():
        for spec in section.fields:
            if isinstance(spec, Nested):
                for inner in spec.fields:
                    assert isinstance(inner, Field)
                    yield section, spec.model, inner
            else:
                yield section, section.model, spec


def test_every_registered_field_exists_on_its_model():
    for section, model, spec in _all_fields():
        if spec.get is None:
            field = exports.field_of(model, spec)
            assert field is not None and not field.is_relation, (section.key, spec.name)


def test_every_label_on_the_page_is_translatable():
    """Headings and labels come from gettext_lazy (ours or the model field's verbose name)."""
    untranslated = []
    for section in exports.sections():
        if not isinstance(section.label, Promise):
            untranslated.append(section.key)
    for section, model, spec in _all_fields():
        if not spec.on_page:
            continue
        field = exports.field_of(model, spec)
        label = spec.label or (field.verbose_name if field else None)
        if not isinstance(label, Promise):
            untranslated.append(f"{section.key}.{spec.name}")
    assert untranslated == []


def test_registration_refuses_unknown_fields_relations_and_empty_reasons():
    before = exports.sections()
    with pytest.raises(ImproperlyConfigured, match="no field"):
        exports.register("x", model=Task, fields=("no_such_field",), label="x")
    with pytest.raises(ImproperlyConfigured, match="relation"):
        exports.register("x", model=Task, fields=("created_by",), label="x")
    with pytest.raises(ImproperlyConfigured, match="relation"):
        exports.register("x", model=Session, fields=("recorded_by",), label="x")
    with pytest.raises(ImproperlyConfigured, match="twice"):
        exports.register("tasks", model=Task, fields=("title",), label="x")
    with pytest.raises(ImproperlyConfigured, match="envelope"):
        exports.register("format", model=Task, fields=("title",), label="x")
    with pytest.raises(ImproperlyConfigured, match="excluded"):
        exports.register("x", model=Session.coaches.through, fields=(), label="x")
    with pytest.raises(ImproperlyConfigured, match="does not lead"):
        exports.register("x", model=Task, fields=("title",), participant_path="goal", label="x")
    with pytest.raises(ImproperlyConfigured, match="reason"):
        exports.exclude(AuditEvent, "  ")
    with pytest.raises(ImproperlyConfigured, match="exported"):
        exports.exclude(Task, "a reason")
    assert exports.sections() == before
    assert AuditEvent not in exports.exclusions()


@pytest.mark.django_db
def test_collect_gives_every_section_in_registration_order(participant):
    data = exports.collect(participant)
    assert list(data) == [s.key for s in exports.sections()]
    assert data["participant"]["first_name"] == participant.first_name
    assert data["outcome"] is None and data["goals"] == []


@pytest.mark.django_db
def test_a_proposal_is_in_the_export_json_and_html(personas, participant_user):
    participant = personas.participant
    opportunity = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        title="Varastotyöntekijä PROP-42",
        kind="work_trial",
        status="open",
    )
    Proposal.objects.create(
        participant=participant,
        opportunity=opportunity,
        status="employer_viewed",
        score=0.734,
        proposed_by=personas.coach,
        created=dt.datetime(2025, 3, 1, 22, 30, tzinfo=dt.UTC),
        status_changed=dt.datetime(2025, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    other = Opportunity.objects.create(
        organisation=personas.other_organisation, title="VIERAS-777", status="open"
    )
    Proposal.objects.create(participant=personas.other_participant, opportunity=other)

    data = export.export_for(participant_user, participant.pk)
    json.dumps(data)  # JSON-ready
    assert "VIERAS-777" not in json.dumps(data, ensure_ascii=False)
    [proposal] = data["proposals"]
    assert proposal["opportunity"] == "Varastotyöntekijä PROP-42"
    assert proposal["opportunity_kind"] == "work_trial"
    assert proposal["employer"] == "Konepaja Virtanen Oy"
    assert proposal["status"] == "employer_viewed"
    assert proposal["created"] == "2025-03-01T22:30:00+00:00"
    assert proposal["proposed_by"] == personas.coach.get_full_name()
    assert personas.coach.email not in json.dumps(data)

    html = export.render_export_html(data, "fi")
    assert "Varastotyöntekijä PROP-42" in html
    assert "Työnantaja on nähnyt" in html and "Työkokeilu" in html  # labels of the choices
    assert "Konepaja Virtanen Oy" in html and personas.coach.get_full_name() in html
    assert "employer_viewed" not in html  # the label, not the code
    assert "2.3.2025 klo 00.30" in html  # Helsinki time, Finnish format
    assert "73 %" in html
    html_sv = export.render_export_html(data, "sv")
    assert "2.3.2025 kl. 00.30" in html_sv and 'lang="sv"' in html_sv


@pytest.mark.django_db
@pytest.mark.time_machine(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False)  # after 15.1.
def test_the_page_shows_labels_local_times_and_catalogue_names(participant, coach):
    services.log_session(
        participant,
        by=coach,
        kind="individual",
        starts_at=dt.datetime(2025, 1, 15, 23, 15, tzinfo=dt.UTC),
        done_together="Rivi 1\nRivi 2",
    )
    services.set_languages(participant, by=coach, languages=[("so", "native"), ("fi", "B1")])
    services.save_esf_entry_data(participant, by=coach, isced_level=3, homeless=False)
    data = export.export_participant_data(participant)
    assert data["sessions"][0]["kind"] == "individual"  # the file keeps the ids
    assert data["languages"] == [
        {"language": "so", "level": "native"},
        {"language": "fi", "level": "B1"},
    ]
    html = export.render_export_html(data, "fi")
    assert "Yksilötapaaminen" in html and ">individual<" not in html
    assert "16.1.2025 klo 01.15" in html
    assert "somali" in html and "suomi" in html
    assert "Ei vastausta" in html and "Ei</td>" in html  # ESF+: not answered / no
    assert 'class="long">Rivi 1\nRivi 2' in html
    english = export.render_export_html(data, "en")
    assert "Individual session" in english and "16.1.2025 at 01:15" in english
    assert "Somali" in english
