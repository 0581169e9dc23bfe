"""Public, anonymous pages: the verifier (page and JSON), the did:web document, issuer
profiles, achievement versions, status lists and shared badges.

Nothing here changes state. The verifier's page form carries a CSRF token; the JSON endpoint
is exempt (it reads no session and changes nothing, so a forged request gains nothing). A URL
to verify is accepted only when it is a shared-badge link of this site: nothing is fetched.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.achievements import selectors, services, verification
from kohtaanto.badges.verify import MAX_INPUT_BYTES

JSON_LD = "application/ld+json"


def _json(data: Any, content_type: str = "application/json", **kwargs: Any) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type=content_type, **kwargs
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _input_of(request: HttpRequest) -> tuple[str | bytes | None, str]:
    """What to verify from the form: the pasted text, an uploaded file or a URL of this site."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size and upload.size > MAX_INPUT_BYTES:
            return TOO_BIG, ""
        return upload.read(MAX_INPUT_BYTES + 1), ""
    url = request.POST.get("url", "").strip()
    if url:
        found = verification.credential_from_url(url)
        if found is None:
            return None, _(
                "Only links to badges shared on this service can be checked by address. "
                "Download the badge and upload the file instead."
            )
        return json.dumps(found), ""
    text = request.POST.get("credential", "")
    return (text, "") if text.strip() else (None, _("Paste a badge, upload a file or give a link."))


def _too_big(request: HttpRequest) -> bool:
    """More than a badge can be (1 MB, with room for the form around it): the verdict is
    given without reading the body (which Django would refuse past its own limit)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > MAX_INPUT_BYTES + 64 * 1024


TOO_BIG = b"x" * (MAX_INPUT_BYTES + 1)

CHECKS_PER_MINUTE = 60
"""Badge checks (page and API together) per address and minute. The worst badge takes about
0.3 s of CPU (see kohtaanto.badges.rdfc limits); a person or an employer's system checking
badges one by one never comes near this."""


def _over_limit(request: HttpRequest) -> bool:
    """Count this check; True when the address has used up this minute's checks."""
    minute = int(timezone.now().timestamp() // 60)
    key = f"kohtaanto:badge-checks:{request.META.get('REMOTE_ADDR', '')}:{minute}"
    if cache.add(key, 1, 120):
        return False
    try:
        return int(cache.incr(key)) > CHECKS_PER_MINUTE
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
        return False


def _limit_text() -> str:
    return _(
        "Too many badges checked from your address in a short time. Wait a minute and try again."
    )


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    result = None
    error = ""
    if request.method == "POST" and _over_limit(request):
        context = {"result": None, "error": _limit_text(), "pasted": ""}
        return render(request, "achievements/verify.html", context, status=429)
    if request.method == "POST" and _too_big(request):
        result = verification.explain(verification.verify(TOO_BIG))
    elif request.method == "POST":
        data, error = _input_of(request)
        if data is not None:
            result = verification.explain(verification.verify(data))
    pasted = "" if result is None and error == "" else _pasted(request)
    return render(
        request, "achievements/verify.html", {"result": result, "error": error, "pasted": pasted}
    )


def _pasted(request: HttpRequest) -> str:
    if _too_big(request):
        return ""
    return str(request.POST.get("credential", ""))[:MAX_INPUT_BYTES]


@csrf_exempt
@require_POST
def verify_api(request: HttpRequest) -> HttpResponse:
    """POST the credential as the body (JSON), or {"url": shared-badge link of this site}."""
    if _over_limit(request):
        response = _json({"error": "too_many_requests", "detail": _limit_text()}, status=429)
        response["Retry-After"] = "60"
        return response
    if _too_big(request):
        return _json(verification.explain(verification.verify(TOO_BIG)))
    body = _api_body(request)
    if len(body) > MAX_INPUT_BYTES:
        return _json(verification.explain(verification.verify(TOO_BIG)))
    try:
        parsed = json.loads(body.decode("utf-8-sig") or "null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # deep nesting: a verdict, not a 500
        parsed = None
    if isinstance(parsed, dict) and set(parsed) == {"url"} and isinstance(parsed["url"], str):
        found = verification.credential_from_url(parsed["url"])
        if found is None:
            return _json(
                {
                    "error": "url_not_accepted",
                    "detail": _("Only links to badges shared on this service are accepted."),
                },
                status=400,
            )
        return _json(verification.explain(verification.verify(found)))
    return _json(verification.explain(verification.verify(body)))


def _api_body(request: HttpRequest) -> bytes:
    """The credential sent to the API: the body, or a form's `credential` field (a multipart
    form is parsed from the stream, so its raw body is no longer there to read)."""
    if request.content_type == "multipart/form-data":
        return str(request.POST.get("credential", "")).encode()
    return request.body


@require_safe
@cache_control(public=True, max_age=300)
def did_json(request: HttpRequest) -> HttpResponse:
    document = services.did_document(request.get_host().lower())
    if document is None:
        raise Http404
    return _json(document, "application/did+json")


@require_safe
@cache_control(public=True, max_age=300)
def issuer(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.issuing_organisation(organisation_id)
    if organisation is None:
        raise Http404
    return _json(services.issuer_profile(organisation), JSON_LD)


@require_safe
@cache_control(public=True, max_age=3600)
def achievement(request: HttpRequest, version_id: int) -> HttpResponse:
    version = selectors.public_version(version_id)
    if version is None:
        raise Http404
    return _json(services.achievement_json(version), JSON_LD)


@require_safe
@cache_control(public=True, max_age=60)
def status_list(request: HttpRequest, list_id: int) -> HttpResponse:
    found = selectors.public_status_list(list_id)
    if found is None:
        raise Http404
    return _json(services.published_status_list(found))


@require_safe
def shared(request: HttpRequest, token: str) -> HttpResponse:
    badge = verification.shared_credential(token)
    if badge is None or badge.credential is None:
        raise Http404
    result = verification.explain(verification.verify(badge.credential))
    return render(request, "achievements/shared.html", {"result": result, "token": token})


@require_safe
def shared_json(request: HttpRequest, token: str) -> HttpResponse:
    badge = verification.shared_credential(token)
    if badge is None or badge.credential is None:
        raise Http404
    return _json(badge.credential, JSON_LD)


urlpatterns: list[URLPattern] = [
    path("verify/", verify_page, name="verify"),
    path("verify/api/", verify_api, name="verify_api"),
    path(".well-known/did.json", did_json, name="did_json"),
    path("badges/issuers/<int:organisation_id>/", issuer, name="issuer"),
    path("badges/achievements/<int:version_id>/", achievement, name="achievement"),
    path("badges/status/<int:list_id>/", status_list, name="status_list"),
    path("badges/shared/<str:token>/", shared, name="shared"),
    path("badges/shared/<str:token>/credential.json", shared_json, name="shared_json"),
]
