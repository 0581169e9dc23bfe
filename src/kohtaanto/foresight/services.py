"""The one write path of foresight builds: compute (local or Dask), store, queue.

`build_now` reads the demand sources and the consenting supply (`sources`), groups them with
the active taxonomy (`vocabularies.provider`), aggregates with `kohtaanto.matching.foresight`
on the chosen engine and stores the result with its checksum. `start_build` queues the same as
a background task (`tasks.run_foresight_build`); pages never compute on a request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import Organisation
from kohtaanto.foresight import sources
from kohtaanto.foresight.models import BuildStatus, Engine, ForesightBuild, Scope
from kohtaanto.matching import foresight as fs
from kohtaanto.matching.model import Course

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
CHUNK_SIZE = 20_000
TREND_MONTHS = 12
DASK_WORKERS = 2
"""Workers of the local Dask cluster of a `dask` build by default."""
WORKER_LOST = "worker_lost"


def grouping() -> fs.Grouping:
    from kohtaanto.vocabularies.provider import derived

    return derived("foresight-grouping", fs.grouping_from_taxonomy)


def essential_skills() -> dict[str, list[str]]:
    """Occupation URI → its essential skills in the active taxonomy."""
    from kohtaanto.vocabularies.provider import derived

    return derived(
        "foresight-essential",
        lambda taxonomy: {o: taxonomy.essential_skills(o) for o in taxonomy.occupation_skills},
    )


def courses_for(organisation: Organisation | None) -> list[Course]:
    """The courses in the database a region's people could take: the shared catalogue and the
    organisation's own (every course for the whole country)."""
    from kohtaanto.matches.adapters import courses
    from kohtaanto.opportunities.models import Course as CourseRow

    rows = CourseRow.objects.all()
    if organisation is not None:
        rows = rows.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    return courses(rows.order_by("pk"))


def compute(
    organisation: Organisation | None,
    *,
    engine: str = Engine.LOCAL,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[fs.ForesightResult, dict[str, Any], int, int]:
    """(result, parameters, demand items, people) for a scope; nothing is written."""
    months = sources.trend_months(timezone.localdate(), TREND_MONTHS)
    items = sources.demand(organisation, months)
    people = sources.supply(organisation)
    groups = grouping()
    courses = courses_for(organisation)
    parameters = {
        "months": months,
        "sources": [s.key for s in sources.demand_sources()],
        "short_course_hours": fs.SHORT_COURSE_HOURS,
        "courses": len(courses),
        "chunk_size": CHUNK_SIZE,
    }
    if engine == Engine.DASK:
        from kohtaanto.matching.batch import dask_client

        workers = workers or DASK_WORKERS
        parameters["workers"] = workers
        with dask_client(None, workers) as client:
            result = fs.aggregate(
                items,
                people,
                groups,
                courses,
                months=months,
                engine="dask",
                client=client,
                chunk_size=CHUNK_SIZE,
                progress=progress,
            )
    else:
        result = fs.aggregate(
            items, people, groups, courses, months=months, chunk_size=CHUNK_SIZE, progress=progress
        )
    return result, parameters, len(items), len(people)


def _scope(organisation: Organisation | None) -> str:
    return Scope.NATIONAL if organisation is None else Scope.ORGANISATION


def _run(build: ForesightBuild, workers: int | None = None) -> ForesightBuild:
    """Compute `build` (claimed, running) and store its outcome."""
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        ForesightBuild.objects.filter(pk=build.pk, status=BuildStatus.RUNNING).update(
            done=done, total=total, heartbeat_at=timezone.now()
        )

    try:
        result, parameters, items, people = compute(
            build.organisation, engine=build.engine, workers=workers, progress=progress
        )
    except Exception as exc:
        ForesightBuild.objects.filter(pk=build.pk).update(
            status=BuildStatus.FAILED, error=type(exc).__name__[:120], built_at=None
        )
        logger.error("foresight build failed scope=%s error=%s", build.scope, type(exc).__name__)
        raise
    now = timezone.now()
    ForesightBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.DONE,
        result=result.data,
        checksum=result.checksum,
        parameters=parameters,
        items=items,
        people=people,
        built_at=now,
        heartbeat_at=now,
        duration_seconds=round(time.perf_counter() - started, 3),
    )
    build.refresh_from_db()
    return build


def build_now(
    organisation: Organisation | None = None,
    *,
    engine: str = Engine.LOCAL,
    workers: int | None = None,
    by: Any = None,
) -> ForesightBuild:
    """Build in this process (the CLI, the demo): a new row, computed and stored."""
    if engine not in Engine.values:
        raise ValueError(f"unknown engine {engine!r}")
    now = timezone.now()
    build = ForesightBuild.objects.create(
        organisation=organisation,
        scope=_scope(organisation),
        engine=engine,
        status=BuildStatus.RUNNING,
        started_by=by if getattr(by, "is_authenticated", False) else None,
        started_at=now,
        heartbeat_at=now,
    )
    log_event(by, AuditAction.CREATE, build, organisation=organisation)
    return _run(build, workers)


def start_build(organisation: Organisation, *, by: Any) -> ForesightBuild:
    """Queue a rebuild of `organisation`'s foresight (a coordinator's button). A build of the
    organisation already waiting or running is returned instead of a second one."""
    from kohtaanto.foresight.tasks import run_foresight_build

    with transaction.atomic():
        waiting = (
            ForesightBuild.objects.select_for_update()
            .filter(
                organisation=organisation,
                status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING],
            )
            .first()
        )
        if waiting is not None and not is_stale(waiting):
            return waiting
        build = ForesightBuild.objects.create(
            organisation=organisation,
            scope=Scope.ORGANISATION,
            engine=Engine.LOCAL,
            started_by=by,
        )
        log_event(by, AuditAction.CREATE, build)
        result = run_foresight_build.enqueue(build.pk)
        ForesightBuild.objects.filter(pk=build.pk).update(task_id=str(result.id)[:64])
    build.refresh_from_db()
    return build


def run_queued(build_id: int) -> ForesightBuild | None:
    """The task's work: claim the queued build `build_id`, compute and store it."""
    now = timezone.now()
    claimed = ForesightBuild.objects.filter(pk=build_id, status=BuildStatus.QUEUED).update(
        status=BuildStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        logger.info("foresight task skipped: its build is not waiting")
        return None
    build = ForesightBuild.objects.select_related("organisation").get(pk=build_id)
    return _run(build)


def is_stale(build: ForesightBuild) -> bool:
    """A running build without a sign of life for long (its worker died)."""
    if build.status != BuildStatus.RUNNING:
        return False
    last = build.heartbeat_at or build.started_at or build.created
    return (timezone.now() - last).total_seconds() > 10 * settings.TASK_STALE_SECONDS


def mark_lost(build: ForesightBuild) -> None:
    ForesightBuild.objects.filter(pk=build.pk, status=BuildStatus.RUNNING).update(
        status=BuildStatus.FAILED, error=WORKER_LOST
    )
    build.refresh_from_db()
