"""The participant's data export: the projects (such as an ESF+ project) the person was
enrolled in, with the funder and the dates. Figures of reports are aggregates, not the
person's data, and are not exported."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kohtaanto.insights.models import ProjectEnrolment
from kohtaanto.people import exports
from kohtaanto.people.exports import Field

exports.register(
    "project_enrolments",
    model=ProjectEnrolment,
    fields=(
        Field("project", source="project.name", label=_("project name")),
        Field("project_code", source="project.code", label=_("project code")),
        Field("funder", source="project.funder", label=_("funder")),
        "entered",
        "left",
    ),
    order_by=("entered", "id"),
    label=_("Projects"),
)
