"""Forms of the journey pages. Labels and errors in plain language, translatable.

The forms only check the shape of the input; the services check the rules and their
`ValidationFailed` errors are put back on the form (`common.add_service_errors`), so
whatever the person typed stays in the fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from kohtaanto.journeys import rules, selectors
from kohtaanto.journeys.enums import FollowUpResult
from kohtaanto.journeys.models import STORY_MAX_LENGTH, CvDraft
from kohtaanto.people.enums import ParticipantStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STORY_MAX = STORY_MAX_LENGTH
LANGUAGE_ROWS = 3
# Languages offered for "languages I speak": common ones in Finland, named in their own language.
SPOKEN_LANGUAGES = (
    "fi",
    "sv",
    "en",
    "ru",
    "et",
    "ar",
    "so",
    "fa",
    "uk",
    "ku",
    "zh",
    "th",
    "vi",
    "tr",
    "sq",
    "pl",
    "de",
    "fr",
    "es",
    "pt",
    "se",
)


def spoken_language_choices() -> list[tuple[str, str]]:
    choices = []
    for code in SPOKEN_LANGUAGES:
        info = LANG_INFO.get(code, {})
        choices.append((code, info.get("name_local", code)))
    return [("", _("Choose a language")), *choices]


def service_language_choices() -> list[tuple[str, str]]:
    return [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]


# --- caseload -------------------------------------------------------------------------------


class CaseloadFilterForm(forms.Form):
    """Filters of the caseload. Only codes and ids go in the URL, and the search words."""

    NEXT_MEETING = (
        ("", _("Any time")),
        ("week", _("In the next 7 days")),
        ("none", _("No meeting booked")),
    )
    LAST_CONTACT = (
        ("", _("Any time")),
        ("recent", _("In the last 30 days")),
        ("old", _("Over 30 days ago or never")),
    )
    SORTS = (
        ("name", _("Name A–Ö")),
        ("-name", _("Name Ö–A")),
        ("next_meeting", _("Next meeting first")),
        ("last_contact", _("Longest time since contact first")),
        ("-last_contact", _("Latest contact first")),
        ("-created", _("Newest first")),
    )

    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ParticipantStatus.choices]
    )
    coach = forms.TypedChoiceField(label=_("Coach"), required=False, coerce=int, empty_value=None)
    next_meeting = forms.ChoiceField(label=_("Next meeting"), required=False, choices=NEXT_MEETING)
    last_contact = forms.ChoiceField(label=_("Last contact"), required=False, choices=LAST_CONTACT)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, *args: Any, coaches: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        coach = self.fields["coach"]
        assert isinstance(coach, forms.TypedChoiceField)
        coach.choices = [("", _("All coaches")), *coaches]


# --- intake ---------------------------------------------------------------------------------


class BasicDataForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    municipality_code = forms.ChoiceField(label=_("Home municipality"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language of the service"), choices=service_language_choices
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality_code"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = [
            ("", _("Choose a municipality")),
            *sorted(selectors.municipality_choices(lang), key=lambda c: c[1]),
        ]
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        levels = [("", _("Choose a level")), *selectors.language_level_choices(lang)]
        for n in range(1, LANGUAGE_ROWS + 1):
            self.fields[f"language_{n}"] = forms.ChoiceField(
                label=_("Language"), required=False, choices=spoken_language_choices
            )
            self.fields[f"level_{n}"] = forms.ChoiceField(
                label=_("How well"), required=False, choices=levels
            )

    def language_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"language_{n}"], self[f"level_{n}"]) for n in range(1, LANGUAGE_ROWS + 1)]

    def languages(self) -> list[tuple[str, str]]:
        rows = []
        for n in range(1, LANGUAGE_ROWS + 1):
            code = self.cleaned_data.get(f"language_{n}")
            level = self.cleaned_data.get(f"level_{n}")
            if code or level:
                rows.append((code or "", level or ""))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, LANGUAGE_ROWS + 1):
            code, level = data.get(f"language_{n}"), data.get(f"level_{n}")
            if code and not level:
                self.add_error(f"level_{n}", _("Choose how well the person speaks the language."))
            elif level and not code:
                self.add_error(f"language_{n}", _("Choose the language."))
        return data


class StoryForm(forms.Form):
    """The story. The limit is said before typing (help text) and counted while typing
    (`journeys.js`, `data-max-chars`); the textarea has no `maxlength`, so a longer pasted text
    is never cut by the browser: the form refuses it with a message and keeps all of it."""

    story = forms.CharField(
        label=_("The story in the person's own words"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,  # the service gives the translated "empty" error
        strip=False,
    )
    language = forms.ChoiceField(label=_("Language of the story"), choices=service_language_choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        story = self.fields["story"]
        limit = number_format(STORY_MAX, force_grouping=True)
        self.story_limit = limit
        story.help_text = _(
            "Work, studies, hobbies, volunteering, things the person likes to do. "
            "At most %(limit)s characters."
        ) % {"limit": limit}
        story.widget.attrs.update(
            {
                "data-max-chars": str(STORY_MAX),
                # %(count)s and %(max)s are filled in by journeys.js while typing.
                "data-counter-text": _("%(count)s / %(max)s characters"),
                "data-counter-over": _(
                    "The text is %(over)s characters too long. Shorten it before saving."
                ),
                "data-counter-near": _("%(left)s characters left."),
            }
        )

    def clean_story(self) -> str:
        # Browsers send line breaks as CR LF; the counter (and the stored text) count one.
        story: str = (self.cleaned_data.get("story") or "").replace("\r\n", "\n").strip()
        if not story:
            raise forms.ValidationError(_("Write the story first. It cannot be empty."))
        if len(story) > STORY_MAX:
            raise forms.ValidationError(
                _(
                    "The story is too long: at most %(limit)s characters, now %(count)s. "
                    "Nothing was saved or cut: shorten the text and save again."
                )
                % {
                    "limit": number_format(STORY_MAX, force_grouping=True),
                    "count": number_format(len(story), force_grouping=True),
                }
            )
        return story


class GoalsForm(forms.Form):
    goal = forms.CharField(
        label=_("Goal"),
        required=False,
        max_length=200,
        help_text=_("For example: a job in a warehouse, or studies to become a cook."),
    )
    goal_due = forms.DateField(label=_("By when"), required=False, widget=DATE)
    constraints = forms.CharField(
        label=_("Limits on work (for example health)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the person and their own coaches can see this."),
    )
    alternative_tasks = forms.CharField(
        label=_("Other tasks that suit the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ServiceForm(forms.Form):
    service_start = forms.DateField(label=_("Start date of the service"), widget=DATE)
    coaches = forms.MultipleChoiceField(
        label=_("Coaches"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose two coaches for pair coaching."),
    )

    def __init__(self, *args: Any, coaches: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["coaches"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(pk), name) for pk, name in coaches]


YES_NO = (("", _("Not answered")), ("yes", _("Yes")), ("no", _("No")))


class EsfForm(forms.Form):
    entry_date = forms.DateField(label=_("Date of entry"), required=False, widget=DATE)
    labour_market_status = forms.ChoiceField(label=_("Situation on entry"), required=False)
    isced_level = forms.TypedChoiceField(
        label=_("Highest education"), required=False, coerce=int, empty_value=None
    )
    gender_category = forms.ChoiceField(label=_("Gender"), required=False)
    FLAGS = (
        ("third_country_national", _("Citizen of a country outside the EU")),
        ("foreign_background", _("Foreign background")),
        ("homeless", _("Homeless")),
        ("rural_area", _("Lives in a rural area")),
        ("disability", _("Disability")),
        ("minority", _("Belongs to a minority")),
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["labour_market_status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [("", _("Not answered"))] + [
            (i.id, i.label.get(lang)) for i in rules.labour_market_statuses().values()
        ]
        isced = self.fields["isced_level"]
        assert isinstance(isced, forms.TypedChoiceField)
        isced.choices = [("", _("Not answered"))] + [
            (i.id, i.label.get(lang)) for i in rules.isced_levels().values()
        ]
        gender = self.fields["gender_category"]
        assert isinstance(gender, forms.ChoiceField)
        gender.choices = [("", _("Not answered"))] + [
            (i.id, i.label.get(lang)) for i in rules.gender_categories().values()
        ]
        for name, label in self.FLAGS:
            self.fields[name] = forms.ChoiceField(label=label, required=False, choices=YES_NO)

    def flags(self) -> dict[str, bool | None]:
        return {
            name: {"yes": True, "no": False}.get(self.cleaned_data.get(name) or "")
            for name, _label in self.FLAGS
        }


# --- plan -----------------------------------------------------------------------------------


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of meeting"))
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=5, max_value=600, initial=60
    )
    done_together = forms.CharField(
        label=_("What we did together"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_steps = forms.CharField(
        label=_("What we agreed to do next"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = selectors.session_type_choices(lang)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    due = forms.DateField(label=_("By when"), required=False, widget=DATE)
    steps = forms.CharField(
        label=_("Steps, one on each line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TaskForm(forms.Form):
    ASSIGNEES = (
        ("participant", _("The participant")),
        ("coach", _("The coach")),
        ("together", _("Together")),
    )
    title = forms.CharField(label=_("Task"), max_length=200)
    assignee = forms.ChoiceField(label=_("Who does it"), choices=ASSIGNEES)
    due = forms.DateField(label=_("By when"), required=False, widget=DATE)


# --- documents and end of service -----------------------------------------------------------


class CvForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CvDraft
        fields = (
            "full_name",
            "contact",
            "headline",
            "summary",
            "experience",
            "education",
            "skills",
            "languages",
            "other",
        )
        labels = {
            "full_name": _("Name"),
            "contact": _("Contact details"),
            "headline": _("Headline"),
            "summary": _("A few words about me"),
            "experience": _("Work experience"),
            "education": _("Education"),
            "skills": _("Skills"),
            "languages": _("Languages"),
            "other": _("Other"),
        }


class OutcomeForm(forms.Form):
    outcome_type = forms.ChoiceField(label=_("Where does the person continue?"))
    date = forms.DateField(label=_("End date of the service"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    qualification_gained = forms.BooleanField(
        label=_("The person gained a qualification"), required=False
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose")), *selectors.outcome_choices(lang)]


class FollowUpForm(forms.Form):
    result = forms.ChoiceField(
        label=_("How is the person doing now?"),
        choices=FollowUpResult.choices,
        widget=forms.RadioSelect,
    )
    outcome_type = forms.ChoiceField(label=_("Situation after six months"), required=False)
    done_at = forms.DateField(label=_("Date of the follow-up"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Not known")), *selectors.outcome_choices(lang)]
