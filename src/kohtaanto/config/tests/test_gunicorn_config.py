"""The gunicorn configuration module: worker count, and an access log without secrets."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from kohtaanto.config import gunicorn as conf


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/invitation/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5/", "/invitation/[hidden]/"),
        ("/login/link/abc.def-ghi/", "/login/link/[hidden]/"),
        ("/password/reset/MQ/c4v1b2-0123456789abcdef/", "/password/reset/[hidden]/[hidden]/"),
        ("/password/reset/MQ/set-password/", "/password/reset/[hidden]/set-password/"),
        ("/password/reset/sent/", "/password/reset/sent/"),
        ("/participants/42/", "/participants/42/"),
        (
            "/opportunities/import/9f1c2e7a4b5d6e8f0a1b2c3d4e5f6a7b/",
            "/opportunities/import/[hidden]/",
        ),
    ],
)
def test_secret_parts_of_paths_are_hidden(path: str, logged: str) -> None:
    assert conf.private_path(path) == logged


def test_default_workers_are_capped() -> None:
    assert 3 <= conf.default_workers() <= conf.MAX_DEFAULT_WORKERS


def test_access_log_atoms_hold_no_headers_or_query() -> None:
    logger = conf.PrivateAccessLogger(SimpleNamespace(**_config()))
    response = SimpleNamespace(status="200 OK", sent=12, headers=[("Set-Cookie", "s=1")])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=secret")])
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/login/link/abcdefghijklmnopqrstuvwxyz/",
        "QUERY_STRING": "q=Maija",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "Browser",
    }
    atoms = logger.atoms(response, request, environ, dt.timedelta(milliseconds=25))
    assert set(atoms) == {"t", "p", "m", "U", "H", "s", "B", "M"}
    line = conf.access_log_format % atoms
    for secret in ("Maija", "192.0.2.7", "sessionid", "Browser", "abcdefghijklmnop"):
        assert secret not in line
    assert '"GET /login/link/[hidden]/ HTTP/1.1" 200 12 25ms' in line


def _config() -> dict[str, object]:
    from gunicorn.config import Config

    config = Config()
    return {name: setting.get() for name, setting in config.settings.items()}
