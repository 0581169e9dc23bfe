"""The support line's front page, the coverage calendar (a week as a list: each shift with
volunteers needed and signed up, gaps and unstaffed shifts flagged), shift sign-up, cancel and
swap for volunteers, and new shifts for coordinators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.supportline import access, selectors, services
from kohtaanto.supportline.models import Shift
from kohtaanto.supportline.regions import region_name
from kohtaanto.web.pages import add_service_errors, lang
from kohtaanto.web.supportline.forms import ShiftForm


@never_cache
@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The lines the user has a part in (most people have one: straight to it)."""
    lines = list(access.lines_visible_to(request.user).order_by("name", "pk"))
    if not lines:
        raise Http404
    rows = [
        {
            "line": line,
            "shifts": access.lines_for_shifts(request.user).filter(pk=line.pk).exists(),
            "statistics": access.lines_for_statistics(request.user).filter(pk=line.pk).exists(),
        }
        for line in lines
    ]
    if len(rows) == 1 and rows[0]["shifts"]:
        return redirect("supportline:calendar", line_id=lines[0].pk)
    if len(rows) == 1:
        return redirect("supportline:statistics", line_id=lines[0].pk)
    return render(request, "supportline/index.html", {"rows": rows})


@never_cache
@login_required
@require_safe
def calendar(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.access_line(request.user, line_id)
    today = timezone.localdate()
    asked = request.GET.get("week")
    this_monday = selectors.week_start(today)
    # Without a week asked for: this week while it has shifts left, else the next with shifts.
    monday = selectors.parse_week(asked, today) if asked else selectors.default_week(line, today)
    rows = selectors.calendar(line, request.user, monday)
    volunteer = access.is_volunteer(request.user, line)
    coordinator = access.is_coordinator(request.user, line)
    language = lang()
    for row in rows:
        row.region_label = region_name(row.shift.region, language) if row.shift.region else ""
    days = [
        {"day": day, "rows": list(items)}
        for day, items in groupby(rows, key=lambda r: timezone.localtime(r.shift.starts).date())
    ]
    context = {
        "line": line,
        "days": days,
        "monday": monday,
        "sunday": monday + dt.timedelta(days=6),
        "week": selectors.iso_week(monday),
        "previous_week": selectors.iso_week(monday - dt.timedelta(days=7)),
        "next_week": selectors.iso_week(monday + dt.timedelta(days=7)),
        "this_week": monday == this_monday,
        "current_week": selectors.iso_week(this_monday),
        "jumped": not asked and monday > this_monday,
        "warnings": selectors.warnings(line),
        "volunteer": volunteer,
        "coordinator": coordinator,
        "on_shift": access.may_see_callbacks(request.user, line),
        "gaps": sum(row.gap for row in rows if not row.over),
    }
    return render(request, "supportline/calendar.html", context)


def _back(request: HttpRequest, shift: Shift) -> HttpResponse:
    week = selectors.iso_week(timezone.localtime(shift.starts).date())
    url = reverse("supportline:calendar", kwargs={"line_id": shift.line_id})
    return redirect(f"{url}?week={week}#shift-{shift.pk}")


def _volunteer_action(
    action: Callable[[Shift, Any], Any], done: Callable[[], str]
) -> Callable[[HttpRequest, int], HttpResponse]:
    @never_cache
    @login_required
    @require_POST
    def view(request: HttpRequest, shift_id: int) -> HttpResponse:
        shift = access.access_shift(request.user, shift_id)
        if not access.is_volunteer(request.user, shift.line):
            raise Http404
        try:
            action(shift, request.user)
        except ValidationFailed as error:
            for problems in error.errors.values():
                for message in problems:
                    messages.error(request, str(message))
            if not error.errors:
                messages.error(request, str(error.message))
        else:
            messages.success(request, done())
        return _back(request, shift)

    return view


sign_up = _volunteer_action(services.sign_up, lambda: _("You are signed up for the shift."))
cancel = _volunteer_action(services.cancel_signup, lambda: _("You are off the shift."))
offer_swap = _volunteer_action(
    services.offer_swap,
    lambda: _("Your swap is offered. You stay on the shift until someone takes it."),
)
take_swap = _volunteer_action(services.take_swap, lambda: _("You took over the shift. Thank you!"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def create_shifts(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.access_line_as_coordinator(request.user, line_id)
    language = lang()
    if request.method == "POST":
        form = ShiftForm(request.POST, lang=language)
        if form.is_valid():
            data = form.cleaned_data
            try:
                shifts = services.create_shifts(
                    line,
                    day=data["day"],
                    start=data["start"],
                    end=data["end"],
                    needed=data["needed"],
                    region=data["region"],
                    remote=data["remote"],
                    repeat=data["repeat"],
                    until=data["until"],
                    by=request.user,
                )
            except ValidationFailed as error:
                add_service_errors(form, error)
            else:
                count = len(shifts)
                messages.success(
                    request,
                    ngettext("%(count)d shift added.", "%(count)d shifts added.", count)
                    % {"count": count},
                )
                return _back(request, shifts[0])
    else:
        form = ShiftForm(lang=language, initial={"day": timezone.localdate()})
    return render(request, "supportline/shift_form.html", {"line": line, "form": form})
