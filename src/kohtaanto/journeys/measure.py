"""Measure the caseload selector: server time of one caseload page (50 rows) per sort order.

    KOHTAANTO_DEMO=1 .venv/bin/python manage.py load_demo
    KOHTAANTO_DEMO=1 .venv/bin/python manage.py load_demo_journeys --caseload-size 2000
    .venv/bin/python -m kohtaanto.journeys.measure [--user coach] [--runs 20]

Prints JSON: caseload size, queries per page and median/p95 milliseconds per sort order
(selector + evaluating the page with every annotation and the prefetched coaches).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from typing import Any


def measure(username: str = "coach", runs: int = 20, page_size: int = 50) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kohtaanto.core.models import User
    from kohtaanto.journeys.selectors import CASELOAD_SORTS, caseload

    user = User.objects.get(username=username)
    size = caseload(user).count()
    result: dict[str, Any] = {"user": username, "caseload": size, "database": connection.vendor}
    for sort in ("name", "next_meeting", "-last_contact"):
        times = []
        queries = 0
        for run in range(runs):
            offset = (run * page_size) % max(size, 1)
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                page = list(caseload(user, sort=sort)[offset : offset + page_size])
                for p in page:
                    _ = (
                        getattr(p, "next_meeting"),  # noqa: B009 - annotations
                        getattr(p, "last_contact"),  # noqa: B009
                        list(p.coaches.all()),
                    )
                times.append((time.perf_counter() - t0) * 1000)
            queries = len(captured)
        ordered = sorted(times)
        result[sort] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
            "queries": queries,
        }
    result["sorts_available"] = sorted(CASELOAD_SORTS)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Caseload page timing")
    parser.add_argument("--user", default="coach")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    import django

    django.setup()
    print(json.dumps(measure(args.user, args.runs), indent=2))


if __name__ == "__main__":
    main()
