"""The person's own badges (/my/badges/), a participant's or a volunteer's: list, download as
JSON, the share link (an unguessable token, not an id), hide from or show on the link. Only
their own: others get 404 (and people with neither a participant record nor a volunteer
profile have no wallet)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kohtaanto.achievements import selectors, services
from kohtaanto.achievements.enums import CredentialState
from kohtaanto.achievements.models import IssuedCredential
from kohtaanto.core.access import parse_id
from kohtaanto.web.pages import lang


def _own(request: HttpRequest, badge_id: object) -> IssuedCredential:
    badge = selectors.own_badges(request.user).filter(pk=parse_id(badge_id)).first()
    if badge is None:
        raise Http404
    return badge


@never_cache
@login_required
@require_safe
def my_badges(request: HttpRequest) -> HttpResponse:
    if not selectors.has_wallet(request.user):
        raise Http404
    language = lang()
    badges = selectors.own_badges(request.user)
    return render(
        request,
        "achievements/my_badges.html",
        {"badges": [(b, b.version.text("name", language)) for b in badges]},
    )


@never_cache
@login_required
@require_safe
def download(request: HttpRequest, badge_id: int) -> HttpResponse:
    badge = _own(request, badge_id)
    if badge.state != CredentialState.ISSUED or badge.credential is None:
        raise Http404
    response = HttpResponse(
        json.dumps(badge.credential, ensure_ascii=False, indent=2),
        content_type="application/ld+json",
    )
    response["Content-Disposition"] = f'attachment; filename="badge-{badge.pk}.json"'
    return response


@never_cache
@login_required
@require_POST
def hide(request: HttpRequest, badge_id: int) -> HttpResponse:
    badge = _own(request, badge_id)
    hidden = request.POST.get("hidden") == "1"
    services.set_hidden(request.user, badge, hidden)
    messages.success(
        request,
        _("The badge is hidden from its link.")
        if hidden
        else _("The badge shows on its link again."),
    )
    return redirect("achievements:my_badges")


urlpatterns: list[URLPattern] = [
    path("my/badges/", my_badges, name="my_badges"),
    path("my/badges/<int:badge_id>/download/", download, name="my_badge_download"),
    path("my/badges/<int:badge_id>/hide/", hide, name="my_badge_hide"),
]
