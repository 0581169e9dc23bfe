"""Who an API request acts for: the organisation of an integration's token, else the
organisation the logged-in user works in (`CurrentOrganisationMiddleware`)."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from kohtaanto.core.models import Organisation


def acting_organisation(request: Request) -> Organisation | None:
    integration = getattr(request.auth, "integration_organisation", None)
    if integration is not None:
        return integration  # type: ignore[no-any-return]
    organisation: Any = getattr(request._request, "organisation", None)
    return organisation if isinstance(organisation, Organisation) else None
