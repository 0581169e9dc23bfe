"""DIDs of issuers: `did:key` (Ed25519) and `did:web` documents with Multikey methods.

did:key: https://w3c-ccg.github.io/did-key-spec/ — `did:key:z6Mk…`, the multibase base58btc
of multicodec 0xed01 + the 32-byte public key; its one verification method is `did#z6Mk…`.

did:web: https://w3c-ccg.github.io/did-method-web/ — `did:web:example.org` is published at
`https://example.org/.well-known/did.json`, `did:web:example.org:orgs:x` at
`https://example.org/orgs/x/did.json`. Every key the organisation has signed with stays in
`verificationMethod` and `assertionMethod` after a rotation, so old credentials still verify;
only a compromised key is taken out (then its credentials fail, as they should).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from kohtaanto.badges.contexts import DID_V1, MULTIKEY_V1
from kohtaanto.badges.multibase import (
    MultibaseError,
    decode_ed25519_public_key,
    encode_ed25519_public_key,
)

DidDocument = Mapping[str, Any]
Resolver = Callable[[str], DidDocument | None]
"""A DID (without fragment) → its DID document, or None when unknown. No network here: the
Django side resolves its own did:web from the database and may fetch others with care."""

_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$"
)
_PATH_SEGMENT = re.compile(r"^[A-Za-z0-9._~-]+$")


class DidError(ValueError):
    """A DID or DID URL is malformed, or names no usable key."""


def did_key(public_key: bytes) -> str:
    return "did:key:" + encode_ed25519_public_key(public_key)


def did_key_method(did: str) -> str:
    """The verification method id of a did:key: `did:key:z6Mk…#z6Mk…`."""
    return f"{did}#{did.removeprefix('did:key:')}"


def did_key_public_key(did: str) -> bytes:
    if not did.startswith("did:key:z6Mk"):
        raise DidError("not an Ed25519 did:key")
    try:
        return decode_ed25519_public_key(did.removeprefix("did:key:"))
    except MultibaseError as error:
        raise DidError(str(error)) from error


def multikey(method_id: str, controller: str, public_key: bytes) -> dict[str, str]:
    return {
        "id": method_id,
        "type": "Multikey",
        "controller": controller,
        "publicKeyMultibase": encode_ed25519_public_key(public_key),
    }


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document a did:key resolves to (Multikey form, as the did:key drivers give)."""
    public_key = did_key_public_key(did)
    method_id = did_key_method(did)
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [multikey(method_id, did, public_key)],
        "authentication": [method_id],
        "assertionMethod": [method_id],
        "capabilityDelegation": [method_id],
        "capabilityInvocation": [method_id],
    }


def did_web(domain: str, *path: str) -> str:
    """`did:web` of a domain (optionally with a port) and path segments."""
    host = domain.lower()
    if not _DOMAIN.match(host):
        raise DidError("not a domain name for did:web")
    for segment in path:
        if not _PATH_SEGMENT.match(segment):
            raise DidError("a did:web path segment is letters, digits and ._~-")
    return ":".join(["did:web", quote(host, safe=".-"), *path])


def did_web_url(did: str) -> str:
    """Where a did:web document is published (HTTPS)."""
    if not did.startswith("did:web:") or "#" in did or "?" in did:
        raise DidError("not a did:web DID")
    domain, *path = did.removeprefix("did:web:").split(":")
    host = unquote(domain)
    if not _DOMAIN.match(host):
        raise DidError("not a domain name for did:web")
    if not path:
        return f"https://{host}/.well-known/did.json"
    if not all(_PATH_SEGMENT.match(p) for p in path):
        raise DidError("bad did:web path segment")
    return f"https://{host}/{'/'.join(path)}/did.json"


@dataclass(frozen=True)
class PublishedKey:
    """A public key published in a did:web document; `fragment` is its id after `#`."""

    fragment: str
    public_key: bytes


def did_web_document(did: str, keys: Sequence[PublishedKey]) -> dict[str, Any]:
    """The did:web document with every key as a Multikey `assertionMethod`."""
    did_web_url(did)  # validates
    if not keys:
        raise DidError("a did:web document needs at least one key")
    methods = [multikey(f"{did}#{k.fragment}", did, k.public_key) for k in keys]
    ids = [m["id"] for m in methods]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    }


def split_did_url(did_url: str) -> tuple[str, str]:
    """`did:…#fragment` → (`did:…`, `fragment`)."""
    did, hash_, fragment = did_url.partition("#")
    if not did.startswith("did:") or not hash_ or not fragment:
        raise DidError("a verification method is a DID URL with a fragment")
    return did, fragment


def resolve_with(documents: Mapping[str, DidDocument]) -> Resolver:
    """A resolver over known DID documents that also resolves any did:key itself."""

    def resolve(did: str) -> DidDocument | None:
        if did.startswith("did:key:"):
            try:
                return did_key_document(did)
            except DidError:
                return None
        return documents.get(did)

    return resolve


def assertion_key(method_id: str, resolver: Resolver) -> tuple[str, bytes] | None:
    """(controller DID, Ed25519 public key) of an `assertionMethod`, or None if the DID, the
    method, or its assertion relationship is unknown."""
    try:
        did, _ = split_did_url(method_id)
    except DidError:
        return None
    document = resolver(did)
    if document is None or document.get("id") != did:
        return None
    relations = document.get("assertionMethod") or []
    listed = document.get("verificationMethod") or []
    methods = {m.get("id"): m for m in listed if isinstance(m, dict)}
    for relation in relations:
        if isinstance(relation, dict):
            methods.setdefault(relation.get("id"), relation)
            relation = relation.get("id")
        if relation == method_id:
            break
    else:
        return None
    method = methods.get(method_id)
    if not method or method.get("type") != "Multikey" or method.get("controller") != did:
        return None
    try:
        return did, decode_ed25519_public_key(str(method.get("publicKeyMultibase", "")))
    except MultibaseError:
        return None
