"""The one set of page helpers: the request's roles, the role guards of pages, the active
language, htmx detection and service errors on forms. Every area under `web/` uses these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from kohtaanto.core.access import require_role
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.languages import active_language

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

STAFF_ROLES = frozenset({"coach", "coordinator"})


def user_roles(request: HttpRequest) -> frozenset[str]:
    """Roles in the current organisation, set on the request by core's
    CurrentOrganisationMiddleware, as plain strings ("coach", "participant", ...)."""
    roles = getattr(request, "roles", None) or ()
    # Role is a TextChoices; str() gives its value. Plain strings hash like the values do.
    return frozenset(str(role) for role in roles)


def lang() -> str:
    """The active language as one of "fi", "sv", "en" (Finnish for anything else)."""
    return active_language()


def is_htmx(request: HttpRequest) -> bool:
    """A partial update by htmx (not a boosted full-page navigation)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def require_staff(request: HttpRequest) -> None:
    """404 unless the user is a coach or coordinator in the current organisation."""
    if not STAFF_ROLES & user_roles(request):
        raise Http404


def current_organisation_id(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    return getattr(organisation, "pk", None)


def add_service_errors(form: forms.BaseForm, error: ValidationFailed, default: str = "") -> None:
    """Show a service's errors on the form; unknown field names go to `default` (a field
    name) or to the form as a whole."""
    for field, messages in error.errors.items():
        target: str | None = field if field in form.fields else (default or None)
        for message in messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(default or None, str(error.message))


def role_required(*roles: Role | str) -> Callable[[ViewFunc], ViewFunc]:
    """View decorator: login required; 404 unless the user has one of `roles` in the
    current organisation (`request.organisation`, set by CurrentOrganisationMiddleware)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require_role(request.user, getattr(request, "organisation", None), *roles)
            return view(request, *args, **kwargs)

        return login_required(wrapped)  # type: ignore[return-value]

    return decorator
