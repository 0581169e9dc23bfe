"""The coach's section of the home page: employer answers to their proposals (until seen) and
their caseload."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.matches.services import employer_answers_for
from kohtaanto.people.access import participants_visible_to


def section(request: HttpRequest, organisation: Any) -> dict[str, Any]:
    return {
        "employer_answers": employer_answers_for(request.user),
        "caseload": participants_visible_to(request.user)
        .filter(organisation=organisation, coaches=request.user.pk)
        .distinct(),
    }
