"""`kohtaanto qualifications import|list` with CliRunner; the network is never used (the
fetch is replaced, and an unreachable address is refused before any request)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kohtaanto.cli import qualifications as cli
from kohtaanto.cli.main import cli as main
from kohtaanto.qualifications.models import Qualification, QualificationUnit

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


def test_import_a_file_then_again_then_list() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["qualifications", "import", str(FIXTURES / "peruste.json")])
    assert result.exit_code == 0, result.output
    assert "qualifications: 1 new, 0 updated, 0 unchanged" in result.output
    assert "units: 2 new" in result.output
    assert "skipped an empty draft at $.tutkinnonOsat[2]" in result.output
    again = runner.invoke(
        main, ["qualifications", "import", str(FIXTURES / "peruste.json"), "--json"]
    )
    report = json.loads(again.stdout)
    assert (report["units_created"], report["units_unchanged"]) == (0, 2)
    listed = runner.invoke(main, ["qualifications", "list"])
    assert "8800001\tTEST-1/2025\tTestialan perustutkinto\t2 units" in listed.output
    units = runner.invoke(main, ["qualifications", "list", "--units", "--lang", "sv"])
    assert "tutkinnonosat_8800101\tAtt arbeta med kundservice 25.0 osp" in units.output


def test_a_bad_file_exits_non_zero_and_imports_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["qualifications", "import", str(FIXTURES / "rakenne.json")])
    assert result.exit_code == 2
    assert "rakenne.json: $: This is the structure (rakenne)" in result.output
    assert "Nothing was imported." in result.output
    broken = CliRunner().invoke(main, ["qualifications", "import", str(FIXTURES / "broken.json")])
    assert broken.exit_code == 2 and "not JSON (line 2" in broken.output
    missing = CliRunner().invoke(main, ["qualifications", "import", str(tmp_path / "no.json")])
    assert missing.exit_code == 1
    assert not Qualification.objects.exists()


def test_url_fetches_from_eperusteet(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_fetch(url: str, timeout: float = 0) -> bytes:
        asked.append(url)
        return (FIXTURES / "unit_lista.json").read_bytes()

    monkeypatch.setattr(cli, "fetch", fake_fetch)
    url = cli.EPERUSTEET + "external/tutkinnonosa/8800201"
    result = CliRunner().invoke(main, ["qualifications", "import", "--url", url])
    assert result.exit_code == 0, result.output
    assert asked == [url]
    assert QualificationUnit.objects.get(eperusteet_id=8800201).source == url


def test_url_errors_are_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    other = runner.invoke(main, ["qualifications", "import", "--url", "https://example.org/x"])
    assert other.exit_code == 1 and "Only addresses of the ePerusteet service" in other.output
    both = runner.invoke(main, ["qualifications", "import", "x.json", "--url", cli.EPERUSTEET])
    assert both.exit_code == 2 and "either PATH or --url" in both.output

    def offline(request: Any, timeout: float = 0) -> Any:
        raise OSError("Network is unreachable")

    monkeypatch.setattr(cli.urllib.request, "urlopen", offline)
    result = runner.invoke(main, ["qualifications", "import", "--url", cli.EPERUSTEET + "x"])
    assert result.exit_code == 1
    assert "Cannot reach ePerusteet (Network is unreachable)" in result.output
