"""The batch input written from the database: consented participants only, readable by
`kohtaanto match batch`, no names."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kohtaanto.matching.dataset import read_input

from .conftest import FORKLIFT, ready

pytestmark = pytest.mark.django_db


def test_export_has_only_consented_people_and_reads_back(matched, warehouse, personas, tmp_path):
    ready(personas.caseload_participant, [FORKLIFT], purposes=())  # no consent
    path = tmp_path / "input.jsonl"
    call_command("export_match_input", output=path, organisation=personas.organisation.pk)
    text = path.read_text(encoding="utf-8")
    assert matched.first_name not in text and matched.last_name not in text
    profiles, opportunities, vocabulary = read_input(path)
    assert [str(i) for i in profiles.ids] == [str(matched.pk)]
    assert [str(i) for i in opportunities.ids] == [str(warehouse.pk)]
    confirmed = set(matched.profile_items.filter(status="confirmed").values_list("uri", flat=True))
    assert confirmed <= set(vocabulary.skills)
    assert profiles.skills.nnz == len(confirmed)


def test_match_export_command_writes_the_same_input(matched, warehouse, personas, tmp_path):
    import json

    from click.testing import CliRunner

    from kohtaanto.cli.main import cli

    path = tmp_path / "input.jsonl"
    result = CliRunner().invoke(
        cli,
        ["match", "export", "--output", str(path), "--organisation", str(personas.organisation.pk)],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary == {"profiles": 1, "opportunities": 1, "output": str(path)}
    profiles, opportunities, _ = read_input(path)
    assert [str(i) for i in profiles.ids] == [str(matched.pk)]
    assert [str(i) for i in opportunities.ids] == [str(warehouse.pk)]
    assert not path.with_name("input.jsonl.part").exists()


def test_match_export_command_refuses_bad_input(personas, tmp_path):
    from click.testing import CliRunner

    from kohtaanto.cli.main import cli

    missing = CliRunner().invoke(
        cli, ["match", "export", "--output", str(tmp_path / "x.jsonl"), "--organisation", "999999"]
    )
    assert missing.exit_code != 0 and "No organisation with the id 999999" in missing.output
    assert not (tmp_path / "x.jsonl").exists()
    unwritable = CliRunner().invoke(
        cli, ["match", "export", "--output", str(tmp_path / "no-such-folder" / "x.jsonl")]
    )
    assert unwritable.exit_code != 0 and "Cannot write" in unwritable.output
