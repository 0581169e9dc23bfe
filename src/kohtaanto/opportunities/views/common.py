"""Helpers shared by the opportunity pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import get_language

from kohtaanto.core.errors import ValidationFailed


def lang() -> str:
    code = (get_language() or "fi")[:2]
    return code if code in ("fi", "sv", "en") else "fi"


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def add_service_errors(form: forms.BaseForm, error: ValidationFailed) -> None:
    """A service's errors on the form; unknown field names go to the form as a whole."""
    for field, messages in error.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(None, str(error.message))


def current_organisation_id(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    return getattr(organisation, "pk", None)
