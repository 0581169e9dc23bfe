"""Helpers shared by the journey pages: who may open a staff page, the active language,
htmx detection and turning a service's `ValidationFailed` into form errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest
from django.utils.translation import get_language

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys.access import load_participant
from kohtaanto.people.models import Participant
from kohtaanto.web.roles import user_roles

STAFF_ROLES = frozenset({"coach", "coordinator"})


def lang() -> str:
    code = (get_language() or "fi")[:2]
    return code if code in ("fi", "sv", "en") else "fi"


def is_htmx(request: HttpRequest) -> bool:
    """A partial update by htmx (not a boosted full-page navigation)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def require_staff(request: HttpRequest) -> None:
    if not STAFF_ROLES & user_roles(request):
        raise Http404


def staff_participant(request: HttpRequest, participant_id: int) -> Participant:
    """The participant for a coach's or coordinator's page (audited `view`), else 404.

    Participants use their own pages ("my path"), so they get 404 here even for themselves.
    """
    require_staff(request)
    return load_participant(request.user, participant_id)


def add_service_errors(form: forms.BaseForm, error: ValidationFailed, default: str = "") -> None:
    """Show a service's errors on the form; unknown field names go to the form as a whole."""
    for field, messages in error.errors.items():
        target: str | None = field if field in form.fields else (default or None)
        for message in messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(default or None, str(error.message))


def participant_nav(participant: Participant, current: str) -> list[dict[str, Any]]:
    """The tabs of a participant's case file (links, `aria-current` on the open one)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    items = [
        ("participant_detail", _("Basic information"), "web"),
        ("story", _("Story and skills"), "journeys"),
        ("profile", _("Skills profile"), "journeys"),
        ("plan", _("Plan and meetings"), "journeys"),
        ("digcomp", _("Digital skills"), "journeys"),
        ("documents", _("CV and documents"), "journeys"),
        ("participant_suggestions", _("Suggested opportunities"), "matches"),
        ("end", _("End of service"), "journeys"),
    ]
    from kohtaanto.profiles.enums import ChangeStatus
    from kohtaanto.profiles.models import ChangeRequest

    waiting = ChangeRequest.objects.filter(
        participant=participant, status=ChangeStatus.PENDING
    ).count()
    result = []
    for name, label, namespace in items:
        url_name = name if namespace == "web" else f"{namespace}:{name}"
        result.append(
            {
                "url": reverse(url_name, args=[participant.pk]),
                "label": label,
                "current": name == current,
                "badge": waiting if name == "profile" else 0,
            }
        )
    return result
