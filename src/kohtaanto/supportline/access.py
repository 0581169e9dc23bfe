"""Access helpers: the only way pages, the admin and the CLI load support-line objects.

Rules (see the README):
- a *volunteer* of a line is an active `LineVolunteer` who is a peer mentor (`Role.MENTOR`) in
  the line's organisation: they see the line's shift calendar and the contact log form, and
  the open call-back requests only while they are on shift (`ON_SHIFT_MARGIN` around it);
- a *coordinator* of the line's organisation sees everything of the line (shifts, call-backs,
  statistics) and creates shifts;
- an *analyst* of the organisation sees the statistics only (aggregated, small cells hidden);
- everyone else (coaches, participants, other mentors, outsiders): `Http404`, never 403.
No one reads a single contact back: the log is written, then only counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kohtaanto.core.access import get_visible_or_404, is_user, organisations_of
from kohtaanto.core.enums import Role
from kohtaanto.supportline.enums import COVERING
from kohtaanto.supportline.models import CallbackRequest, Line, LineVolunteer, Shift

ON_SHIFT_MARGIN = dt.timedelta(minutes=30)
"""A volunteer counts as on shift from this long before it starts until this long after."""


def _volunteer_lines(user: Any) -> QuerySet[Line]:
    if not is_user(user):
        return Line.objects.none()
    return Line.objects.filter(
        volunteers__user=user,
        volunteers__active=True,
        organisation__in=organisations_of(user, Role.MENTOR).values("pk"),
    )


def _coordinated_lines(user: Any) -> QuerySet[Line]:
    if not is_user(user):
        return Line.objects.none()
    return Line.objects.filter(
        organisation__in=organisations_of(user, Role.COORDINATOR).values("pk")
    )


def lines_for_shifts(user: Any) -> QuerySet[Line]:
    """Lines whose calendar and log form `user` may use: volunteers and coordinators."""
    if not is_user(user):
        return Line.objects.none()
    return Line.objects.filter(
        Q(pk__in=_volunteer_lines(user).values("pk"))
        | Q(pk__in=_coordinated_lines(user).values("pk"))
    )


def lines_for_statistics(user: Any) -> QuerySet[Line]:
    """Lines whose statistics `user` may read: coordinators and analysts."""
    if not is_user(user):
        return Line.objects.none()
    organisations = organisations_of(user).filter(
        memberships__user=user, memberships__role__in=(Role.COORDINATOR, Role.ANALYST)
    )
    return Line.objects.filter(organisation__in=organisations.values("pk"))


def lines_visible_to(user: Any) -> QuerySet[Line]:
    """Every line `user` has anything to do with (the support line's front page)."""
    return Line.objects.filter(
        Q(pk__in=lines_for_shifts(user).values("pk"))
        | Q(pk__in=lines_for_statistics(user).values("pk"))
    ).select_related("organisation")


def volunteer_line_ids(user: Any) -> set[int]:
    """The ids of the lines `user` volunteers on, in one query (a page listing several lines)."""
    return set(_volunteer_lines(user).values_list("pk", flat=True))


def coordinated_line_ids(user: Any) -> set[int]:
    """The ids of the lines `user` coordinates, in one query."""
    return set(_coordinated_lines(user).values_list("pk", flat=True))


def statistics_line_ids(user: Any) -> set[int]:
    """The ids of the lines whose statistics `user` may read, in one query."""
    return set(lines_for_statistics(user).values_list("pk", flat=True))


class UserLines:
    """The ids of the lines `user` volunteers on, coordinates and may read the statistics of;
    each set is read (one query) the first time it is asked. A page that asks in several
    places (the menu and the home page) keeps one of these for the request."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def volunteer(self) -> set[int]:
        return volunteer_line_ids(self.user)

    @cached_property
    def coordinated(self) -> set[int]:
        return coordinated_line_ids(self.user)

    @cached_property
    def statistics(self) -> set[int]:
        return statistics_line_ids(self.user)

    def shifts(self) -> set[int]:
        """`lines_for_shifts`: the lines whose calendar and log form the user may use."""
        return self.volunteer | self.coordinated

    def any(self, roles: frozenset[str] = frozenset()) -> bool:
        """`lines_visible_to(user).exists()`. A coordinated line is always one whose
        statistics the user may read, so two sets answer it; the one the user's `roles`
        make likelier is asked first."""
        if Role.MENTOR in roles or not roles & {Role.COORDINATOR, Role.ANALYST}:
            return bool(self.volunteer or self.statistics)
        return bool(self.statistics or self.volunteer)


@dataclass(frozen=True)
class LineRoles:
    """A line and what `user` is to it (the home page's support-line section)."""

    line: Line
    volunteer: bool
    coordinator: bool
    statistics: bool

    @property
    def calendar(self) -> bool:
        """The shift calendar and the contact log: volunteers and coordinators."""
        return self.volunteer or self.coordinator


def lines_with_roles(
    user: Any, roles: frozenset[str], organisation: Any, known: UserLines | None = None
) -> list[LineRoles]:
    """Every line of `organisation` `user` has anything to do with (`lines_visible_to`), by
    name, with what they are to it. `roles` are the user's roles in `organisation`: only the
    questions those roles can answer yes to are asked (none for a coach or a participant).
    `known`: the user's `UserLines` when the page already has them."""
    if organisation is None or not is_user(user):
        return []
    lines = known if known is not None and known.user == user else UserLines(user)
    volunteering = lines.volunteer if Role.MENTOR in roles else set()
    coordinating = lines.coordinated if Role.COORDINATOR in roles else set()
    statistics = lines.statistics if roles & {Role.COORDINATOR, Role.ANALYST} else set()
    ids = volunteering | coordinating | statistics
    if not ids:
        return []
    rows = Line.objects.filter(pk__in=ids, organisation=organisation).select_related("organisation")
    return [
        LineRoles(line, line.pk in volunteering, line.pk in coordinating, line.pk in statistics)
        for line in rows.order_by("name", "pk")
    ]


def is_volunteer(user: Any, line: Line) -> bool:
    return _volunteer_lines(user).filter(pk=line.pk).exists()


def is_coordinator(user: Any, line: Line) -> bool:
    return _coordinated_lines(user).filter(pk=line.pk).exists()


def access_line(user: Any, line_id: object) -> Line:
    """A line whose calendar and log form `user` may use, or Http404."""
    return get_visible_or_404(lines_for_shifts(user).select_related("organisation"), line_id)


def access_line_statistics(user: Any, line_id: object) -> Line:
    return get_visible_or_404(lines_for_statistics(user).select_related("organisation"), line_id)


def access_line_as_coordinator(user: Any, line_id: object) -> Line:
    return get_visible_or_404(_coordinated_lines(user).select_related("organisation"), line_id)


def access_shift(user: Any, shift_id: object) -> Shift:
    """A shift of a line `user` volunteers for or coordinates, or Http404."""
    return get_visible_or_404(
        Shift.objects.filter(line__in=lines_for_shifts(user).values("pk")).select_related(
            "line", "line__organisation"
        ),
        shift_id,
    )


def is_on_shift(user: Any, line: Line, now: dt.datetime | None = None) -> bool:
    """`user` has a covering sign-up for a shift of `line` going on now (with the margin)."""
    if not is_user(user):
        return False
    now = now or timezone.now()
    return Shift.objects.filter(
        line=line,
        starts__lte=now + ON_SHIFT_MARGIN,
        ends__gte=now - ON_SHIFT_MARGIN,
        signups__user=user,
        signups__status__in=COVERING,
    ).exists()


def may_see_callbacks(user: Any, line: Line, now: dt.datetime | None = None) -> bool:
    """Coordinators of the line, and its volunteers while they are on shift."""
    return is_coordinator(user, line) or (is_volunteer(user, line) and is_on_shift(user, line, now))


def callbacks_visible_to(user: Any, line: Line) -> QuerySet[CallbackRequest]:
    if not may_see_callbacks(user, line):
        return CallbackRequest.objects.none()
    return CallbackRequest.objects.filter(contact__line=line).select_related("contact")


def access_callback(user: Any, callback_id: object) -> CallbackRequest:
    """An open call-back request `user` may see now, or Http404."""
    callback = get_visible_or_404(
        CallbackRequest.objects.select_related("contact", "contact__line"), callback_id
    )
    if not may_see_callbacks(user, callback.contact.line):
        raise Http404
    return callback


def volunteer_record(user: Any, line: Line) -> LineVolunteer | None:
    if not is_volunteer(user, line):
        return None
    return LineVolunteer.objects.filter(line=line, user=user, active=True).first()
