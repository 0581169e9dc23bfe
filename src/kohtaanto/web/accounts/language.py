"""The language switcher: Django's `set_language`, plus the user's saved preference."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from kohtaanto.core.services import set_preferred_language
from kohtaanto.web.middleware import supported_language


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Set the language cookie and, for a logged-in user, remember the choice on their account
    so that it follows them to another device."""
    response = django_set_language(request)
    language = supported_language(request.POST.get("language"))
    if language and request.user.is_authenticated:
        set_preferred_language(request.user, language)
    return response
