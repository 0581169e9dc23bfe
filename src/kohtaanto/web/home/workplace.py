"""The home page's "workplace" section (built with the trials area). Returns the context of
`home/workplace.html`, or None when the user has nothing of it.

- A workplace mentor: the trials they guide (running first), this week's check-in due or done
  with a big button to it, and an honest empty state while they guide none.
- Staff (coach or coordinator): the check-ins of their trials that ask the coach to call or
  tell a worry and that they have not seen yet, with a link to the trial.
- `employer_trials(request, employer)`: the rows the employer contact's section shows (the
  trials at their workplace, with check-ins and requests to talk).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from kohtaanto.core.enums import Role
from kohtaanto.trials import access
from kohtaanto.trials.models import CheckIn
from kohtaanto.web.pages import user_roles
from kohtaanto.web.trials.workplace import trial_page_url, trial_rows, week_label

LIMIT = 10


def section(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    roles = user_roles(request)
    context: dict[str, Any] = {}
    if Role.WORKPLACE_MENTOR in roles:
        context["is_mentor"] = True
        context["trials"] = trial_rows(access.mentored_trials(user))
    if roles & {"coach", "coordinator"}:
        requests = _requests(user)
        if requests:
            context["requests"] = requests
    return context or None


def _requests(user: Any) -> list[dict[str, Any]]:
    """Unseen check-ins of the staff's trials that need the coach (a request to talk or a
    worry), newest first. Only the coach's own trials for a coach; all for a coordinator."""
    trials = access.staff_trials(user)
    checkins = (
        CheckIn.objects.filter(trial__in=trials.values("pk"), seen_by_coach__isnull=True)
        .filter(Q(wants_coach_contact=True) | ~Q(concern=""))
        .select_related("trial__participant")
        .order_by("-created", "-id")[:LIMIT]
    )
    return [
        {
            "checkin": checkin,
            "trial": checkin.trial,
            "name": f"{checkin.trial.participant.first_name} {checkin.trial.participant.last_name}",
            "week": week_label(checkin.week_start),
            "page": trial_page_url(checkin.trial),
        }
        for checkin in checkins
    ]


def employer_trials(request: HttpRequest, employer: Any) -> list[dict[str, Any]]:
    """The employer contact's trials at `employer` (their workplace), running first."""
    return trial_rows(access.employer_trials(request.user).filter(employer=employer))[:LIMIT]
