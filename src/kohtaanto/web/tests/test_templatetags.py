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


def test_option_input_is_what_django_renders_for_each_option():
    """`option_input` gives `option.tag()` byte for byte: radio and checkbox groups, chosen
    and not, a value that needs escaping, a required group and extra attributes."""
    from django import forms

    from kohtaanto.web.templatetags.kohtaanto_web import option_input

    class Form(forms.Form):
        kind = forms.ChoiceField(
            choices=[("a", "A"), ('b"<&>', "B"), ("", "none")], widget=forms.RadioSelect
        )
        many = forms.MultipleChoiceField(
            choices=[(1, "one"), (2, "two")],
            widget=forms.CheckboxSelectMultiple(attrs={"class": "x", "data-on": True}),
            required=False,
        )
        flags = forms.TypedChoiceField(
            choices=[(True, "yes"), (False, "no")], widget=forms.RadioSelect, required=False
        )

    for form in (Form(), Form(data={"kind": 'b"<&>', "many": ["2"], "flags": "False"})):
        options = [option for name in ("kind", "many", "flags") for option in form[name]]
        assert len(options) == 7
        for option in options:
            assert str(option_input(option)) == str(option.tag())


def test_option_input_renders_other_option_templates_as_django_does():
    from django import forms

    from kohtaanto.web.templatetags.kohtaanto_web import option_input

    class Select(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A")], widget=forms.Select)

    option = next(iter(Select()["kind"]))
    assert str(option_input(option)) == str(option.tag())
