"""The committed OpenAPI document is the one the code generates (it cannot drift)."""

from __future__ import annotations

from kohtaanto.api import openapi


def test_committed_openapi_document_matches_the_code() -> None:
    difference = openapi.difference()
    assert not difference, difference[:6000]


def test_difference_names_the_regeneration_command(monkeypatch, tmp_path) -> None:
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.0.3\n", encoding="utf-8")
    monkeypatch.setattr(openapi, "COMMITTED", stale)
    difference = openapi.difference()
    assert "make schema" in difference
    assert "+++ generated from the code" in difference
