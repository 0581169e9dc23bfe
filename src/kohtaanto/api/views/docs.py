"""`/api/docs/`: the API reference (Redoc), served from our own static files — it works
offline and no CDN learns who reads it (`scripts/build-assets.mjs` copies Redoc's standalone
bundle from npm into `web/static/vendor/redoc/`).

Redoc draws its styles at run time (styled-components, `<style>` elements), so this page alone
allows inline styles in its Content-Security-Policy; scripts stay same-origin only. The page
and `/api/schema/` are public: they describe the interface, never data, and the same document
is published in the source repository (decision 013).
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
@csp_update({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})
def api_docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema_url": reverse("api-schema")})
