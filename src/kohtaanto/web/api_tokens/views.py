"""The coordinator's page for the organisation's integration credentials: make an API token
or an OAuth 2.0 client (its secret is shown once, on the answer to the form, never stored),
list them, revoke them. Writes go through `kohtaanto.integrations.services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kohtaanto.core.access import get_visible_or_404
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.integrations import services
from kohtaanto.integrations.models import ApiToken, OAuthClient
from kohtaanto.web.api_tokens.forms import CredentialForm
from kohtaanto.web.pages import role_required


def _page(request: HttpRequest, form: CredentialForm, created: Any = None) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    context = {
        "organisation": organisation,
        "form": form,
        "created": created,
        "tokens": ApiToken.objects.filter(organisation=organisation),
        "clients": OAuthClient.objects.filter(organisation=organisation).select_related(
            "application"
        ),
    }
    response = render(request, "api_tokens/credentials.html", context)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@role_required(Role.COORDINATOR)
@require_safe
def credentials(request: HttpRequest) -> HttpResponse:
    return _page(request, CredentialForm())


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def create_credential(request: HttpRequest) -> HttpResponse:
    form = CredentialForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    data = form.cleaned_data
    organisation = request.organisation  # type: ignore[attr-defined]
    common = {
        "name": data["name"],
        "scopes": data["scopes"],
        "role": data["role"],
        "by": request.user,
    }
    try:
        if data["kind"] == "oauth":
            created: Any = services.create_oauth_client(organisation, **common)
        else:
            created = services.create_token(organisation, days=data["days"], **common)
    except ValidationFailed as exc:
        for field, errors in exc.errors.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, form)
    return _page(request, CredentialForm(), created=created)


@role_required(Role.COORDINATOR)
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    token = get_visible_or_404(ApiToken.objects.filter(organisation=organisation), token_id)
    services.revoke(token, by=request.user)
    messages.success(request, _("The token %(prefix)s no longer works.") % {"prefix": token.prefix})
    return redirect("api_credentials")


@role_required(Role.COORDINATOR)
@require_POST
def revoke_client(request: HttpRequest, client_id: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    client = get_visible_or_404(OAuthClient.objects.filter(organisation=organisation), client_id)
    services.revoke(client, by=request.user)
    messages.success(request, _("The client %(name)s no longer works.") % {"name": client.name})
    return redirect("api_credentials")
