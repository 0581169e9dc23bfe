"""Choose the language of each request, without language prefixes in URLs.

Order (the first supported one wins):
1. ``?lang=xx`` in the query string (an explicit choice; also remembered in the language cookie),
2. the language cookie (set by the language switcher through Django's ``set_language``),
3. the logged-in user's ``preferred_language``,
4. the browser's ``Accept-Language``,
5. Finnish.

An unknown or unsupported code anywhere is ignored, so the chain ends in Finnish.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation.trans_real import parse_accept_lang_header

QUERY_PARAMETER = "lang"
DEFAULT_LANGUAGE = "fi"


def supported_language(code: str | None) -> str | None:
    """Return the supported language for ``code`` ("sv-FI" → "sv"), or None."""
    if not code or len(code) > 16:
        return None
    supported = {language for language, _name in settings.LANGUAGES}
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in supported else None


def language_from_accept_header(header: str) -> str | None:
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        language = supported_language(code)
        if language:
            return language
    return None


class LanguageMiddleware(MiddlewareMixin):
    """Like Django's LocaleMiddleware, with user preference and a Finnish fallback."""

    def process_request(self, request: HttpRequest) -> None:
        explicit = supported_language(request.GET.get(QUERY_PARAMETER))
        request.language_from_query = explicit  # type: ignore[attr-defined]
        if not explicit:
            explicit = supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        request.language_is_explicit = bool(explicit)  # type: ignore[attr-defined]
        language = (
            explicit
            or language_from_accept_header(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
            or DEFAULT_LANGUAGE
        )
        self._activate(request, language)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        # The user is known only after AuthenticationMiddleware, which runs after us.
        if getattr(request, "language_is_explicit", False):
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return
        preferred = supported_language(getattr(user, "preferred_language", "") or "")
        if preferred:
            self._activate(request, preferred)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        language = translation.get_language() or DEFAULT_LANGUAGE
        chosen = getattr(request, "language_from_query", None)
        if chosen and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
            )
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response

    @staticmethod
    def _activate(request: HttpRequest, language: str) -> None:
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
