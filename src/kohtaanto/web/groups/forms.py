"""Forms of the group pages. They check the shape of the input; the services check the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.groups.enums import GroupKind
from kohtaanto.groups.services import BIWEEKLY, ONCE, WEEKLY

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

GROUP_FIELDS = (
    "name",
    "kind",
    "description",
    "is_open",
    "language",
    "place",
    "online_link",
    "capacity",
    "starts_on",
    "ends_on",
)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of group"), choices=GroupKind.choices)
    description = forms.CharField(
        label=_("What the group does"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    is_open = forms.BooleanField(
        label=_("Open group: participants of the organisation can join without approval"),
        required=False,
        help_text=_("A closed group takes members by invitation."),
    )
    language = forms.ChoiceField(label=_("Language of the group"), choices=Language.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=500,
        help_text=_(
            "Leave empty when there is no limit. "
            "When the group is full, new members go on a waiting list."
        ),
    )
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DATE)
    leaders = forms.MultipleChoiceField(
        label=_("Leaders"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Peer mentors, coaches and coordinators of the organisation."),
    )

    def __init__(self, *args: Any, leader_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["leaders"]).choices = [
            (str(pk), label) for pk, label in leader_choices
        ]

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in GROUP_FIELDS}
        for name in ("description", "place", "online_link"):
            data[name] = data[name] or ""
        return data

    def leader_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["leaders"]]


REPEAT_CHOICES = (
    (ONCE, _("Only once")),
    (WEEKLY, _("Every week")),
    (BIWEEKLY, _("Every two weeks")),
)


class ScheduleForm(forms.Form):
    date = forms.DateField(label=_("Date of the first session"), widget=DATE)
    start = forms.TimeField(label=_("Starts at"), widget=TIME)
    end = forms.TimeField(label=_("Ends at"), widget=TIME)
    repeat = forms.ChoiceField(
        label=_("Repeats"), choices=REPEAT_CHOICES, initial=ONCE, widget=forms.RadioSelect
    )
    count = forms.IntegerField(
        label=_("How many times"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("For a repeating session: the number of times, or the last date below."),
    )
    until = forms.DateField(label=_("Last date"), required=False, widget=DATE)
    topic = forms.CharField(label=_("Topic"), required=False, max_length=200)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to use the group's own place."),
    )
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    allow_overlap = forms.BooleanField(
        label=_("I know it overlaps. Save the session anyway."), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The session must end after it starts."))
        return data

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        day = self.cleaned_data["date"]
        starts = timezone.make_aware(dt.datetime.combine(day, self.cleaned_data["start"]))
        ends = timezone.make_aware(dt.datetime.combine(day, self.cleaned_data["end"]))
        return starts, ends


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        help_text=_("The members see this reason."),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    text = forms.CharField(
        label=_("Instructions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due = forms.ChoiceField(label=_("To be done by the session"), required=False)

    def __init__(self, *args: Any, due_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["due"]).choices = [
            ("", _("No date")),
            *[(str(pk), label) for pk, label in due_choices],
        ]


class InviteForm(forms.Form):
    participant = forms.ChoiceField(label=_("Participant"))

    def __init__(
        self, *args: Any, participant_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["participant"]).choices = [
            ("", _("Choose a participant")),
            *[(str(pk), label) for pk, label in participant_choices],
        ]
