"""The committed OpenAPI document is the one the code generates (it cannot drift), and the
command line regenerates it and manages credentials."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.factories import Personas

from kohtaanto.api import openapi
from kohtaanto.api.models import ApiToken, OAuthClient
from kohtaanto.cli.api import api


def test_committed_openapi_document_matches_the_code() -> None:
    difference = openapi.difference()
    assert not difference, difference[:6000]


def test_difference_names_the_regeneration_command(monkeypatch, tmp_path) -> None:
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.0.3\n", encoding="utf-8")
    monkeypatch.setattr(openapi, "COMMITTED", stale)
    difference = openapi.difference()
    assert "kohtaanto api schema --write" in difference
    assert "+++ generated from the code" in difference


@pytest.mark.django_db
def test_cli_token_create_list_revoke(personas: Personas) -> None:
    runner = CliRunner()
    created = runner.invoke(
        api,
        [
            "token", "create", "--organisation", str(personas.organisation.pk),
            "--name", "Kuntarekisteri", "--scope", "read", "--days", "30",
        ],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    text = created.stdout.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert text.startswith(token.prefix) and token.token_hash != text
    listed = runner.invoke(api, ["token", "list", "--organisation", str(personas.organisation.pk)])
    assert token.prefix in listed.output and "active" in listed.output
    assert text not in listed.output
    revoked = runner.invoke(api, ["token", "revoke", token.prefix])
    assert revoked.exit_code == 0
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert runner.invoke(api, ["token", "revoke", "kht_nothere"]).exit_code == 3
    bad = runner.invoke(api, ["token", "create", "--organisation", "999999", "--name", "x"])
    assert bad.exit_code == 3


@pytest.mark.django_db
def test_cli_oauth_create_and_revoke(personas: Personas) -> None:
    runner = CliRunner()
    created = runner.invoke(
        api, ["oauth", "create", "--organisation", str(personas.organisation.pk), "--name", "BI"]
    )
    assert created.exit_code == 0, created.output
    client = OAuthClient.objects.get()
    assert client.application.client_id in created.stdout
    assert runner.invoke(api, ["oauth", "revoke", client.application.client_id]).exit_code == 0
    client.refresh_from_db()
    assert client.revoked_at is not None
