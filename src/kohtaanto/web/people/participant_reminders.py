"""A participant's reminder choice, set by their coach or coordinator on the record's "Basic
information" page (`/participants/<id>/reminders/`, POST only): reminders by e-mail and by text
message on or off, for a participant WITHOUT a user account. A participant with an account
chooses themself on `/my/reminders/`; their choice is never changed here.

Loads the participant through `people.access` like the page itself (staff roles only, 404
otherwise) and audits the request as a change; the write is `people.reminders.set_opt_out`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.people.access import access_participant
from kohtaanto.people.models import Participant
from kohtaanto.people.reminders import opt_out_of, set_opt_out
from kohtaanto.web.pages import user_roles
from kohtaanto.web.people.reminders import ReminderChoiceForm

STAFF_ROLES = frozenset({Role.COACH.value, Role.COORDINATOR.value})
AUTO_ID = "reminders_%s"


def reminder_context(participant: Participant) -> dict[str, Any]:
    """What the "Reminders" part of the participant's page shows: the form with the current
    choice (no account) or nothing to change (the person decides on their own page)."""
    if participant.user_id is not None:
        return {"reminder_form": None}
    choice = opt_out_of(participant=participant)
    form = ReminderChoiceForm(
        initial={"email": not choice.no_email, "sms": not choice.no_sms}, auto_id=AUTO_ID
    )
    return {"reminder_form": form}


@never_cache
@login_required
@require_POST
def participant_reminders(request: HttpRequest, participant_id: int) -> HttpResponse:
    if not STAFF_ROLES & user_roles(request):
        raise Http404
    with transaction.atomic():
        participant = access_participant(request.user, participant_id, action=AuditAction.CHANGE)
        detail = redirect("participant_detail", participant.pk)
        if participant.user_id is not None:
            messages.error(
                request,
                _(
                    "The person has a user account and chooses their reminders themself "
                    "on the page My reminders."
                ),
            )
            return detail
        form = ReminderChoiceForm(request.POST, auto_id=AUTO_ID)
        if not form.is_valid():  # two checkboxes: only a broken request gets here
            messages.error(request, _("Choose how the person gets reminders."))
            return detail
        set_opt_out(
            participant=participant,
            email=form.cleaned_data["email"],
            sms=form.cleaned_data["sms"],
        )
    messages.success(request, _("The reminder choice is saved."))
    return redirect(detail.url + "#reminders-panel")
