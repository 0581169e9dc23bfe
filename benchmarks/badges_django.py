"""`kohtaanto bench badges --django`: the product's WHOLE issuing path on the database in
`DATABASE_URL` (a scratch one: it is migrated and synthetic rows are added), or a fresh SQLite
file in a temporary folder when it is unset.

For `--count` participants of a fresh organisation (consent given, a finished course each, the
organisation's course badge), one at a time as a coach would:

- `issue` = `services.issue_badge` (who may, consent, the `IssuedCredential` row, the audit
  event, the task queued on commit), in its own transaction;
- `sign` = the task `tasks.sign_credential` run in this process (`Task.call`): the row locked,
  consent re-checked, the issuer key opened (AES-GCM), the status list row locked and a random
  unused index allocated, the `OpenBadgeCredential` built and signed (`eddsa-rdfc-2022`), the
  row and the list's counter written; `status_index` is the allocation alone, timed inside it;
- baselines in the same run: `library_sign` = `proofs.sign` of the very same unsigned
  credentials with the same key, no database (what the pure library costs); `plain_write` = one
  row of comparable size (a session row holding the signed credential's JSON text) in its own
  transaction, no badge code at all.

Each figure: median and p95 per credential (ms) and throughput (credentials per second of the
phase's total). Ratios: the whole path (issue + sign medians) over each baseline. Queries per
credential are counted once outside the timed loops. The loops are bounded by `--count`.
"""

from __future__ import annotations

import base64
import os
import secrets
import statistics
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import timedelta
from typing import Any

from benchmarks.caseload import setup_database


def _summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    total = sum(seconds)
    return {
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "per_s": round(len(seconds) / total, 1) if total else 0.0,
    }


def _timed(items: list[Any], job: Callable[[Any], object]) -> list[float]:
    seconds = []
    for item in items:
        start = time.perf_counter()
        job(item)
        seconds.append(time.perf_counter() - start)
    return seconds


def _world(count: int, seed: int) -> tuple[Any, Any, Any, list[Any]]:
    """A fresh organisation with a coach, the course badge, and `count` consenting
    participants in the coach's caseload, each with a finished course."""
    from django.utils import timezone

    from kohtaanto.achievements import services
    from kohtaanto.achievements.enums import AchievementKind
    from kohtaanto.achievements.models import CourseCompletion
    from kohtaanto.core.enums import Role
    from kohtaanto.core.models import Membership, Organisation, User
    from kohtaanto.opportunities.models import Course
    from kohtaanto.people.consent import give_consent
    from kohtaanto.people.enums import ConsentPurpose
    from kohtaanto.people.models import Participant

    tag = f"{seed}-{secrets.token_hex(4)}"
    organisation = Organisation.objects.create(name=f"Penkkitesti ry {tag}")
    coach = User.objects.create_user(username=f"bench-coach-{tag}", first_name="Valmentaja")
    coordinator = User.objects.create_user(username=f"bench-coordinator-{tag}")
    Membership.objects.create(user=coach, organisation=organisation, role=Role.COACH)
    Membership.objects.create(user=coordinator, organisation=organisation, role=Role.COORDINATOR)
    badge = services.create_achievement(
        coordinator,
        organisation,
        AchievementKind.COURSE,
        name_fi="Kurssi suoritettu: Asiakaspalvelun perusteet",
        name_sv="Kurs avklarad: Grunderna i kundservice",
        name_en="Course completed: Customer service basics",
        description_fi="Suoritti Asiakaspalvelun perusteet -kurssin (20 tuntia).",
        criteria_fi="Kurssi suoritettu hyväksytysti; valmentaja merkitsi sen suoritetuksi.",
        esco_skills=[
            {
                "uri": "http://data.europa.eu/esco/skill/8b5c6c7c-0f1a-4a3c-9f1c-customer",
                "label": "asiakaspalvelu",
            }
        ],
    )
    course = Course.objects.create(organisation=organisation, title="Asiakaspalvelun perusteet")
    people = Participant.objects.bulk_create(
        Participant(
            organisation=organisation,
            first_name=f"Osallistuja{i}",
            last_name="Penkki",
            email=f"osallistuja{i}.{tag}@example.fi",
            preferred_language=("fi", "sv", "en")[i % 3],
        )
        for i in range(count)
    )
    Participant.coaches.through.objects.bulk_create(
        Participant.coaches.through(participant_id=p.pk, user_id=coach.pk) for p in people
    )
    for person in people:
        give_consent(person, ConsentPurpose.SERVICE_PROCESSING, by=coach)
    today = timezone.localdate()
    completions = CourseCompletion.objects.bulk_create(
        CourseCompletion(participant=p, course=course, completed_on=today - timedelta(days=i % 30))
        for i, p in enumerate(people)
    )
    version = badge.current_version
    return coach, version, organisation, list(zip(people, completions, strict=True))


def run(count: int, seed: int) -> dict[str, Any]:
    with ExitStack() as stack:
        if not os.environ.get("KOHTAANTO_BADGE_KEK"):
            # A KEK for this process only (the bench never reads keys sealed by another run).
            os.environ["KOHTAANTO_BADGE_KEK"] = base64.b64encode(secrets.token_bytes(32)).decode()
        vendor = setup_database(stack)
        return _measure(count, seed, vendor)


def _measure(count: int, seed: int, vendor: str) -> dict[str, Any]:
    import json

    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kohtaanto.achievements import keys, services, tasks
    from kohtaanto.achievements.models import IssuedCredential
    from kohtaanto.badges import proofs

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    coach, version, organisation, rows = _world(count + 2, seed)
    (first, second), rows = rows[:2], rows[2:]

    def issue(row: Any) -> Any:
        participant, completion = row
        with transaction.atomic():
            return services.issue_badge(
                coach,
                participant,
                version,
                services.evidence_from_course(participant, completion.pk),
            )

    # Two credentials outside the timed loops: the first creates the organisation's key and
    # status list and warms the caches; the second's statements are counted.
    tasks.sign_credential.call(issue(first).pk)
    with CaptureQueriesContext(connection) as issue_queries:
        counted = issue(second)
    with CaptureQueriesContext(connection) as sign_queries:
        tasks.sign_credential.call(counted.pk)

    issued: list[Any] = []
    issue_s = _timed(rows, lambda row: issued.append(issue(row)))

    index_s: list[float] = []
    allocate = services._allocate_index

    def timed_allocate(status_list: Any) -> int:
        start = time.perf_counter()
        try:
            return allocate(status_list)
        finally:
            index_s.append(time.perf_counter() - start)

    services._allocate_index = timed_allocate
    try:
        sign_s = _timed(issued, lambda credential: tasks.sign_credential.call(credential.pk))
    finally:
        services._allocate_index = allocate

    signed: list[dict[str, Any]] = []
    for credential in IssuedCredential.objects.filter(pk__in=[c.pk for c in issued]).values_list(
        "credential", flat=True
    ):
        assert credential is not None, "a credential was not signed"
        signed.append(credential)
    key = keys.signing_key_of(keys.current_key(organisation))
    unsigned = []
    for credential in signed:
        body = {k: v for k, v in credential.items() if k != "proof"}
        proof = credential["proof"][0]
        unsigned.append((body, proof["verificationMethod"]))
    created = timezone.now()
    library_s = _timed(unsigned, lambda item: proofs.sign(item[0], key, item[1], created))

    texts = [json.dumps(s) for s in signed]
    expiry = timezone.now() + timedelta(days=1)

    def plain_write(text: str) -> None:
        with transaction.atomic():
            Session.objects.create(
                session_key=secrets.token_hex(16), session_data=text, expire_date=expiry
            )

    plain_s = _timed(texts, plain_write)
    Session.objects.filter(expire_date=expiry).delete()

    issue_sum = _summary(issue_s)
    sign_sum = _summary(sign_s)
    library_sum = _summary(library_s)
    plain_sum = _summary(plain_s)
    whole_ms = issue_sum["median_ms"] + sign_sum["median_ms"]
    sample = texts[: min(20, len(texts))]
    verified = sum(1 for text in sample if _verifies(text))
    return {
        "benchmark": "badges-django",
        "database": vendor,
        "credentials": count,
        "seed": seed,
        "mean_credential_bytes": round(statistics.mean(len(t.encode()) for t in texts)),
        "issue_badge": issue_sum,
        "sign_task": sign_sum,
        "status_index": _summary(index_s),
        "whole_path_median_ms": round(whole_ms, 3),
        "whole_path_per_s": round(1 / (sum(issue_s + sign_s) / count), 1),
        "baseline_library_sign": library_sum,
        "baseline_plain_write": plain_sum,
        "ratio_whole_to_library_sign": round(whole_ms / library_sum["median_ms"], 2),
        "ratio_whole_to_plain_write": round(whole_ms / plain_sum["median_ms"], 1),
        "queries_per_issue": _kinds(issue_queries.captured_queries),
        "queries_per_sign": _kinds(sign_queries.captured_queries),
        "verified_sample": f"{verified}/{len(sample)}",
    }


def _verifies(text: str) -> bool:
    from kohtaanto.achievements import verification

    return bool(verification.verify(text).verified)


def _kinds(queries: list[dict[str, Any]]) -> dict[str, int]:
    """How many statements of each kind one credential's step sent (writes = rows written)."""
    counts = {"total": len(queries), "select": 0, "insert": 0, "update": 0, "other": 0}
    for query in queries:
        word = str(query["sql"]).lstrip().split(" ", 1)[0].lower()
        counts[word if word in counts else "other"] += 1
    return counts
