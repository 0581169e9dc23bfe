"""The coordinator's audit log: browse and filter; HTMX swaps only the results."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.core.access import audit_events_visible_to
from kohtaanto.core.enums import Role
from kohtaanto.core.selectors import member_choices
from kohtaanto.web.audit.forms import AuditFilterForm
from kohtaanto.web.pages import is_htmx, role_required

PAGE_SIZE = 25


def object_label(object_type: str) -> str:
    """ "people.participant" → the model's translated name ("participant")."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


@never_cache
@role_required(Role.COORDINATOR)
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = AuditFilterForm(request.GET or None, actors=member_choices(request.user, organisation))
    filters: dict[str, Any] = {"organisation_id": organisation.pk}
    object_id = ""
    if form.is_bound and form.is_valid():
        filters.update(form.core_filters())
        object_id = form.cleaned_data.get("object_id") or ""
    events = audit_events_visible_to(request.user, filters)
    if form.is_bound and not form.is_valid():
        events = events.none()
    if object_id:
        events = events.filter(object_id=object_id)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"event": event, "object_label": object_label(event.object_type)} for event in page]
    context = {"form": form, "page": page, "rows": rows, "organisation": organisation}
    template = "audit/results.html" if is_htmx(request) else "audit/log.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
