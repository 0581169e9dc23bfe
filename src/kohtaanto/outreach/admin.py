"""Read-only admin of outreach for operators and coordinators, scoped like `core/admin.py` (a
coordinator sees the rows of the organisations they coordinate). Every change goes through the
pages and `services.py`; visitors' names are not listed here."""

from __future__ import annotations

from django.contrib import admin

from kohtaanto.core.admin import OrganisationScopedAdmin
from kohtaanto.outreach.models import CompanyVisit, DemandSignal, Intervention


@admin.register(CompanyVisit)
class CompanyVisitAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = ("id", "employer", "visited_on", "group", "organisation")
    list_filter = ("visited_on",)
    fields = ("organisation", "group", "employer", "visited_on", "host_role", "created")
    readonly_fields = fields


@admin.register(DemandSignal)
class DemandSignalAdmin(OrganisationScopedAdmin):
    organisation_field = "interview__visit__organisation"
    read_only = True
    list_display = ("label", "kind", "status", "employer", "time_horizon", "certainty")
    list_filter = ("status", "kind", "time_horizon", "certainty", "municipality_code")
    search_fields = ("label", "uri")
    fields = (
        "employer",
        "uri",
        "kind",
        "label",
        "evidence",
        "score",
        "status",
        "decided_at",
        "time_horizon",
        "certainty",
        "municipality_code",
    )
    readonly_fields = fields


@admin.register(Intervention)
class InterventionAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = ("name", "municipality_code", "event_kind", "event_date", "people_affected")
    list_filter = ("event_kind",)
    fields = (
        "organisation",
        "name",
        "municipality_code",
        "event_kind",
        "company_name",
        "event_date",
        "people_affected",
        "description",
        "partners",
    )
    readonly_fields = fields
