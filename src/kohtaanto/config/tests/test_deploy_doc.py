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


def _env_file_block() -> str:
    """The `/etc/kohtaanto/env` example of the systemd section."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index("Put the settings in `/etc/kohtaanto/env`")
    block = re.search(r"```sh\n(.*?)```", text[start:], re.S)
    assert block is not None
    return block.group(1)


def test_the_environment_file_reads_the_same_in_the_shell_and_in_systemd(tmp_path) -> None:
    """The guide loads the file with `set -a; . /etc/kohtaanto/env` and systemd reads it as an
    EnvironmentFile: an unquoted `<` is a shell redirection, and systemd keeps a comment after
    a value as part of the value (both were in the guide once)."""
    import shutil
    import subprocess

    block = _env_file_block()
    for line in block.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", name), line
            assert " #" not in value, f"a comment after a value: {line}"
    bash = shutil.which("bash")
    assert bash is not None
    env_file = tmp_path / "env"
    env_file.write_text(block, encoding="utf-8")
    shown = subprocess.run(
        [bash, "-c", f'set -eu; set -a; . "{env_file}"; set +a; printf "%s" "$DEFAULT_FROM_EMAIL"'],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == "Kohtaanto <kohtaanto@example.fi>"
    assert not (tmp_path / "kohtaanto@example.fi").exists()
