"""Admin of the support line, scoped like `core/admin.py` (a coordinator sees the lines of the
organisations they coordinate). Lines and volunteers are saved through the services; shifts
are read here and made on the pages. The contact log and call-back requests are not in the
admin at all: contacts are only counted (statistics page), and a caller's number is seen only
on the call-backs page, by the people on shift."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from kohtaanto.core.admin import OrganisationScopedAdmin, _adopt, coordinated_organisations
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.supportline import services
from kohtaanto.supportline.models import Line, LineVolunteer, Shift


@admin.register(Line)
class LineAdmin(OrganisationScopedAdmin):
    list_display = ("name", "organisation", "created")
    fields = ("organisation", "name", "regions", "description")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.update_line(
                obj,
                by=request.user,
                name=data["name"],
                regions=data["regions"] or [],
                description=data["description"],
            )
            return
        created = services.create_line(
            data["organisation"],
            name=data["name"],
            regions=data["regions"] or [],
            description=data["description"],
            by=request.user,
        )
        _adopt(obj, created)


class LineVolunteerForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = LineVolunteer
        fields = ("line", "user", "trained_on", "phone", "active")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and data.get("line") and data.get("user"):
            try:
                services.check_can_volunteer(data["line"], data["user"])
            except ValidationFailed as error:
                raise forms.ValidationError(
                    [str(m) for messages in error.errors.values() for m in messages]
                ) from None
        return data


@admin.register(LineVolunteer)
class LineVolunteerAdmin(OrganisationScopedAdmin):
    form = LineVolunteerForm
    organisation_field = "line__organisation"
    list_display = ("user", "line", "trained_on", "active")
    list_filter = ("active",)
    fields = ("line", "user", "trained_on", "phone", "active")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("line", "user") if obj is not None else ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "line" and not request.user.is_superuser:
            kwargs["queryset"] = Line.objects.filter(
                organisation__in=coordinated_organisations(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            services.update_volunteer(
                obj,
                by=request.user,
                trained_on=data["trained_on"],
                phone=data["phone"],
                active=data["active"],
            )
            return
        created = services.add_volunteer(
            data["line"],
            data["user"],
            trained_on=data["trained_on"],
            phone=data["phone"],
            by=request.user,
        )
        if not data["active"]:
            services.update_volunteer(created, by=request.user, active=False)
        _adopt(obj, created)


@admin.register(Shift)
class ShiftAdmin(OrganisationScopedAdmin):
    organisation_field = "line__organisation"
    read_only = True
    list_display = ("starts", "ends", "line", "needed", "region", "remote")
    list_filter = (("line", admin.RelatedOnlyFieldListFilter),)  # only the lines one may see
    date_hierarchy = "starts"
    fields = ("line", "starts", "ends", "needed", "region", "remote", "created_by")
    readonly_fields = fields
