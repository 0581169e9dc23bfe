"""What erasing a participant does to each kind of row: the erasure's registry, beside the
data export's (`kohtaanto.people.exports`).

Every model "about a participant" — the same walk the export's registry test makes: a model
with a foreign key to `people.Participant`, or to another such model, at any depth, through
tables included — must be declared here, as

- `erase(label)`: its rows are deleted with the participant, or
- `hold(label, hold, fields)`: its rows are deleted too, but first the named `fields` are
  copied into the hold's `privacy.HeldRecord` when the hold applies (`rules.holds()`).

`erase_participant` refuses to run while a model is undeclared (`undeclared()`), and
`privacy/tests/test_registry.py` fails, so a new model is never forgotten: whoever adds one
declares it in `privacy/dispositions.py` (and registers it in the export).
`people.Participant` itself is declared like any model (its row goes last)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Model

from kohtaanto.people.models import Participant
from kohtaanto.privacy import rules

ERASE = "erase"
HOLD = "hold"


@dataclass(frozen=True)
class Disposition:
    label: str
    action: str
    hold: str = ""
    fields: tuple[str, ...] = ()
    note: str = ""


_declared: dict[str, Disposition] = {}


def erase(label: str, note: str = "") -> None:
    _declare(Disposition(label, ERASE, note=note))


def hold(label: str, hold_id: str, fields: Sequence[str], note: str = "") -> None:
    if hold_id not in rules.holds():
        raise ImproperlyConfigured(f"{label}: no legal hold {hold_id!r}")
    if not fields:
        raise ImproperlyConfigured(f"{label}: a hold names the fields it keeps")
    _declare(Disposition(label, HOLD, hold_id, tuple(fields), note))


def _declare(disposition: Disposition) -> None:
    if disposition.label in _declared:
        raise ImproperlyConfigured(f"{disposition.label} is declared twice for erasure")
    model = apps.get_model(disposition.label)
    for name in disposition.fields:
        path = name.split("__")
        current: type[Model] = model
        for number, part in enumerate(path, 1):
            field = current._meta.get_field(part)  # raises FieldDoesNotExist
            if number < len(path):
                current = field.related_model  # type: ignore[assignment]
    _declared[disposition.label] = disposition


def declared() -> dict[str, Disposition]:
    return dict(_declared)


def _points_at(model: type[Model], targets: set[type[Model]]) -> bool:
    return any(
        (field.many_to_one or field.one_to_one)
        and field.concrete
        and field.related_model in targets
        for field in model._meta.get_fields()
    )


@cache
def about_a_participant() -> tuple[type[Model], ...]:
    """Every model about a participant (the export registry's walk), nearest first."""
    every = apps.get_models(include_auto_created=True)
    found: set[type[Model]] = {Participant}
    ordered: list[type[Model]] = []
    while True:
        more = sorted(
            (m for m in every if m not in found and _points_at(m, found)),
            key=lambda m: m._meta.label,
        )
        if not more:
            return tuple(ordered)
        found.update(more)
        ordered.extend(more)


def path_to_participant(model: type[Model]) -> str:
    """The lookup from `model` to the participant's id ("participant", "outcome__participant"):
    a direct key first, else through the first model about a participant it points at,
    preferring keys that delete with their target (CASCADE, PROTECT) over SET_NULL ones."""
    if model is Participant:
        return "pk"
    about = set(about_a_participant())
    keys = [
        f
        for f in model._meta.get_fields()
        if (f.many_to_one or f.one_to_one) and f.concrete and f.related_model is not None
    ]
    keys.sort(key=lambda f: getattr(f.remote_field, "on_delete", None) is models.SET_NULL)
    for field in keys:
        if field.related_model is Participant:
            return field.name
    for field in keys:
        if field.related_model in about:
            return f"{field.name}__{path_to_participant(field.related_model)}"
    raise ImproperlyConfigured(f"{model._meta.label} does not lead to a participant")


def with_the_record() -> tuple[type[Model], ...]:
    """The participant's own model, then every model about a participant."""
    record: type[Model] = Participant
    return (record, *about_a_participant())


def undeclared() -> list[str]:
    """Labels of models about a participant that are neither erased nor held."""
    labels = [m._meta.label for m in with_the_record()]
    return sorted(label for label in labels if label not in _declared)
