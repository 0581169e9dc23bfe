"""What a page asks about the logged-in user in more than one place, read once per request.

The menu (`web.context`) and the home page's sections ask the same questions: the user's
organisations, their volunteer profile, the groups they lead, the support lines they are on.
Each answer comes from the area's access helper the first time it is asked and is kept on the
request; nothing is kept longer than the request (a later request asks again).

Only read-only answers belong here, and only pages that ask after their writes use them: a
view that changes one of these facts and then renders in the same request must not have asked
before the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.http import HttpRequest

from kohtaanto.core.enums import Role

T = TypeVar("T")

_ATTRIBUTE = "_kohtaanto_facts"


def remembered(request: HttpRequest, key: str, build: Callable[[], T]) -> T:
    """`build()` the first time `key` is asked in this request; the same answer afterwards."""
    facts: dict[str, Any] = request.__dict__.setdefault(_ATTRIBUTE, {})
    if key not in facts:
        facts[key] = build()
    return facts[key]  # type: ignore[no-any-return]


def organisations(request: HttpRequest) -> list[Any]:
    """The organisations where the user has a membership, by name: from the memberships the
    organisation middleware read (`request.memberships`), else from the database."""

    def build() -> list[Any]:
        memberships = getattr(request, "memberships", None)
        if memberships is None:
            from kohtaanto.core.access import organisations_of

            return list(organisations_of(request.user).order_by("name"))
        unique = {m.organisation_id: m.organisation for m in memberships}
        return sorted(unique.values(), key=lambda o: (o.name, o.pk))

    return remembered(request, "organisations", build)


def volunteer_profile(request: HttpRequest) -> Any:
    """The user's own volunteer profile, or None."""
    from kohtaanto.mentoring.access import own_volunteer_profile

    return remembered(request, "volunteer_profile", lambda: own_volunteer_profile(request.user))


def _holds_any(request: HttpRequest, roles: Iterable[str]) -> bool:
    """Whether the user holds any of `roles` in any organisation (True when the memberships
    were not read by the middleware: then the caller asks the database)."""
    memberships = getattr(request, "memberships", None)
    if memberships is None:
        return True
    wanted = {str(role) for role in roles}
    return any(str(m.role) in wanted for m in memberships)


def led_groups(request: HttpRequest) -> list[Any]:
    """The groups the user leads, in every organisation, by name (none, without a query, for
    someone who holds no leading role anywhere)."""
    from kohtaanto.groups.access import LEADER_ROLES
    from kohtaanto.groups.access import led_groups as led

    def build() -> list[Any]:
        if not _holds_any(request, LEADER_ROLES):
            return []
        return list(led(request.user).order_by("name", "id"))

    return remembered(request, "led_groups", build)


def own_participant(request: HttpRequest) -> Any:
    """The user's own participant record (`people.access.own_participant`), or None."""
    from kohtaanto.people.access import ParticipantNotFound
    from kohtaanto.people.access import own_participant as own

    def build() -> Any:
        if not _holds_any(request, (Role.PARTICIPANT,)):
            return None
        try:
            return own(request.user)
        except ParticipantNotFound:
            return None

    return remembered(request, "own_participant", build)


def own_trials(request: HttpRequest) -> list[Any]:
    """The trials of the user's own participant record, newest first (`trials.selectors`);
    none, without a query, for someone who is a participant nowhere."""
    from kohtaanto.trials.selectors import own_trials as trials

    def build() -> list[Any]:
        if not _holds_any(request, (Role.PARTICIPANT,)):
            return []
        return list(trials(request.user))

    return remembered(request, "own_trials", build)


def own_mentorings(request: HttpRequest) -> list[Any]:
    """The mentorings of the user's own participant record, any state, newest first, with
    their mentors (`mentoring.access.own_mentorings`)."""
    from kohtaanto.mentoring.access import own_mentorings as mentorings

    def build() -> list[Any]:
        if not _holds_any(request, (Role.PARTICIPANT,)):
            return []
        return list(mentorings(request.user).select_related("mentor").order_by("-id"))

    return remembered(request, "own_mentorings", build)


def support_lines(request: HttpRequest) -> Any:
    """The ids of the support lines the user volunteers on, coordinates and may read the
    statistics of (`supportline.access.UserLines`; each set read when first asked)."""
    from kohtaanto.supportline.access import UserLines

    return remembered(request, "support_lines", lambda: UserLines(request.user))
