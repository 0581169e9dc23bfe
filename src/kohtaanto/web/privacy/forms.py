"""Forms of the privacy pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.privacy import rules
from kohtaanto.privacy.models import ErasureReason

UNIT_LABELS = {"days": _("days"), "years": _("years")}


class RetentionForm(forms.Form):
    """One number per rule of the organisation, in the rule's unit, within its range
    (system-wide rules are not offered: they are the same for every organisation)."""

    def __init__(self, *args: Any, lang: str, values: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for rule in rules.rules().values():
            if rule.system_wide:
                continue
            self.fields[rule.id] = forms.IntegerField(
                label=f"{rule.label.get(lang)} ({UNIT_LABELS[rule.unit]})",
                min_value=rule.min,
                max_value=rule.max,
                initial=values[rule.id],
                help_text=rule.description.get(lang),
            )


class RequestForm(forms.Form):
    participant = forms.IntegerField(
        label=_("Participant number"),
        min_value=1,
        help_text=_("The number is on the participant's page (in its address)."),
    )


class ConfirmErasureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the data erased?"),
        choices=[(c.value, c.label) for c in ErasureReason if c != ErasureReason.RETENTION],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I have checked what will be erased and what is kept. This cannot be undone."),
        required=True,
    )
