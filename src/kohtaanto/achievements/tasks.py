"""Background work of Open Badges: signing a queued credential (canonicalisation and the
Ed25519 signature take a few tens of milliseconds; the coach's page does not wait)."""

from __future__ import annotations

from django_tasks import task

from kohtaanto.achievements import services


@task()
def sign_credential(credential_id: int) -> int:
    return services.sign_issued(credential_id).pk
