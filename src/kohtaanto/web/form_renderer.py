"""The form renderer (`FORM_RENDERER`): Django's own, with the plainest widget templates built
in Python.

Django renders every widget, and every option of a select, radio or checkbox group, as a
template of its own; on a page with a filter form or an answer form per suggestion that was a
tenth of the page's time. For the templates below, `FastTemplates` builds the same HTML
directly — byte for byte what Django's templates give (`web/tests/test_form_renderer.py`
compares them widget by widget); any other template, or a project override of one of these,
is rendered by Django as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html

_WIDGETS = "django/forms/widgets/"
_INPUTS = frozenset(
    _WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "email.html",
        "number.html",
        "password.html",
        "url.html",
        "search.html",
        "tel.html",
        "date.html",
        "datetime.html",
        "time.html",
        "hidden.html",
        "color.html",
        "checkbox.html",
    )
)
_OPTIONS = frozenset(_WIDGETS + name for name in ("radio_option.html", "checkbox_option.html"))
_SELECT_OPTION = _WIDGETS + "select_option.html"


def _text(value: Any) -> str:
    """`{{ value }}` in a template (localised, escaped)."""
    return str(conditional_escape(localize(value)))


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(format_html(" {}", name))
        else:
            parts.append(format_html(' {}="{}"', name, str(value)))
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    """django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
    return (
        format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
        + value
        + _attrs(widget["attrs"])
        + ">"
    )


def _option(widget: Mapping[str, Any]) -> str:
    """input_option.html (radio_option.html, checkbox_option.html)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    target = widget["attrs"].get("id")
    opening = format_html('<label for="{}">', target) if target else "<label>"
    return f"{opening}{_input(widget)} {_text(widget['label'])}</label>"


def _select(widget: Mapping[str, Any]) -> str | None:
    """select.html with select_option.html options (None: an option of another template)."""
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != _SELECT_OPTION:
                return None
            parts.append(
                format_html('\n  <option value="{}"', str(option["value"]))
                + _attrs(option["attrs"])
                + f">{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: Mapping[str, Any]) -> str:
    """textarea.html."""
    value = _text(widget["value"]) if widget["value"] else ""
    return format_html('<textarea name="{}"', widget["name"]) + (
        f"{_attrs(widget['attrs'])}>\n{value}</textarea>"
    )


_BUILDERS: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **dict.fromkeys(_INPUTS, _input),
    **dict.fromkeys(_OPTIONS, _option),
    _WIDGETS + "select.html": _select,
    _WIDGETS + "textarea.html": _textarea,
}


class FastTemplates(DjangoTemplates):
    """`DjangoTemplates` with the plainest widgets built in Python (see the module)."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        build = _BUILDERS.get(template_name)
        widget = context.get("widget") if build is not None else None
        if build is not None and isinstance(widget, Mapping):
            built = build(widget)
            if built is not None:
                return built.strip()
        return super().render(template_name, context, request)
