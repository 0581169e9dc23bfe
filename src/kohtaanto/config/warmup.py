"""Warming the application server's master process before it forks its workers.

gunicorn loads the application once in the master (`preload_app`) and forks every worker from
it, also the ones that replace a worker after `max_requests`. What is built here is then built
once and shared, copy-on-write, instead of on the first requests of every worker:

- the URL resolver, every language's translation catalogue and the compiled page templates;
- the recognition engine and matching's skill graph over the active vocabulary (one query to
  the database; the connection is closed before the fork, since a connection must never be
  shared between processes).

Then `gc.freeze()` moves everything the master holds into the permanent generation, so that a
worker's full garbage collection no longer walks the engine and Django's own objects (about
100 ms per full collection with the starter vocabulary, paid by whichever request triggered
it). Each step is optional: when the database is not reachable at start the worker builds the
engine on its first request, as before.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

logger = logging.getLogger(__name__)


def _urls() -> int:
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - populates the resolver's reverse lookups
    return len(resolver.url_patterns)


def _translations() -> int:
    from django.conf import settings
    from django.utils import translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # activating a language loads its catalogues
            pass
    return len(settings.LANGUAGES)


def _templates() -> int:
    """Compile every page template of the project (the cached loader keeps them)."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    folders = [Path(d) for t in settings.TEMPLATES for d in cast(list[str], t.get("DIRS", []))]
    # The project's apps' own templates (APP_DIRS), not those of installed packages.
    folders += sorted(Path(settings.PACKAGE_DIR).glob("*/templates"))
    count = 0
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            try:
                get_template(path.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):  # pragma: no cover - logged
                logger.warning("warm-up: template %s not compiled", path.name)
                continue
            count += 1
    return count


def _engine() -> int:
    from kohtaanto.matches.suggestions import matcher
    from kohtaanto.vocabularies.provider import get_engine, get_taxonomy

    get_engine()
    matcher()
    return len(get_taxonomy())


STEPS: tuple[tuple[str, Callable[[], int]], ...] = (
    ("urls", _urls),
    ("translations", _translations),
    ("templates", _templates),
    ("engine", _engine),
)


def warm_up() -> dict[str, int | None]:
    """Run every step (a failing one is logged and skipped), close the database connections
    and freeze the garbage collector's view of what is loaded. Returns each step's count
    (None: failed)."""
    from django.db import connections

    done: dict[str, int | None] = {}
    started = time.perf_counter()
    for name, step in STEPS:
        try:
            done[name] = step()
        except Exception:  # a worker builds it on its first request instead
            logger.warning("warm-up: %s not built before the workers start", name, exc_info=True)
            done[name] = None
    connections.close_all()
    gc.collect()
    gc.freeze()
    logger.info(
        "warm-up done in %.1f s: %s",
        time.perf_counter() - started,
        ", ".join(f"{k}={v}" for k, v in done.items()),
    )
    return done
