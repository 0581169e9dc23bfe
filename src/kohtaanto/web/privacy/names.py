"""Names in the page's language for what the erasure review and a held record show: each kind
of row (`kind_name`), and a held record's fields and values (`field_name`, `shown_value`).

A model's own `verbose_name_plural` when it declares one (translated). Some models about a
participant declare none — Django then makes an English name from the class ("trial days",
"participant-user relationships" for a many-to-many table) — so they are named here.
`web/privacy/tests/test_names.py` fails for a new model about a participant that has neither.
A held record stores field paths ("project__name") and JSON values (ISO dates, codes); they
are shown as the person's data export shows them (its label and display of the field, e.g. a
catalogue code's name), else with the field's own name, dates as 31.12.2032, choices with
their labels, yes/no."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model
from django.utils import dateformat, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.people import exports

NAMES: dict[str, Promise] = {
    "people.Participant_coaches": _("links to the participant's coaches"),
    "journeys.Session_coaches": _("links of meetings to their coaches"),
    "outreach.CompanyVisit_visitors": _("company visits taken part in"),
    "journeys.DigCompAnswer": _("DigComp answers"),
    "profiles.RecognitionRun": _("skill recognition runs"),
    "trials.Goal": _("trial goals"),
    "trials.TrialUnit": _("qualification units of trials"),
    "trials.TrialRequirement": _("skill requirements of trials"),
    "trials.Evidence": _("skills shown in trials"),
    "trials.TrialDay": _("trial days"),
    "trials.TrialTransition": _("trial state changes"),
    "trials.CheckInLink": _("workplace mentor's links"),
    "trials.CheckIn": _("workplace mentor's check-ins"),
    "trials.Assessment": _("trial assessments"),
    "trials.AssessmentItem": _("assessment items"),
    "trials.Certificate": _("competence certificates"),
    "trials.LearningPlan": _("learning plans"),
    "trials.LearningItem": _("learning plan items"),
    "trials.ReferenceLetter": _("reference letters"),
}
"""Model label → its name, for the models whose own name is Django's English default."""


def declares_a_name(model: type[Model]) -> bool:
    """The model names itself (`Meta.verbose_name_plural` or `verbose_name`, translated);
    Django's automatic many-to-many tables do not count (their name is made from classes)."""
    meta = model._meta
    attrs = getattr(meta, "original_attrs", {})
    return not meta.auto_created and ("verbose_name_plural" in attrs or "verbose_name" in attrs)


def kind_name(model: type[Model]) -> str:
    """The capitalised plural name of the model's rows, in the active language."""
    name = NAMES.get(model._meta.label)
    return str(capfirst(str(name if name is not None else model._meta.verbose_name_plural)))


def _field(model: type[Model], path: str) -> tuple[Any, list[str]]:
    """The field at the end of `path` ("project__name") and the names along the way."""
    current: Any = model
    field: Any = None
    names: list[str] = []
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None, [path]
        names.append(str(getattr(field, "verbose_name", part)))
        if field.is_relation and field.related_model is not None:
            current = field.related_model
    return field, names


def _exported(model: type[Model], path: str) -> exports.Field | None:
    """The person's data export's field for `path` of `model`, if it exports it."""
    for section in exports.sections():
        if section.model is not model:
            continue
        for spec in section.fields:
            if isinstance(spec, exports.Field) and spec.path.replace(".", "__") == path:
                return spec
    return None


def field_name(model: type[Model], path: str) -> str:
    """The export's label of the field, else "Hanke: nimi" for "project__name" of a project
    enrolment (the names along the path), else the field's own name."""
    spec = _exported(model, path)
    if spec is not None and spec.label is not None:
        return capfirst(str(spec.label))
    _found, names = _field(model, path)
    return capfirst(": ".join(names))


def shown_value(model: type[Model], path: str, value: Any) -> str | None:
    """A stored value as a person reads it (None when there is none: the page shows a dash)."""
    if value is None or value == "":
        return None
    spec = _exported(model, path)
    if spec is not None and spec.display is not None:
        shown = spec.display(value, (get_language() or "fi")[:2])
        if isinstance(shown, dict):
            return ", ".join(f"{key}: {item}" for key, item in shown.items())
        if isinstance(shown, list | tuple):
            return ", ".join(str(item) for item in shown)
        return str(shown)
    field, _names = _field(model, path)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = dt.datetime.fromisoformat(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return dateformat.format(moment, "j.n.Y H.i")
    if isinstance(field, models.DateField) and isinstance(value, str):
        return dateformat.format(dt.date.fromisoformat(value[:10]), "j.n.Y")
    return str(value)
