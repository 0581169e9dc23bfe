"""Shared output of the benchmark commands: JSON on stdout, or indented text."""

from __future__ import annotations

import json
from typing import Any

import click


def emit(result: dict[str, Any], as_json: bool, title: str) -> None:
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(title)
    for line in _lines(result, 1):
        click.echo(line)


def _lines(value: dict[str, Any], depth: int) -> list[str]:
    lines: list[str] = []
    pad = "  " * depth
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(_lines(item, depth + 1))
        elif isinstance(item, float):
            shown = f"{item:.4f}" if abs(item) < 10 else f"{item:.1f}"
            lines.append(f"{pad}{key:<14} {shown}")
        else:
            lines.append(f"{pad}{key:<14} {item}")
    return lines


def ratio(engine: float, baseline: float) -> float | None:
    return round(engine / baseline, 3) if baseline else None
