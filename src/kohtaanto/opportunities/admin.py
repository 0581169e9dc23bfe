"""Admin of opportunities, employers' profiles, courses and import runs, scoped like
`core/admin.py`: a coordinator sees the rows of the organisations they coordinate. Saving goes
through the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from kohtaanto.core.admin import OrganisationScopedAdmin, _adopt
from kohtaanto.core.enums import OrganisationKind
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities import access, services
from kohtaanto.opportunities.models import (
    Course,
    CourseSkill,
    EmployerProfile,
    ImportJob,
    ImportRun,
    Opportunity,
    OpportunitySkill,
)

if TYPE_CHECKING:
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _TabularInline = admin.TabularInline


class _ReadOnlyInline(_TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OpportunitySkillInline(_ReadOnlyInline):
    model = OpportunitySkill
    fields = ("label", "uri", "importance", "source", "decided_at")
    readonly_fields = fields


class CourseSkillInline(_ReadOnlyInline):
    model = CourseSkill
    fields = ("label", "uri", "framework")
    readonly_fields = fields


def _changed(form: Any, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {n: form.cleaned_data[n] for n in form.changed_data if n not in exclude}


@admin.register(Opportunity)
class OpportunityAdmin(OrganisationScopedAdmin):
    list_display = ("title", "kind", "status", "employer", "municipality_code", "organisation")
    list_filter = ("kind", "status", "remote")
    search_fields = ("title", "external_id", "employer__name")
    inlines = (OpportunitySkillInline,)
    readonly_fields = ("region_code", "created_by", "created", "updated", "closed_at")
    raw_id_fields = ("employer",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "employer":
            employers = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
            if not request.user.is_superuser:
                employers = access.employers_visible_to(request.user)
            kwargs["queryset"] = employers
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            services.update_opportunity(
                obj, by=request.user, **_changed(form, frozenset({"organisation"}))
            )
            return
        fields = {n: form.cleaned_data[n] for n in form.cleaned_data if n != "organisation"}
        created = services.create_opportunity(
            organisation=form.cleaned_data["organisation"], by=request.user, **fields
        )
        _adopt(obj, created)


@admin.register(EmployerProfile)
class EmployerProfileAdmin(OrganisationScopedAdmin):
    organisation_field = "service_organisation"
    list_display = ("organisation", "industry", "service_organisation")
    search_fields = ("organisation__name", "organisation__business_id", "industry")
    raw_id_fields = ("organisation",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ("organisation",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        created = services.save_employer_profile(
            form.cleaned_data.get("organisation") or obj.organisation,
            by=request.user,
            **_changed(form, frozenset({"organisation"})),
        )
        _adopt(obj, created)


@admin.register(Course)
class CourseAdmin(OrganisationScopedAdmin):
    list_display = ("title", "provider", "format", "hours", "cost_eur", "open_material")
    list_filter = ("format", "open_material", "language")
    search_fields = ("title", "provider", "external_id")
    inlines = (CourseSkillInline,)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            services.update_course(
                obj, by=request.user, **_changed(form, frozenset({"organisation"}))
            )
            return
        fields = {n: form.cleaned_data[n] for n in form.cleaned_data if n != "organisation"}
        created = services.create_course(
            organisation=form.cleaned_data.get("organisation"), by=request.user, **fields
        )
        _adopt(obj, created)


@admin.register(ImportRun)
class ImportRunAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = (
        "at",
        "target",
        "format",
        "rows",
        "created_count",
        "updated_count",
        "error_count",
    )
    list_filter = ("target", "format")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [field.name for field in ImportRun._meta.fields]


@admin.register(ImportJob)
class ImportJobAdmin(OrganisationScopedAdmin):
    """Background checks and imports (`tasks.py`), read-only: whether they wait, run, ended or
    failed (and why: the class of the error), on which worker and with how many attempts. The
    report (the rows' errors may quote cells) is not shown."""

    read_only = True
    list_display = (
        "created",
        "kind",
        "status",
        "organisation",
        "total",
        "done",
        "attempts",
        "error",
        "error_class",
        "heartbeat_at",
    )
    list_filter = ("status", "kind", "error")
    fields = (
        "kind",
        "status",
        "organisation",
        "started_by",
        "total",
        "done",
        "attempts",
        "error",
        "error_class",
        "worker",
        "task_id",
        "created",
        "started_at",
        "heartbeat_at",
        "finished_at",
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return self.fields
