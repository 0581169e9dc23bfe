"""End of service: the continuation path (from the outcome catalogue), date and note; the
follow-up at six months is shown and its result can be recorded. Staff only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import rules, selectors, services
from kohtaanto.journeys.enums import FollowUpResult
from kohtaanto.people.consent import has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.journeys.forms import FollowUpForm, OutcomeForm
from kohtaanto.web.pages import add_service_errors, lang


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    language = lang()
    outcome, follow_up = selectors.outcome_of(participant)
    which = request.POST.get("form") if request.method == "POST" else None
    initial = (
        {
            "outcome_type": outcome.outcome_type,
            "date": outcome.date,
            "note": outcome.note,
            "qualification_gained": outcome.qualification_gained,
        }
        if outcome
        else {"date": timezone.localdate()}
    )
    form = OutcomeForm(request.POST if which == "outcome" else None, initial=initial, lang=language)
    start = selectors.service_start(participant)
    form.fields["date"].help_text = _(
        "The service started on %(start)s. The end date cannot be earlier than that or in the "
        "future."
    ) % {"start": date_format(start, "j.n.Y")}
    follow_form = FollowUpForm(
        request.POST if which == "follow_up" else None,
        initial={"done_at": timezone.localdate()},
        lang=language,
        prefix="follow",
    )
    if which == "outcome" and form.is_valid():
        data = form.cleaned_data
        try:
            services.end_service(
                participant,
                by=request.user,
                outcome_type=data["outcome_type"],
                date=data["date"],
                note=data.get("note") or "",
                qualification_gained=bool(data.get("qualification_gained")),
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="outcome_type")
        else:
            messages.success(
                request, _("The service has ended. The follow-up is booked for six months later.")
            )
            return redirect(reverse("journeys:end", args=[participant.pk]))
    elif which == "follow_up" and follow_up and follow_form.is_valid():
        data = follow_form.cleaned_data
        try:
            services.record_follow_up(
                request.user,
                follow_up.pk,
                result=data["result"],
                outcome_type=data.get("outcome_type") or "",
                done_at=data.get("done_at"),
                note=data.get("note") or "",
            )
        except ValidationFailed as error:
            add_service_errors(follow_form, error, default="result")
        else:
            messages.success(request, _("The follow-up is saved."))
            return redirect(reverse("journeys:end", args=[participant.pk]) + "#follow-up")
    catalogue = rules.outcomes()

    def label(outcome_id: str) -> str:
        item = catalogue.get(outcome_id) if outcome_id else None
        return item.label.get(language) if item else ""

    context = {
        "participant": participant,
        "outcome": outcome,
        "outcome_label": label(outcome.outcome_type) if outcome else "",
        "follow_up": follow_up,
        "follow_up_open": bool(
            follow_up and not follow_up.done_at and follow_up.due <= timezone.localdate()
        ),
        "follow_up_label": label(follow_up.outcome_type) if follow_up else "",
        "may_contact": has_consent(participant, ConsentPurpose.FOLLOW_UP_CONTACT),
        "follow_up_result": dict(FollowUpResult.choices).get(follow_up.result, "")
        if follow_up
        else "",
        "form": form,
        "follow_form": follow_form,
        "which": which,
        "tabs": participant_nav(participant, "end"),
    }
    return render(request, "journeys/end.html", context)
