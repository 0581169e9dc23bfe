"""Job-title linking: char n-grams plus lemma tokens over titles in any language.

`TitleLinker.from_items` indexes arbitrary (id, text) items; `rank` returns ids, best first.
Vacancy noise ("(m/f/d)", "full-time") is removed; seniority words count only lightly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from kohtaanto.recognition.analyzer import Analyzer, get_analyzer
from kohtaanto.recognition.stopwords import STOPWORDS
from kohtaanto.recognition.vectors import TfidfIndex, char_ngrams, top_k_among

_NOISE_RE = re.compile(
    r"\(?\b[mwfhdx]\s*/\s*[mwfhdx](?:\s*/\s*[mwfhdx])?\b\)?|\b(?:full|part)[\s-]?time\b|"
    r"\b(?:remote|hybrid|urgent|immediate start|kokoaikai\w*|osa-aikai\w*|heltid|deltid)\b",
    re.IGNORECASE,
)
SENIORITY = frozenset(
    "senior junior sr jr lead principal trainee entry level experienced assistant chief head "
    "i ii iii iv nuorempi vanhempi".split()
)
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
SENIORITY_WEIGHT = 0.3


def clean_title(title: str) -> str:
    """The title without vacancy noise such as "(m/f/d)" or "full-time"."""
    return " ".join(_NOISE_RE.sub(" ", title).split())


class TitleLinker:
    """Ranks items by a blend of char n-gram and lemma-token TF-IDF cosine similarity."""

    def __init__(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        analyzer: Analyzer,
        char_weight: float = 0.5,
        ngrams: tuple[int, int] = (2, 4),
        max_query_df: float = 1.0,
        item_weights: Sequence[float] | None = None,
    ) -> None:
        self.ids = list(ids)
        self.item_weights = np.asarray(item_weights if item_weights is not None else [1.0] * len(ids))
        self.analyzer = analyzer
        self.char_weight = char_weight
        self.ngrams = ngrams
        self.unique = len(set(self.ids)) == len(self.ids)
        cleaned = [clean_title(t) for t in texts]
        self.chars = TfidfIndex([self._char_features(t) for t in cleaned], max_query_df)
        self.words = TfidfIndex([self._word_features(t) for t in cleaned])

    @classmethod
    def from_items(
        cls,
        items: Sequence[tuple[str, str]],
        analyzer: Analyzer | None = None,
        **params: float,
    ) -> TitleLinker:
        analyzer = analyzer or get_analyzer("simple")
        return cls(
            [i for i, _ in items],
            [t for _, t in items],
            analyzer,
            char_weight=float(params.get("char_weight", 0.5)),
            ngrams=(int(params.get("ngram_low", 2)), int(params.get("ngram_high", 4))),
            max_query_df=float(params.get("max_query_df", 1.0)),
        )

    def _char_features(self, text: str) -> list[str]:
        return char_ngrams(text, *self.ngrams)

    def _word_features(self, text: str) -> list[str]:
        normalize = self.analyzer.normalize_word
        words = (normalize(t.surface) for t in self.analyzer.tokenize_words(text))
        return [w for w in words if w not in _ALL_STOPWORDS]

    def scores(self, query: str, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """Item positions and scores in [0, 1] of the k best items."""
        cleaned = clean_title(query)
        words = self._word_features(cleaned)
        light = {w: SENIORITY_WEIGHT for w in words if w in SENIORITY} if len(words) > 1 else {}
        word_items, word_values = self.words.contributions(*self.words.query(words, light))
        char_items, char_values = self.chars.contributions(
            *self.chars.query(self._char_features(cleaned))
        )
        items = np.concatenate((char_items, word_items))
        combined = np.bincount(
            items,
            weights=np.concatenate(
                (char_values * self.char_weight, word_values * (1.0 - self.char_weight))
            ),
            minlength=len(self.ids),
        ).astype(np.float64, copy=False)
        candidates = np.unique(items)
        return top_k_among(combined[candidates] * self.item_weights[candidates], candidates, k)

    def rank(self, query: str, k: int = 10, bonus: float = 0.0) -> list[tuple[str, float]]:
        """Item ids with scores, best first. An id given for several items counts once, with
        its best score plus `bonus` times the share of its other matching items."""
        positions, values = self.scores(query, k if self.unique else 5 * k)
        best: dict[str, float] = {}
        rest: dict[str, float] = {}
        for position, value in zip(positions.tolist(), values.tolist(), strict=True):
            item = self.ids[position]
            if item not in best:
                best[item] = value
            else:
                rest[item] = rest.get(item, 0.0) + value
        scored = {
            item: min(1.0, value + bonus * min(rest.get(item, 0.0), value))
            for item, value in best.items()
        }
        return sorted(scored.items(), key=lambda pair: (-pair[1], pair[0]))[:k]
