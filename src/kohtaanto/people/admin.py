"""Participants and consent events in the coordinator admin (see `core.admin`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kohtaanto.core.admin import (
    OrganisationScopedAdmin,
    _adopt,
    coordinated_organisations,
)
from kohtaanto.core.audit import log_event, log_list_read
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.models import User
from kohtaanto.people import services
from kohtaanto.people.models import ConsentEvent, Participant


@admin.register(Participant)
class ParticipantAdmin(OrganisationScopedAdmin):
    list_display = ("last_name", "first_name", "organisation", "status")
    list_filter = ("status",)
    search_fields = ("last_name", "first_name")
    fields = (
        "organisation",
        "first_name",
        "last_name",
        "email",
        "phone",
        "preferred_language",
        "status",
        "coaches",
    )
    filter_horizontal = ("coaches",)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ("organisation",) if obj is not None else ()

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET":
            log_event(request.user, AuditAction.VIEW, obj)
        return obj

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """The list is a bulk read of personal data: one audit event per read, with the filters
        and the number of rows shown (the search text is not kept: it may be a name)."""
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and request.method == "GET":
            log_list_read(
                request.user,
                Participant,
                count=len(changelist.result_list),
                filters=request.GET.dict(),
                organisation=getattr(request, "organisation", None),
            )
        return response

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "coaches":
            kwargs["queryset"] = User.objects.filter(
                memberships__role=Role.COACH,
                memberships__organisation__in=coordinated_organisations(request),
            ).distinct()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            fields = {
                name: form.cleaned_data[name]
                for name in form.changed_data
                if name in services.EDITABLE_FIELDS
            }
            services.update_participant(obj, by=request.user, **fields)
        else:
            created = services.create_participant(
                organisation=obj.organisation,
                first_name=obj.first_name,
                last_name=obj.last_name,
                email=obj.email,
                phone=obj.phone,
                preferred_language=obj.preferred_language,
                by=request.user,
            )
            _adopt(obj, created)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        participant = form.instance
        wanted = set(form.cleaned_data.get("coaches") or [])
        current = set(participant.coaches.all())
        for coach in wanted - current:
            services.add_coach(participant, coach, by=request.user)
        for coach in current - wanted:
            services.remove_coach(participant, coach, by=request.user)


@admin.register(ConsentEvent)
class ConsentEventAdmin(OrganisationScopedAdmin):
    organisation_field = "participant__organisation"
    read_only = True
    list_display = ("at", "participant_id", "purpose", "kind")
    list_filter = ("purpose", "kind")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("participant")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [field.name for field in ConsentEvent._meta.fields]
