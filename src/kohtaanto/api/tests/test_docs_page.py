"""`/api/docs/` works offline: Redoc comes from our own static files (no CDN), and the page
and the OpenAPI document are public (decision 013)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values.get("src"))
        elif tag == "link" and values.get("href"):
            self.links.append(str(values["href"]))


def test_docs_page_references_only_same_origin_scripts(client) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    refs = _Refs()
    refs.feed(response.content.decode())
    assert refs.scripts == ["/static/vendor/redoc/redoc.standalone.js"]  # no inline script
    assert refs.links and all(
        link.startswith("/") and not link.startswith("//") for link in refs.links
    )
    assert "cdn" not in response.content.decode().lower()
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'"]


def test_redoc_bundle_is_a_static_file() -> None:
    found = finders.find("vendor/redoc/redoc.standalone.js")
    assert found, "run `make assets` (npm ci && npm run build)"


def test_schema_and_docs_are_public(client) -> None:
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert "/api/v1/participants/" in schema.json()["paths"]
