"""`kohtaanto bench badges`: issuing and verifying Open Badges 3.0 credentials (issue 17).

Issuing = `proofs.sign` of a built `OpenBadgeCredential`: RDFC-1.0 canonicalisation of the
proof configuration and of the credential (pyld's JSON-LD → RDF, then `kohtaanto.badges.rdfc`),
two SHA-256 and one Ed25519 signature. The baseline in the same run is the Ed25519 signature
of the same credential and proof configuration serialised as compact sorted JSON, without any
canonicalisation — what signing costs by itself. Verification = `verify_credential` of the
signed JSON text as the public page would call it (parse, classify, resolve the did:key,
verify the proof, dates, and the status list entry — which verifies the status list
credential's own proof too, as nothing is cached here), and the proof check alone. Each figure
is the median of `--repeat` runs over `--count` different credentials (names, descriptions,
recipients, alignments vary), in one process pinned to one core where the OS allows it.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from kohtaanto.badges import credentials as c
from kohtaanto.badges import did, proofs
from kohtaanto.badges.keys import SigningKey
from kohtaanto.badges.status_list import StatusList, status_list_credential
from kohtaanto.badges.verify import verify_credential

LIST_URL = "https://kohtaanto.example/badges/status/1"
COMPETENCES = [
    ("1.1", "Browsing, searching and filtering data, information and digital content"),
    ("2.1", "Interacting through digital technologies"),
    ("3.1", "Developing digital content"),
    ("4.2", "Protecting personal data and privacy"),
    ("5.2", "Identifying needs and technological responses"),
]
WORDS = [
    "tiedonhaku",
    "sähköposti",
    "verkkopankki",
    "tietoturva",
    "asiakaspalvelu",
    "varasto",
    "kassa",
]


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"cpu {cpu}"
    return "not pinned (no sched_setaffinity)"


def unsigned_credentials(count: int, issuer: str, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    out = []
    for i in range(count):
        code, name = rng.choice(COMPETENCES)
        words = " ".join(rng.choices(WORDS, k=rng.randint(3, 12)))
        achievement = c.Achievement(
            id=f"https://kohtaanto.example/achievements/{i % 50}/v1",
            name=f"Digitaidot {code}: {words[:40]}",
            description=f"Osaa {words}.",
            criteria_narrative=f"Näytti valmentajalle: {words}.",
            achievement_type=rng.choice(["Badge", "Competency", "Course"]),
            image=f"https://kohtaanto.example/achievements/{i % 50}/image.png",
            alignments=(
                c.digcomp_alignment(code, name, rng.randint(1, 8)),
                c.esco_alignment(f"http://data.europa.eu/esco/skill/{i:08d}", words[:30]),
            ),
        )
        out.append(
            c.build_credential(
                credential_id=f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
                issuer=c.IssuerProfile(issuer, "Askeleet töihin ry"),
                achievement=achievement,
                recipient=c.Recipient.by_email(f"person{i}@example.fi", salt=f"{i:032x}"),
                valid_from=now - timedelta(days=1),
                status=c.StatusEntry(LIST_URL, rng.randrange(131_072)),
            )
        )
    return out


def _median_rate(count: int, job: Callable[[], object], repeat: int) -> tuple[float, float]:
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    return round(count / median, 1), round(median, 4)


def run(count: int, repeat: int, seed: int, one_core: bool = True) -> dict[str, Any]:
    pinned = pin_one_core() if one_core else "not pinned (--no-one-core)"
    key = SigningKey.from_seed(hashlib.sha256(b"bench").digest())
    issuer = did.did_key(key.public_key)
    method = did.did_key_method(issuer)
    created = datetime.now(UTC)
    documents = unsigned_credentials(count, issuer, seed)
    signed: list[dict[str, Any]] = []

    def issue() -> None:
        signed[:] = [proofs.sign(d, key, method, created) for d in documents]

    configs = [
        {"@context": d["@context"], **proofs.proof_configuration(d, method, created, "x")}
        for d in documents
    ]
    raw = [
        json.dumps([cfg, d], sort_keys=True, separators=(",", ":")).encode()
        for cfg, d in zip(configs, documents, strict=True)
    ]

    def baseline() -> None:
        for data in raw:
            key.sign(data)

    issue_rate, issue_s = _median_rate(count, issue, repeat)
    base_rate, base_s = _median_rate(count, baseline, repeat)
    status_list = proofs.sign(
        status_list_credential(
            list_url=LIST_URL, issuer=issuer, status_list=StatusList(), valid_from=created
        ),
        key,
        method,
        created,
    )
    resolver = did.resolve_with({})
    texts = [json.dumps(s) for s in signed]
    now = datetime.now(UTC)
    results: list[bool] = []

    def verify_all() -> None:
        results[:] = [
            verify_credential(
                t, resolver=resolver, now=now, fetch_status_list=lambda url: status_list
            ).verified
            for t in texts
        ]

    def verify_proofs() -> None:
        for s in signed:
            proofs.verify(s, resolver)

    verify_rate, verify_s = _median_rate(count, verify_all, repeat)
    proof_rate, proof_s = _median_rate(count, verify_proofs, repeat)
    return {
        "benchmark": "badges",
        "credentials": count,
        "repeat": repeat,
        "seed": seed,
        "one_core": pinned,
        "python": platform.python_version(),
        "mean_credential_bytes": round(statistics.mean(len(t.encode()) for t in texts)),
        "issue_eddsa_rdfc_2022": {"per_s": issue_rate, "median_s": issue_s},
        "baseline_ed25519_json_no_canonicalisation": {"per_s": base_rate, "median_s": base_s},
        "issue_cost_vs_baseline": round(base_rate / issue_rate, 1) if issue_rate else None,
        "verify_full": {"per_s": verify_rate, "median_s": verify_s},
        "verify_proof_only": {"per_s": proof_rate, "median_s": proof_s},
        "all_verified": len(results) == count and all(results),
    }


@click.command("badges")
@click.option("--count", default=1_000, show_default=True, type=click.IntRange(1))
@click.option("--repeat", default=3, show_default=True, type=click.IntRange(1))
@click.option("--seed", default=17, show_default=True, type=int)
@click.option(
    "--one-core/--no-one-core", default=True, help="Pin the process to one CPU (default)."
)
@click.option(
    "--django",
    "whole_path",
    is_flag=True,
    help="The product's whole issuing path (issue_badge, the sign task, the status-list index, "
    "the rows) on the database in DATABASE_URL (else a temporary SQLite file), against the "
    "library's signing and plain writes in the same run (benchmarks/badges_django.py). "
    "--count is the number of badges (default 1,000; at most 5,000); --repeat is not used.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    count: int, repeat: int, seed: int, one_core: bool, whole_path: bool, as_json: bool
) -> None:
    """Issuing and verifying Open Badges 3.0 credentials vs bare Ed25519 signing; with
    --django, the product's whole issuing path against library signing and plain writes."""
    if whole_path:
        if count > 5_000:
            raise click.BadParameter("at most 5,000 with --django", param_hint="--count")
        from benchmarks import badges_django

        if one_core:
            pin_one_core()
        report = badges_django.run(count, seed)
    else:
        report = run(count, repeat, seed, one_core)
    if as_json:
        click.echo(json.dumps(report))
        return
    for key, value in report.items():
        click.echo(f"{key}: {value}")
