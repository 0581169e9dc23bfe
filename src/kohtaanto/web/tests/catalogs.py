"""Compile the shipped catalogs for tests when the .mo files are missing or stale.

The real build step is `kohtaanto i18n compile` (see the Makefile); this is a safety net so
that `pytest` alone also works on a fresh checkout.
"""

from __future__ import annotations

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    import polib
    from django.utils.translation import trans_real

    compiled = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    if compiled:
        # Forget catalogs Django may have loaded before the compilation.
        trans_real._translations = {}
        trans_real._default = None
    return compiled
