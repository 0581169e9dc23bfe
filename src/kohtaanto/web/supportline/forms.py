"""Forms of the support-line pages. They check the shape of the input; the services check the
rest (and say what is wrong in the same words everywhere)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.supportline.enums import CallerGroup, ContactChannel, FollowUp, Referral, Topic
from kohtaanto.supportline.regions import region_choices
from kohtaanto.supportline.services import Repeat

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

REPEAT_CHOICES = (
    (Repeat.NONE, _("Only once")),
    (Repeat.WEEKDAYS, _("Every weekday (Monday to Friday)")),
    (Repeat.WEEKLY, _("Every week on the same day")),
)


def _regions(lang: str, empty: str) -> list[tuple[str, str]]:
    return [("", empty), *region_choices(lang)]


class ShiftForm(forms.Form):
    day = forms.DateField(label=_("Day (the first day, if it repeats)"), widget=DATE)
    start = forms.TimeField(label=_("Starts at"), widget=TIME)
    end = forms.TimeField(label=_("Ends at"), widget=TIME)
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=20, initial=2)
    region = forms.ChoiceField(label=_("Region"), required=False)
    remote = forms.BooleanField(label=_("Answered remotely"), required=False, initial=True)
    repeat = forms.ChoiceField(
        label=_("Repeat"), choices=REPEAT_CHOICES, initial=Repeat.NONE, widget=forms.RadioSelect
    )
    until = forms.DateField(label=_("Last day of the repeat"), required=False, widget=DATE)

    def __init__(self, *args: object, lang: str = "fi", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].choices = _regions(lang, str(_("The whole area of the line")))  # type: ignore[attr-defined]


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How did the person get in touch?"),
        choices=ContactChannel.choices,
        initial=ContactChannel.PHONE,
        widget=forms.RadioSelect,
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"),
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose at least one."),
        error_messages={"required": _("Choose at least one topic.")},
    )
    caller_group = forms.ChoiceField(
        label=_("Who got in touch?"),
        choices=[*CallerGroup.choices, ("", _("Not known"))],
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    referred_to = forms.MultipleChoiceField(
        label=_("Referred to"),
        choices=Referral.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up = forms.ChoiceField(
        label=_("Does the person want follow-up?"),
        choices=FollowUp.choices,
        initial=FollowUp.NONE,
        widget=forms.RadioSelect,
    )
    callback_phone = forms.CharField(
        label=_("Phone number to call back"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=_("Kept apart from the log and deleted when the call back is done."),
    )
    callback_name = forms.CharField(
        label=_("First name for the call back (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: object, lang: str = "fi", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].choices = _regions(lang, str(_("Not known")))  # type: ignore[attr-defined]
