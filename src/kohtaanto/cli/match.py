"""`kohtaanto match`: batch matching of everyone against everything, from a file.

Heavy imports (NumPy, SciPy, Dask) live inside the commands so that `kohtaanto --help` stays
fast. The input format is described in `kohtaanto.matching.dataset`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click


def _progress(done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        click.echo(f"[{done}/{total}] chunks", err=True)


@click.group()
def match() -> None:
    """Match profiles and opportunities (explainable scores, batch top-k)."""


@match.command()
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Profiles and opportunities: JSON lines (.jsonl) or encoded arrays (.npz).",
)
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON lines to write: profile, opportunity, rank, score, rules.",
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler ADDRESS (else a LocalCluster).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 256))
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Local engine: score chunks in this many threads (off by default).",
)
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1, 10**6))
@click.option(
    "--direction",
    type=click.Choice(["profiles", "opportunities"]),
    default="profiles",
    show_default=True,
    help="Top-k opportunities per profile, or top-k profiles per opportunity (local only).",
)
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compiled taxonomy index for partial credit (broader/related skills, occupations).",
)
@click.option("--rules", "rules_version", default="scoring-v1", show_default=True)
def batch(
    input_path: Path,
    output_path: Path,
    k: int,
    engine: str,
    scheduler: str | None,
    workers: int,
    threads: int,
    chunk_size: int,
    direction: str,
    taxonomy_path: Path | None,
    rules_version: str,
) -> None:
    """Top-k matches for every profile; a JSON summary goes to stdout."""
    from kohtaanto.matching import batch as engines
    from kohtaanto.matching.dataset import DatasetError, read_input, write_results
    from kohtaanto.matching.graph import SkillGraph
    from kohtaanto.matching.kernel import build_tables
    from kohtaanto.matching.rules import RulesError, load_rules

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if direction == "opportunities" and engine != "local":
        raise click.UsageError("--direction opportunities runs on the local engine only")
    started = time.perf_counter()
    try:
        rules = load_rules(rules_version)
        profiles, opportunities, vocab = read_input(input_path)
    except (DatasetError, RulesError) as exc:
        raise click.ClickException(str(exc)) from None
    graph = SkillGraph.empty()
    if taxonomy_path is not None:
        from kohtaanto.taxonomy.index import load_index

        graph = SkillGraph.from_taxonomy(load_index(taxonomy_path), rules)
    click.echo(f"{len(profiles)} profiles, {len(opportunities)} opportunities", err=True)
    tables = build_tables(opportunities, vocab, graph, rules)
    if direction == "opportunities":
        result = engines.run_opportunities(tables, profiles, k, chunk_size, _progress)
    else:
        result = engines.run(
            tables, profiles, k, engine, chunk_size, workers, scheduler, threads, _progress
        )
    with output_path.open("w", encoding="utf-8") as handle:
        lines = write_results(result, handle)
    summary = {
        "profiles": len(profiles),
        "opportunities": len(opportunities),
        "direction": direction,
        "engine": engine,
        "k": k,
        "rows": lines,
        "rules": rules.version,
        "seconds": round(time.perf_counter() - started, 3),
        "checksum": result.checksum(),
    }
    click.echo(json.dumps(summary))


@match.command("export")
@click.option(
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON lines to write: the input of `kohtaanto match batch`.",
)
@click.option("--organisation", "organisation_id", type=int, help="Only this organisation (id).")
def export(output_path: Path, organisation_id: int | None) -> None:
    """Write the batch input from the database: participants who consented to matching
    (confirmed skills only) and open opportunities. Names and contact details are not written."""
    from kohtaanto.cli.django_setup import setup_django

    setup_django()
    from kohtaanto.core.models import Organisation
    from kohtaanto.matches.export import write_batch_input

    if organisation_id is not None and not Organisation.objects.filter(pk=organisation_id).exists():
        raise click.ClickException(f"No organisation with the id {organisation_id}.")
    temporary = output_path.with_name(output_path.name + ".part")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            profiles, opportunities = write_batch_input(handle, organisation_id)
        temporary.replace(output_path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise click.ClickException(f"Cannot write {output_path}: {error.strerror}") from None
    click.echo(
        json.dumps(
            {"profiles": profiles, "opportunities": opportunities, "output": str(output_path)}
        )
    )
