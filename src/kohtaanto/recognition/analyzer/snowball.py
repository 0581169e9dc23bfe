"""The `snowball(xx)` analyzer: PyStemmer Snowball stemmers for many languages."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

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


@cache
def sv_verb_forms() -> dict[str, str]:
    """Swedish verb forms → infinitive that the stemmer cannot bring together ("tog" → "ta",
    "skötte" → "sköta", "syr" → "sy"): `sv_verbs.json`, written by the team."""
    text = resources.files("kohtaanto.recognition.analyzer").joinpath("sv_verbs.json")
    forms: dict[str, str] = json.loads(text.read_text("utf-8"))["forms"]
    return forms


class SnowballAnalyzer(Analyzer):
    name = "snowball"

    def __init__(self, param: str | None = None) -> None:
        super().__init__(param)
        language = LANGUAGES.get(param or "en", param or "english")
        if language not in Stemmer.algorithms():
            raise ValueError(f"no Snowball stemmer for {param!r}")
        self._stemmer = Stemmer.Stemmer(language)

    def _normalize(self, word: str) -> str:
        stem = str(self._stemmer.stemWord(word.lower()))
        if self.param == "sv" and stem.endswith("s"):
            # Swedish Snowball reads a final "s" as the genitive: "analys" → "analy",
            # "kompetens" → "kompet", but "analyser", "analysen" → "analys". A stem still
            # ending in "s" goes through its s-rule once more, so that every form of a noun
            # whose own last letter is "s" meets its base form ("affärsanalyser" is
            # *affärsanalys*, "webbplatsen" *webbplats*). "process" (double s) stays.
            stem = str(self._stemmer.stemWord(stem))
        return stem

    def _variants(self, word: str) -> tuple[str, ...]:
        """Swedish supine and past forms the stemmer leaves ("kört", "körde" → "kör", as
        "köra"): the stem of the word without its ending, if that differs; strong and
        irregular forms from a table ("tog" → "ta", `sv_verb_forms`)."""
        if self.param != "sv":
            return ()
        lowered = word.lower()
        found = []
        infinitive = sv_verb_forms().get(lowered)
        if infinitive is not None:
            found.append(self._normalize(infinitive))
        own = self._normalize(lowered)
        for ending in SV_VERB_ENDINGS:
            if lowered.endswith(ending) and len(lowered) - len(ending) >= 2:
                stem = self._normalize(lowered[: -len(ending)])
                if stem != own:
                    found.append(stem)
                break
        for base in sv_definite_bases(lowered):
            stem = self._normalize(base)
            if stem != own:
                found.append(stem)
        return tuple(dict.fromkeys(found))


SV_VOWELS = frozenset("aeiouyåäö")


def sv_definite_bases(word: str) -> tuple[str, ...]:
    """Base forms a Swedish definite singular may have where Snowball keeps the ending:
    "strategin" → "strategi", "sjuksköterskan" → "sjuksköterska" (a vowel and "n"),
    "programmet" → "program" (a doubled m before "et"), "lagret", "lagren" →
    "lager" (an "-er" noun that drops its e). Candidates only: a form counts when its stem
    is a label word's.

    >>> sv_definite_bases("strategin"), sv_definite_bases("programmet")
    (('strategi',), ('programm', 'program'))
    >>> sv_definite_bases("lagret"), sv_definite_bases("truck")
    (('lager',), ())
    """
    if len(word) < 5:
        return ()
    bases: list[str] = []
    if word.endswith("n") and word[-2] in SV_VOWELS and word[-3] not in SV_VOWELS:
        bases.append(word[:-1])
    if word.endswith("et") and word[-3] not in SV_VOWELS:
        bare = word[:-2]
        if bare.endswith("r") and len(bare) >= 4 and bare[-2] not in SV_VOWELS:
            bases.append(bare[:-1] + "er")
        else:
            bases.append(bare)
            if bare.endswith("mm"):  # "programmet", "rummet": the base has one m
                bases.append(bare[:-1])
    if word.endswith("ren") and word[-4] not in SV_VOWELS and len(word) >= 6:
        bases.append(word[:-3] + "er")
    return tuple(bases)
