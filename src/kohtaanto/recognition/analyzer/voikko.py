"""The `voikko(fi)` analyzer: Finnish lemmas and compound parts from libvoikko.

Voikko is an optional native library; `available()` says whether it and its dictionary work.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kohtaanto.recognition.analyzer.base import Analyzer

_LEMMA_RE = re.compile(r"\[Xp\]([^\[]+)\[X\]")


@cache
def available(language: str = "fi") -> bool:
    try:
        import libvoikko

        libvoikko.Voikko(language).terminate()
    except (ImportError, OSError, Exception):
        return False
    return True


def parse_compound(word: str, analysis: dict[str, str]) -> tuple[str, ...]:
    """Compound parts from one Voikko analysis: non-final parts from FSTOUTPUT, the head
    from BASEFORM minus the surface of the non-final parts (STRUCTURE gives their length).

    >>> parse_compound("trukinkuljettajana", {"BASEFORM": "trukinkuljettaja",
    ...     "FSTOUTPUT": "[Ln][Xp]trukki[X]truk[Sg][Ny]in[Bh][Bc][Lt][Xp]kuljettaa[X]kuljetta",
    ...     "STRUCTURE": "=pppppp=pppppppppppp"})
    ('trukki', 'kuljettaja')
    """
    baseform = analysis.get("BASEFORM", word).lower()
    segments = analysis.get("FSTOUTPUT", "").split("[Bc]")
    pieces = [p for p in analysis.get("STRUCTURE", "").split("=") if p]
    if len(segments) < 2 or len(pieces) != len(segments):
        return (baseform,)
    prefix_len = sum(len(p) for p in pieces[:-1])
    if word[:prefix_len].lower() != baseform[:prefix_len]:
        return (baseform,)
    heads = [_first_lemma(segment) for segment in segments[:-1]]
    if not all(heads):
        return (baseform,)
    return (*[h.lower() for h in heads if h], baseform[prefix_len:].lstrip("-"))


def _first_lemma(segment: str) -> str | None:
    match = _LEMMA_RE.search(segment)
    return match.group(1) if match else None


class VoikkoAnalyzer(Analyzer):
    name = "voikko"

    def __init__(self, param: str | None = None) -> None:
        super().__init__(param or "fi")
        import libvoikko

        self._voikko: Any = libvoikko.Voikko(self.param)

    def _analysis(self, word: str) -> dict[str, str] | None:
        analyses: list[dict[str, str]] = self._voikko.analyze(word)
        if not analyses:
            return None
        # Prefer nouns and verbs over participles and rarer readings, as Annif does.
        return min(analyses, key=lambda a: 0 if a.get("CLASS") in {"nimisana", "teonsana"} else 1)

    def _normalize(self, word: str) -> str:
        analysis = self._analysis(word)
        if analysis is None:
            return word.lower()
        fst = analysis.get("FSTOUTPUT", "")
        if "PARTICIPLE" in analysis and "[Bc]" not in fst:
            # "ajanut" → "ajaa": a participle matches the verb of a label.
            verb = _first_lemma(fst)
            if verb:
                return verb.lower()
        return analysis["BASEFORM"].lower()

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        analysis = self._analysis(word)
        if analysis is None:
            return (word.lower(),)
        return parse_compound(word, analysis)
