"""Guards of docs/architecture.md: code that lands in the wrong place fails here.

Import direction between layers is checked by import-linter (`make lint`); these tests check
what import-linter cannot: where pages live, that pages read through selectors and access
helpers, and that each shared helper is written once.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kohtaanto"
DOMAIN_APPS = (
    "core",
    "people",
    "vocabularies",
    "reference",
    "profiles",
    "journeys",
    "opportunities",
    "matches",
)
PAGE_PARTS = ("views.py", "views", "urls.py", "forms.py", "static", "presenters.py")
# Django machinery that only a page needs.
PAGE_IMPORTS = ("django.shortcuts", "django.views", "django.contrib.auth.decorators")


def _sources(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(PACKAGE).parts)
        if parts & {"tests", "migrations"}:
            continue
        yield path


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_hold_no_pages(app: str) -> None:
    """Views, forms, URLs, page templates and page scripts live under web/<area>/."""
    root = PACKAGE / app
    misplaced = [part for part in PAGE_PARTS if (root / part).exists()]
    assert not misplaced, f"{app} has page parts {misplaced}; move them to web/{app}/"
    for path in _sources(root):
        page_imports = {m for m in _imported_modules(path) if m.startswith(PAGE_IMPORTS)}
        assert not page_imports, f"{path.relative_to(PACKAGE)} imports {page_imports}"


def test_domain_templates_are_documents_not_pages() -> None:
    """Only documents (the participant's data export) are rendered by a domain app."""
    templates = sorted(
        str(p.relative_to(PACKAGE))
        for app in DOMAIN_APPS
        for p in (PACKAGE / app).glob("templates/**/*.html")
    )
    assert templates == ["journeys/templates/journeys/export.html"]


def _protected_models() -> set[str]:
    """Models of the domain apps (everything but Django's own and third-party ones)."""
    return {
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in {"core", "people", "profiles", "journeys"}
        or model._meta.app_label in {"opportunities", "matches", "vocabularies"}
    }


def test_faces_never_query_protected_models_directly() -> None:
    """Pages and API views load protected objects through access helpers and read through
    selectors."""
    models = _protected_models() | {"User"}
    pattern = re.compile(r"\b(" + "|".join(sorted(models)) + r")\.(objects|_default_manager)\b")
    offenders = []
    for path in [*_sources(PACKAGE / "web"), *_sources(PACKAGE / "api" / "views")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) or "._default_manager" in line:
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


@functools.cache
def _function_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each source file with the names of the functions it defines, parsed once per run."""
    return tuple(
        (
            str(path.relative_to(PACKAGE)),
            tuple(
                node.name
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            ),
        )
        for path in _sources(PACKAGE)
    )


def _definitions(name: str) -> list[str]:
    return [path for path, names in _function_names() for found in names if found == name]


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("lang", "web/pages.py"),
        ("is_htmx", "web/pages.py"),
        ("add_service_errors", "web/pages.py"),
        ("user_roles", "web/pages.py"),
        ("require_staff", "web/pages.py"),
        ("role_required", "web/pages.py"),
        ("get_visible_or_404", "core/access.py"),
        ("visible_or_none", "core/access.py"),
        ("id_or_none", "core/access.py"),
        ("is_user", "core/access.py"),
        ("participants_visible_to", "people/access.py"),
        ("access_participant", "people/access.py"),
        ("participant_object", "people/access.py"),
        ("require_writer", "people/access.py"),
        ("may_see_restricted", "people/access.py"),
        ("opportunities_visible_to", "opportunities/access.py"),
    ],
)
def test_each_helper_is_written_once(name: str, home: str) -> None:
    assert _definitions(name) == [home]


def test_only_access_modules_parse_object_ids() -> None:
    """ "Load an object by id among what this user may see" is `core.access.get_visible_or_404`;
    services and pages do not parse ids and filter by visibility themselves."""
    offenders = []
    for path in _sources(PACKAGE):
        text = path.read_text(encoding="utf-8")
        if "int(str(" in text and "__in=participants_visible_to" in text:
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
