"""A participant's own consents: see the current state, give or withdraw with a confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kohtaanto.people.access import can_manage_consents, participants_visible_to
from kohtaanto.people.consent import consent_form_version
from kohtaanto.people.enums import ConsentChannel, ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.people.selectors import current_consents
from kohtaanto.people.services import give_consent, withdraw_consent
from kohtaanto.web.content import CONSENT_EXPLANATIONS
from kohtaanto.web.people.forms import ConsentChangeForm


def _own_participant(request: HttpRequest) -> Participant:
    participant = participants_visible_to(request.user).filter(user=request.user.pk).first()
    if participant is None or not can_manage_consents(request.user, participant):
        raise Http404
    return participant


def _purpose(value: str) -> ConsentPurpose:
    try:
        return ConsentPurpose(value)
    except ValueError:
        raise Http404 from None


@never_cache
@login_required
@require_safe
def my_consents(request: HttpRequest) -> HttpResponse:
    participant = _own_participant(request)
    consents = [
        {"state": state, "explanation": CONSENT_EXPLANATIONS.get(state.purpose, "")}
        for state in current_consents(participant).values()
    ]
    return render(request, "people/my_consents.html", {"consents": consents})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change_consent(request: HttpRequest, purpose: str) -> HttpResponse:
    """GET: ask to confirm the change. POST: record it through the people services."""
    participant = _own_participant(request)
    purpose_value = _purpose(purpose)
    state = current_consents(participant)[purpose_value]
    change = ConsentChangeForm.WITHDRAW if state.given else ConsentChangeForm.GIVE
    online = {"channel": ConsentChannel.ONLINE, "form_version": consent_form_version()}
    if request.method == "POST":
        form = ConsentChangeForm(request.POST)
        if not form.is_valid() or form.cleaned_data["change"] != change:
            # Stale page (the state changed meanwhile): show the current state again.
            return redirect("my_consents")
        if change == ConsentChangeForm.GIVE:
            give_consent(participant, purpose_value, by=request.user, **online)
            messages.success(request, _("Thank you. Your consent is now given."))
        else:
            withdraw_consent(participant, purpose_value, by=request.user, **online)
            messages.success(request, _("Your consent is now withdrawn."))
        return redirect("my_consents")
    context = {
        "state": state,
        "change": change,
        "explanation": CONSENT_EXPLANATIONS.get(purpose_value, ""),
    }
    return render(request, "people/consent_confirm.html", context)
