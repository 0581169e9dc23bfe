"""Which of Finnish, Swedish and English a text is written in: a small, pure guesser.

Recognition runs in the language the person chose; a Swedish story recognised as Finnish gives
nonsense suggestions ("kör" → crane operation). Pages ask `other_language(text, chosen)` before
recognising and say so when the text looks like another language.

How it guesses (no model download, nothing fetched; the data is `language_guess.json` in this
package, texts written for Kohtaanto):

- **Character n-grams** (orders 1–4 inside each word, with the word's edges marked) from a
  small corpus per language: first-person work and life stories, job ads and everyday
  sentences. Each language's n-gram probabilities are add-`alpha` smoothed per order.
- **Function words** ("ja", "och", "the"…): each word of a language's list adds
  `function_word_weight` to that language's score, which matters most for short texts.
- The text's mean log-likelihood per feature, times `temperature` and the number of features
  (at most `cap`, so that a long text does not make the probabilities absurdly sure), gives
  through a softmax a probability per language; `confidence` is the best one's.
- Fewer than `min_letters` letters (e.g. "OK", "Excel") is **too short to say**:
  `language=None`, `too_short=True`.
- Long texts are read through an even sample of at most `max_words` words (a 20,000-character
  story in a few milliseconds).

The parameters in the data file were chosen on the tuning split
(`benchmarks/data/language_guess/tuning.tsv`); held-out accuracy comes from `heldout.tsv`
(`kohtaanto bench long-input`, and `recognition/tests/test_language_guess.py`).
Deterministic: the same text always gives the same guess.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
DATA_FILE = "language_guess.json"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
"""Runs of letters (an apostrophe inside a word is kept: "I've")."""


@dataclass(frozen=True)
class Params:
    orders: tuple[int, ...] = (1, 2, 3, 4)
    alpha: float = 0.5
    function_word_weight: float = 2.0
    temperature: float = 1.0
    cap: int = 40
    min_letters: int = 8
    max_words: int = 600
    prompt_confidence: float = 0.9
    """`other_language` speaks only at or above this confidence…"""
    prompt_min_words: int = 3
    """…and for texts of at least this many words."""


@dataclass(frozen=True)
class LanguageGuess:
    """What `guess_language` found. `language` is None when the text is too short to say."""

    language: str | None
    confidence: float
    """Probability of `language` (0 when too short), between 0 and 1."""
    probabilities: tuple[tuple[str, float], ...] = ()
    """(language, probability) for fi, sv, en, best first; empty when too short."""
    too_short: bool = False
    letters: int = 0
    words: int = 0

    def probability(self, lang: str) -> float:
        return dict(self.probabilities).get(lang, 0.0)


@dataclass(frozen=True)
class Profile:
    """Smoothed log-probabilities of n-grams per language, and the function-word lists."""

    params: Params
    logprob: Mapping[str, Mapping[str, float]]
    """language → n-gram → log P(n-gram | language)."""
    unseen: Mapping[str, Mapping[int, float]]
    """language → order → log P of an n-gram of that order never seen in the corpus."""
    function_words: Mapping[str, frozenset[str]] = field(default_factory=dict)


def words_of(text: str) -> list[str]:
    """The words of `text`, case-folded (letters only; numbers and signs are dropped)."""
    return [m.group(0).casefold().replace("’", "'") for m in _WORD.finditer(text)]


def ngrams(word: str, orders: Iterable[int]) -> list[str]:
    """N-grams of one word with its edges marked ("<" and ">"), single letters without them."""
    grams: list[str] = []
    padded = f"<{word}>"
    for order in orders:
        if order == 1:
            grams.extend(word)
            continue
        grams.extend(padded[i : i + order] for i in range(len(padded) - order + 1))
    return grams


def build_profile(
    corpus: Mapping[str, Iterable[str]],
    function_words: Mapping[str, Iterable[str]],
    params: Params | None = None,
) -> Profile:
    """A profile from texts per language (`language_guess.json` gives the shipped one)."""
    params = params or Params()
    counts: dict[str, Counter[str]] = {}
    for lang, texts in corpus.items():
        counter: Counter[str] = Counter()
        for text in texts:
            for word in words_of(text):
                counter.update(ngrams(word, params.orders))
        counts[lang] = counter
    vocabulary = {order: set[str]() for order in params.orders}
    for counter in counts.values():
        for gram in counter:
            vocabulary[_order(gram)].add(gram)
    logprob: dict[str, dict[str, float]] = {}
    unseen: dict[str, dict[int, float]] = {}
    for lang, counter in counts.items():
        totals = Counter[int]()
        for gram, n in counter.items():
            totals[_order(gram)] += n
        lang_unseen: dict[int, float] = {}
        for order in params.orders:
            size = len(vocabulary[order]) + 1  # + 1: the unseen n-grams of that order
            lang_unseen[order] = math.log(params.alpha / (totals[order] + params.alpha * size))
        logprob[lang] = {
            gram: math.log(
                (n + params.alpha)
                / (totals[_order(gram)] + params.alpha * (len(vocabulary[_order(gram)]) + 1))
            )
            for gram, n in counter.items()
        }
        unseen[lang] = lang_unseen
    words = {lang: frozenset(w.casefold() for w in ws) for lang, ws in function_words.items()}
    return Profile(params, logprob, unseen, words)


def _order(gram: str) -> int:
    return len(gram)


@cache
def shipped_profile() -> Profile:
    """The profile built from this package's `language_guess.json` (once per process)."""
    raw = resources.files("kohtaanto.recognition").joinpath(DATA_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    settings = dict(data.get("params") or {})
    if "orders" in settings:
        settings["orders"] = tuple(int(o) for o in settings["orders"])
    params = Params(**settings)
    return build_profile(data["corpus"], data["function_words"], params)


def _sample(words: list[str], limit: int) -> list[str]:
    if len(words) <= limit:
        return words
    step = len(words) / limit
    return [words[int(i * step)] for i in range(limit)]


def guess_language(text: str, profile: Profile | None = None) -> LanguageGuess:
    """Guess whether `text` is Finnish, Swedish or English. Never raises for any string."""
    profile = profile or shipped_profile()
    params = profile.params
    words = words_of(text)
    letters = sum(len(w) for w in words)
    if letters < params.min_letters or not words:
        return LanguageGuess(None, 0.0, (), True, letters, len(words))
    sample = _sample(words, params.max_words)
    languages = [lang for lang in LANGUAGES if lang in profile.logprob]
    scores = dict.fromkeys(languages, 0.0)
    features = 0
    for word in sample:
        grams = ngrams(word, params.orders)
        features += len(grams)
        for lang in languages:
            table, unseen = profile.logprob[lang], profile.unseen[lang]
            score = 0.0
            for gram in grams:
                found = table.get(gram)
                score += found if found is not None else unseen[len(gram)]
            if word in profile.function_words.get(lang, ()):
                score += params.function_word_weight
            scores[lang] += score
    scale = params.temperature * min(features, params.cap) / max(features, 1)
    logits = {lang: scores[lang] * scale for lang in languages}
    top = max(logits.values())
    exp = {lang: math.exp(value - top) for lang, value in logits.items()}
    total = sum(exp.values())
    ranked = sorted(((lang, exp[lang] / total) for lang in languages), key=lambda p: -p[1])
    best, confidence = ranked[0]
    return LanguageGuess(best, confidence, tuple(ranked), False, letters, len(words))


def other_language(text: str, chosen: str, profile: Profile | None = None) -> str | None:
    """The language `text` looks like when it is not `chosen` and the guess is sure enough:
    at least `prompt_min_words` words, `prompt_confidence`, and at least one function word
    of that language (a list of product names or places is not taken for a sentence); else
    None. Languages other than fi/sv/en are not known: German may be taken for Swedish."""
    profile = profile or shipped_profile()
    guess = guess_language(text, profile)
    if guess.language is None or guess.language == chosen:
        return None
    if guess.words < profile.params.prompt_min_words:
        return None
    if guess.confidence < profile.params.prompt_confidence:
        return None
    own_words = profile.function_words.get(guess.language, frozenset())
    if not any(word in own_words for word in words_of(text)):
        return None  # a list of names ("Excel, PowerPoint, SAP") is no sentence in English
    return guess.language
