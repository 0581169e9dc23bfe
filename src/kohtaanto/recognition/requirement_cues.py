"""Is a skill of a job ad required or nice to have? What the ad's own words say about it.

A skill recognised in an ad is required only if the ad says so. Given the text and the span
where a skill was found (`Evidence.start`, `Evidence.end`), `classify_span` looks for cue
phrases (data: `requirement_cues.json`, per language) around it:

1. in the skill's clause (the sentence cut at `, ; :`, dashes and "mutta/men/but"),
   "Edellytämme hygieniapassia, trukkikortti on eduksi": hygieniapassi required, trukkikortti
   nice to have;
2. else in its sentence: the cue of the nearest clause, the earlier one on a tie
   ("Eduksi katsotaan trukkikortti, hygieniapassi ja B-ajokortti");
3. else, when the skill's line is an item of a list, in the list's heading line ending with a
   colon ("Toivomme sinulta:" followed by "- trukkikortti");
4. else undecided: the writer chooses.

Phrases match on words as written (lower case), on stems ("toivo*" matches "toivomme",
"toivotaan", "toivottavaa") and, when a `lemmatize` function is given (e.g. Voikko's
`normalize_word`), on lemmas ("edellyttää"); the stems make the lists work without an
analyser. A negation just before a required phrase ("ei vaadita", "not required", "krävs inte")
makes it nice to have. The result carries the phrase as written, for the page to say why
("the ad says 'on eduksi'"). Pure: no Django, never raises for any text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILE = "requirement_cues.json"
NEGATION_BEFORE = 3
"""How many words before a required phrase a negation may stand."""
NEGATION_AFTER = 1

Lemmatize = Callable[[str], str]


class Requirement(StrEnum):
    REQUIRED = "required"
    NICE_TO_HAVE = "nice_to_have"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class RequirementCue:
    """The decision and the words of the text that made it (`text[start:end]`)."""

    requirement: Requirement = Requirement.UNDECIDED
    phrase: str = ""
    start: int = -1
    end: int = -1


UNDECIDED = RequirementCue()


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]
    requirement: Requirement


@dataclass(frozen=True, slots=True)
class CueList:
    """One language's cue phrases, in the order they are tried (nice to have first, each kind
    longest first), indexed by their first word."""

    patterns: tuple[_Pattern, ...]
    negation: frozenset[str]
    exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """First word (exact) → indexes of the patterns starting with it."""
    stems: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """First word's stem → indexes of the patterns starting with it."""

    @classmethod
    def build(cls, patterns: Sequence[_Pattern], negation: frozenset[str]) -> CueList:
        ordered = tuple(
            sorted(
                patterns,
                key=lambda p: (p.requirement != Requirement.NICE_TO_HAVE, -len(p.words)),
            )
        )
        exact: dict[str, list[int]] = {}
        stems: dict[str, list[int]] = {}
        for index, pattern in enumerate(ordered):
            first = pattern.words[0]
            if first.endswith("*") and len(first) > 1:
                stems.setdefault(first[:-1], []).append(index)
            else:
                exact.setdefault(first, []).append(index)
        return cls(
            ordered,
            negation,
            {word: tuple(ids) for word, ids in exact.items()},
            tuple((stem, tuple(ids)) for stem, ids in stems.items()),
        )


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    requirement: Requirement
    start: int
    end: int
    first: int
    """Index of the hit's first word (its clause is looked up from it)."""


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s|$)|\n")
_CLAUSE_CUT_RE = re.compile(r"[,;:()]|\s[-–—]\s|\b(?:mutta|vaan|men|utan|but|however|whereas)\b")
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪◦+]|\d{1,2}[.)])\s*")
LIST_ITEM_WORDS = 12
"""A line without a bullet counts as a list item under a heading if it is this short and does
not end a sentence."""


# --- the data -----------------------------------------------------------------------------


def parse_cue_data(data: Mapping[str, Any]) -> dict[str, CueList]:
    """The cue lists of every language in `data` (the JSON file's structure)."""
    out: dict[str, CueList] = {}
    for lang, entry in dict(data.get("languages") or {}).items():
        patterns: list[_Pattern] = []
        for key, requirement in (
            ("nice_to_have", Requirement.NICE_TO_HAVE),
            ("required", Requirement.REQUIRED),
        ):
            for phrase in entry.get(key) or ():
                words = tuple(str(phrase).casefold().replace("’", "'").split())
                if words:
                    patterns.append(_Pattern(words, requirement))
        negation = frozenset(str(w).casefold() for w in entry.get("negation") or ())
        out[str(lang)] = CueList.build(patterns, negation)
    return out


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> dict[str, CueList]:
    """The shipped cue lists (or those of the JSON file `path`)."""
    if path is None:
        text = resources.files("kohtaanto.recognition").joinpath(DATA_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text)
    return parse_cue_data(data if isinstance(data, dict) else {})


def languages() -> tuple[str, ...]:
    return tuple(sorted(load_cues()))


# --- finding the cues ---------------------------------------------------------------------


def _words(text: str, lemmatize: Lemmatize | None) -> list[_Word]:
    out: list[_Word] = []
    for match in _WORD_RE.finditer(text):
        surface = match.group().casefold().replace("’", "'")
        forms: tuple[str, ...] = (surface,)
        if lemmatize is not None:
            try:
                lemma = lemmatize(match.group()).casefold()
            except Exception:  # an analyser's trouble never stops the page
                lemma = ""
            if lemma and lemma != surface:
                forms = (surface, lemma)
        out.append(_Word(match.start(), match.end(), forms))
    return out


def _word_matches(pattern: str, forms: Sequence[str]) -> bool:
    if pattern.endswith("*") and len(pattern) > 1:
        stem = pattern[:-1]
        return any(form.startswith(stem) for form in forms)
    return pattern in forms


def _find(words: Sequence[_Word], cues: CueList) -> list[_Hit]:
    """Every cue phrase in `words`; overlaps resolved: nice-to-have phrases first, each kind
    longest first ("not required" is found as a negated required phrase, "ei ole eduksi"
    never as required), then from left to right."""
    candidates: list[tuple[int, int]] = []  # (pattern index, first word)
    for i, word in enumerate(words):
        indexes: set[int] = set()
        for form in word.forms:
            indexes.update(cues.exact.get(form, ()))
            for stem, ids in cues.stems:
                if form.startswith(stem):
                    indexes.update(ids)
        for index in indexes:
            pattern = cues.patterns[index]
            size = len(pattern.words)
            if i + size <= len(words) and all(
                _word_matches(w, words[i + j].forms) for j, w in enumerate(pattern.words[1:], 1)
            ):
                candidates.append((index, i))
    candidates.sort()
    taken = [False] * len(words)
    found: list[_Hit] = []
    for index, i in candidates:
        pattern = cues.patterns[index]
        size = len(pattern.words)
        if any(taken[i : i + size]):
            continue
        for j in range(i, i + size):
            taken[j] = True
        found.append(_Hit(pattern.requirement, words[i].start, words[i + size - 1].end, i))
    out = [
        _negated(hit, words, cues) if hit.requirement == Requirement.REQUIRED else hit
        for hit in found
    ]
    out.sort(key=lambda h: h.start)
    return out


@lru_cache(maxsize=2048)
def _hits_in(text: str, lang: str, lemmatize: Lemmatize | None) -> tuple[_Hit, ...]:
    """The cue hits of a sentence (cached: every skill of a sentence asks about it)."""
    cues = load_cues().get(lang)
    if cues is None:
        return ()
    return tuple(_find(_words(text, lemmatize), cues))


def _negated(hit: _Hit, words: Sequence[_Word], cues: CueList) -> _Hit:
    last = hit.first
    while last + 1 < len(words) and words[last + 1].start < hit.end:
        last += 1
    for i in range(max(0, hit.first - NEGATION_BEFORE), hit.first):
        if words[i].forms[0] in cues.negation:
            return _Hit(Requirement.NICE_TO_HAVE, words[i].start, hit.end, i)
    for i in range(last + 1, min(len(words), last + 1 + NEGATION_AFTER)):
        if words[i].forms[0] in cues.negation:
            return _Hit(Requirement.NICE_TO_HAVE, hit.start, words[i].end, hit.first)
    return hit


def _cue(text: str, hit: _Hit) -> RequirementCue:
    return RequirementCue(hit.requirement, text[hit.start : hit.end], hit.start, hit.end)


def find_cues(text: str, lang: str, *, lemmatize: Lemmatize | None = None) -> list[RequirementCue]:
    """Every cue phrase in `text`, in order (for tests and for showing them)."""
    cues = load_cues().get(lang)
    if cues is None or not text:
        return []
    return [_cue(text, hit) for hit in _hits_in(text, lang, lemmatize)]


def classify(text: str, lang: str, *, lemmatize: Lemmatize | None = None) -> RequirementCue:
    """The requirement a short text (a clause or a sentence) states: the first cue when all
    cues agree; undecided when there is none or they disagree."""
    found = find_cues(text, lang, lemmatize=lemmatize)
    kinds = {cue.requirement for cue in found}
    if len(kinds) != 1:
        return UNDECIDED
    return found[0]


# --- the scope of a cue -------------------------------------------------------------------


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (or line) around `text[start:end]`."""
    begin = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return begin, match.start()
    return begin, len(text)


def _clause_cuts(text: str, begin: int, finish: int) -> list[int]:
    return [begin + m.start() for m in _CLAUSE_CUT_RE.finditer(text[begin:finish])]


def _nearest(hits: Sequence[_Hit], index_of: Callable[[int], int], target: int) -> _Hit:
    """The hit whose position is nearest `target`; on a tie the earlier one."""
    return min(hits, key=lambda h: (abs(index_of(h.start) - target), index_of(h.start) > target))


def classify_span(
    text: str,
    start: int,
    end: int,
    lang: str,
    *,
    lemmatize: Lemmatize | None = None,
) -> RequirementCue:
    """What `text` says about the skill found at `text[start:end]` (see the module's doc)."""
    cues = load_cues().get(lang)
    if cues is None or not text:
        return UNDECIDED
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    begin, finish = _sentence(text, start, end)
    sentence = text[begin:finish]
    hits = [
        _Hit(h.requirement, h.start + begin, h.end + begin, h.first)
        for h in _hits_in(sentence, lang, lemmatize)
    ]
    if hits:
        cuts = _clause_cuts(text, begin, finish)

        def clause_of(position: int) -> int:
            return bisect_right(cuts, position)

        own = clause_of(start)
        inside = [h for h in hits if clause_of(h.start) == own]
        if inside:
            middle = (start + end) // 2
            return _cue(text, _nearest(inside, lambda p: p, middle))
        return _cue(text, _nearest(hits, clause_of, own))
    return _from_heading(text, start, lang, lemmatize)


def _is_list_item(line: str) -> bool:
    if _BULLET_RE.match(line):
        return True
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped.split()) <= LIST_ITEM_WORDS
        and not stripped.endswith((".", "!", "?", ":"))
    )


def _from_heading(text: str, start: int, lang: str, lemmatize: Lemmatize | None) -> RequirementCue:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not _is_list_item(line):
        return UNDECIDED
    position = line_start - 1
    while position > 0:
        previous_start = text.rfind("\n", 0, position) + 1
        previous = text[previous_start:position]
        if not previous.strip():
            return UNDECIDED
        if previous.rstrip().endswith(":"):
            hits = list(_hits_in(previous, lang, lemmatize))
            if not hits:
                return UNDECIDED
            last = hits[-1]  # the heading's own word, nearest the list
            return _cue(
                text,
                _Hit(
                    last.requirement,
                    last.start + previous_start,
                    last.end + previous_start,
                    last.first,
                ),
            )
        if not _is_list_item(previous):
            return UNDECIDED
        position = previous_start - 1
    return UNDECIDED
