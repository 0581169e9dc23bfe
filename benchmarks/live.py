"""A live Kohtaanto for the load and fault benchmarks: a scratch PostgreSQL database with the
demo data, the production application server (gunicorn with the production settings) on a free
port of 127.0.0.1, and an HTTP client that logs in through the login form as a browser does.

Everything runs on 127.0.0.1 only and is removed at the end (the database is dropped, the
server stopped, the data folder deleted). The server sees requests as HTTPS, as behind the
reverse proxy of docs/deploy.md (`X-Forwarded-Proto: https`), so the production settings
(secure cookies, SSL redirect, HSTS) stay on; the client keeps its cookies itself because
`Secure` cookies are not sent over plain HTTP by HTTP clients.
"""

from __future__ import annotations

import contextlib
import html.parser
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

import click

# What `make demo` loads, in its order (the taxonomy import sits between the first two).
DEMO_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("manage", "migrate", "--noinput"),
    ("manage", "load_demo"),
    ("cli", "taxonomy", "import", "starter", "--name", "starter"),
    ("manage", "load_demo_journeys"),
    ("manage", "load_demo_opportunities"),
    ("manage", "load_demo_mentoring"),
    ("manage", "load_demo_groups"),
    ("manage", "load_demo_outreach"),
    ("manage", "load_demo_supportline"),
    ("manage", "load_demo_qualifications"),
    ("manage", "load_demo_trials"),
    ("manage", "load_demo_achievements"),
    ("manage", "load_demo_outcomes"),
)


def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@contextlib.contextmanager
def scratch_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of `admin_url`; dropped afterwards."""
    import psycopg

    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        raise click.ClickException(
            f"cannot create a scratch database at {admin_url}: {exc}"
        ) from exc
    try:
        yield with_database(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def base_env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOHTAANTO_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        KOHTAANTO_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="kohtaanto.config.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def load_demo(database_url: str, data_dir: Path, *, commands: tuple[tuple[str, ...], ...]) -> None:
    """The demo data (development mode, as `make demo`) into the scratch database."""
    env = base_env(database_url, data_dir) | {"KOHTAANTO_DEMO": "1"}
    bin_dir = Path(sys.executable).parent
    for kind, *args in commands:
        if kind == "manage":
            argv = [sys.executable, str(repo_root() / "manage.py"), *args]
        else:
            argv = [str(bin_dir / "kohtaanto"), *args]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise click.ClickException(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")


def set_passwords(database_url: str, data_dir: Path, usernames: tuple[str, ...]) -> str:
    """A fresh random password for `usernames`: the published demo password is refused outside
    demo mode, and production refuses demo mode."""
    password = secrets.token_urlsafe(16)
    code = (
        "from kohtaanto.core.models import User\n"
        "import sys\n"
        "for user in User.objects.filter(username__in=sys.argv[1:]):\n"
        "    user.set_password(PASSWORD); user.save(update_fields=['password'])\n"
    ).replace("PASSWORD", repr(password))
    argv = [sys.executable, "-c", _SHELL.format(code=code), *usernames]
    env = base_env(database_url, data_dir)
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"setting the passwords failed:\n{done.stderr[-2000:]}")
    return password


_SHELL = "import django; django.setup()\nexec({code!r})"


def production_env(database_url: str, data_dir: Path, port: int) -> dict[str, str]:
    return base_env(database_url, data_dir) | {
        "KOHTAANTO_ENV": "production",
        "KOHTAANTO_SECRET_KEY": secrets.token_urlsafe(50),
        "KOHTAANTO_BADGE_KEK": "bench:" + _kek(data_dir),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # No mail leaves during a benchmark; production only insists that a server is named.
        "EMAIL_HOST": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "KOHTAANTO_SITE_URL": f"https://127.0.0.1:{port}",
    }


def _kek(data_dir: Path) -> str:
    """The KEK the demo generated in development mode (DATA_DIR/badge_kek), so that production
    mode reads the demo's sealed badge keys."""
    path = data_dir / "badge_kek"
    if path.exists():
        text = path.read_text(encoding="utf-8").strip()
        return text.split(":", 1)[1] if ":" in text else text
    import base64

    return base64.b64encode(secrets.token_bytes(32)).decode()


def collect_static(env: Mapping[str, str]) -> None:
    """`collectstatic` with the production settings (into DATA_DIR/static), as a deployment
    does before it starts the server."""
    argv = [sys.executable, str(repo_root() / "manage.py"), "collectstatic", "--noinput"]
    done = subprocess.run(argv, env=dict(env), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"collectstatic failed:\n{done.stderr[-2000:]}")


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@contextlib.contextmanager
def gunicorn(env: Mapping[str, str], port: int, workers: int, log: Path) -> Iterator[Server]:
    """The production application server with the project's gunicorn settings, when they exist,
    and `workers` workers."""
    argv = [sys.executable, "-m", "gunicorn"]
    config = repo_root() / "src" / "kohtaanto" / "config" / "gunicorn.py"
    if config.exists():
        argv += ["--config", "python:kohtaanto.config.gunicorn"]
    argv += [
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "kohtaanto.config.wsgi:application",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_up(server, timeout=60)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_until_up(server: Server, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise click.ClickException(
                "the application server stopped:\n" + server.log.read_text()[-3000:]
            )
        with contextlib.suppress(httpx.HTTPError):
            response = httpx.get(server.url + "/login/", headers=PROXY_HEADERS, timeout=5)
            if response.status_code == 200:
                return
        time.sleep(0.3)
    raise click.ClickException("the application server did not answer in time")


PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "fi"}


class _Forms(html.parser.HTMLParser):
    """The forms of a page: action, method and the values a browser would send as they are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {"action": a.get("action", ""), "method": a.get("method", "get"), "fields": {}}
            )
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind not in {"submit", "button", "image", "file"}:
                fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                fields.setdefault(self._select, value)
            if "selected" in a:
                fields[self._select] = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] = "".join(self._text)
            self._textarea = None


def page_forms(text: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(text)
    return parser.forms


def form_with(text: str, field_name: str, value: str | None = None) -> dict[str, Any]:
    """The first form holding a field `field_name` (with `value`, when given)."""
    for form in page_forms(text):
        fields = form["fields"]
        if field_name in fields and (value is None or fields[field_name] == value):
            return form
    raise LookupError(field_name)


@dataclass
class Browser:
    """One person's browser: its own cookies, HTTPS as seen by the server."""

    client: Any  # httpx.AsyncClient
    base: str
    password: str
    cookies: dict[str, str] = field(default_factory=dict)

    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = dict(PROXY_HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if extra:
            headers.update(extra)
        return headers

    def _keep(self, response: Any) -> None:
        for line in response.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    async def get(self, path: str) -> Any:
        response = await self.client.get(self.base + path, headers=self._headers())
        self._keep(response)
        return response

    async def post(self, path: str, data: Mapping[str, str]) -> Any:
        origin = "https://" + urlsplit(self.base).netloc
        headers = self._headers({"Referer": origin + path, "Origin": origin})
        response = await self.client.post(self.base + path, data=dict(data), headers=headers)
        self._keep(response)
        return response

    async def submit(self, path: str, form: Mapping[str, Any], **values: str) -> Any:
        """Send `form` of the page at `path` with `values` changed, as a browser would."""
        # As a browser: the action relative to the page, without its fragment ("#results").
        action = urldefrag(urljoin(path, form["action"] or path)).url
        return await self.post(action, {**form["fields"], **values})

    async def log_in(self, username: str) -> None:
        page = await self.get("/login/")
        form = form_with(page.text, "username")
        response = await self.submit("/login/", form, username=username, password=self.password)
        if response.status_code != 302 or "sessionid" not in self.cookies:
            raise click.ClickException(f"{username} could not log in ({response.status_code})")


PARTICIPANT_LINK = re.compile(r'href="/participants/(\d+)/"')


def participant_ids(text: str) -> list[int]:
    """Case-file links on a page (the caseload), in their order, without repeats."""
    return list(dict.fromkeys(int(m) for m in PARTICIPANT_LINK.findall(text)))


def scratch_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="kohtaanto-bench-")
