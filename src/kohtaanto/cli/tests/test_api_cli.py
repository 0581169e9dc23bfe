"""`kohtaanto api token|oauth create/list/revoke` (CliRunner, on the test database)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from tests.factories import Personas

from kohtaanto.cli.api import api
from kohtaanto.integrations.models import ApiToken, OAuthClient


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
