"""The structure of a job title: the part that names the job, and what the rest of it says.

A vacancy title is more than an occupation: "Lähihoitaja, vanhustyö (vakituinen)",
"Kesätyö: myyjä, Stockmann", "Senior Java-kehittäjä", "Siivooja iltavuoroon". `TitleStructure`
reads such a title with the words of `title_structure.json` for its language and its
morphology (Voikko for Finnish: lemmas, cases and compound parts):

* the title is split into segments at separators (",", "/", "(", ":", " - " …);
* employment terms ("osa-aikainen", "kolmivuorotyöhön", "kesätyö"), seniority words ("senior",
  "vanhempi", "harjoittelija"; the prefix "apulais-" of "apulaisravintolapäällikkö"), places
  ("Vantaa", "Helsinkiin") and employers ("Prisma", "Oy"; in Finnish also a capitalised word
  Voikko reads as a proper name, or, outside the first segment, does not know) are set aside;
* a Finnish word in a locative case ("varastoon", "Helsingissä") is a complement of the job, not
  its head, and goes to the context;
* the segment that names an occupation (its head word is the head of some occupation label) is
  the core; the others are context ("Myyjä / kassa": *myyjä* decides, *kassa* is context).

`shape()` describes a label or a parsed title for the compound head rule: the head (the last
compound part of the head word: *kuljettaja* of "trukinkuljettaja"), the modifiers (the other
parts of the first segment: *trukki*) and the parts of the further segments ("lastenhoitaja,
*päiväkoti*"). A title whose head is a label's head is a kind of that label only if the label's
modifiers are in the title ("rahastonhoitaja" is not a "lähihoitaja": *lähi* is not in it);
`fit()` says how a label fits a title. `fit_labels()` learns heads that name the same job with the
same modifiers from the labels of one concept ("taksikuski" and "taksinkuljettaja": *kuski* is
*kuljettaja*), so "trukkikuski" reaches "trukinkuljettaja".
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from kohtaanto.recognition.analyzer import Analyzer, get_analyzer

STRUCTURE_FILE = Path(__file__).with_name("title_structure.json")
_SEGMENT_RE = re.compile(r"\s[-–—|]\s|[|,;:()\[\]/!?•·]|\s&\s")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*(?:\+\+|#)?")
_LABEL_SEGMENT_RE = re.compile(r"[,;:()]")
CACHE_SIZE = 100_000
MIN_REMAINDER = 4
"""A seniority or term prefix is taken off a word only if at least this many letters remain."""

ModifierFit = Literal["fits", "conflict", "other"]
SpecFit = Literal["none", "matched", "unmatched"]


@cache
def structure_words() -> Mapping[str, Any]:
    """The parsed `title_structure.json` (read once)."""
    data: Mapping[str, Any] = json.loads(STRUCTURE_FILE.read_text(encoding="utf-8"))
    return data


def linker_words(kind: str) -> frozenset[str]:
    """The words the linker weighs in every language: `seniority` or `prepositions`."""
    return frozenset(structure_words()["linker"][kind])


@dataclass(frozen=True, slots=True)
class Shape:
    """A label or a title as the compound head rule sees it (all lemmas, lower case)."""

    head: str
    """The last compound part of the head word ("kuljettaja" of "trukinkuljettaja"), or the
    parts of a `head_words` word it ends with, joined ("työtekijä" of "pesulatyöntekijä")."""
    modifiers: frozenset[str]
    """The other compound parts of the first segment's words."""
    key: tuple[str, ...]
    """All parts of the first segment in order: "tuotannon työntekijä" and
    "tuotantotyöntekijä" have the same key."""
    specs: tuple[frozenset[str], ...]
    """Words and parts of each further segment ("päiväkoti" of "lastenhoitaja, päiväkoti")."""
    words: frozenset[str]
    """Every word lemma and compound part of the text."""
    first: frozenset[str] = frozenset()
    """The word lemmas and compound parts of the first segment."""
    known: bool = True
    """Whether the morphology knows the head word (False for an English label that a Finnish
    linker also ranks: its head says nothing to the Finnish compound head rule)."""

    @property
    def context(self) -> frozenset[str]:
        """The words and parts of the further segments."""
        return frozenset(word for spec in self.specs for word in spec)


EMPTY_SHAPE = Shape("", frozenset(), (), (), frozenset(), frozenset(), False)


@dataclass(frozen=True, slots=True)
class ParsedTitle:
    """A title read by `TitleStructure.parse`."""

    core: str
    """The words of the segment that names the job, without terms, places and seniority."""
    context: tuple[str, ...] = ()
    """The other segments' words (and the core's complements in a locative case)."""
    senior_core: str = ""
    """The core with its seniority words ("johtava sosiaalityöntekijä" is an occupation)."""
    set_aside: tuple[tuple[str, str], ...] = ()
    """(kind, word) of what was set aside: "term", "seniority", "place", "employer"."""

    @property
    def query(self) -> str:
        """The title to rank: the core, then the context segments after commas."""
        return ", ".join(part for part in (self.core, *self.context) if part)

    def words(self, kind: str) -> tuple[str, ...]:
        """The words set aside as `kind` ("term", "seniority", "place", "employer")."""
        return tuple(word for found, word in self.set_aside if found == kind)


@dataclass(frozen=True, slots=True)
class Fit:
    """How a label fits a title (see `TitleStructure.fit`)."""

    same_head: bool
    modifiers: ModifierFit
    coverage: float
    """The share of the title's modifiers that are in the label's first segment (1 if the
    title has none)."""
    specs: SpecFit
    same_key: bool


@dataclass(frozen=True, slots=True)
class _Token:
    surface: str
    low: str
    lemma: str
    kind: str
    """Empty for a word of the job, else "term", "seniority", "place", "employer", "noise" (a
    number or a single letter) or "complement" (a word in a locative case)."""


@dataclass
class TitleStructure:
    """Title structure of one language (see the module docstring). `fit_labels` tells it the
    occupation labels it links to: their heads choose the core, their words allow taking off a
    prefix, and their concepts teach heads of the same meaning."""

    lang: str
    morphology: Analyzer
    seniority: frozenset[str]
    seniority_prefixes: tuple[str, ...]
    terms: frozenset[str]
    term_prefixes: tuple[str, ...]
    places: frozenset[str]
    employer_words: frozenset[str]
    prepositions: frozenset[str]
    locative_cases: frozenset[str]
    names_by_morphology: bool
    head_words: tuple[str, ...] = ()
    """Compound words that head a title as a whole ("työntekijä"), longest first."""
    rerank: bool = False
    """Whether the compound head rule reranks the linker's best ids (Finnish)."""
    heads: frozenset[str] = frozenset()
    """Head parts and head words of the labels' first segments."""
    label_words: frozenset[str] = frozenset()
    """Lemmas of the labels' words (a prefix is taken off only to leave one of them)."""
    same_heads: frozenset[tuple[str, str]] = frozenset()
    """Pairs of heads that one concept's labels use with the same modifiers (both orders)."""
    _shapes: dict[str, Shape] = field(default_factory=dict, repr=False)
    _parsed: dict[str, ParsedTitle] = field(default_factory=dict, repr=False)

    @classmethod
    def for_language(cls, lang: str | None) -> TitleStructure | None:
        """The structure of `lang` from `title_structure.json`; None if it has no section."""
        data = structure_words()
        if not lang or lang == "linker" or lang not in data or not isinstance(data[lang], dict):
            return None
        words: Mapping[str, Any] = data[lang]
        return cls(
            lang=lang,
            morphology=get_analyzer(str(words["morphology"])),
            seniority=frozenset(words["seniority"]),
            seniority_prefixes=tuple(words["seniority_prefixes"]),
            terms=frozenset(words["terms"]),
            term_prefixes=tuple(words["term_prefixes"]),
            places=frozenset(words["places"]),
            employer_words=frozenset(words["employer_words"]),
            prepositions=frozenset(words["prepositions"]),
            locative_cases=frozenset(words["locative_cases"]),
            names_by_morphology=bool(words["names_by_morphology"]),
            head_words=tuple(sorted(words.get("head_words", ()), key=len, reverse=True)),
            rerank=bool(words.get("rerank", False)),
        )

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {**state, "_shapes": {}, "_parsed": {}}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    # --- words ---------------------------------------------------------------------------------
    def lemma(self, word: str) -> str:
        return self.morphology.normalize_word(word).lower()

    def parts(self, word: str) -> tuple[str, ...]:
        """Lemmas of a word's compound parts; a hyphenated word Voikko does not know is read
        piece by piece ("Java-kehittäjä" → java, kehittäjä)."""
        found = self.morphology.compound_parts(word)
        if len(found) == 1 and "-" in word and found[0] == word.lower():
            pieces = [piece for piece in word.split("-") if piece]
            return tuple(part for piece in pieces for part in self.morphology.compound_parts(piece))
        return tuple(part.lower() for part in found if part)

    def _known(self, word: str) -> bool:
        """Whether the morphology knows the word (Voikko gives it a word class)."""
        return any(reading.word_class for reading in self.morphology.readings(word))

    def _is_name(self, word: str) -> bool:
        """A word the morphology reads as a proper name (every piece, if hyphenated)."""
        pieces = [piece for piece in word.split("-") if piece]
        return bool(pieces) and all(
            any(r.word_class == "name" for r in self.morphology.readings(piece)) for piece in pieces
        )

    def _unknown(self, word: str) -> bool:
        pieces = [piece for piece in word.split("-") if piece]
        return bool(pieces) and not any(self._known(piece) for piece in pieces)

    def _in(self, words: frozenset[str], low: str, lemma: str) -> bool:
        if low in words or lemma in words:
            return True
        pieces = [piece for piece in low.split("-") if piece]
        return len(pieces) > 1 and all(
            piece in words or self.lemma(piece) in words for piece in pieces
        )

    def _classify(self, surface: str, first_segment: bool, first_token: bool) -> _Token:
        low = surface.lower()
        if low.isdigit() or len(low) == 1:
            return _Token(surface, low, low, "noise")
        lemma = self.lemma(surface)
        if self._in(self.terms, low, lemma):
            return _Token(surface, low, lemma, "term")
        if self._in(self.seniority, low, lemma):
            return _Token(surface, low, lemma, "seniority")
        if self._in(self.places, low, lemma):
            return _Token(surface, low, lemma, "place")
        if self._in(self.employer_words, low, lemma):
            return _Token(surface, low, lemma, "employer")
        capitalised = surface[:1].isupper() or any(c.isupper() for c in surface[1:])
        if self.names_by_morphology and capitalised and not first_token:
            if self._is_name(surface):
                return _Token(surface, low, lemma, "place")
            if not first_segment and self._unknown(surface):
                return _Token(surface, low, lemma, "employer")
        if self.locative_cases and not first_token:
            readings = self.morphology.readings(surface)
            if readings and readings[0].case in self.locative_cases:
                return _Token(surface, low, lemma, "complement")
        return _Token(surface, low, lemma, "")

    def _strip_prefix(self, token: _Token) -> tuple[_Token, tuple[str, str] | None]:
        """The token without a seniority or term prefix ("apulais|ravintolapäällikkö",
        "kesä|työntekijä") when what remains is a label word or the head of one."""
        for kind, prefixes in (
            ("seniority", self.seniority_prefixes),
            ("term", self.term_prefixes),
        ):
            for prefix in prefixes:
                rest = token.low[len(prefix) :].lstrip("-")
                if not token.low.startswith(prefix) or len(rest) < MIN_REMAINDER:
                    continue
                if self._label_word(rest):
                    surface = token.surface[len(token.surface) - len(rest) :]
                    return _Token(surface, rest, self.lemma(rest), ""), (kind, prefix)
        return token, None

    def _label_word(self, word: str) -> bool:
        """Whether a word is a label word or heads one ("työntekijä" of "varastotyöntekijä")."""
        return (
            word in self.label_words
            or self.lemma(word) in self.label_words
            or "".join(self._head_parts(word)) in self.heads
        )

    # --- titles --------------------------------------------------------------------------------
    def parse(self, title: str) -> ParsedTitle:
        """The title's core, context and what was set aside (cached)."""
        found = self._parsed.get(title)
        if found is None:
            if len(self._parsed) >= CACHE_SIZE:
                self._parsed.clear()
            found = self._parsed[title] = self._parse(title)
        return found

    def _parse(self, title: str) -> ParsedTitle:
        set_aside: list[tuple[str, str]] = []
        segments: list[tuple[list[_Token], list[_Token]]] = []  # (job words, with seniority)
        complements: list[str] = []
        first_token = True
        for number, segment in enumerate(s for s in _SEGMENT_RE.split(title) if s.strip()):
            words: list[_Token] = []
            senior: list[_Token] = []
            for surface in _TOKEN_RE.findall(segment):
                token = self._classify(surface, number == 0, first_token)
                first_token = False
                if token.kind == "":
                    token, prefix = self._strip_prefix(token)
                    if prefix is not None:
                        set_aside.append(prefix)
                    words.append(token)
                    senior.append(token)
                elif token.kind == "seniority":
                    set_aside.append(("seniority", token.surface))
                    senior.append(token)
                elif token.kind == "complement":
                    complements.append(token.surface)
                elif token.kind != "noise":
                    set_aside.append((token.kind, token.surface))
            if words:  # a segment of seniority words only ("Harjoittelija, …") names no job
                segments.append((words, senior))
        if not segments:
            if complements:  # "Varastoon!" – the complement is all there is
                return ParsedTitle(" ".join(complements), (), "", tuple(set_aside))
            return ParsedTitle("", (), "", tuple(set_aside))
        core = next((i for i, (words, _) in enumerate(segments) if self._names_job(words)), 0)
        context = [
            " ".join(t.surface for t in words) for i, (words, _) in enumerate(segments) if i != core
        ]
        if complements:
            context.append(" ".join(complements))
        words, senior = segments[core]
        return ParsedTitle(
            " ".join(t.surface for t in words),
            tuple(context),
            " ".join(t.surface for t in senior),
            tuple(set_aside),
        )

    def _names_job(self, words: Sequence[_Token]) -> bool:
        """Whether a segment's head word is the head of some occupation label."""
        if not self.heads:
            return True
        head = words[self._head_index([t.low for t in words])]
        return head.lemma in self.heads or "".join(self._head_parts(head.surface)) in self.heads

    def _head_index(self, words: Sequence[str]) -> int:
        for position, word in enumerate(words):
            if position > 0 and word in self.prepositions:
                return position - 1
        return len(words) - 1

    # --- shapes --------------------------------------------------------------------------------
    def shape(self, text: str) -> Shape:
        """The shape of a label ("lastenhoitaja, päiväkoti"), cached."""
        found = self._shapes.get(text)
        if found is None:
            if len(self._shapes) >= CACHE_SIZE:
                self._shapes.clear()
            segments = [s for s in _LABEL_SEGMENT_RE.split(text) if s.strip()]
            found = self._shapes[text] = self._shape(segments)
        return found

    def title_shape(self, parsed: ParsedTitle) -> Shape:
        """The shape of a parsed title: its core, then its context segments."""
        return self._shape([parsed.core, *parsed.context]) if parsed.core else EMPTY_SHAPE

    def _shape(self, segments: Sequence[str]) -> Shape:
        if not segments:
            return EMPTY_SHAPE
        tokens = [t for t in _TOKEN_RE.findall(segments[0]) if t.lower() not in self.prepositions]
        words = [t for t in _TOKEN_RE.findall(segments[0]) if not t.isdigit()]
        if not tokens:
            return EMPTY_SHAPE
        head_at = self._head_index([w.lower() for w in words])
        head_word = words[head_at] if words else tokens[-1]
        head_parts = self._head_parts(head_word)
        head = "".join(head_parts) if len(head_parts) > 1 else head_parts[0]
        key = tuple(part for token in tokens for part in self.parts(token))
        lemmas = {self.lemma(token) for token in tokens}
        modifiers = frozenset(set(key) - set(head_parts))
        specs = tuple(
            frozenset(
                {part for t in _TOKEN_RE.findall(segment) for part in self.parts(t)}
                | {self.lemma(t) for t in _TOKEN_RE.findall(segment)}
            )
            for segment in segments[1:]
        )
        every = frozenset(set(key) | lemmas | {w for spec in specs for w in spec})
        known = not self.names_by_morphology or self._known(head_word.split("-")[-1])
        return Shape(head, modifiers, key, specs, every, frozenset(set(key) | lemmas), known)

    def _head_parts(self, word: str) -> tuple[str, ...]:
        """The compound parts that head a word: the last one, or those of a `head_words` word
        the word ends with ("pesulatyöntekijä" → työ, tekijä)."""
        parts = self.parts(word) or (word.lower(),)
        for head_word in self.head_words:
            tail = self.parts(head_word)
            if len(parts) >= len(tail) and parts[len(parts) - len(tail) :] == tail:
                return tail
        return parts[-1:]

    def fit_labels(self, ids: Sequence[str], texts: Sequence[str]) -> list[Shape]:
        """Learn the labels' heads and words, and heads of the same meaning (see the class);
        the labels' shapes. Heads of the same meaning are the heads of two labels of one
        concept with the same modifiers, when the morphology knows both ("taksikuski",
        "taksinkuljettaja")."""
        shapes: list[Shape] = []
        heads: set[str] = set()
        words: set[str] = set()
        by_id: dict[str, list[Shape]] = defaultdict(list)
        for item_id, text in zip(ids, texts, strict=True):
            shape = self.shape(text)
            shapes.append(shape)
            if not shape.head:
                continue
            heads.add(shape.head)
            first = [s for s in _LABEL_SEGMENT_RE.split(text) if s.strip()][:1]
            tokens = _TOKEN_RE.findall(first[0]) if first else []
            if tokens:
                heads.add(self.lemma(tokens[self._head_index([t.lower() for t in tokens])]))
            words.update(self.lemma(t) for t in _TOKEN_RE.findall(text))
            words.update(shape.key)
            if shape.known and self.names_by_morphology:
                by_id[item_id].append(shape)
        pairs: set[tuple[str, str]] = set()
        for concept in by_id.values():
            for a in concept:
                for b in concept:
                    if a.head < b.head and a.modifiers and a.modifiers == b.modifiers:
                        pairs.update(((a.head, b.head), (b.head, a.head)))
        self.heads = frozenset(heads)
        self.label_words = frozenset(words)
        self.same_heads = frozenset(pairs)
        self._shapes.clear()
        return shapes

    def related(self, title: Shape, label: Shape) -> bool:
        """Whether the compound head rule has something to say about the label for the title:
        the same head (or one of the same meaning) or the same parts."""
        return (
            title.head == label.head
            or (title.head, label.head) in self.same_heads
            or (bool(title.key) and title.key == label.key)
        )

    def fit(self, title: Shape, label: Shape) -> Fit:
        """How a label fits a title. With the same head (or heads of the same meaning), the
        label "fits" if its modifiers are all in the title, or if it has some of the title's
        ("kukka- ja puutarhakaupan myyjä" for "Kukkakaupan myyjä"); it "conflicts" if it has
        none of the title's modifiers and others of its own ("lähihoitaja" for
        "rahastonhoitaja"); a label with modifiers for a title without any is neither ("other").
        Also: whether the label's further segments are in the title (its context, or its words
        if it has none), and whether the first segments have the same parts ("tuotannon
        työntekijä", "tuotantotyöntekijä")."""
        same_head = (
            bool(title.head)
            and label.known
            and (title.head == label.head or (title.head, label.head) in self.same_heads)
        )
        found = title.modifiers & label.first
        coverage = len(found) / len(title.modifiers) if title.modifiers else 1.0
        modifiers: ModifierFit = "other"
        if same_head:
            if not label.modifiers - title.words or (title.modifiers and found):
                modifiers = "fits"
            elif title.modifiers:
                modifiers = "conflict"
        specs: SpecFit = "none"
        if label.specs:
            context = title.context or title.words
            specs = "matched" if any(spec & context for spec in label.specs) else "unmatched"
        same_key = bool(title.key) and title.key == label.key
        return Fit(same_head, modifiers, coverage, specs, same_key)
