"""Web tests need the compiled catalogs (.mo files are git-ignored): compile stale ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kohtaanto.web.tests.catalogs import compile_catalogs


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> Iterator[None]:
    compile_catalogs()
    yield
