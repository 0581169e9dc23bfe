"""The audit log's filter form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import AuditAction


class AuditFilterForm(forms.Form):
    """Filters of the audit log. Only ids and codes: no names in the URL."""

    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    participant = forms.IntegerField(label=_("Participant number"), required=False, min_value=1)
    object_id = forms.CharField(label=_("Object number"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actors: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actor = self.fields["actor"]
        assert isinstance(actor, forms.TypedChoiceField)
        actor.choices = [("", _("Everyone")), *actors]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not be before the start date."))
        return data

    def core_filters(self) -> dict[str, Any]:
        """The filters in the form `core.access.audit_events_visible_to` understands."""
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        filters: dict[str, Any] = {
            "action": data.get("action") or None,
            "actor_id": data.get("actor"),
            "participant_id": data.get("participant"),
        }
        if data.get("since"):
            filters["since"] = datetime.combine(data["since"], time.min, tzinfo=tz)
        if data.get("until"):
            # Inclusive end date: everything before the start of the next day.
            next_day = data["until"] + timedelta(days=1)
            filters["until"] = datetime.combine(next_day, time.min, tzinfo=tz)
        return filters
