"""Small template helpers for HDS form markup and query strings."""

from __future__ import annotations

import math
from datetime import timedelta

from django import forms, template
from django.forms import BoundField
from django.http import QueryDict
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def hds_input(field: BoundField) -> SafeString:
    """Render a text-like widget with the HDS input class and its descriptions linked."""
    described_by = []
    is_select = isinstance(field.field.widget, forms.Select)
    css_class = "kohtaanto-select" if is_select else "hds-text-input__input"
    attrs: dict[str, str | bool] = {"class": css_class}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def query_with(query: QueryDict, **changes: object) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    updated = query.copy()
    for key, value in changes.items():
        if value in (None, ""):
            updated.pop(key, None)
        else:
            updated[key] = str(value)
    encoded = updated.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """A time span in whole minutes, rounded up (at least 1)."""
    if not value:
        return 1
    return max(1, math.ceil(value.total_seconds() / 60))
