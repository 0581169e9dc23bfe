"""What the participant journey adds to a person's data export (see `kohtaanto.people.exports`).

Imported from `JourneysConfig.ready()`. Catalogue ids (municipality, session type, outcome,
labour-market status, …) stay ids in the data file and are shown with their names on the page.
Coaches appear by name only, as the one who recorded a session or the end of service; which
coaches took part in a session (`Session.coaches`) is their data and is not exported.
"""

from __future__ import annotations

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.journeys import rules
from kohtaanto.journeys.models import (
    CvDraft,
    DigCompAnswer,
    DigCompAttempt,
    EsfEntryData,
    FollowUp,
    Goal,
    GoalStep,
    Intake,
    Outcome,
    RestrictedConstraints,
    Session,
    SpokenLanguage,
    Task,
)
from kohtaanto.journeys.services.limits import RESTRICTIONS
from kohtaanto.people import exports
from kohtaanto.people.exports import Field, Nested, person_name, yes_no
from kohtaanto.reference.text import Item

EMPTY = exports.EMPTY


def _item(catalogue: dict[str, Item], value: Any, lang: str) -> Any:
    if value is None or value == "":
        return EMPTY
    found = catalogue.get(str(value))
    return found.label.get(lang) if found else value


def _municipality(value: Any, lang: str) -> Any:
    found = rules.municipalities().get(value) if value else None
    return found.name(lang) if found else (value or EMPTY)


def _municipality_fi(intake: Intake) -> str | None:
    found = rules.municipalities().get(intake.municipality_code)
    return found.name_fi if found else None


def _language(value: Any, lang: str) -> Any:
    # Imported here: the documents package brings the PDF and DOCX libraries with it.
    from kohtaanto.journeys.documents.content import language_name

    return language_name(value, lang) if value else EMPTY


def _level(value: Any, lang: str) -> Any:
    return _item(rules.language_levels(), value, lang)


def _session_type(value: Any, lang: str) -> Any:
    return _item(rules.session_types(), value, lang)


def _labour_market_status(value: Any, lang: str) -> Any:
    return _item(rules.labour_market_statuses(), value, lang)


def _restriction_codes(value: Any, lang: str) -> Any:
    """["no_heavy_lifting"] → "Ei raskaita nostoja" (the limits' names, in `lang`)."""
    with translation.override(lang):
        return ", ".join(str(RESTRICTIONS.get(code, code)) for code in value or ())


def _isced_level(value: Any, lang: str) -> Any:
    return _item(rules.isced_levels(), value, lang)


def _gender_category(value: Any, lang: str) -> Any:
    return _item(rules.gender_categories(), value, lang)


def _outcome(value: Any, lang: str) -> Any:
    found = rules.outcomes().get(value) if value else None
    return found.label.get(lang) if found else (value or EMPTY)


def _age_band(value: Any, lang: str) -> Any:
    if value == "below_18":
        return gettext("under 18")
    if value == "55_plus":
        return gettext("55 or older")
    return str(value).replace("_", "–") if value else EMPTY


def _area_means(value: Any, lang: str) -> Any:
    """Each area's average with its DigComp level in plain words: "3,5 – Keskitaso"."""
    areas = rules.digcomp().areas
    shown: dict[str, Any] = {}
    for area, mean in (value or {}).items():
        name = areas[area].name.get(lang) if area in areas else area
        proficiency = rules.digcomp_proficiency(mean) if mean is not None else None
        shown[name] = (
            f"{formats.number_format(rules.one_decimal(mean), 1)} – {proficiency.name.get(lang)}"
            if proficiency
            else EMPTY
        )
    return shown


def _answers(attempt: DigCompAttempt) -> dict[str, int]:
    return dict(attempt.answers.values_list("competence", "value"))


def _answers_shown(value: Any, lang: str) -> Any:
    questionnaire = rules.digcomp()
    options = {o.value: o.label.get(lang) for o in questionnaire.options}
    questions = questionnaire.questions
    return {
        (questions[c].name.get(lang) if c in questions else c): options.get(v, v)
        for c, v in sorted((value or {}).items())
    }


def _recorded_by(obj: Any) -> str | None:
    return person_name(obj.recorded_by)


RECORDED_BY = _("recorded by")

exports.register(
    "intake",
    model=Intake,
    fields=(
        "birth_date",
        Field("municipality_code", label=_("municipality"), display=_municipality),
        Field("municipality", get=_municipality_fi, on_page=False),
        "service_start",
        "story_language",
        "story",
        "story_updated",
    ),
    label=_("Starting information and my story"),
    one=True,
)
exports.register(
    "languages",
    model=SpokenLanguage,
    fields=(
        Field("language", display=_language),
        Field("level", display=_level),
    ),
    order_by=("id",),
    label=_("Languages"),
)
exports.register(
    "restricted_constraints",
    model=RestrictedConstraints,
    fields=(
        "constraints",
        "alternative_tasks",
        Field("codes", label=_("Limits on work used in matching"), display=_restriction_codes),
        "updated",
    ),
    label=_("Limits on work"),
    one=True,
)
exports.register(
    "esf_entry_data",
    model=EsfEntryData,
    fields=(
        Field("entry_date", label=_("Date of entry")),
        Field("labour_market_status", label=_("Situation on entry"), display=_labour_market_status),
        Field("isced_level", label=_("Highest education"), display=_isced_level),
        Field("age_band", display=_age_band),
        "gender_self_described",
        Field("gender_category", display=_gender_category),
        Field("disability", display=yes_no),
        Field("minority", display=yes_no),
        Field(
            "third_country_national",
            label=_("Citizen of a country outside the EU"),
            display=yes_no,
        ),
        Field("foreign_background", label=_("Foreign background"), display=yes_no),
        Field("homeless", label=_("Homeless"), display=yes_no),
        Field("rural_area", label=_("Lives in a rural area"), display=yes_no),
    ),
    label=_("Information for the funder (ESF+)"),
    one=True,
)
exports.register(
    "goals",
    model=Goal,
    fields=(
        "title",
        "due",
        "done_at",
        Field("created", label=_("created")),
        Nested(
            "steps",
            model=GoalStep,
            fields=("text", "due", "done_at"),
            order_by=("position", "id"),
            label=_("steps"),
        ),
    ),
    order_by=("position", "id"),
    label=_("Goals"),
)
exports.register(
    "sessions",
    model=Session,
    fields=(
        Field("kind", display=_session_type),
        "status",
        "starts_at",
        "duration_minutes",
        "done_together",
        "next_steps",
        Field("recorded_by", get=_recorded_by, label=RECORDED_BY),
    ),
    order_by=("starts_at", "id"),
    label=_("Sessions"),
)
exports.exclude(
    Session.coaches.through,
    "Which coaches took part in a session is data about the coaches; the session itself is "
    "exported, with the coach who recorded it by name.",
)
exports.register(
    "tasks",
    model=Task,
    fields=("title", "assignee", "due", "done_at", Field("created", label=_("created"))),
    order_by=("created", "id"),
    label=_("Tasks"),
)
exports.register(
    "digcomp",
    model=DigCompAttempt,
    fields=(
        Field("questions_version", on_page=False),
        Field("started", label=_("Started")),
        Field("completed_at", label=_("Finished")),
        "with_coach",
        "self_assessed",
        Field("area_means", label=_("Average level per area (0–5)"), display=_area_means),
        Field("answers", get=_answers, label=_("My answers"), display=_answers_shown),
    ),
    order_by=("started", "id"),
    label=_("Digital skills self-assessments"),
    includes=(DigCompAnswer,),
)
exports.register(
    "cv_drafts",
    model=CvDraft,
    fields=(
        "language",
        "full_name",
        "contact",
        "headline",
        "summary",
        "experience",
        "education",
        "skills",
        "languages",
        "other",
        Field("updated", label=_("updated")),
    ),
    order_by=("language",),
    label=_("CV drafts"),
)
exports.register(
    "outcome",
    model=Outcome,
    fields=(
        Field("outcome_type", display=_outcome),
        "date",
        "note",
        "qualification_gained",
        Field("recorded_by", get=_recorded_by, label=RECORDED_BY),
    ),
    label=_("End of service"),
    one=True,
)
exports.register(
    "follow_up",
    model=FollowUp,
    participant_path="outcome__participant",
    fields=("due", "done_at", "result", Field("outcome_type", display=_outcome), "note"),
    label=_("Follow-up after the service"),
    one=True,
)
