"""Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).

The list is a bitstring of at least 131,072 bits (16 KiB, so that one credential's index
tells little about whom it belongs to), bit 0 the most significant bit of the first byte;
`encodedList` is the multibase base64url (`u…`) of its GZIP. A set bit at a credential's
`statusListIndex` means revoked (or suspended, by the list's `statusPurpose`).
"""

from __future__ import annotations

import gzip
import zlib
from datetime import datetime
from typing import Any

from kohtaanto.badges.contexts import VC_V2
from kohtaanto.badges.credentials import xsd_datetime
from kohtaanto.badges.multibase import MultibaseError, decode_base64url, encode_base64url

MIN_BITS = 131_072
MAX_DECODED_BYTES = 16 * 1024 * 1024
"""A verifier inflates a fetched list to at most this (a GZIP bomb is refused)."""


class StatusListError(ValueError):
    pass


class StatusList:
    """A mutable bitstring; `encode()` gives the `encodedList`."""

    __slots__ = ("bits",)

    def __init__(self, size: int = MIN_BITS, bits: bytes | None = None) -> None:
        if bits is None:
            if size < MIN_BITS or size % 8:
                raise StatusListError("a status list has at least 131,072 bits, whole bytes")
            bits = bytes(size // 8)
        self.bits = bytearray(bits)

    @property
    def size(self) -> int:
        return len(self.bits) * 8

    def _locate(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self.size:
            raise StatusListError("status list index out of range")
        return index // 8, 0x80 >> (index % 8)

    def get(self, index: int) -> bool:
        byte, mask = self._locate(index)
        return bool(self.bits[byte] & mask)

    def set(self, index: int, value: bool = True) -> None:
        byte, mask = self._locate(index)
        if value:
            self.bits[byte] |= mask
        else:
            self.bits[byte] &= ~mask & 0xFF

    def clear(self, index: int) -> None:
        self.set(index, False)

    def encode(self) -> str:
        # mtime=0: the same bits always give the same encodedList (and the same signature input).
        return encode_base64url(gzip.compress(bytes(self.bits), mtime=0))

    @classmethod
    def decode(cls, encoded: str) -> StatusList:
        try:
            compressed = decode_base64url(encoded)
            inflater = zlib.decompressobj(wbits=31)
            raw = inflater.decompress(compressed, MAX_DECODED_BYTES)
        except (MultibaseError, zlib.error) as error:
            raise StatusListError("encodedList is not multibase base64url GZIP") from error
        if inflater.unconsumed_tail:
            raise StatusListError("status list too large")
        if len(raw) * 8 < MIN_BITS:
            raise StatusListError("status list shorter than 131,072 bits")
        return cls(bits=raw)


def status_list_credential(
    *,
    list_url: str,
    issuer: str,
    status_list: StatusList,
    valid_from: datetime,
    purpose: str = "revocation",
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """The unsigned `BitstringStatusListCredential` published at `list_url`."""
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list.encode(),
        },
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    return credential
