"""The one write path for integration credentials: create, revoke, and note a token's use.

`create_token` returns the token text ONCE (with the stored row); only its SHA-256 hash is
kept. Every change is audited: created (CREATE), revoked (CHANGE), first use (LOGIN, by the
token's service account). Only coordinators of the organisation (or the CLI, `by=None`)
manage credentials.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import Application

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.core.models import Organisation, User
from kohtaanto.core.services import add_membership, create_user
from kohtaanto.integrations.models import ApiToken, Credential, IntegrationRole, OAuthClient, Scope

TOKEN_PREFIX = "kht_"  # noqa: S105 (a visible marker, not a secret)
PREFIX_LENGTH = 12
MAX_DAYS = 730
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    text: str  # shown once, never stored


@dataclass(frozen=True)
class NewClient:
    client: OAuthClient
    client_id: str
    client_secret: str  # shown once; django-oauth-toolkit stores only its hash


def hash_token(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_manager(by: Any, organisation: Organisation) -> None:
    if by is not None and Role.COORDINATOR not in roles_of(by, organisation):
        raise NotFound()


def _clean(name: str, scopes: Iterable[str], role: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    name = " ".join(str(name).split())[:100]
    if not name:
        errors["name"] = [_("Give the integration a name.")]
    wanted = sorted(set(scopes))
    if not wanted or any(scope not in Scope.values for scope in wanted):
        errors["scopes"] = [_("Choose read, write or both.")]
    if role not in IntegrationRole.values:
        errors["role"] = [_("Choose coordinator or analyst.")]
    if errors:
        raise ValidationFailed(errors=errors)
    return name, " ".join(wanted)


def _service_account(organisation: Organisation, kind: str, name: str, role: str) -> User:
    user = create_user(
        username=f"api-{kind}-{secrets.token_hex(6)}",
        first_name=name[:150],
        last_name=_("(integration)"),
    )
    add_membership(user, organisation, role)
    return user


def create_token(
    organisation: Organisation,
    *,
    name: str,
    scopes: Iterable[str],
    role: str = IntegrationRole.COORDINATOR,
    days: int | None = 90,
    by: Any = None,
) -> NewToken:
    _check_manager(by, organisation)
    name, scope_text = _clean(name, scopes, role)
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(errors={"days": [_("From 1 to %(max)s days.") % {"max": MAX_DAYS}]})
    text = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organisation=organisation,
            name=name,
            scopes=scope_text,
            role=role,
            user=_service_account(organisation, "token", name, role),
            created_by=by,
            prefix=text[:PREFIX_LENGTH],
            token_hash=hash_token(text),
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        log_event(by, AuditAction.CREATE, token)
    return NewToken(token, text)


def create_oauth_client(
    organisation: Organisation,
    *,
    name: str,
    scopes: Iterable[str],
    role: str = IntegrationRole.COORDINATOR,
    by: Any = None,
) -> NewClient:
    _check_manager(by, organisation)
    name, scope_text = _clean(name, scopes, role)
    secret = secrets.token_urlsafe(48)
    with transaction.atomic():
        user = _service_account(organisation, "oauth", name, role)
        application = Application(
            name=name,
            user=user,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,  # hashed on save
        )
        application.save()
        client = OAuthClient.objects.create(
            organisation=organisation,
            name=name,
            scopes=scope_text,
            role=role,
            user=user,
            created_by=by,
            application=application,
        )
        log_event(by, AuditAction.CREATE, client)
    return NewClient(client, application.client_id, secret)


def revoke(credential: Credential, *, by: Any = None) -> None:
    """Revoke a token or a client at once: its service account is deactivated and, for an
    OAuth client, every access token it holds is deleted. Revoking twice is harmless."""
    _check_manager(by, credential.organisation)
    if credential.revoked_at is not None:
        return
    with transaction.atomic():
        credential.revoked_at = timezone.now()
        credential.save(update_fields=["revoked_at"])
        User.objects.filter(pk=credential.user_id).update(is_active=False)
        if isinstance(credential, OAuthClient):
            credential.application.accesstoken_set.all().delete()
        log_event(by, AuditAction.CHANGE, credential)


def note_use(credential: Credential) -> None:
    """Record when a credential was used (at most once a minute); its first use is audited."""
    now = timezone.now()
    last = credential.last_used_at
    if last is not None and now - last < LAST_USED_RESOLUTION:
        return
    type(credential)._default_manager.filter(pk=credential.pk).update(last_used_at=now)
    credential.last_used_at = now
    if last is None:
        log_event(credential.user, AuditAction.LOGIN, credential)


def find_token(organisation: Organisation | None, prefix: str) -> ApiToken:
    tokens = ApiToken.objects.filter(prefix=prefix)
    if organisation is not None:
        tokens = tokens.filter(organisation=organisation)
    token = tokens.first()
    if token is None:
        raise NotFound()
    return token
