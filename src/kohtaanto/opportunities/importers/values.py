"""Turning imported text into field values. Each function raises `ValueProblem` with a
user-facing reason; the parsers turn it into a `RowError` with the line."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from kohtaanto.opportunities.enums import (
    LANGUAGE_LEVELS,
    CourseFormat,
    OpportunityKind,
    OpportunityStatus,
    PhysicalDemand,
    Remote,
)
from kohtaanto.reference.places import municipality, municipality_by_name

MAX_TEXT = 20_000


class ValueProblem(ValueError):
    pass


KIND_ALIASES = {
    "job": OpportunityKind.JOB,
    "työpaikka": OpportunityKind.JOB,
    "työ": OpportunityKind.JOB,
    "jobb": OpportunityKind.JOB,
    "work_trial": OpportunityKind.WORK_TRIAL,
    "work trial": OpportunityKind.WORK_TRIAL,
    "työkokeilu": OpportunityKind.WORK_TRIAL,
    "arbetsprövning": OpportunityKind.WORK_TRIAL,
    "education_trial": OpportunityKind.EDUCATION_TRIAL,
    "education trial": OpportunityKind.EDUCATION_TRIAL,
    "koulutuskokeilu": OpportunityKind.EDUCATION_TRIAL,
    "utbildningsprövning": OpportunityKind.EDUCATION_TRIAL,
    "sme_need": OpportunityKind.SME_NEED,
    "sme need": OpportunityKind.SME_NEED,
    "kehittämistarve": OpportunityKind.SME_NEED,
    "utvecklingsbehov": OpportunityKind.SME_NEED,
    "volunteering": OpportunityKind.VOLUNTEERING,
    "vapaaehtoistyö": OpportunityKind.VOLUNTEERING,
    "frivilligarbete": OpportunityKind.VOLUNTEERING,
}
STATUS_ALIASES = {
    "draft": OpportunityStatus.DRAFT,
    "luonnos": OpportunityStatus.DRAFT,
    "open": OpportunityStatus.OPEN,
    "avoin": OpportunityStatus.OPEN,
    "closed": OpportunityStatus.CLOSED,
    "suljettu": OpportunityStatus.CLOSED,
}
REMOTE_ALIASES = {
    "none": Remote.NONE,
    "no": Remote.NONE,
    "ei": Remote.NONE,
    "onsite": Remote.NONE,
    "on site": Remote.NONE,
    "lähityö": Remote.NONE,
    "hybrid": Remote.HYBRID,
    "hybridi": Remote.HYBRID,
    "remote": Remote.REMOTE,
    "full": Remote.REMOTE,
    "etätyö": Remote.REMOTE,
    "etä": Remote.REMOTE,
    "telecommute": Remote.REMOTE,
}
FORMAT_ALIASES = {
    "online": CourseFormat.ONLINE,
    "verkko": CourseFormat.ONLINE,
    "verkkokurssi": CourseFormat.ONLINE,
    "classroom": CourseFormat.CLASSROOM,
    "lähi": CourseFormat.CLASSROOM,
    "lähiopetus": CourseFormat.CLASSROOM,
    "self_study": CourseFormat.SELF_STUDY,
    "self-study": CourseFormat.SELF_STUDY,
    "itseopiskelu": CourseFormat.SELF_STUDY,
}
TRUE_WORDS = {"1", "true", "yes", "y", "kyllä", "k", "x", "ja"}
FALSE_WORDS = {"", "0", "false", "no", "n", "ei", "nej"}
_LIST_SPLIT = re.compile(r"[;|\n]+")
_TAG_RE = re.compile(r"<[^>]{0,500}>")
_URI_RE = re.compile(r"^https?://\S+$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_HOURS_RE = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)")


_cuts: ContextVar[list[tuple[str, int, int]] | None] = ContextVar("import_cuts", default=None)


@contextmanager
def noting_cuts() -> Iterator[list[tuple[str, int, int]]]:
    """Collect every value `text` cuts to its limit while converting a row: (field, length,
    limit). The parsers turn them into warnings with the row's line: nothing is cut without
    a word."""
    notes: list[tuple[str, int, int]] = []
    token = _cuts.set(notes)
    try:
        yield notes
    finally:
        _cuts.reset(token)


def cut_message(what: str, length: int, limit: int) -> str:
    if what:
        return _("%(field)s was cut to %(limit)s characters (it had %(length)s).") % {
            "field": what,
            "limit": f"{limit:,}".replace(",", " "),
            "length": f"{length:,}".replace(",", " "),
        }
    return _("A value was cut to %(limit)s characters (it had %(length)s).") % {
        "limit": f"{limit:,}".replace(",", " "),
        "length": f"{length:,}".replace(",", " "),
    }


def _cut(result: str, limit: int, what: str) -> str:
    if len(result) <= limit:
        return result
    notes = _cuts.get()
    if notes is not None and what:  # a stored value (a lookup key cut short fails anyway)
        notes.append((what, len(result), limit))
    return result[:limit]


def text(value: object, limit: int = MAX_TEXT, what: str = "") -> str:
    """The value as trimmed text of at most `limit` characters; a longer one is cut and the
    cut noted (`noting_cuts`) under `what` (the column or property)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(text(v, limit, what) for v in value)
    elif isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    result = str(value).replace("\x00", "").strip()
    return _cut(result, limit, what)


def plain_text(value: object, what: str = "description") -> str:
    """HTML (JobPosting descriptions often have it) → plain text with paragraph breaks, cut
    (and the cut noted) at MAX_TEXT characters of the plain text."""
    raw = text(value, 10**9)  # whole (the file's size is limited): the cut comes below
    raw = re.sub(r"(?i)<\s*(br|/p|/li|/div|/h\d)\s*/?>", "\n", raw)
    raw = _TAG_RE.sub("", raw)
    raw = html.unescape(raw)
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    return _cut("\n".join(line for line in lines if line).strip(), MAX_TEXT, what)


def _alias(value: object, aliases: Mapping[str, str], what: str) -> str:
    key = text(value, 100).casefold().replace("-", "_") if value is not None else ""
    key_spaced = key.replace("_", " ")
    for candidate in (key, key_spaced, text(value, 100).casefold()):
        if candidate in aliases:
            return str(aliases[candidate])
    raise ValueProblem(_("Unknown %(what)s: %(value)s") % {"what": what, "value": text(value, 40)})


def kind(value: object) -> str:
    if not text(value):
        return str(OpportunityKind.JOB)
    return _alias(value, KIND_ALIASES, _("type"))


def status(value: object, default: str = OpportunityStatus.OPEN) -> str:
    if not text(value):
        return str(default)
    return _alias(value, STATUS_ALIASES, _("status"))


def remote(value: object) -> str:
    if not text(value):
        return str(Remote.NONE)
    return _alias(value, REMOTE_ALIASES, _("remote work"))


def course_format(value: object) -> str:
    if not text(value):
        return str(CourseFormat.ONLINE)
    return _alias(value, FORMAT_ALIASES, _("format"))


def split_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [t for v in value for t in split_list(v)]
    return [part.strip() for part in _LIST_SPLIT.split(text(value)) if part.strip()]


def uris(value: object) -> tuple[str, ...]:
    """A list of concept URIs (split on `;`, `|` or new lines)."""
    found: list[str] = []
    for item in split_list(value):
        if not _URI_RE.match(item) or len(item) > 255:
            raise ValueProblem(_("Not a concept URI: %(value)s") % {"value": item[:60]})
        found.append(item)
    return tuple(dict.fromkeys(found))


def languages(value: object) -> dict[str, str]:
    """`fi:B1; en:A2` (or `fi B1`, or `fi` alone = B1) → {"fi": "B1", "en": "A2"}."""
    result: dict[str, str] = {}
    for item in split_list(value):
        for part in item.split(","):
            bits = part.replace(":", " ").replace("=", " ").split()
            if not bits:
                continue
            code = bits[0].casefold()
            level = bits[1] if len(bits) > 1 else "B1"
            level = (
                "native"
                if level.casefold() in {"native", "äidinkieli", "modersmål"}
                else level.upper()
            )
            if not _LANG_RE.match(code) or level not in LANGUAGE_LEVELS or len(bits) > 2:
                raise ValueProblem(
                    _("Write languages like fi:B1; en:A2 (not %(value)s).") % {"value": part[:40]}
                )
            result[code] = level
    return result


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def date(value: object) -> dt.date | None:
    raw = text(value, 40)
    if not raw:
        return None
    # The two common forms without strptime (a tenth of its time on a 10,000-row file).
    match = _ISO_DATE.match(raw) or _FI_DATE.match(raw)
    if match is not None:
        parts = [int(p) for p in match.groups()]
        year, month, day = parts if match.re is _ISO_DATE else parts[::-1]
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass  # e.g. 31.2.2025: the message below
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(raw[:10] if fmt == "%Y-%m-%d" else raw, fmt).date()
        except ValueError:
            continue
    raise ValueProblem(_("Not a date (use 2025-03-31 or 31.3.2025): %(value)s") % {"value": raw})


def decimal(
    value: object, what: str, *, maximum: int = 1_000_000, places: str = "0.01"
) -> Decimal | None:
    raw = text(value, 40).replace(",", ".").replace("€", "").replace(" ", "")
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValueProblem(
            _("%(what)s is not a number: %(value)s") % {"what": what, "value": raw}
        ) from None
    if not number.is_finite() or number < 0 or number > maximum:
        raise ValueProblem(_("%(what)s is out of range: %(value)s") % {"what": what, "value": raw})
    return number.quantize(Decimal(places))


def hours(value: object) -> Decimal | None:
    """A number of hours per week; `37,5 h/vko` and `37.5` both work."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return decimal(str(value), _("hours"), maximum=168)
    raw = text(value, 100)
    if not raw:
        return None
    match = _HOURS_RE.search(raw)
    if match is None:
        raise ValueProblem(_("Hours per week is not a number: %(value)s") % {"value": raw[:40]})
    result = decimal(match.group(1), _("hours"), maximum=168)
    return None if result is None else result.quantize(Decimal("0.1"))


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value, 20).casefold()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ValueProblem(_("Write yes or no (not %(value)s).") % {"value": raw})


PHYSICAL_ALIASES = {
    "nostaminen": PhysicalDemand.HEAVY_LIFTING,
    "raskas nostaminen": PhysicalDemand.HEAVY_LIFTING,
    "heavy lifting": PhysicalDemand.HEAVY_LIFTING,
    "seisominen": PhysicalDemand.STANDING,
    "standing": PhysicalDemand.STANDING,
    "pitkä seisominen": PhysicalDemand.STANDING_LONG,
    "yötyö": PhysicalDemand.NIGHT_SHIFTS,
    "night shifts": PhysicalDemand.NIGHT_SHIFTS,
    "ajaminen": PhysicalDemand.DRIVING,
    "driving": PhysicalDemand.DRIVING,
    "ulkotyö": PhysicalDemand.OUTDOOR_WORK,
    "outdoor work": PhysicalDemand.OUTDOOR_WORK,
}


def physical_demands(value: object) -> list[str]:
    result: list[str] = []
    for item in split_list(value):
        key = item.casefold()
        if key in PhysicalDemand.values:
            result.append(key)
        elif key.replace("_", " ") in PHYSICAL_ALIASES:
            result.append(str(PHYSICAL_ALIASES[key.replace("_", " ")]))
        else:
            raise ValueProblem(_("Unknown physical demand: %(value)s") % {"value": item[:40]})
    return sorted(set(result))


def municipality_code(value: object) -> str:
    """A code (`091`, `91`) or a Finnish/Swedish name (`Helsinki`, `Helsingfors`) → code."""
    raw = text(value, 100)
    if not raw:
        return ""
    if raw.isdigit() and len(raw) <= 3:
        code = raw.zfill(3)
        if municipality(code) is not None:
            return code
    found = municipality_by_name(raw.split(",")[0])
    if found is None:
        raise ValueProblem(_("Unknown municipality: %(value)s") % {"value": raw[:40]})
    return found.code


def language_code(value: object) -> str:
    raw = text(value, 10).casefold() or "fi"
    if not _LANG_RE.match(raw):
        raise ValueProblem(_("Not a language code such as fi: %(value)s") % {"value": raw})
    return raw
