"""Admin of groups, scoped like `core/admin.py`: a coordinator sees the groups of the
organisations they coordinate, read only (members' names are not listed here). Groups are
created and changed on the group pages, through `groups/services.py`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from kohtaanto.core.admin import OrganisationScopedAdmin
from kohtaanto.groups.models import Group, GroupSession

if TYPE_CHECKING:
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _TabularInline = admin.TabularInline


class SessionInline(_TabularInline):
    model = GroupSession
    extra = 0
    can_delete = False
    fields = ("starts", "ends", "place", "topic", "series", "cancelled_at", "cancel_reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Group)
class GroupAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = ("name", "kind", "organisation", "is_open", "capacity", "archived")
    list_filter = ("kind", "is_open", "archived")
    search_fields = ("name",)
    fields = (
        "organisation",
        "name",
        "kind",
        "description",
        "is_open",
        "language",
        "place",
        "online_link",
        "capacity",
        "starts_on",
        "ends_on",
        "archived",
        "created",
    )
    readonly_fields = fields
    inlines = (SessionInline,)
