"""What a person's data export holds (GDPR access and portability): a registry that each app
fills with the data it stores about a participant.

An app registers its sections in its own `<app>/exports.py`, imported from its
`AppConfig.ready()`, so the export learns about new data without anyone editing a list here:

    from kohtaanto.people import exports

    exports.register(
        "tasks",
        model=Task,
        fields=("title", "assignee", "due", "done_at", "created"),
        order_by=("created", "id"),
        label=_("Tasks"),
    )
    exports.exclude(SomeLog, "why a participant's export leaves it out")

- `register(section, *, model, fields, participant_path="participant", order_by=(), label,
  one=False, transform=None, includes=())`: `section` is the key in the export;
  `participant_path` the lookup from `model` to the participant ("" for the participant
  itself, "outcome__participant" for a follow-up); `one=True` gives one object (or None)
  instead of a list. A field is a model field name, a `Field` (a path through foreign keys
  such as "opportunity.title", or a computed `get`, with its page label and display) or a
  `Nested` list of related rows (a goal's steps). `transform(obj, row)` may reshape a row
  (the coaches' list holds names only). `includes` names other models whose data the section
  carries (a through table, answers read by a `get`).
- `exclude(model, reason)`: a model that points at a participant but is not exported, and why.
- `collect(participant) -> dict`: every section in registration order (INSTALLED_APPS order),
  JSON-ready (dates as ISO 8601).
- `present(data, lang) -> list[Shown]`: the same data as headings and rows of label: value for
  the readable page (choices with their translated labels, catalogue ids with their names,
  times in Helsinki time as 1.3.2025 klo 12.00, yes/no).

Fields are checked when registered (they must exist; a foreign key to a person or any other
object must go through `get`, so no other person's record is exported by accident: coaches
appear by name only). `people/tests/test_export_registry.py` fails when a model that points at a
participant, or at a model that does, is neither exported nor excluded with a reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Model, Prefetch, QuerySet
from django.utils import dateformat, formats, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.people.models import ConsentEvent, Invitation, Participant, ReminderOptOut

HELSINKI = ZoneInfo("Europe/Helsinki")
EMPTY = "–"
RESERVED = ("format", "exported_at")
"""Keys of the export's envelope (`journeys.export`), not sections."""

Label = str | Promise
Display = Callable[[Any, str], Any]
"""`display(value, lang)` → a text, a mapping (shown as label: value lines) or a list."""


@dataclass(frozen=True)
class Field:
    """One exported value.

    `name` is its key in the export; `source` the attribute path on the object (default:
    `name`; "opportunity.title" follows foreign keys); `get(obj)` computes the value instead;
    `label` heads it on the page (default: the model field's verbose name); `display(value,
    lang)` shows it on the page (default: choice labels, Helsinki dates, yes/no); `on_page=False`
    keeps a technical value (a concept URI, a score) in the data file only."""

    name: str
    source: str = ""
    get: Callable[[Any], Any] | None = None
    label: Label | None = None
    display: Display | None = None
    on_page: bool = True

    @property
    def path(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Nested:
    """The rows of a related model inside each exported row (a goal's steps): `name` is the
    key and, unless `source` says otherwise, the reverse accessor on the parent."""

    name: str
    model: type[Model]
    fields: Sequence[str | Field]
    source: str = ""
    order_by: Sequence[str] = ()
    label: Label | None = None

    @property
    def path(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Section:
    key: str
    model: type[Model]
    fields: tuple[Field | Nested, ...]
    participant_path: str
    order_by: tuple[str, ...]
    label: Label
    one: bool
    transform: Callable[[Any, dict[str, Any]], Any] | None
    includes: tuple[type[Model], ...]

    def models(self) -> set[type[Model]]:
        """Every model whose data this section exports."""
        found = {self.model, *self.includes}
        found.update(f.model for f in self.fields if isinstance(f, Nested))
        return found

    def queryset(self, participant: Participant) -> QuerySet[Any]:
        lookup = self.participant_path or "pk"
        manager = cast(Any, self.model)._default_manager
        queryset: QuerySet[Any] = manager.filter(**{lookup: participant.pk})
        related = sorted(
            {
                "__".join(f.path.split(".")[:-1])
                for f in self.fields
                if isinstance(f, Field) and f.get is None and "." in f.path
            }
        )
        if related:
            queryset = queryset.select_related(*related)
        for nested in self.fields:
            if isinstance(nested, Nested):
                rows = cast(Any, nested.model)._default_manager.all()
                if nested.order_by:
                    rows = rows.order_by(*nested.order_by)
                queryset = queryset.prefetch_related(Prefetch(nested.path, queryset=rows))
        return queryset.order_by(*self.order_by) if self.order_by else queryset

    def export(self, obj: Model) -> Any:
        row = _row(obj, self.fields)
        return self.transform(obj, row) if self.transform else row


_sections: dict[str, Section] = {}
_excluded: dict[type[Model], str] = {}


# --- registration -----------------------------------------------------------------------------


def register(
    section: str,
    *,
    model: type[Model],
    fields: Sequence[str | Field | Nested],
    participant_path: str = "participant",
    order_by: Sequence[str] = (),
    label: Label,
    one: bool = False,
    transform: Callable[[Any, dict[str, Any]], Any] | None = None,
    includes: Sequence[type[Model]] = (),
) -> Section:
    """Add a section to every participant's export (see the module docstring)."""
    if section in _sections:
        raise ImproperlyConfigured(f"export section {section!r} is registered twice")
    if section in RESERVED:
        raise ImproperlyConfigured(f"{section!r} is a key of the export's envelope")
    for exported in (model, *includes):
        if exported in _excluded:
            raise ImproperlyConfigured(f"{_name(exported)} is excluded from the export")
    spec = Section(
        key=section,
        model=model,
        fields=tuple(_checked(model, f) for f in fields),
        participant_path=participant_path,
        order_by=tuple(order_by),
        label=label,
        one=one,
        transform=transform,
        includes=tuple(includes),
    )
    _check_lookup(model, participant_path, section)
    _check_order(model, spec.order_by, section)
    _sections[section] = spec
    return spec


def exclude(model: type[Model], reason: str) -> None:
    """Record that `model` points at a participant but is not exported, and why."""
    if not reason.strip():
        raise ImproperlyConfigured(f"excluding {_name(model)} from the export needs a reason")
    if model in exported_models():
        raise ImproperlyConfigured(f"{_name(model)} is exported; it cannot also be excluded")
    _excluded[model] = reason.strip()


def sections() -> tuple[Section, ...]:
    """The registered sections, in registration order."""
    return tuple(_sections.values())


def exclusions() -> dict[type[Model], str]:
    """Excluded model → the reason."""
    return dict(_excluded)


def exported_models() -> set[type[Model]]:
    return {model for section in _sections.values() for model in section.models()}


def _name(model: type[Model]) -> str:
    return model._meta.label


def _checked(model: type[Model], spec: str | Field | Nested) -> Field | Nested:
    if not isinstance(spec, Nested):
        return _checked_field(model, spec)
    relation = _get_field(model, spec.path)
    if not relation.auto_created or relation.related_model is not spec.model:
        raise ImproperlyConfigured(
            f"{_name(model)}.{spec.path} is not the reverse relation of {_name(spec.model)}"
        )
    _check_order(spec.model, spec.order_by, spec.name)
    return dataclasses.replace(
        spec, fields=tuple(_checked_field(spec.model, f) for f in spec.fields)
    )


def _checked_field(model: type[Model], spec: str | Field) -> Field:
    if isinstance(spec, str):
        spec = Field(spec)
    if not isinstance(spec, Field):
        raise ImproperlyConfigured(f"{_name(model)}: nested rows cannot nest further")
    field_of(model, spec)
    return spec


def _get_field(model: type[Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        raise ImproperlyConfigured(f"{_name(model)} has no field {name!r}") from None


def field_of(model: type[Model], spec: Field) -> models.Field[Any, Any] | None:
    """The model field that `spec` reads (None for a computed `get`). Every step of the path
    but the last must be a foreign key; the last must be a plain value, not a relation."""
    if spec.get is not None:
        return None
    current = model
    parts = spec.path.split(".")
    found: Any = None
    for number, part in enumerate(parts, 1):
        found = _get_field(current, part)
        if not found.concrete:
            raise ImproperlyConfigured(f"{_name(current)}.{part} is not a stored field")
        if number < len(parts):
            if not (found.many_to_one or found.one_to_one):
                raise ImproperlyConfigured(f"{_name(current)}.{part} is not a foreign key")
            current = found.related_model
        elif found.is_relation:
            raise ImproperlyConfigured(
                f"{_name(current)}.{part} is a relation: export what it says with `get` "
                "(a person by name only), never the object"
            )
    return cast("models.Field[Any, Any]", found)


def _check_lookup(model: type[Model], path: str, section: str) -> None:
    if not path:
        if model is not Participant:
            raise ImproperlyConfigured(f"{section}: an empty participant_path needs Participant")
        return
    current = model
    for part in path.split("__"):
        field = _get_field(current, part)
        if not field.is_relation or field.related_model is None:
            raise ImproperlyConfigured(f"{section}: {part!r} in {path!r} is not a relation")
        current = field.related_model
    if current is not Participant:
        raise ImproperlyConfigured(f"{section}: {path!r} does not lead to a participant")


def _check_order(model: type[Model], order_by: Sequence[str], section: str) -> None:
    for name in order_by:
        first = name.lstrip("-").split("__")[0]
        if first != "pk":
            _get_field(model, first)


# --- collecting -------------------------------------------------------------------------------


def collect(participant: Participant) -> dict[str, Any]:
    """Every registered section for `participant`, JSON-ready, in registration order. The
    participant must already be accessed (see `people.access`)."""
    data: dict[str, Any] = {}
    for section in _sections.values():
        rows = [section.export(obj) for obj in section.queryset(participant)]
        data[section.key] = (rows[0] if rows else None) if section.one else rows
    return data


def _row(obj: Model, fields: Sequence[Field | Nested]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for spec in fields:
        if isinstance(spec, Nested):
            children = getattr(obj, spec.path).all()
            row[spec.name] = [_row(child, _fields(spec)) for child in children]
        elif spec.get is not None:
            row[spec.name] = _json(spec.get(obj))
        else:
            value: Any = obj
            for part in spec.path.split("."):
                value = getattr(value, part) if value is not None else None
            row[spec.name] = _json(value)
    return row


def _fields(nested: Nested) -> Sequence[Field]:
    return cast(Sequence[Field], nested.fields)  # made `Field`s by `register`


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    return value


def person_name(user: Any) -> str | None:
    """Another person as the export shows them: by name only (None when nobody)."""
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


# --- the readable page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One label: value line of the page. `text` (with `long` for multi-line text), or
    `pairs` (a mapping shown as label: value lines), or `items` (nested rows, each a list of
    label/value pairs)."""

    label: str
    text: str = ""
    long: bool = False
    pairs: tuple[tuple[str, str], ...] = ()
    items: tuple[tuple[tuple[str, str], ...], ...] = ()


@dataclass(frozen=True)
class Shown:
    """A section of the page: a heading and its records (each a list of rows), or plain lines
    (a section whose rows are single values, like the coaches' names)."""

    key: str
    heading: str
    records: tuple[tuple[Row, ...], ...]
    lines: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.records and not self.lines


def present(data: Mapping[str, Any], lang: str) -> list[Shown]:
    """`collect` output as headings and rows of label: value in `lang`, in registration order.
    Keys that no registered section knows are left out."""
    shown = []
    with translation.override(lang):
        for section in _sections.values():
            if section.key not in data:
                continue
            value = data[section.key]
            items = ([value] if value else []) if section.one else list(value or [])
            records = tuple(
                _record(section.model, section.fields, item, lang)
                for item in items
                if isinstance(item, Mapping)
            )
            lines = tuple(str(item) for item in items if not isinstance(item, Mapping))
            shown.append(Shown(section.key, capfirst(str(section.label)), records, lines))
    return shown


def show_datetime(value: Any) -> str:
    """An ISO 8601 time (or a datetime) in Helsinki time, e.g. "1.3.2025 klo 12.00"."""
    moment = _parse(value, datetime)
    if not isinstance(moment, datetime):
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(HELSINKI)
    time_format = "H:i" if translation.get_language() == "en" else "H.i"
    return gettext("%(date)s at %(time)s") % {
        "date": dateformat.format(moment, "j.n.Y"),
        "time": dateformat.format(moment, time_format),
    }


def show_date(value: Any) -> str:
    """An ISO 8601 date as in Finland, e.g. "1.3.2025"."""
    day = _parse(value, date)
    return dateformat.format(day, "j.n.Y") if isinstance(day, date) else str(value)


def yes_no(value: Any, lang: str = "") -> str:
    """Yes / No, and "Not answered" for None."""
    if value is None:
        return gettext("Not answered")
    return gettext("Yes") if value else gettext("No")


def _parse(value: Any, kind: type[date]) -> Any:
    if isinstance(value, date):
        return value
    try:
        return kind.fromisoformat(str(value))
    except ValueError:
        return None


def _record(
    model: type[Model], fields: Sequence[Field | Nested], item: Mapping[str, Any], lang: str
) -> tuple[Row, ...]:
    rows = []
    for spec in fields:
        if spec.name not in item:
            continue
        if isinstance(spec, Nested):
            label = spec.label or spec.model._meta.verbose_name_plural
            children = item[spec.name] or []
            rows.append(
                Row(
                    capfirst(str(label)),
                    text="" if children else EMPTY,
                    items=tuple(
                        tuple(
                            (row.label, row.text)
                            for row in _record(spec.model, _fields(spec), child, lang)
                            if row.text and row.text != EMPTY
                        )
                        for child in children
                    ),
                )
            )
        elif spec.on_page:
            rows.append(_shown_row(model, spec, item[spec.name], lang))
    return tuple(rows)


def _shown_row(model: type[Model], spec: Field, value: Any, lang: str) -> Row:
    field = field_of(model, spec)
    label = capfirst(str(spec.label or (field.verbose_name if field else spec.name)))
    shown = spec.display(value, lang) if spec.display else _default(field, value)
    if isinstance(shown, Mapping):
        return Row(label, pairs=tuple((str(k), _text(v)) for k, v in shown.items()))
    if isinstance(shown, list | tuple):
        return Row(label, text=", ".join(_text(v) for v in shown) if shown else EMPTY)
    text = _text(shown)
    long = text != EMPTY and ("\n" in text or isinstance(field, models.TextField))
    return Row(label, text=text, long=long)


def _default(field: models.Field[Any, Any] | None, value: Any) -> Any:
    if value is None or value == "":
        return EMPTY
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.DateTimeField):
        return show_datetime(value)
    if isinstance(field, models.DateField):
        return show_date(value)
    if isinstance(value, Mapping):
        return {str(k): _default(None, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_default(None, v) for v in value]
    return value


def _text(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, float | int | Decimal):
        return str(formats.number_format(value))
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


# --- what people registers ----------------------------------------------------------------------


def _coach_name(user: Any, row: dict[str, Any]) -> Any:
    return row["name"]


def register_people() -> None:
    """The people app's own sections (called from `PeopleConfig.ready()`)."""
    user_model = get_user_model()
    register(
        "participant",
        model=Participant,
        participant_path="",
        fields=(
            "first_name",
            "last_name",
            "email",
            "phone",
            "preferred_language",
            "status",
            Field("organisation", source="organisation.name", label=_("Service organisation")),
            "created",
        ),
        label=_("Basic information"),
        one=True,
    )
    register(
        "account",
        model=user_model,
        participant_path="participant_record",
        fields=("username", "email", "preferred_language", "date_joined", "last_login"),
        label=_("My user account"),
        one=True,
    )
    register(
        "coaches",
        model=user_model,
        participant_path="coached_participants",
        fields=(Field("name", get=person_name, label=_("name")),),
        order_by=("last_name", "first_name", "id"),
        label=_("My coaches"),
        transform=_coach_name,
        includes=(Participant.coaches.through,),
    )
    register(
        "consents",
        model=ConsentEvent,
        fields=("purpose", "kind", "at", "channel", "form_version", "note"),
        order_by=("at", "id"),
        label=_("Consents"),
    )
    register(
        "invitations",
        model=Invitation,
        fields=("channel", "created", "expires", "used_at", "revoked_at"),
        order_by=("created", "id"),
        label=_("Invitations to the service"),
    )
    for section, path in (
        ("reminders", "participant"),  # chosen for a participant without an account
        ("account_reminders", "user__participant_record"),  # chosen on /my/reminders/
    ):
        register(
            section,
            model=ReminderOptOut,
            participant_path=path,
            fields=("no_email", "no_sms", "updated"),
            label=_("My reminder choices"),
            one=True,
        )
