"""Background work of Open Badges: signing a queued credential (canonicalisation and the
Ed25519 signature take a few tens of milliseconds; the coach's page does not wait). A failed
signing (no KEK configured, say) marks the badge "not issued" and the task fails with the
error's class only in the log (no personal data, no key material)."""

from __future__ import annotations

import logging

from django_tasks import task

from kohtaanto.achievements import services
from kohtaanto.achievements.enums import CredentialState, FailureReason
from kohtaanto.achievements.models import IssuedCredential

logger = logging.getLogger(__name__)


@task()
def sign_credential(credential_id: int) -> int:
    try:
        return services.sign_issued(credential_id).pk
    except Exception as error:
        IssuedCredential.objects.filter(pk=credential_id, state=CredentialState.QUEUED).update(
            state=CredentialState.FAILED, failure_reason=FailureReason.SIGNING_ERROR
        )
        logger.warning("badge %s not signed: %s", credential_id, type(error).__name__)
        raise
