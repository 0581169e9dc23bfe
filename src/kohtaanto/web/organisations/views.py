"""Choosing the organisation to work in, for users with memberships in several."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaanto.core.errors import NotFound
from kohtaanto.core.services import set_current_organisation


@login_required
@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    try:
        organisation = set_current_organisation(request, request.POST.get("organisation", ""))
    except NotFound:
        raise Http404 from None
    messages.success(request, _("You now work in %(name)s.") % {"name": organisation.name})
    return redirect("home")
