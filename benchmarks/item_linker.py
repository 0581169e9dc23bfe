"""A title linker over arbitrary (id, text) items, for `kohtaanto bench melo`.

MELO ranks the dataset's own surface forms, which no `Engine` call does (the engine links titles
to the taxonomy's occupations, with `params.title` of the product's weights file). This module
builds the product's public `TitleLinker` over any items with the parameters tuned for them on
the MELO development sets, kept in `item_linker.json` beside this module (until issue 11
`TitleLinker.from_items`, `ITEM_DEFAULTS` and `params.title_items` in `kohtaanto.recognition`;
only this benchmark used them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kohtaanto.recognition.analyzer import Analyzer, get_analyzer
from kohtaanto.recognition.titles import TitleLinker, TitleParams

PARAMS_FILE = Path(__file__).with_name("item_linker.json")
"""The tuned parameters (`params`) and how they were tuned (`tuned_on`)."""


def shipped_params() -> dict[str, Any]:
    """The `params` mapping of `item_linker.json`."""
    data: Mapping[str, Any] = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))
    return dict(data["params"])


def item_params(**overrides: float) -> TitleParams:
    """`TitleParams` for arbitrary items: `item_linker.json` over the product's defaults, then
    `overrides`."""
    return TitleParams.from_mapping({**shipped_params(), **overrides})


def item_linker(
    items: Sequence[tuple[str, str]], analyzer: Analyzer | None = None, **params: float
) -> TitleLinker:
    """A `TitleLinker` over (id, text) items (several items may share an id), with the tuned
    item parameters (`item_params(**params)`); `analyzer` defaults to `simple`."""
    return TitleLinker(
        [item_id for item_id, _ in items],
        [text for _, text in items],
        analyzer or get_analyzer("simple"),
        params=item_params(**params),
    )
