"""`kohtaanto i18n`: compile and check the shipped translations with polib (no GNU gettext)."""

from __future__ import annotations

from pathlib import Path

import click

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
REQUIRED_LANGUAGES = ("fi", "sv", "en")


def _catalogs(locale_dir: Path) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def problems_in(po_path: Path) -> list[str]:
    """Untranslated, fuzzy and obsolete-but-active entries of one catalog, as readable lines."""
    import polib

    catalog = polib.pofile(str(po_path))
    found: list[str] = []
    for entry in catalog:
        if entry.obsolete:
            continue
        where = f"{po_path}:{entry.linenum}"
        if entry.fuzzy:
            found.append(f"{where}: fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"{where}: untranslated: {entry.msgid!r}")
    return found


@click.group()
def i18n() -> None:
    """Compile and check translations."""


@i18n.command()
@click.option("--locale-dir", type=click.Path(path_type=Path), default=LOCALE_DIR)
def compile(locale_dir: Path) -> None:
    """Compile every .po catalog into a .mo file next to it."""
    import polib

    catalogs = _catalogs(locale_dir)
    if not catalogs:
        raise click.ClickException(f"No .po catalogs under {locale_dir}.")
    for po_path in catalogs:
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        click.echo(f"compiled {po_path.relative_to(locale_dir)}", err=True)


@i18n.command()
@click.option("--locale-dir", type=click.Path(path_type=Path), default=LOCALE_DIR)
def check(locale_dir: Path) -> None:
    """Fail when a shipped catalog is missing, or has untranslated or fuzzy entries."""
    missing = [
        lang
        for lang in REQUIRED_LANGUAGES
        if not (locale_dir / lang / "LC_MESSAGES" / "django.po").exists()
    ]
    found = [line for po in _catalogs(locale_dir) for line in problems_in(po)]
    for lang in missing:
        found.append(f"{locale_dir / lang}: catalog django.po is missing")
    for po in _catalogs(locale_dir):
        if not po.with_suffix(".mo").exists() or (
            po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
        ):
            found.append(f"{po}: not compiled (run `kohtaanto i18n compile`)")
    if found:
        click.echo("\n".join(found), err=True)
        raise click.ClickException(f"{len(found)} translation problem(s).")
    click.echo("translations complete", err=True)
