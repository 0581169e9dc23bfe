"""The lexical phrase matcher over lemmatised labels and their compound parts (cf. Annif MLLM).

Every label of every concept is indexed as a sequence of normalised words. A label matches when
its words occur close together in one clause of the text, in any order; a Finnish label word also
matches as a part of a compound in the text ("kuljettaja" in "trukinkuljettajana"). The score
combines coverage (IDF-weighted share of label words found), proximity, the label's
specificity and its type (preferred > alternative > hidden).
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kohtaanto.recognition.analyzer import Analyzer, Reading, analyzer_for_language
from kohtaanto.recognition.clauses import (
    COORDINATORS,
    Clause,
    Document,
    no_label_word,
)
from kohtaanto.recognition.recognizer.base import Hit, PerLanguageRecognizer
from kohtaanto.recognition.stopwords import stopwords
from kohtaanto.recognition.store import State, pack_csr, pack_strings, unpack_csr, unpack_strings
from kohtaanto.recognition.types import Evidence
from kohtaanto.recognition.vectors import FloatArray, top_k_among
from kohtaanto.taxonomy.model import Concept, ConceptKind, LabelSet, Taxonomy

PREFERRED, ALTERNATIVE, HIDDEN = 0, 1, 2  # `Label.type`
TYPE_WEIGHTS = (1.0, 0.95, 0.85)  # preferred, alternative, hidden
HEAD_PART, OTHER_PART = 0.8, 0.5  # match quality of a label word found inside a compound
RUN_HEAD, RUN_OTHER = 0.9, 0.8  # ... of a compound label word found inside a longer compound
VARIANT = 0.9  # ... of a suffix-stripped form of an unknown word
MARKED_CASES = frozenset({"olento", "tulento", "vajanto", "seuranto"})
"""Finnish cases that carry a label word's meaning ("seurana oleminen", keeping someone
company): such a label word is matched only by a word in the same case ("seurana"), never by
the bare lemma ("urheiluseuran")."""
STRONG, HEAD, MODIFIER = 2, 1, 0
"""How a label word was found in a text word: as the word itself (its lemma, any plausible
reading's lemma, or a suffix-stripped variant), as the head of a compound ("hoitaja" in
"rahastonhoitaja"), or only as a modifier ("urheilu" in "urheiluseuran")."""


def marked_key(reading: Reading) -> str | None:
    """The key of a reading in a meaning-carrying case ("seura@olento"), else None."""
    return f"{reading.lemma}@{reading.case}" if reading.case in MARKED_CASES else None


@dataclass(frozen=True, slots=True)
class Label:
    uri: str
    kind: ConceptKind
    type: int
    keys: tuple[str, ...]
    surfaces: tuple[str, ...]
    weights: tuple[float, ...]
    total: float


def word_key(lemma: str, parts: tuple[str, ...]) -> str:
    """The matching key of a word: compounds by their joined base-form parts."""
    return "".join(parts) if len(parts) > 1 else lemma


class LabelAnalyzer:
    """(key, surface) pairs for the non-stopword words of labels, with a per-word memo."""

    def __init__(self, lang: str) -> None:
        self.analyzer: Analyzer = analyzer_for_language(lang)
        self.stop = stopwords(lang)
        self.memo: dict[str, str | None] = {}
        self.compounds = self.analyzer.name == "voikko"

    def key(self, surface: str) -> str | None:
        if surface not in self.memo:
            lemma = self.analyzer.normalize_word(surface)
            parts = tuple(self.analyzer.compound_parts(surface)) if self.compounds else (lemma,)
            key = word_key(lemma, parts)
            marked = marked_key(self.analyzer.readings(surface)[0]) if len(parts) == 1 else None
            if key in self.stop or lemma in self.stop:
                self.memo[surface] = None
            else:
                self.memo[surface] = marked or key
        return self.memo[surface]

    def words(self, label: str) -> list[tuple[str, str]]:
        pairs = ((self.key(t.surface), t.surface) for t in self.analyzer.tokenize_words(label))
        return [(key, surface) for key, surface in pairs if key is not None]


def iter_labels(label_set: LabelSet) -> Iterator[tuple[int, str]]:
    if label_set.preferred:
        yield PREFERRED, label_set.preferred
    for label in label_set.alternative:
        yield ALTERNATIVE, label
    for label in label_set.hidden:
        yield HIDDEN, label


STEM = 4
"""Letters of a word that say which word it is a form of (`loose_synonym`)."""


def loose_synonym(word: str, name: str) -> bool:
    """Whether the one-word synonym `word` shares no word stem (its first `STEM` letters)
    with the concept's name: "syöttäminen" of *jakaa aterioita potilaille*, not "siivota" of
    *siivous* or "kuvata" of *valokuvaus* (compounds: anywhere in the name)."""
    return word[:STEM].casefold() not in name.casefold()


_QUALIFIER_RE = re.compile(r"\s*\([^)]*\)\s*")


def is_name(label: str) -> bool:
    """A product or proper name: every word capitalised or with digits or symbols ("Java",
    "SQL Server", "ASP.NET", "C#"), as English names are written the same in Finnish text."""
    words = label.split()
    return bool(words) and all(not w[0].islower() for w in words)


def label_texts(concept: Concept, lang: str, bridge: bool) -> Iterator[tuple[int, str]]:
    """(type, text) of the labels indexed for `lang`: its own labels, each also without a
    parenthesised qualifier ("Java (tietokoneohjelmointi)" → "Java", as an alternative); with
    `bridge`, the English labels that are names (as alternatives)."""
    seen: set[str] = set()

    def emit(type_: int, text: str) -> Iterator[tuple[int, str]]:
        if text and text not in seen:
            seen.add(text)
            yield type_, text
        bare = _QUALIFIER_RE.sub(" ", text).strip()
        if bare and bare != text and bare not in seen:
            seen.add(bare)
            yield max(type_, 1), bare

    label_set = concept.labels.get(lang)
    for type_, text in iter_labels(label_set) if label_set else ():
        yield from emit(type_, text)
    english = concept.labels.get("en") if bridge and lang != "en" else None
    for type_, text in iter_labels(english) if english else ():
        bare = _QUALIFIER_RE.sub(" ", text).strip()
        if is_name(bare) and bare not in seen:
            seen.add(bare)
            yield max(type_, 1), bare


class LabelTable(Sequence[Label]):
    """Labels of a loaded index, kept as columns and made into `Label`s only when asked
    for (a query looks at a few dozen of ~100 000 labels)."""

    def __init__(
        self,
        keys: list[str],
        uris: list[str],
        surfaces: list[str],
        arrays: Mapping[str, npt.NDArray[Any]],
        totals: FloatArray,
        kinds: npt.NDArray[np.int64],
    ) -> None:
        self.keys, self.uris, self.surfaces = keys, uris, surfaces
        self.idf = np.asarray(arrays["idf"], dtype=np.float64)
        self.label_uri = arrays["label_uri"]
        self.types = arrays["types"]
        self.offsets = arrays["offsets"]
        self.key_ids = arrays["key_ids"]
        self.totals, self.kinds = totals, kinds
        self.kind_list = list(ConceptKind)
        self.memo: dict[int, Label] = {}

    def __len__(self) -> int:
        return len(self.label_uri)

    @overload
    def __getitem__(self, index: int) -> Label: ...

    @overload
    def __getitem__(self, index: slice) -> list[Label]: ...

    def __getitem__(self, index: int | slice) -> Label | list[Label]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        label = self.memo.get(index)
        if label is not None:
            return label
        if index < 0:
            index += len(self)
        label = self.memo.get(index)
        if label is None:
            start, end = int(self.offsets[index]), int(self.offsets[index + 1])
            ids = self.key_ids[start:end]
            label = Label(
                self.uris[int(self.label_uri[index])],
                self.kind_list[int(self.kinds[index])],
                int(self.types[index]),
                tuple(self.keys[i] for i in ids.tolist()),
                tuple(self.surfaces[start:end]),
                tuple(self.idf[ids].tolist()),
                float(self.totals[index]),
            )
            self.memo[index] = label
        return label


class LexicalIndex:
    """The labels of one language and a sparse word → labels matrix of IDF weights."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        lang: str,
        kinds: frozenset[ConceptKind],
        bridge: bool = True,
        dedupe: bool = False,
    ) -> None:
        self.lang = lang
        analyzer = LabelAnalyzer(lang)
        raw: list[tuple[str, ConceptKind, int, list[tuple[str, str]]]] = []
        for concept in taxonomy.of_kind(*kinds):
            for type_, text in label_texts(concept, lang, bridge):
                words = analyzer.words(text)
                if words:
                    raw.append((concept.uri, concept.kind, type_, words))
        if dedupe:
            raw = _deduplicated(raw)
        df: dict[str, int] = defaultdict(int)
        for *_, words in raw:
            for key in {k for k, _ in words}:
                df[key] += 1
        n = len(raw) + 1
        idf = {key: math.log(n / count) + 1.0 for key, count in df.items()}
        self.vocabulary = {key: i for i, key in enumerate(idf)}
        self.labels: Sequence[Label] = [
            _label(uri, kind, type_, words, idf) for uri, kind, type_, words in raw
        ]
        reference = sorted(idf.values())[len(idf) // 2] if idf else 1.0
        self.prior = np.array(
            [
                TYPE_WEIGHTS[x.type] * (0.6 + 0.4 * min(1.0, x.total / (2 * reference)))
                for x in self.labels
            ]
        )
        self.totals = np.array([x.total for x in self.labels])
        self.kind_codes = {kind: i for i, kind in enumerate(ConceptKind)}
        self.kinds = np.array([self.kind_codes[x.kind] for x in self.labels], dtype=np.int64)
        self.matrix_t = self._matrix()

    def kind_mask(self, kinds: frozenset[ConceptKind]) -> npt.NDArray[np.bool_]:
        """Which labels are of `kinds` (memoised per set of kinds)."""
        masks: dict[frozenset[ConceptKind], npt.NDArray[np.bool_]]
        masks = self.__dict__.setdefault("_masks", {})
        if kinds not in masks:
            masks[kinds] = np.isin(self.kinds, [self.kind_codes[k] for k in kinds])
        return masks[kinds]

    def state(self) -> State:
        """Columns of arrays and packed strings (quick to load; see `LabelTable`)."""
        vocabulary = self.vocabulary
        idf = np.zeros(len(vocabulary))
        uri_ids: dict[str, int] = {}
        label_uri, types, offsets, key_ids, surfaces = [], [], [0], [], []
        for label in self.labels:
            label_uri.append(uri_ids.setdefault(label.uri, len(uri_ids)))
            types.append(label.type)
            for key, weight, surface in zip(label.keys, label.weights, label.surfaces, strict=True):
                idf[vocabulary[key]] = weight
                key_ids.append(vocabulary[key])
                surfaces.append(surface)
            offsets.append(len(key_ids))
        arrays = {
            "idf": idf,
            "prior": self.prior,
            "totals": self.totals,
            "kinds": self.kinds,
            "label_uri": np.asarray(label_uri, dtype=np.int32),
            "types": np.asarray(types, dtype=np.int8),
            "offsets": np.asarray(offsets, dtype=np.int64),
            "key_ids": np.asarray(key_ids, dtype=np.int32),
            **pack_strings("vocabulary", list(vocabulary)),
            **pack_strings("uris", list(uri_ids)),
            **pack_strings("surfaces", surfaces),
            **pack_csr("matrix_t", self.matrix_t),
        }
        return {"lang": self.lang}, arrays

    @classmethod
    def from_state(cls, state: State) -> LexicalIndex:
        meta, arrays = state
        self = cls.__new__(cls)
        self.lang = str(meta["lang"])
        keys = unpack_strings("vocabulary", arrays)
        self.vocabulary = dict(zip(keys, range(len(keys)), strict=True))
        self.prior = np.asarray(arrays["prior"], dtype=np.float64)
        self.totals = np.asarray(arrays["totals"], dtype=np.float64)
        self.kind_codes = {kind: i for i, kind in enumerate(ConceptKind)}
        self.kinds = np.asarray(arrays["kinds"], dtype=np.int64)
        self.labels = LabelTable(
            keys,
            unpack_strings("uris", arrays),
            unpack_strings("surfaces", arrays),
            arrays,
            self.totals,
            self.kinds,
        )
        self.matrix_t = unpack_csr("matrix_t", arrays)
        return self

    def _matrix(self) -> sparse.csr_matrix:
        """vocabulary × labels: the IDF weight of each distinct word of each label."""
        rows, cols, data = [], [], []
        for label_id, label in enumerate(self.labels):
            for key, weight in dict(zip(label.keys, label.weights, strict=True)).items():
                rows.append(self.vocabulary[key])
                cols.append(label_id)
                data.append(weight * label.keys.count(key))
        shape = (len(self.vocabulary), len(self.labels))
        return sparse.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.float64)

    def coverage(self, matches: dict[str, tuple[int, float]]) -> FloatArray:
        """Share of each label's IDF weight found among `matches` (key → (token, quality))."""
        touched = self._touched(matches)
        if touched is None:
            return np.zeros(len(self.labels))
        label_ids, weights = touched
        matched = np.bincount(label_ids, weights=weights, minlength=len(self.labels))
        return np.asarray(matched / self.totals, dtype=np.float64)

    def covered(
        self, matches: dict[str, tuple[int, float]], min_coverage: float
    ) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """(label ids, coverage) of the labels with coverage ≥ `min_coverage` > 0, by id: the
        same values as `coverage()`, with less arithmetic over all labels."""
        touched = self._touched(matches)
        if touched is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        label_ids, weights = touched
        matched = np.bincount(label_ids, weights=weights, minlength=len(self.labels))
        floors: dict[float, FloatArray] = self.__dict__.setdefault("_floors", {})
        floor = floors.get(min_coverage)
        if floor is None:  # a little below, so that the exact test below decides
            floor = floors[min_coverage] = self.totals * (min_coverage * (1.0 - 1e-9))
        ids = np.flatnonzero(matched >= floor)
        values = matched[ids] / self.totals[ids]
        keep = values >= min_coverage
        return ids[keep].astype(np.int64), values[keep]

    def _touched(
        self, matches: dict[str, tuple[int, float]]
    ) -> tuple[npt.NDArray[np.int32], FloatArray] | None:
        """(label id, IDF weight × match quality) of every label word among `matches`."""
        vocabulary = self.vocabulary
        known = [(vocabulary[k], q) for k, (_, q) in matches.items() if k in vocabulary]
        if not known:
            return None
        matrix = self.matrix_t
        indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
        if len(known) == 1:
            col, quality = known[0]
            start, end = indptr[col], indptr[col + 1]
            return indices[start:end], data[start:end] * quality
        cols = np.array([c for c, _ in known], dtype=np.int64)
        bounds = zip(indptr[cols].tolist(), indptr[cols + 1].tolist(), strict=True)
        label_ids, weights = [], []
        for (start, end), (_, quality) in zip(bounds, known, strict=True):
            label_ids.append(indices[start:end])
            weights.append(data[start:end] * quality)
        return np.concatenate(label_ids), np.concatenate(weights)


def _deduplicated(
    raw: list[tuple[str, ConceptKind, int, list[tuple[str, str]]]],
) -> list[tuple[str, ConceptKind, int, list[tuple[str, str]]]]:
    """One label per concept and set of word keys ("work in teams" and "work in a team" are
    both {work, team}): the one of the best type, the first among equals."""
    best: dict[tuple[str, tuple[str, ...]], int] = {}
    for i, (uri, _, type_, words) in enumerate(raw):
        key = (uri, tuple(sorted(k for k, _ in words)))
        if key not in best or type_ < raw[best[key]][2]:
            best[key] = i
    return [raw[i] for i in sorted(best.values())]


def _label(
    uri: str, kind: ConceptKind, type_: int, words: list[tuple[str, str]], idf: dict[str, float]
) -> Label:
    weights = tuple(idf[k] for k, _ in words)
    keys, surfaces = tuple(k for k, _ in words), tuple(s for _, s in words)
    return Label(uri, kind, type_, keys, surfaces, weights, sum(weights))


class LexicalRecognizer(PerLanguageRecognizer[LexicalIndex]):
    name = "lexical"
    always_evident = True  # a hit has at least one matched word

    def _configure(self) -> None:
        self.index_kinds = frozenset(self.params.get("kinds", self.kinds))  # type: ignore[call-overload]
        self.bridge = bool(self.params.get("bridge", True))
        self.dedupe = bool(self.params.get("dedupe", False))
        self.matching: dict[str, tuple[float, float, int]] = {}

    def _matching(self, lang: str) -> tuple[float, float, int]:
        """(min_coverage, gap_penalty, candidates) of a language (`by_language` applied)."""
        if lang not in self.matching:
            settings = self.settings(lang)
            self.matching[lang] = (
                float(settings.get("min_coverage", 0.5)),
                float(settings.get("gap_penalty", 0.15)),
                int(settings.get("candidates", 60)),
            )
        return self.matching[lang]

    def _build_index(self, lang: str) -> LexicalIndex:
        return LexicalIndex(self.taxonomy, lang, self.index_kinds, self.bridge, self.dedupe)

    def _index_from_state(self, state: State) -> LexicalIndex:
        return LexicalIndex.from_state(state)

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        return [self.complete(doc, hit) for hit in self._suggest_top(doc, kinds, sys.maxsize)]

    def _suggest_top(self, doc: Document, kinds: frozenset[ConceptKind], limit: int) -> list[Hit]:
        """The best hit per concept and clause, evidence left to `complete` (see `rank`)."""
        index = self.index(doc.lang)
        if index is None:
            return []
        wanted = index.kind_mask(kinds)
        best: dict[tuple[str, int], tuple[float, Label, dict[int, tuple[int, float]], int]] = {}
        for number, clause in enumerate(doc.clauses):
            matches = clause_matches(doc, clause)
            for score, label, found in self._candidates(index, matches, wanted):
                key = (label.uri, number)
                previous = best.get(key)
                if previous is None or score > previous[0]:
                    best[key] = (score, label, found, number)
        return ranked_hits(best, limit)

    def _hit_evidence(self, doc: Document, hit: Hit) -> tuple[Evidence, ...]:
        label, found = hit.detail
        return _evidence(doc, label, found)

    def _candidates(
        self,
        index: LexicalIndex,
        matches: dict[str, tuple[int, float]],
        wanted: npt.NDArray[np.bool_],
    ) -> Iterator[tuple[float, Label, dict[int, tuple[int, float]]]]:
        """(score, label, label word position → (token, quality)) of the best labels."""
        return best_labels(index, matches, wanted, *self._matching(index.lang))


def best_labels(
    index: LexicalIndex,
    matches: dict[str, tuple[int, float]],
    wanted: npt.NDArray[np.bool_],
    min_coverage: float,
    gap_penalty: float,
    candidates: int,
    prior: FloatArray | None = None,
) -> Iterator[tuple[float, Label, dict[int, tuple[int, float]]]]:
    """(score, label, label word position → (token, quality)) of the `candidates` labels of
    highest coverage² × prior (default `index.prior`) among those of coverage ≥
    `min_coverage` and of the `wanted` kinds, each penalised for the gaps between its words
    in the text."""
    ids, coverage = index.covered(matches, max(min_coverage, 1e-12))
    keep = wanted[ids]
    ids, coverage = ids[keep], coverage[keep]
    priors = (index.prior if prior is None else prior)[ids]
    positions, values = top_k_among(coverage**2 * priors, ids, candidates)
    labels = index.labels
    for label_id, value in zip(positions.tolist(), values.tolist(), strict=True):
        label = labels[label_id]
        keys = label.keys
        found = {p: matches[k] for p, k in enumerate(keys) if k in matches}
        if len(found) == 1:  # one token, no gaps
            yield value, label, found
            continue
        tokens = {i for i, _ in found.values()}
        gaps = max(tokens) - min(tokens) + 1 - len(tokens)
        if gaps <= 2 + len(keys):
            yield value / (1.0 + gap_penalty * gaps), label, found


def ranked_hits(
    best: Mapping[tuple[str, int], tuple[float, Label, dict[int, tuple[int, float]], int]],
    limit: int,
) -> list[Hit]:
    """The `limit` best of (score, label, label word position → (token, quality), clause),
    best first (ties by URI), as hits whose evidence `LexicalRecognizer._hit_evidence`
    makes from their `detail`."""
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[1].uri))[:limit]
    return [
        Hit(label.uri, score, (), number, detail=(label, found))
        for score, label, found, number in ranked
    ]


def clause_matches(doc: Document, clause: Clause) -> dict[str, tuple[int, float]]:
    """Word key → (token index, match quality) for the words of a clause (`token_keys`)."""
    matches: dict[str, tuple[int, float]] = {}
    for i in range(clause.first, clause.last):
        for key, quality in token_keys(doc, i):
            if matches.get(key, (0, 0.0))[1] < quality:
                matches[key] = (i, quality)
    return matches


def token_keys(doc: Document, i: int) -> Iterator[tuple[str, float]]:
    """(word key, match quality) of token `i`: for compounds also their parts (head 0.8,
    other parts 0.5) and runs of parts ("projektinhallintataitoja" → "projektihallinta" 0.8,
    "hallintataito" 0.9); for unknown words their suffix-stripped variants (0.9); every
    plausible reading's lemma (and its meaning-carrying case) and the word itself (1.0)."""
    if no_label_word(doc, i):
        return
    parts = doc.parts[i]
    size = len(parts)
    if size > 1:
        for j, part in enumerate(parts):
            yield part, HEAD_PART if j == size - 1 else OTHER_PART
        for length in range(2, size):
            for j in range(size - length + 1):
                run = "".join(parts[j : j + length])
                yield run, RUN_HEAD if j + length == size else RUN_OTHER
    if doc.variants:
        for variant in doc.variants[i]:
            yield variant, VARIANT
    if doc.readings:
        for reading in doc.readings[i]:
            yield reading.lemma, 1.0
            marked = marked_key(reading)
            if marked:
                yield marked, 1.0
    yield word_key(doc.lemmas[i], parts), 1.0


MIN_PART = 3
"""Shortest part of a dictionary-split compound (`split_compound`)."""


def split_compound(
    word: str, normalize: Callable[[str], str], vocabulary: Collection[str]
) -> tuple[str, ...]:
    """A compound split on known label words, for languages without a compound analyzer
    (Swedish): (modifier, head) stems, the longest head first, the modifier also with its
    linking "s" ("idrottsföreningen" → "idrott", "förening"); (normalize(word),) if no split
    has both parts among `vocabulary`.

    >>> split_compound("idrottsföreningen", str.lower, {"idrott", "föreningen"})
    ('idrott', 'föreningen')
    >>> split_compound("truck", str.lower, {"truck", "ruck"})
    ('truck',)
    """
    lowered = word.lower()
    whole = normalize(lowered)
    if whole in vocabulary:
        return (whole,)
    for cut in range(MIN_PART, len(lowered) - MIN_PART + 1):
        head = normalize(lowered[cut:])
        if head not in vocabulary:
            continue
        modifier = lowered[:cut]
        for form in (modifier, modifier[:-1] if modifier.endswith("s") else ""):
            if len(form) >= MIN_PART:
                stem = normalize(form)
                if stem in vocabulary:
                    return (stem, head)
    return (whole,)


def word_strength(doc: Document, i: int, key: str) -> int:
    """How the label word `key` was found in token `i` (`STRONG`, `HEAD` or `MODIFIER`)."""
    lemma, parts = doc.lemmas[i], doc.parts[i]
    if key == lemma or key == word_key(lemma, parts):
        return STRONG
    if doc.variants and key in doc.variants[i]:
        return STRONG
    if doc.readings and any(key == r.lemma or key == marked_key(r) for r in doc.readings[i]):
        return STRONG
    for j in range(1, len(parts)):
        if key == "".join(parts[j:]):
            # A compound head of its own is specific: "trukinkuljettaja" in
            # "vastapainotrukinkuljettaja"; a simple one is not ("hoitaja").
            return STRONG if len(parts) - j > 1 else HEAD
    return MODIFIER


NOMINALS = frozenset({"noun", "name"})
"""Word classes a label cannot do without: "autolla ajaminen" is about the car."""


def decisive(
    label: Label,
    strengths: Mapping[int, int],
    translated: bool = False,
    classes: Sequence[str] = (),
) -> bool:
    """Whether a label's words found in a text (label word position → `word_strength`) are
    enough to suggest it on their own:

    - its most specific word (highest IDF) is found: "netistä etsiminen" needs "netti",
      "köra kran" needs "kran", not just "kör";
    - a label of several words also needs its last word (the head of a noun phrase, the
      object of a verb phrase), and not only as a compound's modifier: "vapaa-ajan
      ohjaaja" needs "ohjaaja", "laga mat" "mat", "do sports" is not "urheiluseura";
    - with the label words' `classes` (Finnish, from Voikko) every noun and name of the
      label is found ("autolla ajaminen" needs "auto": "ajoin trukkia" is not driving a
      car), while a verb or adjective may be said otherwise ("olen ollut laatimassa
      teknologiastrategiaa" is *määritellä teknologiastrategia*); without classes a label
      may miss fewer than half of its words;
    - with `translated` (words reached through a translation lexicon; the caller counts one
      label word per part of a text word) a label needs all its words but a leading verb of
      three or more ("define technology strategy" from "teknologiastrategia"; "Finnish sign
      language" needs "sign"), and a one-word label is never enough: one translated word is
      ambiguous ("ajaa" → "driving" is not *drive a car*);
    - not every word found is only a compound's modifier ("urheilu" in "urheiluseuran");
    - a one-word label is not found only as the head of a longer compound ("hoitaja" in
      "rahastonhoitaja" is not *lähihoitaja*).

    Anything else is weak evidence: it may add to a concept's score, never make it a
    suggestion by itself."""
    if not strengths:
        return False
    keys, weights = label.keys, label.weights
    distinct = set(keys)
    found_keys = {keys[p] for p in strengths}
    if translated:
        # Every word but a leading verb of three or more ("define technology strategy"
        # from "teknologiastrategia"; "Finnish sign language" needs "sign").
        optional = {keys[0]} if len(distinct) >= 3 else set()
        if distinct - found_keys - optional:
            return False
    top = max(weights)
    if not translated and not any(
        weights[p] >= top and p in strengths for p in range(len(weights))
    ):
        return False
    if len(distinct) > 1:
        if strengths.get(len(keys) - 1, MODIFIER) == MODIFIER:
            return False
        if classes and any(c for c in classes):
            if any(c in NOMINALS and keys[p] not in found_keys for p, c in enumerate(classes)):
                return False
        elif len(distinct - found_keys) > (len(distinct) - 1) // 2:
            return False
    if translated and (len(distinct) == 1 or len(found_keys) < 2):
        return False
    found = set(strengths.values())
    if found == {MODIFIER}:
        return False
    return len(distinct) > 1 or STRONG in found


INFINITIVES = frozenset({"A-infinitive", "MA-infinitive", "E-infinitive"})
"""Verb forms that a governing verb takes as its complement ("opin tukemaan")."""
VERBAL_NOUN = "MINEN-infinitive"


def governed_inversely(
    doc: Document,
    label: Label,
    found: Mapping[int, tuple[int, float]],
    label_readings: Sequence[Reading],
) -> bool:
    """Whether the text says the label's verbs the other way round: a label of verbal nouns
    "X-misen Y-minen" (*oppimisen tukeminen*, supporting learning) whose X the text has as
    the governing verb and Y as its infinitive complement ("olen oppinut tukemaan", I have
    learnt to support), which is *tukemisen oppiminen*. Needs the text's readings (Voikko)."""
    last = len(label.keys) - 1
    head = found.get(last)
    if head is None or label_readings[last].form != VERBAL_NOUN:
        return False
    head_readings = doc.readings[head[0]]
    if not any(r.form in INFINITIVES for r in head_readings):
        return False
    for p, (i, _) in found.items():
        if p == last or label_readings[p].form != VERBAL_NOUN or i == head[0]:
            continue
        readings = doc.readings[i]
        if readings and all(
            r.word_class == "verb" and r.form not in INFINITIVES and r.form != VERBAL_NOUN
            for r in readings
        ):
            return True
    return False


SV_SUBJECTS = frozenset(
    {
        "jag",
        "du",
        "han",
        "hon",
        "vi",
        "ni",
        "de",
        "man",
        "har",
        "hade",
        "kan",
        "kunde",
        "ska",
        "skulle",
        "vill",
        "ville",
        "brukade",
        "brukar",
    }
)
"""Swedish subject pronouns and auxiliaries: the word after one is read as a verb."""
SV_PAST_ENDINGS = ("ade", "de", "te")
"""Swedish past-tense endings read as a verb ("packade", "körde", "köpte")."""


def across_predicates(doc: Document, found: Mapping[str, int]) -> bool:
    """Whether the label words `found` (key → token) lie in two coordinated predicates of
    one clause, each with a verb and a noun of its own, and no one predicate has them all:
    "ajoin trukkia ja pakkasin autoja" is not *autolla ajaminen*, "pesin autoja ja ajoin
    ruohonleikkuria" neither, while "ajoin ja huolsin trukkeja" (one object), "olen ajanut
    trukkia ja kuorma-autoa" (one verb) and "kuvaan luontoa ja muokkaan kuvat" (*kuvien
    muokkaaminen* in the second) are fine. Word classes from Voikko's readings; in Swedish,
    without an analyser's classes, from the word's form (`_swedish_classes`)."""
    coordinators = COORDINATORS.get(doc.lang)
    if not doc.readings or not coordinators or len(found) < 2:
        return False
    tokens = set(found.values())
    if len(tokens) < 2:
        return False
    low, high = min(tokens), max(tokens)
    if not any(doc.tokens[k].surface.lower() in coordinators for k in range(low + 1, high)):
        return False
    clause = next((c for c in doc.clauses if c.first <= low < c.last), None)
    if clause is None or high >= clause.last:
        return False
    cuts = [
        k for k in range(clause.first, clause.last) if doc.tokens[k].surface.lower() in coordinators
    ]
    between = [k for k in cuts if low < k < high]
    if not between:
        return False
    bounds = [clause.first, *(c + 1 for c in cuts), clause.last]
    segments = list(zip(bounds, [*cuts, clause.last], strict=False))
    for first, last in segments:
        present = set()
        for i in range(first, last):
            present.update(_keys_of(doc, i))
        if present >= found.keys():
            return False  # one predicate names it all
    k = between[0]
    left_start = max([c + 1 for c in cuts if c < k], default=clause.first)
    right_end = min([c for c in cuts if c > k], default=clause.last)
    classes = _swedish_classes(doc, clause.first, clause.last) if doc.lang == "sv" else None
    return _predicate(doc, left_start, k, classes) and _predicate(doc, k + 1, right_end, classes)


def _swedish_classes(doc: Document, first: int, last: int) -> dict[int, str]:
    """Token → "verb" or "noun" in a Swedish clause, from the word's form: a verb is a form of
    the strong-verb table, a past tense ("packade", "körde") or the word after a subject
    pronoun or auxiliary ("jag kör"); a noun any other word of three or more letters that is
    not a function word."""
    from kohtaanto.recognition.analyzer.snowball import sv_verb_forms

    stop = stopwords("sv")
    table = sv_verb_forms()
    classes: dict[int, str] = {}
    for i in range(first, last):
        word = doc.tokens[i].surface.lower()
        after_subject = i > first and doc.tokens[i - 1].surface.lower() in SV_SUBJECTS
        if word in table or after_subject or (len(word) > 4 and word.endswith(SV_PAST_ENDINGS)):
            classes[i] = "verb"
        elif len(word) >= 3 and word not in stop and word not in SV_SUBJECTS:
            classes[i] = "noun"
    return classes


def _keys_of(doc: Document, i: int) -> set[str]:
    """Every word key token `i` matches (`token_keys`), and its lemma."""
    return {key for key, _ in token_keys(doc, i)} | {doc.lemmas[i]}


def _predicate(
    doc: Document, first: int, last: int, classes: Mapping[int, str] | None = None
) -> bool:
    """Whether tokens `first..last-1` hold a verb (not a -minen noun) and another word that
    is a noun (word classes from the readings, or `classes` when given)."""
    if classes is not None:
        verbs = {i for i in range(first, last) if classes.get(i) == "verb"}
        nouns = {i for i in range(first, last) if classes.get(i) == "noun"}
        return bool(verbs) and bool(nouns - verbs)
    verbs = {
        i
        for i in range(first, last)
        if any(r.word_class == "verb" and r.form != VERBAL_NOUN for r in doc.readings[i])
    }
    nouns = {
        i
        for i in range(first, last)
        if doc.readings[i] and doc.readings[i][0].word_class in {"noun", "name"}
    }
    return bool(verbs) and bool(nouns - verbs or (nouns and len(verbs) > 1))


def _evidence(
    doc: Document, label: Label, positions: dict[int, tuple[int, float]]
) -> tuple[Evidence, ...]:
    by_token: dict[int, list[str]] = defaultdict(list)
    for position, (i, _) in sorted(positions.items()):
        by_token[i].append(label.surfaces[position])
    evidence = []
    for i in sorted(by_token):
        token = doc.tokens[i]
        evidence.append(Evidence(token.start, token.end, token.surface, " ".join(by_token[i])))
    return tuple(evidence)
