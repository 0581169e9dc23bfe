"""The shipped catalogs are complete: no untranslated or fuzzy fi/sv entries, and every string
in the code (a fresh `makemessages` run) is in them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "kohtaanto"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("fi", "sv", "en")


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def active(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_exists(language: str) -> None:
    assert (LOCALE / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_no_untranslated_or_fuzzy_entries(language: str) -> None:
    problems = [
        f"line {entry.linenum}: {'fuzzy' if entry.fuzzy else 'untranslated'}: {entry.msgid!r}"
        for entry in active(catalog(language))
        if entry.fuzzy or not entry.translated()
    ]
    assert not problems, f"{language}: {len(problems)} problem(s)\n" + "\n".join(problems)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_are_kept(language: str) -> None:
    import re

    pattern = re.compile(r"%\(\w+\)s|\{\w+\}")
    problems = []
    for entry in active(catalog(language)):
        if entry.msgid_plural:
            # "An employer has answered." / "%(counter)s employers have answered.": the one form
            # may leave the counter out; no form brings a placeholder of its own, and the
            # other form keeps every placeholder of the plural.
            allowed = set(pattern.findall(entry.msgid)) | set(pattern.findall(entry.msgid_plural))
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            for text in forms:
                if not set(pattern.findall(text)) <= allowed:
                    problems.append(f"{entry.msgid!r} → {text!r}")
            if not set(pattern.findall(entry.msgid_plural)) <= set(pattern.findall(forms[-1])):
                problems.append(f"{entry.msgid_plural!r} → {forms[-1]!r}")
            continue
        wanted = set(pattern.findall(entry.msgid))
        if set(pattern.findall(entry.msgstr)) != wanted:
            problems.append(f"{entry.msgid!r} → {entry.msgstr!r}")
    assert not problems, "\n".join(problems)


def test_english_catalog_is_the_identity() -> None:
    for entry in active(catalog("en")):
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is missing")
def test_every_string_in_the_code_is_in_the_catalogs(tmp_path: Path) -> None:
    """Run makemessages on a copy of the package and compare its msgids with ours."""
    copy = tmp_path / "kohtaanto"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static", "*.mo")
    )
    (copy / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            str(REPO / "manage.py"),
            "makemessages",
            "-l",
            "fi",
            "--no-location",
            "--ignore=node_modules",
            "--ignore=.venv",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "KOHTAANTO_DATA_DIR": str(tmp_path / "var")},
    )
    fresh = polib.pofile(str(copy / "locale" / "fi" / "LC_MESSAGES" / "django.po"))
    for language in LANGUAGES:
        shipped = {(e.msgctxt, e.msgid) for e in active(catalog(language))}
        missing = sorted(
            entry.msgid for entry in fresh if (entry.msgctxt, entry.msgid) not in shipped
        )
        assert not missing, (
            f"{language}: {len(missing)} string(s) missing; run makemessages from src/kohtaanto "
            "and translate:\n" + "\n".join(map(repr, missing))
        )
