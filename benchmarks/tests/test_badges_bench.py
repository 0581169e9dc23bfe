"""`kohtaanto bench badges` on a small size: the JSON it promises, every credential verified."""

from __future__ import annotations

import json

from click.testing import CliRunner

from benchmarks.badges import command, unsigned_credentials
from kohtaanto.cli.bench import BENCHMARKS


def test_small_run_prints_issue_baseline_and_verify_figures() -> None:
    result = CliRunner().invoke(
        command, ["--count", "5", "--repeat", "1", "--no-one-core", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["benchmark"] == "badges" and data["credentials"] == 5
    assert data["all_verified"] is True
    for figure in (
        "issue_eddsa_rdfc_2022",
        "baseline_ed25519_json_no_canonicalisation",
        "verify_full",
        "verify_proof_only",
    ):
        assert data[figure]["per_s"] > 0 and data[figure]["median_s"] > 0
    assert data["issue_cost_vs_baseline"] > 1


def test_generated_credentials_differ_and_are_seeded() -> None:
    first = unsigned_credentials(20, "did:key:z6MkTest", seed=1)
    again = unsigned_credentials(20, "did:key:z6MkTest", seed=1)
    names = {d["credentialSubject"]["achievement"]["name"] for d in first}
    assert len(names) > 10
    assert [d["credentialStatus"] for d in first] == [d["credentialStatus"] for d in again]


def test_registered() -> None:
    assert BENCHMARKS["badges"][0] == "badges"
