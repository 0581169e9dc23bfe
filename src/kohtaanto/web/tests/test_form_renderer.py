"""`FastTemplates` builds the plainest widgets in Python: byte for byte what Django's own
templates give, for every widget and option it builds, in every state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.translation import gettext_lazy

from kohtaanto.web import form_renderer
from kohtaanto.web.form_renderer import FastTemplates


class Everything(forms.Form):
    text = forms.CharField(required=False, max_length=20, help_text="apu")
    email = forms.EmailField()
    number = forms.DecimalField(required=False, widget=forms.NumberInput(attrs={"step": 0.5}))
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.DateTimeField(required=False)
    hour = forms.TimeField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    flag = forms.BooleanField(required=False)
    colour = forms.CharField(widget=forms.TextInput(attrs={"data-x": 'a"<b>&', "off": False}))
    one = forms.ChoiceField(
        choices=[("", "—"), ("a", "A & B"), ('q"<', gettext_lazy("Name")), (3, 1.5)]
    )
    grouped = forms.ChoiceField(
        choices=[("Ryhmä <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    radio = forms.ChoiceField(choices=[("a", "A"), ('b"&', "<B>")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=[(1, "yksi"), (2, "kaksi")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "boxes"}),
        required=False,
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


FILLED = {
    "text": "Matti <b>",
    "email": "m@example.fi",
    "number": "2.5",
    "password": "salasana",
    "url": "https://example.fi/?a=1&b=2",
    "day": "2026-12-07",
    "moment": "2026-12-07 10:00",
    "hour": "10:30",
    "hidden": 'x"y',
    "search": "haku",
    "flag": "on",
    "colour": "punainen",
    "one": 'q"<',
    "grouped": "y",
    "many": ["a", "b"],
    "radio": 'b"&',
    "boxes": ["2"],
    "note": "Rivi 1\n<rivi 2> & 'lainaus'",
}


def _pairs(form: forms.Form) -> list[tuple[str, str]]:
    """(what Django's renderer gives, what FastTemplates gives) for every field and every
    option of every field."""
    plain, fast = DjangoTemplates(), FastTemplates()
    found: list[tuple[str, str]] = []
    for name in form.fields:
        form.renderer = plain
        expected = [str(form[name])] + [str(option.tag()) for option in form[name]]
        expected += [str(option.tag(wrap_label=True)) for option in form[name]]
        form.renderer = fast
        got = [str(form[name])] + [str(option.tag()) for option in form[name]]
        got += [str(option.tag(wrap_label=True)) for option in form[name]]
        found.extend(zip(expected, got, strict=True))
    return found


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("data", [None, {}, FILLED], ids=["unbound", "empty", "filled"])
def test_every_widget_and_option_is_what_django_renders(
    language: str, data: dict[str, Any] | None
) -> None:
    with translation.override(language):
        form = Everything(data=data, initial={"text": "alku", "day": dt.date(2026, 1, 2)})
        if data is not None:
            form.is_valid()
        pairs = _pairs(form)
    assert len(pairs) > 30
    for expected, got in pairs:
        assert got == expected


def test_the_fast_path_is_taken_for_the_widgets_it_knows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The built widgets never reach Django's template engine (else the comparison above
    would compare Django with itself)."""

    def refuse(self, template_name, context, request=None):  # type: ignore[no-untyped-def]
        raise AssertionError(template_name)

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    form = Everything(data=FILLED)
    form.renderer = FastTemplates()
    for name in ("text", "email", "number", "hidden", "flag", "one", "grouped", "many", "note"):
        assert str(form[name].as_widget())
    for name in ("radio", "boxes"):
        assert all(str(option.tag()) for option in form[name])


def test_the_project_uses_it_and_overrides_none_of_its_templates() -> None:
    """A project template at one of these names would be skipped by the fast path."""
    assert isinstance(get_default_renderer(), FastTemplates)
    assert settings.FORM_RENDERER == "kohtaanto.web.form_renderer.FastTemplates"
    built = {name.removeprefix("django/forms/widgets/") for name in form_renderer._BUILDERS}
    root = Path(form_renderer.__file__).resolve().parents[1]
    overrides = [
        path
        for path in root.rglob("*.html")
        if path.parent.as_posix().endswith("django/forms/widgets") and path.name in built
    ]
    assert overrides == []
