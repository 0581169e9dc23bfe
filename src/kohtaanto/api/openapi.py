"""The committed OpenAPI document (`openapi.yaml` beside this file).

`generate()` builds it from the code, as `/api/schema/` serves it; `write()` updates the
committed file (`make schema`, i.e. `manage.py api_schema --write`); `difference()` is the
unified diff between the two, empty when they agree (the drift test and `--check` use it).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

COMMITTED = Path(__file__).resolve().parent / "openapi.yaml"
REGENERATE = "make schema  (python manage.py api_schema --write)"


def generate() -> str:
    with translation.override("en"):
        schema = SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
        rendered: bytes = OpenApiYamlRenderer().render(schema, renderer_context={})  # type: ignore[no-untyped-call]
        return rendered.decode("utf-8")


def write() -> None:
    COMMITTED.write_text(generate(), encoding="utf-8")


def difference() -> str:
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    generated = generate()
    if committed == generated:
        return ""
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            generated.splitlines(keepends=True),
            fromfile="committed src/kohtaanto/api/openapi.yaml",
            tofile="generated from the code",
            n=2,
        )
    )
    return f"The OpenAPI document has drifted from the code. Regenerate: {REGENERATE}\n{diff}"
