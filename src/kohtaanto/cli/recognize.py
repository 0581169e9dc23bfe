"""`kohtaanto recognize` and `kohtaanto link-title`: recognition from the command line.

Heavy imports (NumPy, Voikko, the taxonomy) happen inside the commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from kohtaanto.recognition import Engine, Suggestion

F = TypeVar("F", bound=Callable[..., Any])


def _common_options(func: F) -> F:
    func = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Keep the built engine here (per taxonomy content) to start faster next time.",
    )(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)
    func = click.option("--lang", default="fi", show_default=True, help="Language of the text.")(
        func
    )
    func = click.option(
        "--taxonomy",
        "taxonomy_path",
        required=True,
        help="A compiled taxonomy index file, or 'starter'.",
    )(func)
    return func


def _engine(taxonomy_path: str, lang: str, cache_dir: Path | None) -> Engine:
    from kohtaanto.recognition import build_engine
    from kohtaanto.taxonomy.errors import TaxonomyError

    try:
        if taxonomy_path == "starter":
            from kohtaanto.taxonomy.starter import load_starter

            taxonomy = load_starter()
        else:
            from kohtaanto.taxonomy.index import load_index

            taxonomy = load_index(taxonomy_path)
    except FileNotFoundError:
        raise click.ClickException(f"taxonomy file not found: {taxonomy_path}") from None
    except (TaxonomyError, OSError, ValueError) as error:
        raise click.ClickException(f"cannot load taxonomy {taxonomy_path}: {error}") from None
    languages = tuple(dict.fromkeys((lang, "en")))
    # Indexes are built per language on first use and kept in cache_dir (.npz, no pickle).
    return build_engine(taxonomy, languages=languages, cache_dir=cache_dir)


def _read_text(text: str) -> str:
    value = sys.stdin.read() if text == "-" else text
    if not value.strip():
        raise click.ClickException("the text is empty")
    return value


def _print(suggestions: list[Suggestion], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in suggestions], ensure_ascii=False, indent=2))
        return
    if not suggestions:
        click.echo("(nothing recognised)")
    for s in suggestions:
        words = ", ".join(e.text for e in s.evidence)
        flags = "".join(f" [{f}]" for f, on in (("inferred", s.inferred), ("goal", s.goal)) if on)
        click.echo(f"{s.score:5.2f}  {s.kind.value:<10}  {s.label}{flags}  {words}".rstrip())


@click.command()
@_common_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.argument("text")
def recognize(
    taxonomy_path: str, lang: str, as_json: bool, cache_dir: Path | None, limit: int, text: str
) -> None:
    """Recognise skills and occupations in TEXT ('-' reads standard input)."""
    value = _read_text(text)
    engine = _engine(taxonomy_path, lang, cache_dir)
    _print(engine.recognize(value, lang=lang, limit=limit), as_json)


@click.command("link-title")
@_common_options
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.argument("title")
def link_title(
    taxonomy_path: str, lang: str, as_json: bool, cache_dir: Path | None, limit: int, title: str
) -> None:
    """Link a job TITLE to occupations ('-' reads one title per line from standard input)."""
    titles = [t.strip() for t in _read_text(title).splitlines() if t.strip()]
    engine = _engine(taxonomy_path, lang, cache_dir)
    results = {t: engine.link_title(t, lang=lang, limit=limit) for t in titles}
    if as_json:
        payload = [
            {"title": t, "occupations": [s.to_dict() for s in r]} for t, r in results.items()
        ]
        click.echo(
            json.dumps(
                payload if len(titles) > 1 else payload[0]["occupations"],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for t, r in results.items():
        if len(titles) > 1:
            click.echo(f"# {t}")
        _print(r, as_json=False)
