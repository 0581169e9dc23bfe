"""Forms of the volunteer pool and mentoring pages. They only read input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.mentoring.enums import SharedSection, VolunteerRole
from kohtaanto.mentoring.models import TrainingCourse
from kohtaanto.mentoring.vocabulary import language_choices, level_choices, skill_choices
from kohtaanto.reference.places import municipality, municipality_by_name, municipality_name

LANGUAGE_ROWS = 4


def towns_text(codes: list[str], lang: str) -> str:
    return ", ".join(municipality_name(code, lang) for code in codes)


def parse_towns(text: str) -> tuple[list[str], list[str]]:
    """Municipality codes of the comma-separated names (or codes), and the names not found."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in text.replace(";", ",").split(","):
        name = part.strip()
        if not name:
            continue
        found = municipality(name) if name.isdigit() else municipality_by_name(name)
        if found is None:
            unknown.append(name)
        elif found.code not in codes:
            codes.append(found.code)
    return codes, unknown


class PoolFilterForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), required=False)
    town = forms.CharField(label=_("Town"), required=False, max_length=60)
    language = forms.ChoiceField(label=_("Language"), required=False)
    expiring = forms.BooleanField(label=_("Training expires within 90 days"), required=False)

    def __init__(self, *args: Any, lang: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role: Any = self.fields["role"]
        role.choices = [("", _("All roles")), *VolunteerRole.choices]
        language: Any = self.fields["language"]
        language.choices = [("", _("All languages")), *language_choices(lang)]

    def clean_town(self) -> str:
        text = str(self.cleaned_data.get("town") or "").strip()
        if not text:
            return ""
        codes, unknown = parse_towns(text)
        if unknown or len(codes) != 1:
            raise forms.ValidationError(_("Write the name of one town, for example Kouvola."))
        return codes[0]


class ProfileForm(forms.Form):
    """The parts of a profile the volunteer keeps themself (and their coordinator)."""

    towns = forms.CharField(
        label=_("Towns where I can meet people"),
        required=False,
        max_length=300,
        help_text=_("Separate the towns with commas, for example: Kouvola, Kotka."),
    )
    remote_ok = forms.BooleanField(label=_("I can also meet online"), required=False)
    interests = forms.CharField(
        label=_("Interests"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    availability = forms.CharField(
        label=_("When I am available"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    capacity_mentees = forms.IntegerField(
        label=_("How many mentees at most"), min_value=0, max_value=20
    )
    capacity_groups = forms.IntegerField(
        label=_("How many groups at most"), min_value=0, max_value=20
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills I can share"), required=False, widget=forms.CheckboxSelectMultiple
    )

    contact_for_mentees = forms.CharField(
        label=_("Contact shown to my mentees"),
        required=False,
        max_length=200,
        help_text=_(
            "A phone number or an e-mail address your mentees see. Leave it empty if you "
            "do not want to share one."
        ),
    )

    OTHERS_LABELS = {
        "towns": _("Towns where they can meet people"),
        "remote_ok": _("Can also meet online"),
        "availability": _("When they are available"),
        "skills": _("Skills they can share"),
    }

    def __init__(
        self,
        *args: Any,
        lang: str = "fi",
        own_skills: list[str] | None = None,
        own: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.own = own
        if not own:
            # The coordinator edits someone else's profile: labels in the third person, and
            # the contact for mentees is the volunteer's own choice.
            del self.fields["contact_for_mentees"]
            for name, label in self.OTHERS_LABELS.items():
                self.fields[name].label = label
        skills: Any = self.fields["skills"]
        skills.choices = skill_choices(lang, own_skills or [])
        languages = [("", _("Choose a language")), *language_choices(lang)]
        levels = [("", _("Choose a level")), *level_choices(lang)]
        for row in range(LANGUAGE_ROWS):
            self.fields[f"language_{row}"] = forms.ChoiceField(
                label=_("Language %(number)s") % {"number": row + 1},
                required=False,
                choices=languages,
            )
            self.fields[f"level_{row}"] = forms.ChoiceField(
                label=_("Level of language %(number)s") % {"number": row + 1},
                required=False,
                choices=levels,
            )

    def clean_towns(self) -> list[str]:
        codes, unknown = parse_towns(str(self.cleaned_data.get("towns") or ""))
        if unknown:
            raise forms.ValidationError(
                _("We did not find these towns: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return codes

    def language_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"language_{row}"], self[f"level_{row}"]) for row in range(LANGUAGE_ROWS)]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (
                "towns",
                "remote_ok",
                "interests",
                "availability",
                "capacity_mentees",
                "capacity_groups",
                "contact_for_mentees",
            )
            if name in self.fields
        ]

    def languages(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(LANGUAGE_ROWS):
            code = self.cleaned_data.get(f"language_{row}") or ""
            level = self.cleaned_data.get(f"level_{row}") or ""
            if code or level:
                rows.append((code, level))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(LANGUAGE_ROWS):
            code, level = data.get(f"language_{row}"), data.get(f"level_{row}")
            if code and not level:
                self.add_error(f"level_{row}", _("Choose a level for every language."))
            if level and not code:
                self.add_error(f"language_{row}", _("Choose the language."))
        return data


class EngagementForm(forms.Form):
    """The coordinator's part: the volunteer's roles in the organisation."""

    roles = forms.MultipleChoiceField(
        label=_("Roles in this organisation"),
        choices=VolunteerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    active = forms.BooleanField(label=_("Active volunteer"), required=False)


class TrainingForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=TrainingCourse.objects.none())
    completed_on = forms.DateField(
        label=_("Completed"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(
        label=_("Hours of training"), required=False, min_value=0, max_digits=5, decimal_places=1
    )
    trainer = forms.CharField(label=_("Trainer"), required=False, max_length=200)

    def __init__(self, *args: Any, courses: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        course: Any = self.fields["course"]
        course.queryset = courses if courses is not None else TrainingCourse.objects.none()
        course.empty_label = _("Choose a course")


class CourseForm(forms.Form):
    name = forms.CharField(label=_("Name of the course"), max_length=200)
    hours = forms.DecimalField(
        label=_("Hours of training"), min_value=0, max_digits=5, decimal_places=1
    )
    valid_months = forms.IntegerField(
        label=_("Valid for (months)"),
        required=False,
        min_value=1,
        max_value=240,
        help_text=_("Leave empty when the course never needs refreshing."),
    )


class BackgroundCheckForm(forms.Form):
    checked_on = forms.DateField(
        label=_("Date of the check"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("Not checked")), ("yes", _("Clear")), ("no", _("Not clear"))],
        help_text=_("Record only the date and the result, never the document itself."),
    )

    def result_value(self) -> bool | None:
        value = self.cleaned_data.get("result")
        return None if not value else value == "yes"


class AddVolunteerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Peer mentor"), coerce=int)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=VolunteerRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, users: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        user: Any = self.fields["user"]
        user.choices = [("", _("Choose a person")), *(users or [])]


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("For a planned meeting, for example 17:00."),
    )
    shared_note = forms.CharField(
        label=_("Shared note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The mentee sees this note."),
    )
    private_note = forms.CharField(
        label=_("My private note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you see this note. Not the mentee, the coach or the coordinator."),
    )


class MeetingNotesForm(MeetingForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["date"]
        del self.fields["time"]


class PlanForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What do you want to reach together? Write in your own words."),
    )
    planned_end = forms.DateField(
        label=_("Planned end"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went well? What could be better?"),
    )


class CloseForm(FeedbackForm):
    """Ending a mentoring: the closer's feedback (asked only here) and an explicit yes."""

    confirm = forms.BooleanField(
        label=_("Yes, I want to end this mentoring"),
        required=True,
        error_messages={"required": _("Tick the box to end the mentoring.")},
    )

    def __init__(self, *args: Any, with_feedback: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_feedback:
            del self.fields["feedback"]


class ShareForm(forms.Form):
    shared = forms.MultipleChoiceField(
        label=_("What my mentor may see"),
        choices=SharedSection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your mentor sees only what you choose here. You can change it at any time."),
    )
