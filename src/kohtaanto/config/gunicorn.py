"""gunicorn configuration: ``gunicorn -c python:kohtaanto.config.gunicorn``.

Everything comes from the environment (docs/deploy.md lists it):

- ``KOHTAANTO_BIND`` (``127.0.0.1:8000``): address and port; ``0.0.0.0:8000`` in a container.
- ``KOHTAANTO_WEB_WORKERS`` (2 × CPUs + 1, at most 8): worker processes. They share, copy-on-
  write, the recognition engine the master loaded; what each builds later (caches, an engine
  rebuilt after a vocabulary import) is its own, so memory usually sets the ceiling.
- ``KOHTAANTO_WEB_PRELOAD`` (1): load and warm the application in the master and fork ready
  workers (`kohtaanto.config.warmup`); 0: every worker loads it itself.
- ``KOHTAANTO_WEB_TIMEOUT`` (60): seconds a request may run before its worker is restarted.
- ``KOHTAANTO_FORWARDED_ALLOW_IPS`` (``127.0.0.1,::1``): proxies whose ``X-Forwarded-Proto``
  gunicorn believes.

The access log goes to stdout (gunicorn's own messages to stderr) with no personal data: no
client address, no query string (a search may hold a name), no referrer, user agent or
cookies, and the secret part of the one-time links (invitation, login link, password reset)
replaced.

Importing this module reads the Django settings module once, so that a missing or malformed
variable stops gunicorn with one line naming it before any worker starts.
"""

from __future__ import annotations

import os
import re
from typing import Any

from gunicorn.glogging import Logger

from kohtaanto.config.env import configuration_errors_exit, env_bool, env_int, env_str

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
with configuration_errors_exit("gunicorn"):
    import kohtaanto.config.settings  # noqa: F401  (validates the environment now)

MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))  # the CPUs this container may use
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return min(2 * cpus + 1, MAX_DEFAULT_WORKERS)


wsgi_app = "kohtaanto.config.wsgi:application"
bind = [env_str("KOHTAANTO_BIND", "127.0.0.1:8000")]
with configuration_errors_exit("gunicorn"):
    workers = env_int("KOHTAANTO_WEB_WORKERS", default_workers(), minimum=1)
    timeout = env_int("KOHTAANTO_WEB_TIMEOUT", 60, minimum=1)
worker_class = "sync"
graceful_timeout = 30
keepalive = 5
# A worker is replaced after about a thousand requests: memory stays bounded.
max_requests = 1000
max_requests_jitter = 100
# gunicorn's control socket (in the home folder) is not used: a service manager or the
# container runtime starts and stops the server, with signals.
control_socket_disable = True
forwarded_allow_ips = env_str("KOHTAANTO_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn's heartbeat files: memory, not disk
    worker_tmp_dir = "/dev/shm"  # noqa: S108

accesslog = "-"
errorlog = "-"
loglevel = env_str("KOHTAANTO_LOG_LEVEL", "info").lower()
access_log_format = '%(t)s %(p)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# Paths whose later segments are secrets (one-time links) or say nothing useful in a log.
SECRET_PATHS = ("/invitation/", "/login/link/", "/password/reset/")
KEPT_SEGMENTS = {"", "sent", "complete", "set-password"}
LONG_TOKEN = re.compile(r"^[A-Za-z0-9_:.-]{24,}$")
HIDDEN = "[hidden]"


def private_path(path: str) -> str:
    """The request path for the access log, with secret segments replaced."""
    for prefix in SECRET_PATHS:
        if path.startswith(prefix):
            rest = path[len(prefix) :].split("/")
            return prefix + "/".join(s if s in KEPT_SEGMENTS else HIDDEN for s in rest)
    return "/".join(HIDDEN if LONG_TOKEN.match(s) else s for s in path.split("/"))


class PrivateAccessLogger(Logger):  # type: ignore[misc]  # gunicorn has no type hints
    """Only the atoms of ``access_log_format``: no headers, cookies or environment."""

    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any
    ) -> dict[str, Any]:
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        return {
            "t": self.now(),
            "p": f"<{os.getpid()}>",
            "m": environ.get("REQUEST_METHOD"),
            "U": private_path(environ.get("PATH_INFO") or ""),
            "H": environ.get("SERVER_PROTOCOL"),
            "s": status,
            "B": getattr(resp, "sent", None),
            "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
        }


logger_class = PrivateAccessLogger

# The application is loaded once, in the master, and warmed there (the URL resolver, the
# translations, the compiled templates, the recognition engine); every worker, also one that
# replaces a worker after `max_requests`, is forked from it ready to answer at full speed, and
# shares that memory copy-on-write. So a new release needs a restart of the service (not a
# HUP reload, which would fork the old code again): docs/deploy.md says so.
with configuration_errors_exit("gunicorn"):
    preload_app = env_bool("KOHTAANTO_WEB_PRELOAD", True)


def when_ready(server: Any) -> None:
    """Before the first worker is forked: warm the master (`kohtaanto.config.warmup`)."""
    if preload_app:
        from kohtaanto.config.warmup import warm_up

        warm_up()
