"""The `voikko(fi)` analyzer: Finnish lemmas and compound parts from libvoikko.

Voikko is an optional native library; `available()` says whether it and its dictionary work.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from kohtaanto.recognition.analyzer.base import CACHE_SIZE, Analyzer
from kohtaanto.recognition.analyzer.finnish import strip_endings

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
    >>> parse_compound("infrastruktuurin", {"BASEFORM": "infrastruktuuri",
    ...     "FSTOUTPUT": "[Lp]infra[Bh][Bc][Ln][Xp]struktuuri[X]struktuur[Sg][Ny]in",
    ...     "STRUCTURE": "=ppppp=pppppppppp"})
    ('infra', 'struktuuri')
    """
    baseform = analysis.get("BASEFORM", word).lower()
    segments = analysis.get("FSTOUTPUT", "").split("[Bc]")
    pieces = [p for p in analysis.get("STRUCTURE", "").split("=") if p]
    if len(segments) < 2 or len(pieces) != len(segments):
        return (baseform,)
    prefix_len = sum(len(p) for p in pieces[:-1])
    if word[:prefix_len].lower() != baseform[:prefix_len]:
        return (baseform,)
    # A part without a lemma of its own (the prefix "infra" in "infrastruktuuri") is taken
    # as written.
    heads, offset = [], 0
    for segment, piece in zip(segments[:-1], pieces[:-1], strict=True):
        heads.append(_first_lemma(segment) or word[offset : offset + len(piece)])
        offset += len(piece)
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
        # Lemma, compound parts and variants all read the same analysis: ask Voikko once.
        self._analysis = lru_cache(maxsize=CACHE_SIZE)(self._analyse)

    def _analyse(self, word: str) -> dict[str, str] | None:
        """The preferred Voikko analysis of a word (memoised as `_analysis`; read only)."""
        analyses: list[dict[str, str]] = self._voikko.analyze(word)
        if not analyses:
            return None
        # Prefer readings with fewer compound parts ("tietokanta", not "tieto+kannoki"), then
        # nouns and verbs over participles and rarer readings, as Annif does.
        return min(
            analyses,
            key=lambda a: (
                a.get("STRUCTURE", "").count("="),
                0 if a.get("CLASS") in {"nimisana", "teonsana"} else 1,
            ),
        )

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

    def _variants(self, word: str) -> tuple[str, ...]:
        """Suffix-stripped candidates for words Voikko does not know ("Javalla" → "java")."""
        if self._analysis(word) is not None:
            return ()
        return strip_endings(word.lower())
