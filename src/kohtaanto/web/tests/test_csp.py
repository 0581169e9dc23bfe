"""A Content-Security-Policy without 'unsafe-inline' holds only if no page carries inline code
(issue 18, point 4). Without a browser (the browser check is `tests/e2e/test_csp.py`):

- the policy and the other security headers are what `config/security.py` promises;
- no template has an inline <script>, a <style> element, a style="…" attribute, an on…="…"
  handler, a javascript: URL or an htmx hx-on attribute;
- pages rendered for every persona, found by following the links from each one's home page
  (one page per URL shape), hold none of them either: this covers HTML written in Python too
  (format_html, the SVG charts of the insights pages).
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from tests.factories import Personas

from kohtaanto.web.insights.tests.test_pages import _query, make_people
from kohtaanto.web.tests.journeys_support import make_journey

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]
# The participant's "my data" download is a self-contained file opened from the disk (no site,
# no policy): its styles must travel inside it. It is served only as an attachment.
SELF_CONTAINED = {PACKAGE / "journeys" / "templates" / "journeys" / "export.html"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict policy refuses: inline scripts and styles, style attributes,
    event-handler attributes, javascript: URLs, htmx's hx-on and js: values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "style":
            self.found.append("<style> element")
        if (
            tag == "script"
            and "src" not in values
            and "nonce" not in values
            and (values.get("type") or "").lower() not in DATA_SCRIPT_TYPES
        ):
            self._script = self.get_starttag_text() or "<script>"
            self._script_text = []
        for name, value in attrs:
            value = (value or "").strip()
            if name == "style":
                self.found.append(f'style="{value}" on <{tag}>')
            elif name.startswith("on"):
                self.found.append(f"{name}= handler on <{tag}>")
            elif name.startswith("hx-on") or name.startswith("data-hx-on"):
                self.found.append(f"{name} (htmx inline script) on <{tag}>")
            elif name in {"hx-vals", "hx-headers", "hx-vars"} and value.startswith(
                ("js:", "javascript:")
            ):
                self.found.append(f"{name}=js: (htmx eval) on <{tag}>")
            elif value.lower().replace(" ", "").startswith("javascript:"):
                self.found.append(f"javascript: URL in {name} on <{tag}>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.found.append(f"inline {self._script} {''.join(self._script_text).strip()[:60]!r}")
            self._script = None


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_checker_finds_each_kind() -> None:
    found = inline_code(
        '<script>alert(1)</script><script src="/s.js"></script>'
        '<script type="application/json">{"a": 1}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href=" javascript:void(0)">a</a>'
        "<div hx-on:click=\"x()\" hx-vals='js:{a: 1}'></div>"
    )
    assert len(found) == 7, found
    assert (
        inline_code('<p class="x"><a href="/a">b</a></p><svg><text fill="#000">1</text></svg>')
        == []
    )


# --- the policy -----------------------------------------------------------------------------


def test_the_policy_allows_no_inline_code_and_no_eval() -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for name, sources in directives.items():
        for source in sources:
            assert "unsafe" not in str(source), f"{name} allows {source}"
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "CONTENT_SECURITY_POLICY_REPORT_ONLY" not in dir(settings) or not (
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
    )


def test_every_page_sends_the_security_headers(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    for client, url in ((Client(), "/login/"), (client_for(personas.coach), "/caseload/")):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        for directive in (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ):
            assert directive in policy, (url, directive)
        features = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in features
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
    # An error page too (404 from the access helpers).
    missing = client_for(personas.coach).get("/participants/999999999/")
    assert missing.status_code == 404 and "Content-Security-Policy" in missing


# --- templates ------------------------------------------------------------------------------

TEMPLATE_PATTERNS = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"""\sstyle\s*=\s*["'{]""", re.I),
    "event handler": re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "hx-on": re.compile(r"\bhx-on", re.I),
}


def test_no_template_has_inline_code() -> None:
    templates = [
        path
        for path in PACKAGE.rglob("*.html")
        if "templates" in path.parts and path not in SELF_CONTAINED
    ]
    assert len(templates) > 200
    problems = [
        f"{path.relative_to(PACKAGE)}:{text[: match.start()].count(chr(10)) + 1}: {kind}"
        for path in templates
        for text in [path.read_text(encoding="utf-8")]
        for kind, pattern in TEMPLATE_PATTERNS.items()
        for match in pattern.finditer(text)
    ]
    assert not problems, "\n".join(problems)


def test_the_self_contained_export_is_only_a_download(
    personas: Personas, participant_client: Client
) -> None:
    response = participant_client.get("/my/data/html/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    # The page on the site shows the same data without the file's own styles.
    page = participant_client.get("/my/data/")
    assert page.status_code == 200 and inline_code(page.content.decode()) == []


# --- rendered pages -------------------------------------------------------------------------

NOT_PAGES = re.compile(
    r"^/(logout|i18n|admin|api|static|media)/"
    r"|/(download|export)/|\.(json|csv|docx|pdf|txt|md|xml|png|svg)$"
    r"|/(json|csv|docx|pdf|txt|md|html|xml)/$"
)
PAGES_PER_PERSONA = 60
HREF = re.compile(r'\shref="(/[^"#]*)')


def shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(keys) if keys else "")


def crawl(client: Client, starts: list[str]) -> tuple[list[str], list[str]]:
    """Follow same-site links breadth first, one page per URL shape; returns the pages read
    and the inline code found (with the page it was on)."""
    # A page that fails (500) is another test's business; here it is only not read.
    client.raise_request_exception = False
    queue, shapes, read, problems = deque(starts), set(), [], []
    while queue and len(read) < PAGES_PER_PERSONA:
        url = queue.popleft().replace("&amp;", "&")
        if NOT_PAGES.search(urlsplit(url).path) or "lang=" in url or shape(url) in shapes:
            continue
        shapes.add(shape(url))
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        if response.get("Content-Disposition", "").startswith("attachment"):
            continue
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        html = response.content.decode()
        read.append(url)
        problems += [f"{url}: {found}" for found in inline_code(html)]
        queue.extend(HREF.findall(html))
    return read, problems


def test_pages_of_every_persona_have_no_inline_code(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    journey = make_journey(personas)
    make_people(personas)
    pid = personas.participant.pk
    insights = "&".join(f"{key}={value}" for key, value in _query().items())
    starts = {
        None: ["/login/", "/password/reset/", "/verify/"],
        personas.coach: [
            "/",
            "/caseload/",
            f"/participants/{pid}/",
            f"/participants/{pid}/story/",
            f"/participants/{pid}/profile/",
            f"/participants/{pid}/plan/",
            f"/participants/{pid}/documents/cv/{journey.draft.pk}/",
        ],
        personas.coordinator: ["/", f"/insights/?{insights}", f"/insights/esf/?{insights}"],
        personas.participant_user: ["/", "/my/path/", "/my/data/"],
        personas.mentor: ["/"],
        personas.employer_contact: ["/"],
        personas.workplace_mentor: ["/"],
        personas.analyst: ["/", f"/insights/?{insights}"],
    }
    every_problem, pages = [], 0
    for user, urls in starts.items():
        read, problems = crawl(client_for(user), urls)
        assert len(read) >= len(urls) - 1, (user, read)
        pages += len(read)
        every_problem += problems
    assert pages > 100
    assert not every_problem, "\n".join(every_problem)
