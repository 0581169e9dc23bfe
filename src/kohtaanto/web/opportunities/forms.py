"""Forms of the opportunity pages. They only read input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.opportunities.enums import (
    CourseFormat,
    OpportunityKind,
    OpportunityStatus,
    PhysicalDemand,
    Remote,
)
from kohtaanto.opportunities.importers import values
from kohtaanto.reference.places import municipality_choices

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field: Any = self.fields["kind"]
        kind_field.choices = _blank(_("All types")) + list(OpportunityKind.choices)
        status_field: Any = self.fields["status"]
        status_field.choices = _blank(_("All statuses")) + list(OpportunityStatus.choices)
        municipality_field: Any = self.fields["municipality"]
        municipality_field.choices = _blank(_("All municipalities")) + municipality_choices(lang)


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=OpportunityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the tasks. Skills are recognised from this text in the next step."),
    )
    description_language = forms.ChoiceField(
        label=_("Language of the description"), choices=Language.choices
    )
    employer = forms.TypedChoiceField(
        label=_("Employer"), required=False, coerce=int, empty_value=None
    )
    municipality_code = forms.ChoiceField(label=_("Municipality"), required=False)
    remote = forms.ChoiceField(label=_("Remote work"), choices=Remote.choices)
    languages = forms.CharField(
        label=_("Languages needed"),
        required=False,
        max_length=200,
        help_text=_("For example fi:B1; en:A2 (levels A1–C2 or native)."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), required=False, min_value=0, max_value=168, decimal_places=1
    )
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    physical_demands = forms.MultipleChoiceField(
        label=_("Physical demands"),
        required=False,
        choices=PhysicalDemand.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: step-free access, quiet room, flexible hours."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=OpportunityStatus.choices)

    def __init__(
        self,
        *args: Any,
        employers: list[tuple[int, str]] | None = None,
        lang: str = "fi",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality: Any = self.fields["municipality_code"]
        municipality.choices = _blank(_("No municipality (remote)")) + municipality_choices(lang)
        if employers is None:
            del self.fields["employer"]
        else:
            employer: Any = self.fields["employer"]
            employer.choices = _blank(_("No employer")) + employers

    def clean_languages(self) -> dict[str, str]:
        try:
            return values.languages(self.cleaned_data.get("languages") or "")
        except values.ValueProblem as exc:
            raise forms.ValidationError(str(exc)) from None

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("employer", None)
        return data


def languages_text(languages: dict[str, str]) -> str:
    return "; ".join(f"{code}:{level}" for code, level in (languages or {}).items())


class SkillSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a skill"), required=False, max_length=100)


class ImportForm(forms.Form):
    TARGETS = (("opportunities", _("Opportunities")), ("courses", _("Courses")))
    FORMATS = (("csv", _("CSV file")), ("jsonld", _("JobPosting JSON-LD")))

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    target = forms.ChoiceField(label=_("What to import"), choices=TARGETS, initial="opportunities")
    file_format = forms.ChoiceField(label=_("File format"), choices=FORMATS, initial="csv")
    file = forms.FileField(label=_("File"))
    mapping = forms.CharField(
        label=_("Column mapping (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: field=Column in your file, for example title=Otsikko."),
    )

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation: Any = self.fields["organisation"]
        organisation.choices = organisations

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too big (at most 10 MB)."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == "courses" and data.get("file_format") == "jsonld":
            self.add_error("file_format", _("Courses are imported from CSV files."))
        return data

    def mapping_options(self) -> list[str]:
        text = str(self.cleaned_data.get("mapping") or "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    format = forms.ChoiceField(label=_("Format"), required=False)
    open = forms.BooleanField(label=_("Only open materials"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["format"]
        field.choices = _blank(_("All formats")) + list(CourseFormat.choices)
