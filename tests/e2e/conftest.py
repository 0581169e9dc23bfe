"""Browser tests: Playwright (sync API) with Debian's Chromium against pytest-django's live server.

Skipped cleanly when /usr/bin/chromium or the built vendor assets are missing
(build them with `npm ci && npm run build`). Screenshots go to `artifacts/screenshots/`.

Tests wait on conditions (`expect(...)`, `wait_for_url`, `expect_navigation`,
`wait_for_function`), never for a fixed time, and the timeouts are generous (`TIMEOUT_MS`): a
loaded machine makes them slower, not red. After a click that posts a form to the page's own
URL, wait with `with page.expect_navigation():` — `wait_for_url` would match the old page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips every test then
    expect = None


CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "src" / "kohtaanto" / "web" / "static" / "vendor"
AXE = VENDOR / "axe" / "axe.min.js"
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Generous limits: on a loaded machine (two test runs, a build) a page can take seconds.
TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
})"""


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing"
    for asset in ("hds/hds.min.css", "htmx/htmx.min.js", "axe/axe.min.js"):
        if not (VENDOR / asset).exists():
            return f"vendor asset {asset} is missing: run `npm ci && npm run build`"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which makes Django refuse ORM
    # calls from the test body; they are safe here (set only when browser tests really run).
    # The catalogs (pages are checked in Finnish and Swedish) are compiled by the root conftest.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if expect is not None:
        expect.set_options(timeout=TIMEOUT_MS)  # Playwright's default is 5 s

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) per test, desktop-sized."""
    context = new_context(browser, viewport=DESKTOP, base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    yield page
    context.close()


def new_context(browser: Any, **options: Any) -> Any:
    """`browser.new_context(**options)` with the generous timeouts of these tests."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return context


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture
def check_axe() -> Callable[[Any, str], None]:
    """`check_axe(page, label)` runs axe-core (WCAG 2.1 A/AA) and fails on any violation."""

    def check(page: Any, label: str) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # From the site's own static files, not inline: the Content-Security-Policy
            # (script-src 'self', no 'unsafe-inline') refuses an inline copy.
            page.add_script_tag(url="/static/vendor/axe/axe.min.js")
        result = page.evaluate(AXE_RUN, WCAG_TAGS)
        violations = result["violations"]
        if violations:
            (ARTIFACTS.parent / "axe").mkdir(parents=True, exist_ok=True)
            (ARTIFACTS.parent / "axe" / f"{label}.json").write_text(
                json.dumps(violations, indent=2), encoding="utf-8"
            )
        assert not violations, f"axe found violations on {label}:\n{format_violations(violations)}"

    return check


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def assert_no_horizontal_scroll(page: Any, label: str) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{label}: the page scrolls sideways by {overflow} px"


def assert_styles_loaded(page: Any) -> None:
    """HDS and our CSS really load: the header has our bottom border, buttons HDS colours."""
    border = page.evaluate(
        "() => getComputedStyle(document.querySelector('.site-header')).borderBottomWidth"
    )
    assert border == "4px", "site.css did not load"
    token = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--color-bus').trim()"
    )
    assert token == "#0000bf", "HDS CSS did not load"


def assert_big_targets(page: Any, label: str, minimum: int = 44) -> None:
    """Every link and button on the page is at least `minimum` px high (participant pages)."""
    small = page.evaluate(
        """minimum => [...document.querySelectorAll('header a, header button, main a, main button')]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent.trim(), Math.round(el.getBoundingClientRect().height)])
            .filter(([, height]) => height < minimum)""",
        minimum,
    )
    assert not small, f"{label}: touch targets under {minimum} px: {small}"


def page_checker(check_axe: Callable[[Any, str], None], area: str) -> Callable[..., None]:
    """`check(page, name, participant_page=False)`: axe at desktop and at phone size, no
    sideways scroll on the phone, big touch targets on participant pages, and screenshots in
    `artifacts/<area>/<name>-desktop.png` and `-phone.png`."""
    shots = REPO / "artifacts" / area

    def check(page: Any, name: str, *, participant_page: bool = False) -> None:
        shots.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(DESKTOP)
        check_axe(page, f"{area}-{name}-desktop")
        page.screenshot(path=str(shots / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        check_axe(page, f"{area}-{name}-phone")
        assert_no_horizontal_scroll(page, f"{name} at 360 px")
        if participant_page:
            assert_big_targets(page, name)
        page.screenshot(path=str(shots / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return check
