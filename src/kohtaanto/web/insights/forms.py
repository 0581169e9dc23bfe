"""Forms of the insights pages: the period and scope picker shared by the outcome and ESF+
pages and their exports, the funder report order and the project forms. They check the shape
of the input; the selectors and services check the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

THIS_YEAR, LAST_YEAR, LAST_12, CUSTOM = "this_year", "last_year", "last_12_months", "custom"
PRESETS = (
    (THIS_YEAR, _("This year")),
    (LAST_YEAR, _("Last year")),
    (LAST_12, _("Last 12 months")),
    (CUSTOM, _("Choose the dates")),
)
MAX_DAYS = 10 * 366
FUNDER_PREFIX = "funder:"
"""A scope value: every project of the organisation with this funder."""
"""The longest period a report covers (a typo such as year 1025 is an error, not a query)."""


def preset_period(preset: str, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The dates (inclusive) of a preset period, relative to `today` (the local date)."""
    today = today or timezone.localdate()
    if preset == LAST_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if preset == LAST_12:
        # the 11 whole months before this one and this month so far
        months = today.year * 12 + today.month - 1 - 11
        return dt.date(months // 12, months % 12 + 1, 1), today
    return dt.date(today.year, 1, 1), today


class PeriodForm(forms.Form):
    """The period (a preset or dates) and the scope (the whole organisation or one of its
    projects). `project_choices` are the organisation's projects as (id, name)."""

    period = forms.ChoiceField(
        label=_("Period"), choices=PRESETS, initial=THIS_YEAR, widget=forms.RadioSelect
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)
    project = forms.ChoiceField(label=_("Whose figures"), required=False)

    def __init__(
        self,
        *args: Any,
        project_choices: list[tuple[int, str]] | None = None,
        funder_choices: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("The whole organisation")),
            *((str(pk), name) for pk, name in project_choices or []),
            *(
                (
                    FUNDER_PREFIX + name,
                    gettext("All projects of %(funder)s") % {"funder": name},
                )
                for name in funder_choices or []
            ),
        ]
        field.error_messages["invalid_choice"] = _(
            "This project is not one of your organisation's projects. Choose one from the list."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The scope: "" the organisation, a project's id, or "funder:<name>" (every project of
        # the organisation with that funder). `scope` keeps the choice for links.
        scope = data.get("project") or ""
        data["scope"] = scope
        data["funder"] = scope[len(FUNDER_PREFIX) :] if scope.startswith(FUNDER_PREFIX) else None
        data["project"] = int(scope) if scope and data["funder"] is None else None
        preset = data.get("period") or THIS_YEAR
        if preset == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                if not self.has_error("start") and not self.has_error("end"):
                    self.add_error(
                        "start" if start is None else "end",
                        _("Give both the first and the last day of the period."),
                    )
                return data
            if end < start:
                self.add_error("end", _("The period ends before it starts. Check the dates."))
                return data
            if (end - start).days > MAX_DAYS:
                self.add_error("start", _("The period can be at most ten years long."))
                return data
        else:
            start, end = preset_period(preset)
        data["start"], data["end"] = start, end
        return data


def period_form(
    query: Any, project_choices: list[tuple[int, str]], funder_choices: list[str] | None = None
) -> tuple[PeriodForm, tuple[dt.date, dt.date, int | None, str | None] | None]:
    """The picker bound to the query string (unbound: this year, the whole organisation) and
    its (start, end, project, funder) when valid."""
    bound = any(key in query for key in ("period", "start", "end", "project"))
    form = PeriodForm(
        query if bound else None, project_choices=project_choices, funder_choices=funder_choices
    )
    if not bound:
        start, end = preset_period(THIS_YEAR)
        return form, (start, end, None, None)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, (data["start"], data["end"], data["project"], data["funder"])


class FunderReportForm(PeriodForm):
    """Order the funder report PDF (the same period and scope, for the chosen organisation)."""

    organisation = forms.ChoiceField(label=_("Organisation"))

    def __init__(
        self,
        *args: Any,
        organisation_choices: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(pk), name) for pk, name in organisation_choices or []]
        field.error_messages["invalid_choice"] = _(
            "You can order a report only for an organisation you work in as a coordinator "
            "or analyst."
        )

    def clean_organisation(self) -> int:
        return int(self.cleaned_data["organisation"])


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name of the project"), max_length=200)
    code = forms.CharField(
        label=_("Project code"),
        max_length=40,
        required=False,
        help_text=_("The funder's code of the project, for example S30123."),
    )
    funder = forms.CharField(
        label=_("Funder"),
        max_length=200,
        required=False,
        help_text=_("For example: ESF+, the Employment Fund."),
    )
    start = forms.DateField(label=_("Starts"), widget=DATE)
    end = forms.DateField(label=_("Ends"), required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The project ends before it starts. Check the dates."))
        return data


class EnrolForm(forms.Form):
    participants = forms.MultipleChoiceField(
        label=_("Participants"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose who takes part in this project."),
    )
    since = forms.DateField(label=_("In the project from"), widget=DATE)

    def __init__(
        self, *args: Any, participant_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(pk), name) for pk, name in participant_choices or []]

    def clean_participants(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("participants") or []]


class MonitoringForm(PeriodForm):
    """The monitoring file: the period, the scope and the file type."""

    format = forms.ChoiceField(
        label=_("File type"),
        choices=(("xlsx", _("Excel workbook (XLSX)")), ("csv", _("CSV file"))),
        initial="xlsx",
        widget=forms.RadioSelect,
    )
