"""The language of the console command's messages: `--lang`, else the locale of the shell
(LC_ALL, LC_MESSAGES, LANG: `fi_FI.UTF-8` → fi), else English. Django must be set up."""

from __future__ import annotations

import os

import click

LANGUAGES = ("fi", "sv", "en")

lang_option = click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the messages (default: the shell's locale, else English).",
)


def shell_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split("_", 1)[0].split(".", 1)[0].casefold()
            return code if code in LANGUAGES else "en"
    return "en"


def activate(language: str | None = None) -> str:
    from django.utils import translation

    chosen = language or shell_language()
    translation.activate(chosen)
    return chosen
