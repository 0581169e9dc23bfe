"""The analyzer base class: tokenisation with character spans, and word normalisation."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass
from functools import lru_cache

# A word is a run of letters/digits, optionally followed by "+" or "#" (C++, C#, F#).
_WORD_RE = re.compile(r"[^\W_]+(?:\+\+|#)?")

CACHE_SIZE = 100_000


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a word: its lemma, word class ("noun", "verb", "adj", "name", "other"
    or "" when unknown) and, where the analyzer knows it, its case (Voikko's SIJAMUOTO) and
    the form of a verb (Voikko's MOOD, "indicative", "MA-infinitive", "MINEN-infinitive", …,
    or "participle")."""

    lemma: str
    word_class: str = ""
    case: str = ""
    form: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the input text: `text[start:end] == surface`."""

    start: int
    end: int
    surface: str


class Analyzer(abc.ABC):
    """Splits text into words and maps each word to a normalised form (lemma or stem).

    Subclasses implement `_normalize`; results are cached per analyzer instance.
    """

    name = "analyzer"

    def __init__(self, param: str | None = None) -> None:
        self.param = param
        self._cached_normalize = lru_cache(maxsize=CACHE_SIZE)(self._normalize)
        self._cached_parts = lru_cache(maxsize=CACHE_SIZE)(self._compound_parts)
        self._cached_variants = lru_cache(maxsize=CACHE_SIZE)(self._variants)
        self._cached_readings = lru_cache(maxsize=CACHE_SIZE)(self._readings)

    @property
    def spec(self) -> str:
        return f"{self.name}({self.param})" if self.param else self.name

    def tokenize_words(self, text: str) -> list[Token]:
        return [Token(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]

    def normalize_word(self, word: str) -> str:
        """The lemma or stem of one word, lower-cased."""
        return self._cached_normalize(word)

    def compound_parts(self, word: str) -> list[str]:
        """Normalised parts of a compound word; a single-element list for simple words."""
        return list(self._cached_parts(word))

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        return (self.normalize_word(word),)

    def variants(self, word: str) -> tuple[str, ...]:
        """Other possible normalised forms of a word the analyzer is unsure about (e.g.
        suffix-stripped forms of an unknown Finnish word), most plausible first; () if none."""
        return self._cached_variants(word)

    def _variants(self, word: str) -> tuple[str, ...]:
        return ()

    def readings(self, word: str) -> tuple[Reading, ...]:
        """The plausible readings of a word, the one `normalize_word` gives first (cached).
        Analyzers without morphology give one reading without a word class."""
        return self._cached_readings(word)

    def _readings(self, word: str) -> tuple[Reading, ...]:
        return (Reading(self.normalize_word(word)),)

    @abc.abstractmethod
    def _normalize(self, word: str) -> str:
        """Normalise one word (no caching here)."""

    def __reduce__(self) -> tuple[object, tuple[str | None]]:
        # Caches and native handles are rebuilt on unpickling.
        return (type(self), (self.param,))
