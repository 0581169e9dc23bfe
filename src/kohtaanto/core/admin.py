"""Django admin for coordinators, scoped to the organisations where they are coordinator.

Coordinators get `is_staff` from `services.add_membership`, so the default admin site lets them
in; each ModelAdmin below decides what they see from their memberships, not from Django model
permissions. Saving goes through the services. Django's own LogEntry is not written (its
`object_repr` would copy names); our `AuditEvent` records admin changes instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import password_validation
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from kohtaanto.core import services
from kohtaanto.core.access import organisations_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language, Role
from kohtaanto.core.errors import ValidationFailed
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


class UserCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new user: a password now, or an invitation by e-mail to set one (no password is
    ever sent). An e-mail address that another user already has is refused, so that a person
    never gets two accounts."""

    SET_NOW = "set_now"
    INVITE = "invite"

    how = forms.ChoiceField(
        label=_("How does the person get a password?"),
        choices=[
            (INVITE, _("Send an invitation by e-mail: the person sets their own password")),
            (SET_NOW, _("I set a password now")),
        ],
        initial=INVITE,
        widget=forms.RadioSelect,
    )
    password1 = forms.CharField(
        label=_("Password"), required=False, strip=False, widget=forms.PasswordInput
    )
    password2 = forms.CharField(
        label=_("Password again"), required=False, strip=False, widget=forms.PasswordInput
    )

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name", "preferred_language")

    def clean_email(self) -> str:
        email = (self.cleaned_data.get("email") or "").strip()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A user with this e-mail address already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("how") == self.INVITE and not data.get("email"):
            self.add_error("email", _("An invitation needs an e-mail address."))
        if data.get("how") == self.SET_NOW:
            first, second = data.get("password1") or "", data.get("password2") or ""
            if not first:
                self.add_error("password1", _("Write a password."))
            elif first != second:
                self.add_error("password2", _("The passwords are not the same."))
            else:
                candidate = User(
                    username=data.get("username") or "",
                    email=data.get("email") or "",
                    first_name=data.get("first_name") or "",
                    last_name=data.get("last_name") or "",
                )
                try:
                    password_validation.validate_password(first, user=candidate)
                except ValidationError as exc:
                    self.add_error("password1", exc)
        return data


def send_account_invitation(request: HttpRequest, user: User) -> None:
    """E-mail `user` a link to set their own password (Django's password-reset token: it works
    once, until the password is set, and for `PASSWORD_RESET_TIMEOUT`). Audited; the link is
    never logged."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(reverse("password_reset_confirm", args=[uid, token]))
    language = user.preferred_language if user.preferred_language in Language.values else "fi"
    with translation.override(language):
        subject = str(_("Your account in Kohtaanto"))
        body = render_to_string(
            "registration/account_invitation_email.txt",
            {"user": user, "link": link, "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)},
        )
    sent = send_mail(subject, body, None, [user.email], fail_silently=False)
    if sent != 1:
        raise ValidationFailed(errors={"email": [_("The message was not sent.")]})
    log_event(request.user, AuditAction.CHANGE, user)


@admin.register(User)
class UserAdmin(_UserAdmin):
    """Superusers only (coordinators hold no Django model permissions). New users are created
    through `core.services.create_user` (audited here), with a password or an invitation."""

    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (None, {"fields": ("preferred_language",)}),
    )
    add_form = UserCreateForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "preferred_language",
                    "how",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        invite = data["how"] == UserCreateForm.INVITE
        created = services.create_user(
            username=data["username"],
            password=None if invite else data["password1"],
            email=data.get("email") or "",
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            preferred_language=data.get("preferred_language") or "fi",
        )
        log_event(request.user, AuditAction.CREATE, created)
        _adopt(obj, created)
        if invite:
            try:
                send_account_invitation(request, created)
            except Exception:  # the account exists; say so, and that the mail did not go
                messages.error(
                    request,
                    _("The user was created, but the invitation was not sent. Try again later."),
                )
            else:
                messages.info(request, _("An invitation to set a password was sent by e-mail."))

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)

    # Our audit log replaces django.contrib.admin's LogEntry (which would store names).
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None
