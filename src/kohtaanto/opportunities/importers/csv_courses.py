"""CSV of courses and learning materials. One row per course.

Fields (column names unless mapped): external_id*, title*, provider, url, description, language,
hours, cost_eur, format (online / classroom / self_study, or fi words), open_material (yes/no),
skills (ESCO URIs separated by `;`), digcomp (DigComp competence URIs or codes such as `1.1`).
* = required.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from kohtaanto.opportunities.importers import values
from kohtaanto.opportunities.importers.tabular import parse_rows
from kohtaanto.opportunities.importers.types import ParsedCourse, ParseResult

FIELDS = (
    "external_id",
    "title",
    "provider",
    "url",
    "description",
    "language",
    "hours",
    "cost_eur",
    "format",
    "open_material",
    "skills",
    "digcomp",
)
REQUIRED = ("external_id", "title")
_DIGCOMP_CODE = re.compile(r"^\d(\.\d{1,2})?$")
_URL_RE = re.compile(r"^https?://[^\s]+$")


def _digcomp_codes() -> dict[str, str]:
    from kohtaanto.vocabularies.provider import derived

    return derived(
        "digcomp codes",
        lambda taxonomy: {c.code: c.uri for c in taxonomy if "digcomp" in c.collections and c.code},
    )


def digcomp_uris(value: object) -> tuple[str, ...]:
    found: list[str] = []
    for item in values.split_list(value):
        if _DIGCOMP_CODE.match(item):
            uri = _digcomp_codes().get(item)
            if uri is None:
                raise values.ValueProblem(
                    _("Unknown DigComp competence: %(value)s") % {"value": item}
                )
            found.append(uri)
        else:
            found.extend(values.uris(item))
    return tuple(dict.fromkeys(found))


def row_to_course(line: int, row: Mapping[str, str]) -> ParsedCourse:
    external_id = values.text(row.get("external_id"), 200, "external_id")
    title = values.text(row.get("title"), 200, "title")
    if not external_id:
        raise values.ValueProblem(_("The row has no external id."))
    if not title:
        raise values.ValueProblem(_("The row has no title."))
    url = values.text(row.get("url"), 500, "url")
    if url and not _URL_RE.match(url):
        raise values.ValueProblem(_("Not a web address: %(value)s") % {"value": url[:60]})
    fields = {
        "title": title,
        "provider": values.text(row.get("provider"), 200, "provider"),
        "url": url,
        "description": values.plain_text(row.get("description")),
        "language": values.language_code(row.get("language")),
        "hours": values.decimal(row.get("hours"), _("hours"), maximum=10_000, places="0.1"),
        "cost_eur": values.decimal(row.get("cost_eur"), _("cost"), maximum=100_000),
        "format": values.course_format(row.get("format")),
        "open_material": values.boolean(row.get("open_material")),
    }
    skills = values.uris(row.get("skills")) + digcomp_uris(row.get("digcomp"))
    return ParsedCourse(line, external_id, fields, tuple(dict.fromkeys(skills)))


def parse_courses_csv(
    data: bytes | str, mapping: Mapping[str, str] | None = None
) -> ParseResult[ParsedCourse]:
    return parse_rows(data, row_to_course, fields=FIELDS, required=REQUIRED, mapping=mapping)
