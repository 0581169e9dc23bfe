"""Ed25519 signing keys and their encryption at rest.

`SigningKey` never shows its private bytes: its `repr`/`str` name only the public key, and it
refuses to be pickled (so it cannot end up in a cache or a session by accident). The only way
out of the process is `encrypt_signing_key`, which seals the raw key with AES-256-GCM under a
key-encryption key (KEK) that the caller passes (the Django side reads it from the
environment). The sealed text names the KEK by id, so KEKs can be rotated; the caller's
`context` (e.g. the organisation and key id) is bound as associated data, so a sealed key
copied onto another row does not decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NoReturn

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kohtaanto.badges.multibase import encode_ed25519_public_key

SEALED_PREFIX = "kohtaanto-ed25519-aes256gcm-v1"
_AAD_PREFIX = b"kohtaanto.badges.signing-key\x00"


class SealedKeyError(ValueError):
    """A key or a sealed key is not usable (wrong KEK, tampered, malformed)."""


class SigningKey:
    """An Ed25519 private key; `public_key` and `public_key_multibase` are safe to show."""

    __slots__ = ("_private", "public_key")

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public_key: bytes = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> SigningKey:
        """The key of a 32-byte seed (tests and fixtures; production keys use `generate`)."""
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @property
    def public_key_multibase(self) -> str:
        return encode_ed25519_public_key(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)

    def __repr__(self) -> str:
        return f"<SigningKey Ed25519 public={self.public_key_multibase}>"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("a SigningKey is not pickled; seal it with encrypt_signing_key")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SigningKey) and secrets.compare_digest(
            self.public_key, other.public_key
        )

    def __hash__(self) -> int:
        return hash(self.public_key)


def verify_ed25519(public_key: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class KeyEncryptionKey:
    """A 256-bit AES key that seals signing keys; `key_id` names it inside sealed texts."""

    key_id: str
    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.secret) != 32:
            raise SealedKeyError("a key-encryption key is 32 bytes (AES-256)")
        if not self.key_id or ":" in self.key_id or not self.key_id.isascii():
            raise SealedKeyError("a key-encryption key id is non-empty ASCII without ':'")

    @classmethod
    def from_text(cls, text: str, key_id: str = "1") -> KeyEncryptionKey:
        """From its base64 or base64url text (as in an environment variable or a file)."""
        value = text.strip()
        try:
            secret = base64.urlsafe_b64decode(
                value.replace("+", "-").replace("/", "_") + "=" * (-len(value) % 4)
            )
        except (binascii.Error, ValueError) as error:
            raise SealedKeyError("the key-encryption key is not base64") from error
        return cls(key_id, secret)

    @staticmethod
    def new_text() -> str:
        """A fresh random KEK as base64url text, for the operator to put in the environment."""
        return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii").rstrip("=")


def encrypt_signing_key(key: SigningKey, kek: KeyEncryptionKey, context: str) -> str:
    """The signing key sealed with AES-256-GCM: `prefix:kek_id:base64url(nonce‖ciphertext)`."""
    raw = key._private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    nonce = os.urandom(12)
    sealed = AESGCM(kek.secret).encrypt(nonce, raw, _AAD_PREFIX + context.encode("utf-8"))
    body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
    return f"{SEALED_PREFIX}:{kek.key_id}:{body}"


def sealed_kek_id(sealed: str) -> str:
    """The id of the KEK that sealed `sealed` (to find keys still sealed with an old KEK)."""
    parts = sealed.split(":")
    if len(parts) != 3 or parts[0] != SEALED_PREFIX:
        raise SealedKeyError("not a sealed Kohtaanto signing key")
    return parts[1]


def decrypt_signing_key(
    sealed: str, keks: KeyEncryptionKey | Mapping[str, KeyEncryptionKey], context: str
) -> SigningKey:
    """Open a sealed signing key with the KEK it names; the `context` must be the same."""
    kek_id = sealed_kek_id(sealed)
    body = sealed.split(":")[2]
    if isinstance(keks, KeyEncryptionKey):
        keks = {keks.key_id: keks}
    kek = keks.get(kek_id)
    if kek is None:
        raise SealedKeyError(f"no key-encryption key with id {kek_id!r}")
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        raw = AESGCM(kek.secret).decrypt(
            data[:12], data[12:], _AAD_PREFIX + context.encode("utf-8")
        )
    except (binascii.Error, ValueError, InvalidTag) as error:
        raise SealedKeyError(
            "the sealed signing key does not open with this KEK and context"
        ) from error
    return SigningKey(Ed25519PrivateKey.from_private_bytes(raw))
