"""schema.org `JobPosting` JSON-LD: one object, an array, a `@graph`, or a JSON-lines feed.

Mapping (schema.org → opportunity):
- `identifier` (text or `PropertyValue.value`), else `@id`, else `url` → external id
- `title`, `description` (HTML becomes plain text), `inLanguage` → description language
- `employmentType` `VOLUNTEER` → volunteering, `INTERN` → work trial, others → job
- `hiringOrganization.name` and `.identifier`/`.taxID`/`.vatID` (a Y-tunnus) → employer
- `jobLocation[].address.addressLocality` (or `.postalCode`-less name) → municipality;
  `jobLocationType` `TELECOMMUTE` → remote
- `workHours` ("37,5 h/vko") → hours per week; `jobStartDate` → start; `validThrough` in the
  past → closed
- `physicalRequirement` → physical demands (ids or Finnish/English words)
- `occupationalCategory` (an ESCO URI, or `CategoryCode.codeValue`/`@id`) → occupation
- `skills` (URIs or `DefinedTerm` with `@id`/`url`/`termCode`) → required skills;
  `niceToHaveSkills` (a Kohtaanto extension, same shape) → nice-to-have skills
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus, Remote
from kohtaanto.opportunities.importers import values
from kohtaanto.opportunities.importers.types import (
    EmployerRef,
    ImportFileError,
    ParsedOpportunity,
    ParseResult,
    RowError,
)

_GRAPH_RE = re.compile(r'"@graph"\s*:\s*\[')
_BUSINESS_ID_RE = re.compile(r"\b\d{7}-\d\b")
_decoder = json.JSONDecoder()


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            _("The file is not valid JSON: %(reason)s") % {"reason": exc.msg}, line=exc.lineno
        ) from None
    except (ValueError, RecursionError):
        raise ImportFileError(_("The file is not valid JSON."), line=1) from None


def _array_item_lines(text: str, start: int) -> list[int]:
    """Lines where the items of the JSON array starting at `text[start] == "["` begin."""
    lines: list[int] = []
    pos = start + 1
    length = len(text)
    try:
        while pos < length:
            while pos < length and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= length or text[pos] == "]":
                break
            lines.append(_line_of(text, pos))
            _, pos = _decoder.raw_decode(text, pos)
    except (ValueError, RecursionError):
        return lines
    return lines


def _items(text: str) -> Iterator[tuple[int, Any, bool]]:
    """(line, item, in_graph) for each item of the document or feed."""
    stripped = text.strip()
    if not stripped:
        raise ImportFileError(_("The file is empty."), line=1)
    # JSON lines: several top-level values, one per line.
    first_line = stripped.split("\n", 1)[0].strip()
    if "\n" in stripped and first_line.startswith("{") and _is_complete(first_line):
        for line, item in _json_lines(text):
            yield line, item, False
        return
    document = _loads(text)
    offset = len(text) - len(text.lstrip())
    if isinstance(document, list):
        lines = _array_item_lines(text, offset)
        for i, item in enumerate(document):
            yield (lines[i] if i < len(lines) else 1), item, False
    elif isinstance(document, dict) and isinstance(document.get("@graph"), list):
        match = _GRAPH_RE.search(text)
        lines = _array_item_lines(text, match.end() - 1) if match else []
        for i, item in enumerate(document["@graph"]):
            yield (lines[i] if i < len(lines) else 1), item, True
    elif isinstance(document, dict):
        yield _line_of(text, offset), document, False
    else:
        raise ImportFileError(_("The file holds no JobPosting objects."), line=1)


def _is_complete(line: str) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _json_lines(text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError):
            yield number, _BadLine()


class _BadLine:
    pass


def _types(item: dict[str, Any]) -> set[str]:
    raw = item.get("@type")
    found = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for t in found if t}


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _external_id(item: dict[str, Any]) -> str:
    ident = _first(item.get("identifier"))
    if isinstance(ident, dict):
        ident = ident.get("value") or ident.get("@id") or ident.get("name")
    for candidate in (ident, item.get("@id"), item.get("url")):
        found = values.text(_first(candidate), 200, "identifier")
        if found:
            return found
    return ""


def _kind(item: dict[str, Any]) -> str:
    raw = item.get("employmentType")
    types = {values.text(t, 40).upper() for t in (raw if isinstance(raw, list) else [raw]) if t}
    if "VOLUNTEER" in types:
        return OpportunityKind.VOLUNTEERING
    if "INTERN" in types:
        return OpportunityKind.WORK_TRIAL
    return OpportunityKind.JOB


def _employer(item: dict[str, Any]) -> EmployerRef | None:
    org = _first(item.get("hiringOrganization"))
    if isinstance(org, str):
        return EmployerRef(values.text(org, 200, "hiringOrganization")) if org.strip() else None
    if not isinstance(org, dict):
        return None
    name = values.text(org.get("name"), 200, "hiringOrganization.name")
    business_id = ""
    for key in ("identifier", "taxID", "vatID", "leiCode"):
        raw = _first(org.get(key))
        if isinstance(raw, dict):
            raw = raw.get("value")
        match = _BUSINESS_ID_RE.search(values.text(raw, 100))
        if match:
            business_id = match.group(0)
            break
    return EmployerRef(name, business_id) if name or business_id else None


def _municipality(item: dict[str, Any]) -> str:
    locations = item.get("jobLocation")
    for location in locations if isinstance(locations, list) else [locations]:
        if not isinstance(location, dict):
            continue
        address = _first(location.get("address"))
        if isinstance(address, str):
            return values.municipality_code(address)
        if isinstance(address, dict):
            locality = address.get("addressLocality") or address.get("addressRegion")
            if locality:
                return values.municipality_code(locality)
    return ""


def _concept_uris(raw: Any) -> tuple[str, ...]:
    found: list[str] = []
    for entry in raw if isinstance(raw, list) else [raw]:
        if isinstance(entry, dict):
            entry = (
                entry.get("@id")
                or entry.get("url")
                or entry.get("termCode")
                or entry.get("codeValue")
            )
        if entry is None or entry == "":
            continue
        found.extend(values.uris(entry))
    return tuple(dict.fromkeys(found))


def _status(item: dict[str, Any]) -> str:
    through = values.text(_first(item.get("validThrough")), 40)
    if through:
        try:
            deadline = dt.date.fromisoformat(through[:10])
        except ValueError:
            raise values.ValueProblem(
                _("Not a date (use 2025-03-31 or 31.3.2025): %(value)s") % {"value": through}
            ) from None
        if deadline < timezone.localdate():
            return OpportunityStatus.CLOSED
    return OpportunityStatus.OPEN


def posting_to_opportunity(line: int, item: dict[str, Any]) -> ParsedOpportunity:
    external_id = _external_id(item)
    title = values.text(item.get("title") or item.get("name"), 200, "title")
    if not external_id:
        raise values.ValueProblem(_("The posting has no identifier, @id or url."))
    if not title:
        raise values.ValueProblem(_("The posting has no title."))
    location_type = values.text(_first(item.get("jobLocationType")), 40).upper()
    occupation = _concept_uris(item.get("occupationalCategory"))
    required = _concept_uris(item.get("skills"))
    nice = tuple(u for u in _concept_uris(item.get("niceToHaveSkills")) if u not in required)
    fields = {
        "title": title,
        "description": values.plain_text(item.get("description")),
        "kind": _kind(item),
        "status": _status(item),
        "municipality_code": _municipality(item),
        "remote": Remote.REMOTE if location_type == "TELECOMMUTE" else Remote.NONE,
        "hours_per_week": values.hours(_first(item.get("workHours"))),
        "start_date": values.date(_first(item.get("jobStartDate"))),
        "physical_demands": values.physical_demands(item.get("physicalRequirement")),
        "occupation_uri": occupation[0] if occupation else "",
        "description_language": values.language_code(
            values.text(_first(item.get("inLanguage")), 10)[:2]
        ),
    }
    return ParsedOpportunity(line, external_id, fields, _employer(item), required, nice)


def parse_jsonld(data: bytes | str) -> ParseResult[ParsedOpportunity]:
    from kohtaanto.opportunities.importers.tabular import decode

    text = decode(data)
    result: ParseResult[ParsedOpportunity] = ParseResult()
    for line, item, in_graph in _items(text):
        if isinstance(item, _BadLine):
            result.errors.append(RowError(line, _("The line is not valid JSON.")))
            continue
        if not isinstance(item, dict) or "JobPosting" not in _types(item):
            if in_graph and isinstance(item, dict) and _types(item):
                continue  # other nodes of a @graph (the organisation, the web page …)
            result.errors.append(RowError(line, _("The item is not a JobPosting.")))
            continue
        try:
            with values.noting_cuts() as cuts:
                posting = posting_to_opportunity(line, item)
        except values.ValueProblem as exc:
            result.errors.append(RowError(line, str(exc), _external_id(item)))
        else:
            result.rows.append(posting)
            result.warnings.extend(
                RowError(line, values.cut_message(*cut), posting.external_id) for cut in cuts
            )
    return result
