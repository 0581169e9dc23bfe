"""The taxonomy library imports no Django, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys


def test_taxonomy_imports_no_django_and_no_rdflib_up_front() -> None:
    code = (
        "import sys, kohtaanto.taxonomy as t;"
        "import kohtaanto.taxonomy.build, kohtaanto.taxonomy.esco_csv, kohtaanto.taxonomy.index;"
        "import kohtaanto.taxonomy.skos, kohtaanto.taxonomy.stats;"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'django', 'rdflib'}];"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
