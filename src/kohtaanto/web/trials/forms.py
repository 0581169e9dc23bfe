"""Forms of the coach's and the participant's trial pages. They check the shape of the input;
`trials.services.lifecycle` checks the rest (the rule book, who may, which state)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.trials.enums import AbsenceReason, OrganiserKind, Party, TrialKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

WEEKDAYS = (
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
)

#: Organiser kinds a coach may choose (a private person may not organise a trial; the rule
#: book names it if the data says so anyway).
ORGANISER_KINDS = [(k, label) for k, label in OrganiserKind.choices if k != "private_person"]


class NewTrialForm(forms.Form):
    place = forms.ChoiceField(
        label=_("Work-trial place"),
        required=False,
        help_text=_(
            "A work-trial place, education-trial place or development need of your organisation."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of trial"),
        choices=TrialKind.choices,
        initial=TrialKind.WORK_TRIAL,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Tasks in short"),
        max_length=200,
        help_text=_("For example: warehouse work, café customer service."),
    )
    organiser_name = forms.CharField(
        label=_("Organiser"),
        required=False,
        max_length=200,
        help_text=_("Write the organiser when there is no place to choose."),
    )
    organiser_business_id = forms.CharField(
        label=_("Business ID"), required=False, max_length=20, help_text=_("For example 1234567-8.")
    )
    organiser_kind = forms.ChoiceField(
        label=_("Kind of organiser"), required=False, choices=[("", "–"), *ORGANISER_KINDS]
    )

    def __init__(self, *args: Any, places: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["place"]).choices = [
            ("", _("No place: I write the organiser")),
            *[(str(pk), label) for pk, label in places],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("place") and not (data.get("organiser_name") or "").strip():
            self.add_error("organiser_name", _("Choose a place or write the organiser."))
        return data


class ParticipantChoiceForm(forms.Form):
    participant = forms.ChoiceField(label=_("Participant"))

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["participant"]).choices = [
            ("", _("Choose a participant")),
            *[(str(pk), label) for pk, label in choices],
        ]


#: Agreement fields the form sends to `lifecycle.save_agreement` as they are.
AGREEMENT_FIELDS = (
    "title",
    "organiser_name",
    "organiser_kind",
    "organiser_business_id",
    "tasks",
    "tasks_key",
    "place",
    "start_date",
    "end_date",
    "days_per_week",
    "hours_per_day",
    "shift_or_weekend",
    "employment_authority",
    "insurance_note",
    "allowance_eur_per_day",
    "outside_commuting_area",
    "language",
    "workplace_mentor_name",
    "workplace_mentor_email",
    "workplace_mentor_phone",
)
TEXT_FIELDS = {
    "organiser_business_id",
    "tasks",
    "tasks_key",
    "place",
    "employment_authority",
    "insurance_note",
    "workplace_mentor_name",
    "workplace_mentor_email",
    "workplace_mentor_phone",
}


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Tasks in short"), max_length=200)
    organiser_name = forms.CharField(label=_("Organiser"), max_length=200)
    organiser_kind = forms.ChoiceField(label=_("Kind of organiser"), choices=OrganiserKind.choices)
    organiser_business_id = forms.CharField(label=_("Business ID"), required=False, max_length=20)
    tasks = forms.CharField(
        label=_("Tasks"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the participant does at the workplace."),
    )
    tasks_key = forms.CharField(
        label=_("Same tasks as"),
        required=False,
        max_length=200,
        help_text=_(
            "Write the same words for trials in the same tasks (for example “kitchen work”): "
            "the rules count time in the same tasks together."
        ),
    )
    place = forms.CharField(
        label=_("Place"), required=False, max_length=300, help_text=_("Address or unit.")
    )
    start_date = forms.DateField(label=_("Start"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End"), required=False, widget=DATE)
    days_per_week = forms.IntegerField(label=_("Days a week"), min_value=1, max_value=7)
    weekdays = forms.MultipleChoiceField(
        label=_("Working days"),
        required=False,
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("As many days as there are days a week."),
    )
    hours_per_day = forms.DecimalField(
        label=_("Hours a day"), min_value=Decimal("0.5"), max_value=Decimal("12"), decimal_places=2
    )
    shift_or_weekend = forms.BooleanField(
        label=_("Shift or weekend work (only where the tasks normally have it)"), required=False
    )
    employment_authority = forms.CharField(
        label=_("Employment authority"),
        required=False,
        max_length=200,
        help_text=_("Since 1.1.2025 the municipality's employment services."),
    )
    insurance_note = forms.CharField(
        label=_("Insurance"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outside_commuting_area = forms.BooleanField(
        label=_("The place is outside the commuting area"), required=False
    )
    allowance_eur_per_day = forms.DecimalField(
        label=_("Expense allowance, € a day"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
    )
    language = forms.ChoiceField(label=_("Language of the agreement"), choices=Language.choices)
    workplace_mentor = forms.ChoiceField(label=_("Workplace mentor"), required=False)
    workplace_mentor_name = forms.CharField(
        label=_("Workplace mentor's name"),
        required=False,
        max_length=200,
        help_text=_("For a workplace mentor without a Kohtaanto account."),
    )
    workplace_mentor_email = forms.EmailField(label=_("Workplace mentor's e-mail"), required=False)
    workplace_mentor_phone = forms.CharField(
        label=_("Workplace mentor's phone"), required=False, max_length=40
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One goal a line."),
    )

    def __init__(self, *args: Any, mentors: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["workplace_mentor"]).choices = [
            ("", _("No account: I write the name below")),
            *[(str(pk), label) for pk, label in mentors],
        ]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in AGREEMENT_FIELDS}
        for name in TEXT_FIELDS:
            values[name] = (values[name] or "").strip()
        values["weekdays"] = [int(day) for day in data["weekdays"]]
        return values

    def mentor_id(self) -> int | None:
        value = self.cleaned_data.get("workplace_mentor")
        return int(value) if value else None

    def goal_lines(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data["goals"] or "").splitlines()]


class UnitsForm(forms.Form):
    units = forms.MultipleChoiceField(required=False)
    requirements = forms.MultipleChoiceField(required=False)

    def __init__(
        self, *args: Any, unit_ids: list[int], requirement_ids: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["units"]).choices = [(str(i), str(i)) for i in unit_ids]
        cast(forms.ChoiceField, self.fields["requirements"]).choices = [
            (str(i), str(i)) for i in requirement_ids
        ]


class PaperForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"), choices=Party.choices)
    signer_name = forms.CharField(label=_("Who signed"), max_length=200)
    signed_on = forms.DateField(label=_("Date of signing"), widget=DATE)


class MoveForm(forms.Form):
    action = forms.CharField(max_length=32)
    note = forms.CharField(label=_("Reason"), required=False, max_length=500)
    sure = forms.BooleanField(required=False)


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("attended", _("Attended")),
            ("absent", _("Absent")),
            ("planned", _("Planned")),
        ],
    )
    reason = forms.ChoiceField(
        label=_("Reason for absence"),
        required=False,
        choices=[("", _("Choose the reason")), *AbsenceReason.choices],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("12"),
        decimal_places=2,
    )
