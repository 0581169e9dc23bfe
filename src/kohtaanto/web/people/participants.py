"""The participant record page for coaches and coordinators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.core.enums import Role
from kohtaanto.people.access import access_participant
from kohtaanto.people.selectors import current_consents
from kohtaanto.web.pages import user_roles

STAFF_ROLES = frozenset({Role.COACH.value, Role.COORDINATOR.value})


@never_cache
@login_required
@require_safe
def participant_detail(request: HttpRequest, participant_id: int) -> HttpResponse:
    # Staff page only; participants see their own data on the home and consent pages.
    if not STAFF_ROLES & user_roles(request):
        raise Http404
    participant = access_participant(request.user, participant_id)  # 404 + audit "view"
    context = {
        "participant": participant,
        "coaches": participant.coaches.order_by("last_name", "first_name", "username"),
        "consents": list(current_consents(participant).values()),
    }
    return render(request, "people/participant_detail.html", context)
