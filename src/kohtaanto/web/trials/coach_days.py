"""The days of a trial: planned days by week, one tap to mark a day attended (absent with a
reason), an extra day, and the totals (attended, absences by reason, allowance days and €).
Staff and the workplace mentor mark; the participant and the employer contact read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.trials import selectors
from kohtaanto.trials.access import EMPLOYER, PARTICIPANT, STAFF, WORKPLACE_MENTOR
from kohtaanto.trials.enums import AbsenceReason, DayStatus, TrialState
from kohtaanto.trials.services import lifecycle
from kohtaanto.web.pages import lang
from kohtaanto.web.trials.coach_agreement import load, role_flags
from kohtaanto.web.trials.forms import DayForm

MARKING_STATES = (TrialState.RUN, TrialState.EVALUATE)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def days_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = load(request, pk, STAFF, PARTICIPANT, EMPLOYER, WORKPLACE_MENTOR)
    may_mark = bool(roles & {STAFF, WORKPLACE_MENTOR})
    if request.method == "POST":
        if not may_mark:
            raise Http404
        anchor = _mark(request, trial)
        return redirect(f"{reverse('trials:days', args=[trial.pk])}{anchor}")
    totals = lifecycle.totals(trial)
    reasons = dict(AbsenceReason.choices)
    context: dict[str, Any] = {
        "trial": trial,
        "agreement": trial.agreement,
        "state_label": selectors.state_label(trial.state, lang()),
        "weeks": selectors.days_by_week(trial),
        "today": timezone.localdate(),
        "may_mark": may_mark and trial.state in MARKING_STATES,
        "totals": totals,
        "absences": [(reasons.get(k, k), n) for k, n in sorted(totals.absences_by_reason.items())],
        "reasons": AbsenceReason.choices,
        "extra_form": DayForm(prefix="extra", initial={"date": timezone.localdate()}),
        "planned_status": DayStatus.PLANNED,
        **role_flags(roles),
    }
    return render(request, "trials/days.html", context)


def _mark(request: HttpRequest, trial: Any) -> str:
    """Mark the posted day; messages say what happened. Returns the anchor to go back to."""
    prefix = "extra" if "extra-date" in request.POST else None
    form = DayForm(request.POST, prefix=prefix)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(error) for error in errors)
            messages.error(request, f"{label}: {text}" if label else text)
        return "#extra" if prefix else ""
    data = form.cleaned_data
    anchor = f"#day-{data['date'].isoformat()}"
    try:
        lifecycle.mark_day(
            trial,
            data["date"],
            data["status"],
            by=request.user,
            hours=data["hours"],
            reason=data["reason"] or "",
            note=data["note"] or "",
        )
    except ValidationFailed as error:
        text = " ".join(m for messages_ in error.errors.values() for m in messages_)
        messages.error(request, text or str(error.message))
        return anchor if not prefix else "#extra"
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The day was saved."))
    return anchor


urlpatterns: list[URLPattern] = [
    path("trials/<int:pk>/days/", days_page, name="days"),
]
