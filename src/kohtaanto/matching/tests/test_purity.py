"""The matching library imports no Django, and `import kohtaanto.matching` stays light."""

from __future__ import annotations

import subprocess
import sys


def test_matching_imports_no_django_and_no_scipy_up_front() -> None:
    code = (
        "import sys, kohtaanto.matching;"
        "light = [m for m in sys.modules if m.split('.')[0] in {'django', 'scipy', 'dask'}];"
        "import kohtaanto.matching.batch, kohtaanto.matching.dataset, kohtaanto.matching.synthetic;"
        "import kohtaanto.matching.score;"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'django', 'rest_framework'}];"
        "print(','.join(light + bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
