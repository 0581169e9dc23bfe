"""Writes for organisations and memberships (the only write path; used by web, API, admin, CLI)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language, OrganisationKind, Role
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import Membership, Organisation, User

logger = logging.getLogger(__name__)

SESSION_ORGANISATION_KEY = "kohtaanto_organisation_id"


def _full_clean(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.message_dict) from None


def create_organisation(
    *,
    name: str,
    kind: OrganisationKind | str = OrganisationKind.SERVICE_PROVIDER,
    business_id: str = "",
    municipality_code: str = "",
    by: Any = None,
) -> Organisation:
    organisation = Organisation(
        name=name, kind=kind, business_id=business_id, municipality_code=municipality_code
    )
    _full_clean(organisation)
    with transaction.atomic():
        organisation.save()
        log_event(by, AuditAction.CREATE, organisation)
    log_after_commit(logger, "organisation created id=%s", organisation.pk)
    return organisation


def update_organisation(
    organisation: Organisation, *, by: Any = None, **fields: Any
) -> Organisation:
    allowed = {"name", "kind", "business_id", "municipality_code"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed(
            errors={name: [_("This field cannot be changed.")] for name in unknown}
        )
    for name, value in fields.items():
        setattr(organisation, name, value)
    _full_clean(organisation)
    with transaction.atomic():
        organisation.save()
        log_event(by, AuditAction.CHANGE, organisation)
    return organisation


def _sync_staff_flag(user: User) -> None:
    """Coordinators use the Django admin; nobody else (except superusers) does."""
    is_coordinator = user.memberships.filter(role=Role.COORDINATOR).exists()
    wanted = is_coordinator or user.is_superuser
    if user.is_staff != wanted:
        user.is_staff = wanted
        user.save(update_fields=["is_staff"])


def add_membership(
    user: User, organisation: Organisation, role: Role | str, *, by: Any = None
) -> Membership:
    """Give `user` a role in `organisation` (idempotent). Coordinators become staff."""
    role = Role(role)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if created:
            log_event(by, AuditAction.CREATE, membership, organisation=organisation)
        _sync_staff_flag(user)
    return membership


def remove_membership(membership: Membership, *, by: Any = None) -> None:
    user = membership.user
    with transaction.atomic():
        log_event(by, AuditAction.DELETE, membership, organisation=membership.organisation)
        membership.delete()
        _sync_staff_flag(user)


def create_user(
    *,
    username: str,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    preferred_language: str = "fi",
) -> User:
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        preferred_language=preferred_language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    log_after_commit(logger, "user created id=%s", user.pk)
    return user


def set_preferred_language(user: User, language: str) -> None:
    """Remember the user's language of service (fi, sv or en) for their next visits."""
    if language not in Language.values:
        raise ValidationError({"preferred_language": _("Choose Finnish, Swedish or English.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def set_current_organisation(request: HttpRequest, organisation_id: object) -> Organisation:
    """Switch the organisation the user works in (a membership is required)."""
    from kohtaanto.core.access import roles_of

    user = request.user
    if not isinstance(user, AbstractBaseUser):
        raise NotFound()
    try:
        pk = int(str(organisation_id))
    except ValueError:
        raise NotFound() from None
    organisation = Organisation.objects.filter(pk=pk, memberships__user=user).first()
    if organisation is None:
        raise NotFound()
    request.session[SESSION_ORGANISATION_KEY] = organisation.pk
    request.organisation = organisation  # type: ignore[attr-defined]
    request.roles = roles_of(user, organisation)  # type: ignore[attr-defined]
    return organisation
