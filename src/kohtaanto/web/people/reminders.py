"""`/my/reminders/`: any logged-in person turns reminders by e-mail and by text message on or
off (participants, volunteers, staff alike). The choice is the person's own; a participant
without an account is asked by their coach instead (`people.reminders.set_opt_out`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.people.reminders import opt_out_of, set_opt_out


class ReminderChoiceForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("Reminders by e-mail"), required=False)
    sms = forms.BooleanField(label=gettext_lazy("Reminders by text message"), required=False)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_reminders(request: HttpRequest) -> HttpResponse:
    user = request.user
    choice = opt_out_of(user=user)  # type: ignore[arg-type]
    if request.method == "POST":
        form = ReminderChoiceForm(request.POST)
        if form.is_valid():
            set_opt_out(
                user=user,  # type: ignore[arg-type]
                email=form.cleaned_data["email"],
                sms=form.cleaned_data["sms"],
            )
            messages.success(request, _("Your choice is saved."))
            return redirect("my_reminders")
    else:
        form = ReminderChoiceForm(initial={"email": not choice.no_email, "sms": not choice.no_sms})
    return render(request, "people/reminders.html", {"form": form})
