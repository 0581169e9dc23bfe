"""`/api/docs/` renders the API reference in a browser from our own static files: no request
leaves the site, and the page's Content-Security-Policy is not violated."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_offline(page: Any, live_server: Any) -> None:
    own = urlparse(live_server.url).netloc
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlparse(request.url).netloc not in (own, "")
            and not request.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    page.goto("/api/docs/")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", name="Kohtaanto API", level=1)).to_be_visible()
    expect(page.get_by_text("/api/v1/participants/").first).to_be_attached()
    assert foreign == []
    assert problems == []
