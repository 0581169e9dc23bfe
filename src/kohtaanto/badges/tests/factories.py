"""Credentials for the tests: a did:key issuer and a did:web issuer (with a rotated key), each
with a signed status list; all dates relative to the current (possibly travelled) clock."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kohtaanto.badges import credentials as c
from kohtaanto.badges import did, proofs
from kohtaanto.badges.keys import SigningKey
from kohtaanto.badges.status_list import StatusList, status_list_credential


def key(name: str) -> SigningKey:
    return SigningKey.from_seed(hashlib.sha256(name.encode()).digest())


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Issuer:
    did: str
    name: str
    key: SigningKey
    method: str
    list_url: str
    documents: dict[str, Any] = field(default_factory=dict)
    """did:web documents by DID."""
    https_documents: dict[str, Any] = field(default_factory=dict)
    """Documents by the URL a verifier fetches them from (for the Node verifier)."""
    status: StatusList = field(default_factory=StatusList)

    def resolver(self) -> did.Resolver:
        return did.resolve_with(self.documents)

    def status_list(self) -> dict[str, Any]:
        unsigned = status_list_credential(
            list_url=self.list_url,
            issuer=self.did,
            status_list=self.status,
            valid_from=now() - timedelta(days=30),
        )
        return proofs.sign(unsigned, self.key, self.method, now() - timedelta(minutes=1))

    def fetch(self, url: str) -> dict[str, Any] | None:
        return self.status_list() if url == self.list_url else None

    def bundle(self, credential: dict[str, Any]) -> dict[str, Any]:
        return {
            "credential": credential,
            "documents": {**self.https_documents, self.list_url: self.status_list()},
            # The verifier's clock is the tests' clock (pytest --clock travels in Python only).
            "now": now().isoformat(),
        }


def did_key_issuer() -> Issuer:
    signing = key("kohtaanto-test-did-key")
    issuer_did = did.did_key(signing.public_key)
    return Issuer(
        issuer_did,
        "Askeleet töihin ry",
        signing,
        did.did_key_method(issuer_did),
        "https://kohtaanto.example/badges/status/3",
    )


def did_web_issuer() -> Issuer:
    old, current = key("kohtaanto-test-web-2024"), key("kohtaanto-test-web-2025")
    issuer_did = did.did_web("hameenmalli.example")
    document = did.did_web_document(
        issuer_did,
        [
            did.PublishedKey("key-2024", old.public_key),
            did.PublishedKey("key-2025", current.public_key),
        ],
    )
    return Issuer(
        issuer_did,
        "Hämeen malli",
        current,
        f"{issuer_did}#key-2025",
        "https://hameenmalli.example/badges/status/1",
        documents={issuer_did: document},
        https_documents={did.did_web_url(issuer_did): document},
    )


ACHIEVEMENT = c.Achievement(
    id="https://kohtaanto.example/achievements/7f1d/v2",
    name="Digitaidot: tiedonhaku",
    description="Osaa hakea tietoa verkosta ja arvioida lähteitä.",
    criteria_narrative="Näytti valmentajalle kolme hakua ja kertoi, miksi lähde on luotettava.",
    achievement_type="Competency",
    image="https://kohtaanto.example/achievements/7f1d/v2/image.png",
    alignments=(
        c.digcomp_alignment("1.1", "Browsing, searching and filtering data", 3),
        c.esco_alignment(
            "http://data.europa.eu/esco/skill/8a6e8a7e-1c7f-4d4c-9a0e-3f2f0a7a1b9c",
            "search for information online",
        ),
    ),
    language="fi",
    version="2",
)


def credential(
    issuer: Issuer,
    *,
    index: int = 42,
    achievement: c.Achievement = ACHIEVEMENT,
    recipient: c.Recipient | None = None,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    start = valid_from or now() - timedelta(days=2)
    unsigned = c.build_credential(
        credential_id=f"urn:uuid:5b4b7c1e-0000-4000-8000-{index:012d}",
        issuer=c.IssuerProfile(issuer.did, issuer.name),
        achievement=achievement,
        recipient=recipient or c.Recipient.by_email("Maija.Meikalainen@example.fi", "5a1t"),
        valid_from=start,
        valid_until=valid_until,
        status=c.StatusEntry(issuer.list_url, index),
    )
    return proofs.sign(unsigned, issuer.key, issuer.method, now() - timedelta(minutes=5))
