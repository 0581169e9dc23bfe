"""ESF+ data (age band, gender, special categories …) is never named by the profiles adapter.

What matching itself sees is checked in `matches/tests/test_adapters.py` (the modules it parses,
the fields of `matching.model.Profile`, suggestions unchanged when ESF+ data changes)."""

from __future__ import annotations

import ast
import inspect

import pytest

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
