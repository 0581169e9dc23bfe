"""CSV of opportunities with a column mapping. One row per opportunity.

Fields (column names unless mapped): external_id*, title*, description, kind, status, employer,
employer_business_id, municipality (code or name), remote, languages (`fi:B1; en:A2`),
hours_per_week, start_date, end_date, physical_demands (`heavy_lifting; standing`),
accessibility, required_skills and nice_to_have_skills (URIs separated by `;`), occupation
(URI), description_language. * = required.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from kohtaanto.opportunities.importers import values
from kohtaanto.opportunities.importers.tabular import parse_rows
from kohtaanto.opportunities.importers.types import (
    EmployerRef,
    ParsedOpportunity,
    ParseResult,
)

FIELDS = (
    "external_id",
    "title",
    "description",
    "kind",
    "status",
    "employer",
    "employer_business_id",
    "municipality",
    "remote",
    "languages",
    "hours_per_week",
    "start_date",
    "end_date",
    "physical_demands",
    "accessibility",
    "required_skills",
    "nice_to_have_skills",
    "occupation",
    "description_language",
)
REQUIRED = ("external_id", "title")


def row_to_opportunity(line: int, row: Mapping[str, str]) -> ParsedOpportunity:
    """Raises `values.ValueProblem` for a bad cell."""
    external_id = values.text(row.get("external_id"), 200, "external_id")
    title = values.text(row.get("title"), 200, "title")
    if not external_id:
        raise values.ValueProblem(_("The row has no external id."))
    if not title:
        raise values.ValueProblem(_("The row has no title."))
    occupation = values.uris(row.get("occupation"))
    fields = {
        "title": title,
        "description": values.plain_text(row.get("description")),
        "kind": values.kind(row.get("kind")),
        "status": values.status(row.get("status")),
        "municipality_code": values.municipality_code(row.get("municipality")),
        "remote": values.remote(row.get("remote")),
        "languages": values.languages(row.get("languages")),
        "hours_per_week": values.hours(row.get("hours_per_week")),
        "start_date": values.date(row.get("start_date")),
        "end_date": values.date(row.get("end_date")),
        "physical_demands": values.physical_demands(row.get("physical_demands")),
        "accessibility": values.text(row.get("accessibility"), what="accessibility"),
        "occupation_uri": occupation[0] if occupation else "",
        "description_language": values.language_code(row.get("description_language")),
    }
    employer_name = values.text(row.get("employer"), 200, "employer")
    business_id = values.text(row.get("employer_business_id"), 20, "employer_business_id")
    employer = EmployerRef(employer_name, business_id) if employer_name or business_id else None
    required = values.uris(row.get("required_skills"))
    nice = tuple(u for u in values.uris(row.get("nice_to_have_skills")) if u not in required)
    return ParsedOpportunity(line, external_id, fields, employer, required, nice)


def parse_csv(
    data: bytes | str, mapping: Mapping[str, str] | None = None
) -> ParseResult[ParsedOpportunity]:
    return parse_rows(data, row_to_opportunity, fields=FIELDS, required=REQUIRED, mapping=mapping)
