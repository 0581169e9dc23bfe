"""Security headers (issue 18, point 4). Imported at the end of `settings.py`.

- Content-Security-Policy (django-csp 4, `csp.middleware.CSPMiddleware`): no inline script or
  style anywhere, no `eval`. Every page script and style is a static file of its area
  (`web/<area>/static/<area>/`); htmx is configured by `<meta name="htmx-config">` in
  `base.html` (no injected indicator styles, no `eval`, no script tags in swapped fragments).
  `tests/e2e/test_csp.py` visits the pages in a browser and fails on any violation;
  `web/tests/test_csp.py` fails on any inline script, style or event handler in a page.
  SVG charts (`stats.charts`, `journeys.charts`) use presentation attributes (`fill="…"`),
  which CSP does not govern, never `style="…"`.
- Referrer-Policy `same-origin`: links to other sites get no referrer (a page address can hold
  an id of a participant).
- Permissions-Policy (`kohtaanto.core.headers.PermissionsPolicyMiddleware`): camera,
  microphone, geolocation and the other powerful features are off for every page.
- X-Content-Type-Options `nosniff`.
"""

from __future__ import annotations

from csp.constants import NONE, SELF

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the icons HDS draws as data: URLs in its CSS.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Features a page of this service never needs; "()" = allowed for no origin, not even ours.
# (The "Copy" button of a workplace-mentor link writes to the clipboard: clipboard-write keeps
# its default, this origin only.)
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = dict.fromkeys(
    (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ),
    (),
)
