"""Template helpers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django import forms
from django.http import QueryDict

from kohtaanto.web.templatetags.kohtaanto_web import hds_input, query_with, whole_minutes


def test_query_with_replaces_and_drops_parameters():
    query = QueryDict("action=view&page=3&actor=5")
    assert query_with(query, page=4) == "?action=view&page=4&actor=5"
    assert query_with(query, page=None, actor="") == "?action=view"
    assert query_with(QueryDict(""), page=None) == "?"


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(timedelta(minutes=15), 15), (timedelta(seconds=61), 2), (timedelta(0), 1), (None, 1)],
)
def test_whole_minutes(value, minutes):
    assert whole_minutes(value) == minutes


class ExampleForm(forms.Form):
    name = forms.CharField(help_text="Help")
    choice = forms.ChoiceField(choices=[("a", "A")])


def test_hds_input_links_errors_and_help():
    form = ExampleForm(data={})
    assert not form.is_valid()
    html = str(hds_input(form["name"]))
    assert 'class="hds-text-input__input"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_error id_name_helptext"' in html
    assert 'class="kohtaanto-select"' in str(hds_input(form["choice"]))
