"""Analyzers by spec string: `voikko(fi)`, `snowball(sv)`, `snowball(en)`, `simple`.

Analyzer classes are imported lazily, like Annif's `annif/analyzer/__init__.py`. Analyzers are
shared per spec (they hold only caches), so `get_analyzer` returns the same instance each time.
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import cache

from kohtaanto.recognition.analyzer.base import Analyzer, Reading, Token

__all__ = ["Analyzer", "Reading", "Token", "analyzer_for_language", "get_analyzer"]

logger = logging.getLogger(__name__)

_REGISTRY: dict[str, tuple[str, str]] = {
    "simple": ("kohtaanto.recognition.analyzer.simple", "SimpleAnalyzer"),
    "snowball": ("kohtaanto.recognition.analyzer.snowball", "SnowballAnalyzer"),
    "voikko": ("kohtaanto.recognition.analyzer.voikko", "VoikkoAnalyzer"),
}
_SPEC_RE = re.compile(r"^(\w+)(?:\((\w*)\))?$")


@cache
def get_analyzer(spec: str) -> Analyzer:
    """The analyzer for a spec string; `voikko(xx)` falls back to `snowball(xx)` with a
    warning when Voikko is not usable."""
    match = _SPEC_RE.match(spec.strip())
    if not match or match.group(1) not in _REGISTRY:
        raise ValueError(f"unknown analyzer spec {spec!r}")
    name, param = match.group(1), match.group(2) or None
    if name == "voikko":
        from kohtaanto.recognition.analyzer.voikko import available

        if not available(param or "fi"):
            logger.warning("Voikko is not available; using snowball(%s)", param or "fi")
            return get_analyzer(f"snowball({param or 'fi'})")
    module_name, class_name = _REGISTRY[name]
    cls: type[Analyzer] = getattr(importlib.import_module(module_name), class_name)
    return cls(param)


def analyzer_for_language(lang: str) -> Analyzer:
    """The best analyzer for a language: Voikko for Finnish, Snowball otherwise."""
    if lang == "fi":
        return get_analyzer("voikko(fi)")
    try:
        return get_analyzer(f"snowball({lang})")
    except ValueError:
        return get_analyzer("simple")
