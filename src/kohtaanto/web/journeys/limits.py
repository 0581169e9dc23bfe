"""Limits on work for matching (RESTRICTED): the coach ticks the codes (no heavy lifting, no
night shifts, …) that matching may use. Only the participant's own coaches see or change them,
and only while the participant has agreed to recording limits on work; a coordinator or another
coach gets the page without the limits. Reached from the case file's suggestions tab."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.journeys.services.intake import set_restriction_codes
from kohtaanto.journeys.services.limits import RESTRICTIONS, restrictions_of
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.pages import add_service_errors


class LimitsForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=gettext_lazy("Limits on work"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Matching will not count skills that conflict with these, will lower jobs that "
            "need them and leave out jobs whose tasks need them. Employers never see them."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["codes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(code, name) for code, name in RESTRICTIONS.items()]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def limits(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    current = restrictions_of(request.user, participant)
    form = LimitsForm(request.POST or None, initial={"codes": current or []})
    if request.method == "POST" and current is not None and form.is_valid():
        try:
            set_restriction_codes(participant, by=request.user, codes=form.cleaned_data["codes"])
        except ValidationFailed as error:
            add_service_errors(form, error, default="codes")
        except PermissionDenied:
            form.add_error(None, _("Only the participant's own coaches can write limits on work."))
        else:
            messages.success(request, _("The limits on work were saved."))
            return redirect("journeys:limits", participant.pk)
    context = {
        "participant": participant,
        "tabs": participant_nav(participant, "participant_suggestions"),
        "form": form,
        "allowed": current is not None,
        "current": [RESTRICTIONS[c] for c in current or [] if c in RESTRICTIONS],
    }
    return render(request, "journeys/limits.html", context)
