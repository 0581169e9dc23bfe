"""The `simple` analyzer: lower-casing only."""

from __future__ import annotations

from kohtaanto.recognition.analyzer.base import Analyzer


class SimpleAnalyzer(Analyzer):
    name = "simple"

    def _normalize(self, word: str) -> str:
        return word.lower()
