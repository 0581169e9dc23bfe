"""Forms of the outreach pages. They only read input; `outreach.services` checks and writes
(so that a service's error keeps the input on the page, translated)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import id_or_none
from kohtaanto.core.enums import Language
from kohtaanto.outreach.enums import Certainty, EventKind, TimeHorizon
from kohtaanto.outreach.models import INTERVIEW_MAX_CHARS
from kohtaanto.reference.places import municipality_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def occupation_choices(lang: str) -> list[tuple[str, str]]:
    """Occupations of the active vocabulary, by name."""
    from kohtaanto.taxonomy.model import ConceptKind
    from kohtaanto.vocabularies.provider import get_taxonomy

    found = [(c.uri, c.label(lang)) for c in get_taxonomy().of_kind(ConceptKind.OCCUPATION)]
    return sorted(found, key=lambda item: (item[1].casefold(), item[0]))


def short_name(participant: Any) -> str:
    """First name and the initial of the last name (what a leader sees of a member)."""
    initial = (participant.last_name or "")[:1]
    return f"{participant.first_name} {initial}." if initial else participant.first_name


class IdsChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's choice of several objects by id, with each id read first (`id_or_none`):
    Django checks the choices with one `pk__in` query, which SQLite refuses for a number no id
    can be (an OverflowError, a 500). Such a number gets Django's own translated error, the
    one a word gets."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            if id_or_none(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class MemberChoiceField(IdsChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return short_name(obj)


class VisitForm(forms.Form):
    employer: Any = forms.ModelChoiceField(label=_("Company"), queryset=None, empty_label="")
    visited_on = forms.DateField(label=_("Date of the visit"), widget=DATE)
    visitors: Any = MemberChoiceField(
        label=_("Who went"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    host_name = forms.CharField(label=_("Company representative"), required=False)
    host_role = forms.CharField(
        label=_("Representative's role"),
        required=False,
        help_text=_("For example production manager or owner."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, employers: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employer: Any = self.fields["employer"]
        employer.queryset = employers
        employer.empty_label = _("Choose a company")
        visitors: Any = self.fields["visitors"]
        visitors.queryset = members


class InterviewForm(forms.Form):
    """The interview. The limit is said before typing (help text) and counted while typing
    (`journeys.js`, `data-max-chars`, as on the story page); the textarea has no `maxlength`,
    so a longer pasted text is never cut: the service refuses it and the text stays."""

    text = forms.CharField(
        label=_("What did the company say about the skills it will need?"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,  # the service gives the translated "empty" error
        strip=False,
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=Language.choices)
    time_horizon = forms.ChoiceField(
        label=_("When does the company need these skills?"),
        choices=TimeHorizon.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    certainty = forms.ChoiceField(
        label=_("How sure was the company?"),
        choices=Certainty.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text = self.fields["text"]
        limit = number_format(INTERVIEW_MAX_CHARS, force_grouping=True)
        self.text_limit = limit
        text.help_text = _(
            "Write in your own words: which skills, jobs or tools the company talked about. "
            "At most %(limit)s characters."
        ) % {"limit": limit}
        text.widget.attrs.update(
            {
                "data-max-chars": str(INTERVIEW_MAX_CHARS),
                "data-counter-text": _("%(count)s / %(max)s characters"),
                "data-counter-over": _(
                    "The text is %(over)s characters too long. Shorten it before saving."
                ),
                "data-counter-near": _("%(left)s characters left."),
            }
        )


class InterventionForm(forms.Form):
    name = forms.CharField(label=_("Name"))
    municipality_code = forms.ChoiceField(label=_("Municipality"))
    event_kind = forms.ChoiceField(label=_("What happened"), choices=EventKind.choices)
    company_name = forms.CharField(label=_("Company"))
    event_date = forms.DateField(label=_("Date of the event"), widget=DATE)
    people_affected = forms.IntegerField(label=_("People affected"), required=False, min_value=0)
    affected_occupations = forms.MultipleChoiceField(
        label=_("Occupations of the people affected"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "The regional foresight shows which of the region's demand their skills could "
            "meet. Hold down Ctrl (Cmd on a Mac) to choose more than one."
        ),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    partners = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One organisation on each line."),
    )
    groups: Any = IdsChoiceField(
        label=_("Groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mentors: Any = IdsChoiceField(
        label=_("Mentors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, groups: Any, mentors: Any, lang: str = "fi", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality: Any = self.fields["municipality_code"]
        municipality.choices = [("", _("Choose the municipality")), *municipality_choices(lang)]
        occupations: Any = self.fields["affected_occupations"]
        occupations.choices = occupation_choices(lang)
        group_field: Any = self.fields["groups"]
        group_field.queryset = groups
        mentor_field: Any = self.fields["mentors"]
        mentor_field.queryset = mentors
        mentor_field.label_from_instance = lambda user: user.get_full_name() or user.username

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["partners"] = (data.get("partners") or "").splitlines()
        data["groups"] = list(data.get("groups") or [])
        data["mentors"] = list(data.get("mentors") or [])
        return data
