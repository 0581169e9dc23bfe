"""Multibase (base58btc `z…`, base64url `u…`) and the multicodec headers of Ed25519 keys.

Only what Data Integrity and Multikey need: https://www.w3.org/TR/controller-document/#multibase-0
and https://www.w3.org/TR/vc-data-integrity/ (Multikey `publicKeyMultibase`, `proofValue`).
"""

from __future__ import annotations

import base64
import binascii

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(BASE58_ALPHABET)}

ED25519_PUB_HEADER = b"\xed\x01"
"""Multicodec `ed25519-pub` (0xed) as an unsigned varint: 0xed 0x01."""
ED25519_PRIV_HEADER = b"\x80\x26"
"""Multicodec `ed25519-priv` (0x1300) as an unsigned varint."""


class MultibaseError(ValueError):
    """A value is not valid multibase of the expected kind."""


def b58encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    out: list[str] = []
    while number:
        number, rem = divmod(number, 58)
        out.append(BASE58_ALPHABET[rem])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = _BASE58_INDEX.get(char)
        if index is None:
            raise MultibaseError(f"not base58btc: {char!r}")
        number = number * 58 + index
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: `z` + base58 (Bitcoin alphabet)."""
    return "z" + b58encode(data)


def decode_base58btc(value: str) -> bytes:
    if not value.startswith("z"):
        raise MultibaseError("expected multibase base58btc (a value starting with 'z')")
    return b58decode(value[1:])


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: `u` + base64url."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(value: str) -> bytes:
    if not value.startswith("u"):
        raise MultibaseError("expected multibase base64url (a value starting with 'u')")
    body = value[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError) as error:
        raise MultibaseError("not base64url") from error


def encode_ed25519_public_key(raw: bytes) -> str:
    """Multikey `publicKeyMultibase` of an Ed25519 public key: `z6Mk…`."""
    if len(raw) != 32:
        raise MultibaseError("an Ed25519 public key is 32 bytes")
    return encode_base58btc(ED25519_PUB_HEADER + raw)


def decode_ed25519_public_key(value: str) -> bytes:
    data = decode_base58btc(value)
    if not data.startswith(ED25519_PUB_HEADER) or len(data) != 34:
        raise MultibaseError("not a multibase Ed25519 public key (multicodec 0xed01)")
    return data[2:]
