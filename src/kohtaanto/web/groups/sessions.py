"""Sessions of a group: scheduling (also recurring), the roll call of one session, saving the
attendance (one POST; the page's script re-sends the same POST when the network returns), and
cancelling a session. Leaders, coaches and coordinators of the group only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.groups import access, selectors, services
from kohtaanto.groups.enums import AttendanceMark
from kohtaanto.web.groups.forms import CancelForm, ScheduleForm
from kohtaanto.web.pages import add_service_errors

MARK_PREFIX = "mark-"


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.lead_group(request.user, pk)
    form = ScheduleForm(
        request.POST or None,
        initial={"place": "", "repeat": services.WEEKLY, "start": "17:00", "end": "19:00"},
    )
    overlap = False
    if request.method == "POST" and form.is_valid():
        starts, ends = form.times()
        try:
            created = services.schedule_sessions(
                group,
                starts=starts,
                ends=ends,
                by=request.user,
                repeat=form.cleaned_data["repeat"],
                count=form.cleaned_data["count"],
                until=form.cleaned_data["until"],
                place=form.cleaned_data["place"],
                online_link=form.cleaned_data["online_link"],
                topic=form.cleaned_data["topic"],
                allow_overlap=form.cleaned_data["allow_overlap"],
            )
        except ValidationFailed as error:
            overlap = error.code == "overlap"
            add_service_errors(form, error, default="date")
            if overlap:
                form.add_error(None, str(error.message))
        else:
            count = len(created)
            messages.success(
                request,
                _("%(count)d sessions were added.") % {"count": count}
                if count > 1
                else _("The session was added."),
            )
            return redirect("groups:detail", group.pk)
    return render(
        request, "groups/schedule.html", {"group": group, "form": form, "overlap": overlap}
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The roll call: every member with three big toggles (present, absent, absent with
    notice), saved by one POST; open from `services.ROLL_CALL_OPENS` before the start on
    (before that the page says when). Cancelling is offered until the session starts."""
    session = access.lead_session(request.user, pk)
    members = selectors.roll_call_members(session)
    access.audit_member_read(request.user, members)
    names = access.member_names(request.user, [m.participant for m in members])
    rows = selectors.roster(session.group, members, session, names=names)
    last = selectors.last_marked(session)
    summary = selectors.attendance_summary(session)
    return render(
        request,
        "groups/session.html",
        {
            "session": session,
            "group": session.group,
            "rows": rows,
            "marks": AttendanceMark.choices,
            "tally": [
                (value, label, summary.get(value, 0)) for value, label in AttendanceMark.choices
            ],
            "last": last,
            "roll_call_open": services.roll_call_open(session),
            "opens_at": session.starts - services.ROLL_CALL_OPENS,
            "started": services.has_started(session),
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the roll call. Idempotent: the same marks sent twice change nothing."""
    session = access.lead_session(request.user, pk)
    marks: dict[int, str] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith(MARK_PREFIX) and value:
            try:
                marks[int(key[len(MARK_PREFIX) :])] = value
            except ValueError:
                continue
    if request.POST.get("fill") == "present":
        # "Mark everyone else present": those without a mark on the form or in the database.
        marked = selectors.attendance_marks(session)
        for member in selectors.roll_call_members(session):
            if member.participant_id not in marks and member.participant_id not in marked:
                marks[member.participant_id] = AttendanceMark.PRESENT
    try:
        result = services.record_attendance(session, marks, by=request.user)
    except ValidationFailed as error:
        message = str(next(iter(error.errors.values()), [str(error.message)])[0])
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": message}, status=400)
        messages.error(request, message)
        return redirect("groups:session", session.pk)
    if _wants_json(request):
        return JsonResponse({"saved": True, **result})
    saved_at = date_format(localtime(), "H.i")
    messages.success(request, _("Saved at %(time)s.") % {"time": saved_at})
    return redirect("groups:session", session.pk)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.lead_session(request.user, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(session, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationFailed as error:
            add_service_errors(form, error, default="reason")
        else:
            messages.success(request, _("The session was cancelled."))
            return redirect("groups:detail", session.group_id)
    return render(
        request,
        "groups/cancel.html",
        {
            "session": session,
            "group": session.group,
            "form": form,
            "started": services.has_started(session),
        },
    )
