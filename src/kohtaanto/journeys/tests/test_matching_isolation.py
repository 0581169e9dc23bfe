"""ESF+ data (age band, gender, special categories …) never reaches matching."""

from __future__ import annotations

import ast
import dataclasses
import inspect

import pytest

from kohtaanto.journeys import services
from kohtaanto.people import services as people_services
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.profiles import adapters

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "EsfEntryData",
    "esf",
    "RestrictedConstraints",
    "restricted_constraints",
    "birth_date",
    "gender",
    "age_band",
    "disability",
    "minority",
}


def test_adapter_module_never_names_esf_or_restricted_data():
    tree = ast.parse(inspect.getsource(adapters))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    names |= {
        a.name.split(".")[-1]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        for a in n.names
    }
    assert not names & FORBIDDEN


def test_matching_profile_has_no_protected_fields(consented, coach):
    people_services.give_consent(consented, ConsentPurpose.SPECIAL_CATEGORIES, by=coach)
    services.save_esf_entry_data(
        consented,
        by=coach,
        gender_self_described="nainen",
        gender_category="women",
        disability=True,
        isced_level=2,
    )
    profile = adapters.profile_for_matching(consented)
    assert profile is not None
    fields = {f.name for f in dataclasses.fields(profile)}
    assert fields == {"participant_id", "skills", "occupations", "languages", "municipality_code"}
    assert "nainen" not in repr(profile) and "women" not in repr(profile)


def test_no_matching_profile_without_consent(participant):
    assert adapters.profile_for_matching(participant) is None
