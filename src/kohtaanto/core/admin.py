"""Django admin for coordinators, scoped to the organisations where they are coordinator.

Coordinators get `is_staff` from `services.add_membership`, so the default admin site lets them
in; each ModelAdmin below decides what they see from their memberships, not from Django model
permissions. Saving goes through the services. Django's own LogEntry is not written (its
`object_repr` would copy names); our `AuditEvent` records admin changes instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kohtaanto.core import services
from kohtaanto.core.access import organisations_of
from kohtaanto.core.enums import Role
from kohtaanto.core.models import AuditEvent, Membership, Organisation, User

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _UserAdmin = DjangoUserAdmin[User]
else:  # ModelAdmin is not subscriptable at run time
    _ModelAdmin = admin.ModelAdmin
    _UserAdmin = DjangoUserAdmin


def coordinated_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    if request.user.is_superuser:
        return Organisation.objects.all()
    return organisations_of(request.user, Role.COORDINATOR)


def is_coordinator(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active and (user.is_superuser or coordinated_organisations(request).exists())
    )


class OrganisationScopedAdmin(_ModelAdmin):
    """Rights from memberships; rows limited to `organisation_field` in coordinated orgs."""

    organisation_field = "organisation"
    read_only = False
    # A web address typed without a scheme is read as https:// (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.organisation_field}__in": coordinated_organisations(request)}
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_coordinator(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_coordinator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not self.read_only and is_coordinator(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self.read_only and is_coordinator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Organisation:
            kwargs["queryset"] = coordinated_organisations(request)
        elif db_field.related_model is User:
            kwargs["queryset"] = self.selectable_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def selectable_users(self, request: HttpRequest) -> QuerySet[User]:
        """Users with any membership in the coordinated organisations."""
        if request.user.is_superuser:
            return User.objects.all()
        return User.objects.filter(
            memberships__organisation__in=coordinated_organisations(request)
        ).distinct()

    # Our audit log replaces django.contrib.admin's LogEntry (which would store names).
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def log_deletion(self, request: HttpRequest, obj: Any, object_repr: str) -> None:
        return None

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        return None


def _adopt(target: Model, source: Model) -> None:
    """Make the admin's unsaved form instance point at the row a service created."""
    target.pk = source.pk
    target._state.adding = False
    target._state.db = source._state.db


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_field = "pk"
    list_display = ("name", "kind", "business_id", "municipality_code")
    list_filter = ("kind",)
    search_fields = ("name", "business_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            services.update_organisation(obj, by=request.user, **fields)
        else:
            created = services.create_organisation(
                name=obj.name,
                kind=obj.kind,
                business_id=obj.business_id,
                municipality_code=obj.municipality_code,
                by=request.user,
            )
            _adopt(obj, created)


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    search_fields = ("user__username",)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return obj is None and is_coordinator(request)  # changelist yes, edit: delete + add

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_coordinator(request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        created = services.add_membership(obj.user, obj.organisation, obj.role, by=request.user)
        _adopt(obj, created)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.remove_membership(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for membership in queryset:
            services.remove_membership(membership, by=request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = ("timestamp", "action", "actor_username", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_username", "object_id")
    date_hierarchy = "timestamp"

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [field.name for field in AuditEvent._meta.fields]


@admin.register(User)
class UserAdmin(_UserAdmin):
    """Superusers only (coordinators hold no Django model permissions)."""

    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (None, {"fields": ("preferred_language",)}),
    )
