"""`kohtaanto bench import-jobs`: recognising the skills of imported jobs in the background.

`--jobs` (500) realistic Finnish job ads are generated from templates (titles, tasks, and
requirement sentences with and without cue words: "Trukkikortti on eduksi", "Edellytämme
hygieniapassia", "Toivomme kokemusta …"; fictional, deterministic with `--seed`), written to a
CSV file and imported into a fresh database through the product's importer
(`opportunities.tasks.parse` + `apply`, the path of the import page and its background task).
Then the skills of the imported jobs are recognised through the same background code path as
after an import on the web: `tasks.start_skill_recognition`, which records an `ImportJob` of
kind "skills" and queues `run_skills_job` — run here by django-tasks' immediate backend, so the
measured time is the task's own work (recognition with Voikko when installed, the requirement
cues, storing the pending suggestions, progress beats), not waiting in the queue.

Baseline in the same run: the import of the same file without recognition. Figures: jobs/s and
ms per job of both; the engine's warm-up (first call: loading indexes and Voikko) separately;
peak memory as the process's peak RSS, and the Python heap's peak (tracemalloc) of each stage
in a second pass over a fresh copy of the jobs (tracemalloc slows the code, so the timings come
from the first pass). Also how the suggestions were preselected (required / nice to have /
undecided), to show that "required" comes only from the ad's words.

The database is a fresh SQLite file in a temporary folder, or `DATABASE_URL` (a scratch one).
`--taxonomy INDEX` uses a compiled taxonomy index (`kohtaanto taxonomy build`, e.g. ESCO with
the Finnish skill labels as in `data/fi_dev/README.md`) instead of the configured one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import time
import tracemalloc
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from benchmarks.caseload import setup_database
from benchmarks.runtime import peak_rss_mb

TITLES = [
    "Varastotyöntekijä",
    "Trukinkuljettaja",
    "Siivooja",
    "Kokki",
    "Myyjä",
    "Asiakaspalvelija",
    "Lähihoitaja",
    "Keräilijä",
    "Kuljetusapulainen",
    "Kiinteistöhuoltaja",
    "Ravintolatyöntekijä",
    "Kassatyöntekijä",
    "Hitsaaja",
    "Koneistaja",
    "Puhelinmyyjä",
]
TASKS = [
    "Työhösi kuuluu tilausten keräily ja pakkaaminen.",
    "Teet keräilyä ja trukilla ajoa varastossa.",
    "Vastaat tilojen siivouksesta ja jätehuollosta.",
    "Valmistat lounasta ja huolehdit keittiön hygieniasta.",
    "Palvelet asiakkaita kassalla ja täytät hyllyjä.",
    "Autat asiakkaita puhelimessa ja sähköpostilla.",
    "Avustat asukkaita päivittäisissä toimissa.",
    "Kuljetat tavaroita asiakkaille ja purat kuormia.",
    "Huollat kiinteistöjä ja teet pieniä korjauksia.",
    "Hitsaat teräsrakenteita ja luet piirustuksia.",
    "Käytät sorvia ja jyrsinkonetta.",
    "Myyt tuotteita puhelimessa ja kirjaat tilaukset järjestelmään.",
]
REQUIREMENTS = [
    "Trukkikortti on eduksi.",
    "Edellytämme voimassa olevaa hygieniapassia.",
    "Toivomme sinulta kokemusta asiakaspalvelusta.",
    "Eduksi katsotaan B-ajokortti ja työturvallisuuskortti.",
    "Tehtävä edellyttää hyvää fyysistä kuntoa.",
    "Kokemus varastotyöstä on plussaa.",
    "Vaadimme hyvää suomen kielen taitoa.",
    "Ruotsin kielen taito luetaan meriitiksi.",
    "Arvostamme kokemusta siivousalalta.",
    "Aiempaa kokemusta ei vaadita, perehdytämme sinut tehtävään.",
    "Odotamme sinulta:\n- hygieniapassia\n- kokemusta kassatyöstä",
    "Taulukkolaskennan perustaidot ovat tarpeen.",
]
OFFERS = [
    "Tarjoamme mukavan työyhteisön ja perehdytyksen.",
    "Työ on kokoaikaista ja alkaa sopimuksen mukaan.",
    "Työaika on arkisin kello 7–15.",
    "Palkkaus työehtosopimuksen mukaan.",
]
MUNICIPALITIES = ["Helsinki", "Espoo", "Vantaa", "Tampere", "Turku", "Hämeenlinna"]


def job_ads(count: int, seed: int = 12) -> list[dict[str, str]]:
    """`count` fictional Finnish job ads: a title, 1–2 task sentences, 1–3 requirement
    sentences (with or without cue words) and an offer sentence."""
    rng = random.Random(seed)
    ads = []
    for n in range(count):
        title = rng.choice(TITLES)
        parts = [
            *rng.sample(TASKS, rng.randint(1, 2)),
            *rng.sample(REQUIREMENTS, rng.randint(1, 3)),
            rng.choice(OFFERS),
        ]
        ads.append(
            {
                "external_id": f"B{n:05d}",
                "title": title,
                "description": "\n".join(parts),
                "kind": "job",
                "municipality": rng.choice(MUNICIPALITIES),
            }
        )
    return ads


def ads_csv(ads: list[dict[str, str]], prefix: str = "") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(ads[0]))
    writer.writeheader()
    for ad in ads:
        writer.writerow({**ad, "external_id": prefix + ad["external_id"]})
    return out.getvalue().encode("utf-8")


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def _heap_peak_mb(function: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


@click.command("import-jobs")
@click.option("--jobs", default=500, show_default=True, help="Imported jobs to recognise.")
@click.option("--seed", default=12, show_default=True, help="Seed of the generated job ads.")
@click.option(
    "--memory/--no-memory",
    default=True,
    show_default=True,
    help="Second pass under tracemalloc for the Python heap's peak per stage.",
)
@click.option(
    "--taxonomy",
    "taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A compiled taxonomy index (default: the configured one, else the starter).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def command(jobs: int, seed: int, memory: bool, taxonomy: Path | None, as_json: bool) -> None:
    """Recognition of imported jobs in the background: jobs/s and peak memory, against the
    import alone."""
    os.environ["KOHTAANTO_TASK_BACKEND"] = "immediate"
    if taxonomy is not None:
        os.environ["KOHTAANTO_TAXONOMY_FILE"] = str(taxonomy)
    with ExitStack() as stack:
        database = setup_database(stack)
        from django.db.models import Count

        from kohtaanto.core.enums import Role
        from kohtaanto.core.services import add_membership, create_organisation, create_user
        from kohtaanto.opportunities import tasks
        from kohtaanto.opportunities.models import ImportJob, OpportunitySkill
        from kohtaanto.recognition.analyzer import analyzer_for_language
        from kohtaanto.vocabularies.provider import get_engine

        tag = f"{seed}-{time.time_ns() % 10**8}"
        organisation = create_organisation(name=f"bench-import-{tag}")
        coordinator = create_user(username=f"bench-import-{tag}")
        add_membership(coordinator, organisation, Role.COORDINATOR)
        ads = job_ads(jobs, seed)
        meta = {"organisation": organisation.pk, "target": "opportunities", "file_format": "csv"}

        def import_file(prefix: str) -> Any:
            parsed = tasks.parse(ads_csv(ads, prefix), meta)
            report = tasks.apply(parsed, meta, coordinator, dry_run=False, valid_only=True)
            if not report.applied or report.created != jobs:
                raise click.ClickException(f"the import failed: {report.as_dict()}")
            return report

        def recognise(report: Any) -> ImportJob:
            job = tasks.start_skill_recognition(
                user=coordinator,
                organisation_id=organisation.pk,
                opportunity_ids=report.opportunity_ids,
            )
            if job is None:
                raise click.ClickException("nothing to recognise")
            job.refresh_from_db()
            if job.status != ImportJob.Status.DONE:
                raise click.ClickException(f"the recognition run ended {job.status}")
            return job

        rss_start = peak_rss_mb()
        warm_start = time.perf_counter()
        get_engine().recognize(ads[0]["description"], lang="fi")  # indexes, Voikko
        warm_up_ms = (time.perf_counter() - warm_start) * 1000
        rss_after_warm_up = peak_rss_mb()

        report, import_s = _timed(lambda: import_file("a-"))
        job, recognise_s = _timed(lambda: recognise(report))
        rss_end = peak_rss_mb()
        pending = OpportunitySkill.objects.filter(pending=True, opportunity__source="csv")
        preselected = {
            "required_by_the_ads_words": pending.filter(importance="required").count(),
            "nice_to_have_by_the_ads_words": pending.filter(importance="nice_to_have")
            .exclude(cue="")
            .count(),
            "undecided": pending.filter(cue="").count(),
        }
        per_job = pending.values("opportunity").annotate(n=Count("pk")).values_list("n", flat=True)
        counts = sorted(per_job)

        heap: dict[str, float] = {}
        if memory:
            second: dict[str, Any] = {}
            heap["import_only_mb"] = _heap_peak_mb(lambda: second.update(report=import_file("b-")))
            heap["recognition_mb"] = _heap_peak_mb(lambda: recognise(second["report"]))
        analyser = analyzer_for_language("fi").name
        concepts = len(get_engine().taxonomy)

    result = {
        "database": database,
        "jobs": jobs,
        "seed": seed,
        "analyzer_fi": analyser,
        "taxonomy_concepts": concepts,
        "code_path": "tasks.start_skill_recognition → run_skills_job (immediate backend)",
        "recognition": {
            "seconds": round(recognise_s, 2),
            "jobs_per_s": round(jobs / recognise_s, 1),
            "ms_per_job": round(1000 * recognise_s / jobs, 2),
            "run_status": str(job.status),
            "opportunities_with_suggestions": (job.report or {}).get("with_suggestions"),
            "suggestions_stored": (job.report or {}).get("suggested"),
            "suggestions_per_job_median": counts[len(counts) // 2] if counts else 0,
            "preselected": preselected,
        },
        "baseline_import_only": {
            "seconds": round(import_s, 2),
            "jobs_per_s": round(jobs / import_s, 1),
            "ms_per_job": round(1000 * import_s / jobs, 2),
        },
        "ratio_recognition_vs_import": round(recognise_s / import_s, 2),
        "engine_warm_up_ms": round(warm_up_ms, 1),
        "memory": {
            "peak_rss_mb_at_start": rss_start,
            "peak_rss_mb_after_engine_warm_up": rss_after_warm_up,
            "peak_rss_mb_at_end": rss_end,
            "python_heap_peak": heap or None,
        },
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{database}, {jobs} jobs, analyser {analyser}: recognition "
        f"{result['recognition']['jobs_per_s']} jobs/s ({result['recognition']['ms_per_job']} "
        f"ms/job); import alone {result['baseline_import_only']['jobs_per_s']} jobs/s; "
        f"peak RSS {rss_end} MiB; heap peaks {heap or '-'}"
    )
