"""The participant's data export: the company visits they went on (the company, the date, the
group). The other visitors are not exported (they are other people), nor the company's
representative or the interviews: what a company said about its skill needs is the company's
statement, not the participant's data (interviews and demand signals do not point at a
participant, so the registry does not ask about them). Imported from `OutreachConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.outreach.models import CompanyVisit
from kohtaanto.people import exports
from kohtaanto.people.exports import Field


def _group_name(visit: Any) -> str | None:
    return str(visit.group.name) if visit.group is not None else None


exports.register(
    "company_visits",
    model=CompanyVisit,
    participant_path="visitors",
    fields=(
        Field("company", source="employer.name", label=_("company")),
        "visited_on",
        Field("group", get=_group_name, label=_("group")),
    ),
    order_by=("visited_on", "id"),
    label=_("Company visits"),
    includes=(CompanyVisit.visitors.through,),
)
