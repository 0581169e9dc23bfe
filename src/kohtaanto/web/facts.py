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

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest

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


def led_groups(request: HttpRequest) -> list[Any]:
    """The groups the user leads, in every organisation, by name."""
    from kohtaanto.groups.access import led_groups as led

    return remembered(request, "led_groups", lambda: list(led(request.user).order_by("name", "id")))


def support_lines(request: HttpRequest) -> Any:
    """The ids of the support lines the user volunteers on, coordinates and may read the
    statistics of (`supportline.access.UserLines`; each set read when first asked)."""
    from kohtaanto.supportline.access import UserLines

    return remembered(request, "support_lines", lambda: UserLines(request.user))
