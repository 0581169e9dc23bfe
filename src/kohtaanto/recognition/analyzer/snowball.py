"""The `snowball(xx)` analyzer: PyStemmer Snowball stemmers for many languages."""

from __future__ import annotations

import Stemmer

from kohtaanto.recognition.analyzer.base import Analyzer

LANGUAGES = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "sv": "swedish",
}


class SnowballAnalyzer(Analyzer):
    name = "snowball"

    def __init__(self, param: str | None = None) -> None:
        super().__init__(param)
        language = LANGUAGES.get(param or "en", param or "english")
        if language not in Stemmer.algorithms():
            raise ValueError(f"no Snowball stemmer for {param!r}")
        self._stemmer = Stemmer.Stemmer(language)

    def _normalize(self, word: str) -> str:
        return str(self._stemmer.stemWord(word.lower()))
