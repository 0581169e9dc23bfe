"""docs/deploy.md names every environment variable the configuration reads, and the commands
it tells an operator to run exist."""

from __future__ import annotations

import re

from kohtaanto.config.tests.production import REPO

PACKAGE = REPO / "src" / "kohtaanto"
DOC = REPO / "docs" / "deploy.md"
READ = re.compile(r"env_\w+\(\s*\"([A-Z][A-Z0-9_]+)\"")


def variables_read() -> set[str]:
    sources = [
        path for path in (PACKAGE / "config").glob("*.py") if not path.name.startswith("test")
    ] + [PACKAGE / "core" / "limits.py"]
    names: set[str] = set()
    for path in sources:
        if path.exists():
            names |= set(READ.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_variable_is_documented() -> None:
    names = variables_read()
    assert {"KOHTAANTO_SECRET_KEY", "DATABASE_URL", "KOHTAANTO_BIND"} <= names
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert not missing, f"docs/deploy.md does not name: {missing}"


def test_the_commands_in_the_guide_exist() -> None:
    from click.testing import CliRunner

    from kohtaanto.cli.main import COMMANDS, cli

    text = DOC.read_text(encoding="utf-8")
    used = set(re.findall(r"kohtaanto (\w[\w-]*)", text)) & (set(COMMANDS) | {"users"})
    assert {"users", "worker", "backup", "restore", "reminders"} <= used
    result = CliRunner().invoke(cli, ["users", "create-coordinator", "--help"])
    assert result.exit_code == 0
    for option in ("--organisation", "--username", "--email", "--reset-link", "--language"):
        assert option in result.output
    assert "python:kohtaanto.config.gunicorn" in text
