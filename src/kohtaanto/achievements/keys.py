"""Each organisation's signing key: created on first use, sealed with the KEK, rotatable.

The KEK comes from settings (`KOHTAANTO_BADGE_KEK` / `_FILE`, earlier ones in
`KOHTAANTO_BADGE_OLD_KEKS`); outside production without one, a KEK is generated once into
`DATA_DIR/badge_kek` (mode 600, never committed). The private key is opened only in
`signing_key_of` for one signature and is never logged, cached or pickled (`SigningKey`
refuses pickling and hides its bytes in `repr`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from kohtaanto.achievements.models import IssuerKey, StatusList
from kohtaanto.badges.keys import (
    KeyEncryptionKey,
    SealedKeyError,
    SigningKey,
    decrypt_signing_key,
    encrypt_signing_key,
    sealed_kek_id,
)
from kohtaanto.core.models import Organisation


@sensitive_variables()
def _parse_kek(text: str, default_id: str) -> KeyEncryptionKey:
    key_id, sep, value = text.strip().partition(":")
    if not sep:
        key_id, value = default_id, text.strip()
    try:
        return KeyEncryptionKey.from_text(value, key_id)
    except SealedKeyError:
        raise ImproperlyConfigured(
            "KOHTAANTO_BADGE_KEK (or _OLD_KEKS) is not base64 of 32 bytes."
        ) from None


@sensitive_variables()
def _generated_kek_text() -> str:
    path = settings.BADGE_KEK_GENERATED_FILE
    if path is None:
        raise ImproperlyConfigured("The environment variable KOHTAANTO_BADGE_KEK must be set.")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole with mode 600 into a file of its own, then linked into place: never
        # readable by others for a moment, never half-written, and when two processes race
        # the first one's KEK wins for both (a second KEK would leave keys nobody can open).
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(KeyEncryptionKey.new_text())
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Keks:
    current: KeyEncryptionKey
    all: dict[str, KeyEncryptionKey]


@sensitive_variables()
def keks() -> Keks:
    """The current KEK and every known one, by id."""
    current = _parse_kek(settings.BADGE_KEK or _generated_kek_text(), "1")
    known = {current.key_id: current}
    for item in (settings.BADGE_OLD_KEKS or "").split(","):
        if item.strip():
            old = _parse_kek(item, "old")
            known.setdefault(old.key_id, old)
    return Keks(current, known)


def _context(key: IssuerKey) -> str:
    return f"organisation:{key.organisation_id}/key:{key.fragment}"


def current_key(organisation: Organisation) -> IssuerKey:
    """The organisation's current key, made (and sealed) on first use."""
    key = (
        IssuerKey.objects.filter(organisation=organisation, retired_at=None, compromised=False)
        .order_by("-created", "-id")
        .first()
    )
    return key or _new_key(organisation)


def _new_key(organisation: Organisation) -> IssuerKey:
    signing = SigningKey.generate()
    row = IssuerKey(
        organisation=organisation,
        fragment="key-" + secrets.token_hex(4),
        public_key_multibase=signing.public_key_multibase,
    )
    row.sealed_key = encrypt_signing_key(signing, keks().current, _context(row))
    row.save()
    return row


def signing_key_of(key: IssuerKey) -> SigningKey:
    return decrypt_signing_key(key.sealed_key, keks().all, _context(key))


@transaction.atomic
def rotate_key(organisation: Organisation, *, compromised: bool = False) -> IssuerKey:
    """A new current key; the old ones stay published (unless `compromised`: then the old
    keys' credentials no longer verify, as they should not)."""
    now = timezone.now()
    old = IssuerKey.objects.select_for_update().filter(organisation=organisation, retired_at=None)
    if compromised:
        old.update(retired_at=now, compromised=True)
    else:
        old.update(retired_at=now)
    # The status lists are signed again with the new key when next read.
    StatusList.objects.filter(organisation=organisation).update(changed=now)
    return _new_key(organisation)


def reseal_all() -> int:
    """Seal every key whose KEK is not the current one with the current KEK; how many."""
    known = keks()
    count = 0
    for key in IssuerKey.objects.all():
        if sealed_kek_id(key.sealed_key) == known.current.key_id:
            continue
        signing = decrypt_signing_key(key.sealed_key, known.all, _context(key))
        IssuerKey.objects.filter(pk=key.pk).update(
            sealed_key=encrypt_signing_key(signing, known.current, _context(key))
        )
        count += 1
    return count
