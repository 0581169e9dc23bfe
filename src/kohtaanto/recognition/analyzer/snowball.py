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


SV_VERB_ENDINGS = ("ade", "de", "te", "tt", "t")


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

    def _variants(self, word: str) -> tuple[str, ...]:
        """Swedish supine and past forms the stemmer leaves ("kört", "körde" → "kör", as
        "köra"): the stem of the word without its ending, if that differs."""
        if self.param != "sv":
            return ()
        lowered = word.lower()
        found = []
        for ending in SV_VERB_ENDINGS:
            if lowered.endswith(ending) and len(lowered) - len(ending) >= 2:
                stem = self._normalize(lowered[: -len(ending)])
                if stem != self._normalize(lowered):
                    found.append(stem)
                break
        return tuple(found)
