"""The `kohtaanto` console command: a thin Click group whose subcommands load lazily.

Subcommands are imported only when they run, so that `kohtaanto --help` starts fast (no
Django, NumPy or Voikko at start-up).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# name → ("module", "attribute", "short help shown by --help without importing the module")
COMMANDS: dict[str, tuple[str, str, str]] = {
    "taxonomy": ("kohtaanto.cli.taxonomy", "taxonomy", "Build, inspect and import taxonomies."),
    "recognize": (
        "kohtaanto.cli.recognize",
        "recognize",
        "Recognise skills and occupations in a text.",
    ),
    "link-title": (
        "kohtaanto.cli.recognize",
        "link_title",
        "Link job titles to occupations.",
    ),
    "match": ("kohtaanto.cli.match", "match", "Match profiles and opportunities (batch top-k)."),
    "opportunities": (
        "kohtaanto.cli.opportunities",
        "opportunities",
        "Import opportunities and courses.",
    ),
    "qualifications": (
        "kohtaanto.cli.qualifications",
        "qualifications",
        "Import and list qualifications (ePerusteet).",
    ),
    "bench": ("kohtaanto.cli.bench", "bench", "Run benchmarks and print JSON."),
    "api": ("kohtaanto.cli.api", "api", "API tokens, OAuth clients and the OpenAPI document."),
    "i18n": ("kohtaanto.cli.i18n", "i18n", "Compile and check translations."),
    "audit": ("kohtaanto.cli.audit", "audit", "Audit matching on real data (fairness)."),
    "worker": ("kohtaanto.cli.worker", "worker", "Run background work (big imports)."),
    "users": ("kohtaanto.cli.users", "users", "Create the first coordinator of a site."),
    "reminders": ("kohtaanto.cli.reminders", "reminders", "Send the reminders that are due."),
    "report": ("kohtaanto.cli.report", "report", "Outcome and ESF+ reports (aggregates)."),
    "foresight": ("kohtaanto.cli.foresight", "foresight", "Build regional demand and supply."),
    "privacy": ("kohtaanto.cli.privacy", "privacy", "Erase participants; apply retention rules."),
    "backup": ("kohtaanto.cli.backup", "backup", "Back up the database and stored files."),
    "restore": ("kohtaanto.cli.backup", "restore", "Restore a backup into an empty database."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module = importlib.import_module(spec[0])
        command: click.Command = getattr(module, spec[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(package_name="kohtaanto")
def cli() -> None:
    """Kohtaanto: competence recognition, coaching and matching for employment services."""


def main(*args: Any) -> None:
    from kohtaanto.core.configuration import configuration_errors_exit

    # A missing or malformed environment variable: one line naming it, no traceback.
    with configuration_errors_exit("kohtaanto"):
        cli()
