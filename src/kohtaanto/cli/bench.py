"""`kohtaanto bench …`: benchmark harnesses living in the top-level `benchmarks/` package.

`benchmarks/` sits beside `src/` in a source checkout and is not installed, so the repository
root is put on `sys.path` before a benchmark module is imported. Each subcommand is the
`command` attribute of `benchmarks.<module>`, imported only when it runs; adding a benchmark
is one entry in `BENCHMARKS`.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

import kohtaanto

# subcommand → (module in `benchmarks`, short help shown without importing the module)
BENCHMARKS: dict[str, tuple[str, str]] = {
    "melo": ("melo", "MELO job titles → ESCO surface forms: MAP, MRR, acc@k."),
    "skills": ("skills", "Skills in job-ad sentences (Decorte format): R-Precision@K."),
    "titles": ("titles", "Vacancy titles → ESCO occupations: acc@1, MRR@10."),
    "matching": ("matching", "Batch top-k matching vs dense brute force: time, RSS, recall@k."),
    "home": ("web_home", "Home page server time per persona on the demo data."),
    "caseload": ("caseload", "Caseload page server time with a big caseload (2,000)."),
    "story": ("story", "Saving a story to suggestions shown (recognition, Voikko)."),
    "import-jobs": ("import_jobs", "Skills of 500 imported jobs recognised in the background."),
    "import": ("import_dry_run", "Dry run of a 10,000-row opportunity CSV vs reading it."),
    "suggestions-page": ("suggestions_page", "Participant's suggestions page, 2,000 openings."),
    "stories": ("stories", "Stories (fi, sv) to what the story page shows: precision, recall."),
    "long-input": ("long_input", "The 20,000-character story recognised; the language guesser."),
    "mentor-assignment": ("mentor_assignment", "Mentors for 2,000 people: optimal vs greedy."),
    "roll-call": ("roll_call", "Attendance roll call page of a 25-person group: server time."),
    "checkin": ("checkin", "Workplace mentor's weekly check-in page (and by link): server time."),
    "trials": ("trials", "Work-trial rules for 10,000 trial histories: indexed vs naive."),
    "outcomes": ("outcomes", "Outcome report for 20,000 participants over 3 years vs a count."),
    "badges": ("badges", "Issuing/verifying 1,000 Open Badges 3.0 vs bare Ed25519 signing."),
    "load": ("load", "Logged-in people of mixed roles on gunicorn + PostgreSQL vs a bare view."),
    "db-restart": (
        "db_restart",
        "PostgreSQL restarted under acknowledged writes: writes lost, errors, recovery.",
    ),
    "foresight": (
        "foresight",
        "Regional demand vs supply: local and Dask, checksum, time, memory.",
    ),
}


def repo_root() -> Path:
    return Path(kohtaanto.__file__).resolve().parents[2]


def ensure_benchmarks_importable() -> None:
    root = repo_root()
    if not (root / "benchmarks" / "__init__.py").is_file():
        raise click.ClickException(
            "benchmarks run from a source checkout of Kohtaanto: "
            f"no benchmarks/ package found at {root}"
        )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))


class BenchGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(BENCHMARKS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = BENCHMARKS.get(cmd_name)
        if spec is None:
            return None
        ensure_benchmarks_importable()
        module = importlib.import_module(f"benchmarks.{spec[0]}")
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, BENCHMARKS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Benchmarks"):
            formatter.write_dl(rows)


@click.group(cls=BenchGroup)
def bench() -> None:
    """Run a benchmark on an evaluation set; the baseline is measured in the same run."""
