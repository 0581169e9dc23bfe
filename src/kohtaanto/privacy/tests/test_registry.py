"""The erasure's registry covers the same models as the data export's (see
people/tests/test_export_registry.py): every model about a participant is erased or held."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from kohtaanto.people import exports
from kohtaanto.people.models import Participant
from kohtaanto.privacy import registry, rules


def test_every_model_about_a_participant_is_erased_or_held():
    assert registry.undeclared() == [], (
        f"declare these in privacy/dispositions.py (erase or hold): {registry.undeclared()}"
    )


def test_the_erasure_and_the_export_know_the_same_models():
    about = set(registry.about_a_participant())
    export_knows = exports.exported_models() | set(exports.exclusions())
    assert about <= export_knows
    declared = {apps.get_model(label) for label in registry.declared()}
    assert declared == about | {Participant}


def test_a_new_model_would_be_reported(monkeypatch):
    """A model about a participant that nobody declared makes the registry fail."""
    declared = registry.declared()
    before = registry.undeclared()
    label = "journeys.Task"
    monkeypatch.setattr(registry, "_declared", {k: v for k, v in declared.items() if k != label})
    assert registry.undeclared() == sorted([*before, label])


def test_every_model_has_a_path_to_the_participant():
    for model in registry.about_a_participant():
        path = registry.path_to_participant(model)
        assert path.endswith("participant") or path.endswith("participant_id"), model


def test_holds_name_known_holds_and_existing_fields():
    for disposition in registry.declared().values():
        if disposition.action == registry.HOLD:
            assert disposition.hold in rules.holds()
            assert disposition.fields
    with pytest.raises(ImproperlyConfigured, match="hold"):
        registry.hold("journeys.Task", "no_such_hold", ("title",))
    with pytest.raises(ImproperlyConfigured, match="twice"):
        registry.erase("journeys.Task")


def test_rules_data_is_consistent():
    found = rules.rules()
    assert {"case_files", "invitations_not_accepted", "report_files", "audit_log"} <= set(found)
    for rule in found.values():
        assert rule.min <= rule.default <= rule.max
        for lang in ("fi", "sv", "en"):
            assert getattr(rule.label, lang) and getattr(rule.description, lang)
    for hold in rules.holds().values():
        assert hold.rule in found
        assert hold.reason.fi and hold.reason.sv and hold.reason.en
