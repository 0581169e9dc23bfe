"""Concept-level evidence for title linking: the taxonomy beyond the surface forms.

A title linker scores surface forms (labels) one by one. When the candidates are concepts of a
taxonomy, three more things are known, and `ConceptScorer` adds them to a batch of direct
concept scores (queries × concepts, e.g. the best label score of each concept):

1. **Pivot-language labels.** Every concept's labels in the pivot language (English, where ESCO
   has by far the most alternative labels) form one document; the query, translated word by
   word into the pivot language, is compared with it (stemmed word TF-IDF cosine). The word
   lexicon is IBM Model 1 (`crosslingual.model1`) learnt from (label in the query language,
   pivot label) pairs of the same concepts, every pivot label of the concept (alternative
   ones included) paired with each label in the query language, so no outside dictionary is
   needed; for the pivot language itself words map to themselves.
2. **Pivot-language descriptions**, the same way, in their own document.
3. **The hierarchy.** A concept gains `down` × the mean score of its broader concepts and `up` ×
   the best score of its narrower ones, and groups (ISCO groups, `group_kinds`) are scaled by
   `group_factor`: a national title that reads like an ISCO group label usually means one of
   the occupations under it.

`combine(direct, queries, preferred)` returns `propagate(direct + preferred_weight · preferred +
label_weight · labels + description_weight · descriptions)`, where `preferred` is the score of
each concept's preferred label (a title that is one concept's preferred label and only an
alternative label of another means the first, as in the engine's label-type weights).

Languages without a compound splitter (Voikko) also split long words at a known head word
(`split_compound`) for the lexicon, and a title that lists alternatives ("A, B": `title_parts`)
can raise its direct scores to those of its parts (`with_parts`, × `part_weight`).

Only `kohtaanto bench melo` (concept mode) uses this module: the product's `Engine.link_titles`
does not, so it lives with the benchmarks, not in `kohtaanto.recognition`. The weights are
tuned on the MELO development sets (concept mode) and kept in `concept_scores.json` beside
this module (`ConceptParams.shipped`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from kohtaanto.recognition.ensemble import params_from_mapping
from kohtaanto.recognition.recognizer.crosslingual import model1, source_units
from kohtaanto.recognition.recognizer.lexical import LabelAnalyzer, iter_labels
from kohtaanto.recognition.vectors import TfidfIndex
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

AFFIX = 5
"""Languages without a compound splitter: words longer than `AFFIX_MIN` also give their first
and last `AFFIX` characters as lexicon units (the parts of a compound, roughly)."""
AFFIX_MIN = 9
HEAD_MIN = 4
"""... and, split at the first place where the rest is a word of the vocabulary (the words of
the texts the lexicon is learnt from) of at least `HEAD_MIN` characters, after at least
`MODIFIER_MIN`, the compound's head and its modifier (Estonian *kaubahindaja* → *hindaja* +
*kauba*)."""
MODIFIER_MIN = 3
PARAMS_FILE = Path(__file__).with_name("concept_scores.json")
"""The tuned parameters (`params`) and how they were tuned (`tuned_on`)."""
_PART_RE = re.compile(r"[,;/]")


def title_parts(title: str) -> list[str]:
    """The alternatives of a title that lists several, as national classifications do
    ("saadik, diplomaatiline esindaja", "nurse / midwife"); [] for a title of one part."""
    parts = [" ".join(part.split()) for part in _PART_RE.split(title)]
    parts = [part for part in parts if part]
    return parts if len(parts) > 1 else []


@dataclass(frozen=True, slots=True)
class ConceptParams:
    label_weight: float = 0.4
    description_weight: float = 0.35
    down: float = 0.2
    up: float = 0.2
    group_factor: float = 0.9
    preferred_weight: float = 0.2
    """Weight of the score of the concept's preferred label (added to its best label score):
    a title that is one concept's preferred label and another's alternative means the first."""
    part_weight: float = 0.9
    """A title listing alternatives ("A, B": `title_parts`) also scores each concept by
    its best direct score for one of them, times this (see `ConceptScorer.with_parts`)."""
    pivot_iterations: int = 10
    min_probability: float = 0.05
    per_unit: int = 4

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> ConceptParams:
        return params_from_mapping(cls, values)

    @classmethod
    def shipped(cls) -> ConceptParams:
        """The tuned parameters of `concept_scores.json` (`params`)."""
        data = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))
        return cls.from_mapping(data["params"])


def weighted_query(index: TfidfIndex, words: Mapping[str, float]) -> tuple[IntArray, FloatArray]:
    """The (feature ids, values) of a weighted bag of words as one l2-normalised query vector
    of `index`: each known word's TF-IDF value (term frequency 1) times its weight; words
    common in the index are left out after normalising, as `TfidfIndex.query` does for an
    unweighted query (whose term frequency counts repeated features)."""
    vocabulary = index.vocabulary
    found = {vocabulary[word]: weight for word, weight in words.items() if word in vocabulary}
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.asarray(sorted(found), dtype=np.int64)
    weights = np.asarray([found[col] for col in cols.tolist()], dtype=np.float64)
    values = index.idf[cols] * weights
    norm = float(np.sqrt(values @ values)) or 1.0
    keep = ~index.common[cols]
    return cols[keep], values[keep] / norm


def _similarities(index: TfidfIndex, queries: Sequence[Mapping[str, float]]) -> FloatArray:
    """Cosine of each weighted bag of words (rows) with every document of `index`."""
    result = np.zeros((len(queries), index.size))
    for row, words in enumerate(queries):
        cols, values = weighted_query(index, words)
        if len(cols):
            result[row] = index.similarities(cols, values)
    return result


class ConceptScorer:
    """Adds pivot-language and hierarchy evidence to direct concept scores.

    `uris` are the candidate concepts, in the columns' order (an id not in the taxonomy simply
    gets no extra evidence). `items` are (URI, text in `lang`) pairs to learn the word lexicon
    from; without them the taxonomy's own labels in `lang` are used.
    """

    def __init__(
        self,
        taxonomy: Taxonomy,
        uris: Sequence[str],
        lang: str,
        items: Sequence[tuple[str, str]] = (),
        pivot: str = "en",
        params: ConceptParams | None = None,
        group_kinds: frozenset[ConceptKind] = frozenset({ConceptKind.ISCO_GROUP}),
    ) -> None:
        self.params = params or ConceptParams.shipped()
        self.uris = list(uris)
        self.lang = lang
        self.pivot = pivot
        self.target = LabelAnalyzer(pivot)
        self.source = self.target if lang == pivot else LabelAnalyzer(lang)
        concepts = [taxonomy.get(uri) for uri in self.uris]
        labels: list[list[str]] = []
        descriptions: list[list[str]] = []
        for concept in concepts:
            words: list[str] = []
            pivot_labels = concept.labels.get(pivot) if concept is not None else None
            if pivot_labels is not None:
                for _, text in iter_labels(pivot_labels):
                    words.extend(key for key, _ in self.target.words(text))
            labels.append(words)
            text = concept.descriptions.get(pivot, "") if concept is not None else ""
            descriptions.append([key for key, _ in self.target.words(text)])
        self.labels = TfidfIndex(labels)
        self.descriptions = TfidfIndex(descriptions)
        """Stemmed-word TF-IDF documents in the pivot language, one per concept."""
        self.vocabulary: frozenset[str] = frozenset()
        """Lower-case words in the query language (of the texts the lexicon is learnt from)."""
        self.lexicon: dict[str, tuple[tuple[str, float], ...]] = {}
        if lang != pivot:
            items = items or [
                (concept.uri, text)
                for concept in taxonomy
                if concept.labels.get(lang) is not None
                for _, text in iter_labels(concept.labels[lang])
            ]
            self.vocabulary = frozenset(
                surface
                for _, text in items
                for word in self.source.analyzer.tokenize_words(text)
                if len(surface := word.surface.lower()) >= MODIFIER_MIN
            )
            self.lexicon = self._learn(taxonomy, items)
        self._hierarchy(concepts, group_kinds)

    # --- lexicon -------------------------------------------------------------------------------
    def units(self, text: str) -> list[str]:
        """Lexicon units of a text in the query language: word keys, compound parts (Voikko)
        or, without a compound splitter, the first and last characters of long words and
        the parts found by `split_compound`."""
        units = source_units(self.source, text)
        if not self.source.compounds:
            for word in self.source.analyzer.tokenize_words(text):
                surface = word.surface.lower()
                if len(surface) >= AFFIX_MIN:
                    units.extend((f"<{surface[:AFFIX]}", f"{surface[-AFFIX:]}>"))
                parts = self.split_compound(surface)
                if parts is not None:
                    modifier, head = parts
                    units.extend(
                        key
                        for key in (
                            self.source.key(head),
                            self.source.key(modifier)
                            if modifier in self.vocabulary
                            else f"<{modifier}",
                        )
                        if key is not None
                    )
        return units

    def split_compound(self, word: str) -> tuple[str, str] | None:
        """(modifier, head) of a lower-case word whose longest ending that is a vocabulary
        word has at least `HEAD_MIN` characters and leaves at least `MODIFIER_MIN`; None if
        there is none."""
        for cut in range(MODIFIER_MIN, len(word) - HEAD_MIN + 1):
            if word[cut:] in self.vocabulary:
                return word[:cut].rstrip("-"), word[cut:]
        return None

    def _learn(
        self, taxonomy: Taxonomy, items: Sequence[tuple[str, str]]
    ) -> dict[str, tuple[tuple[str, float], ...]]:
        pairs: list[tuple[list[str], list[str]]] = []
        pivot_labels: dict[str, list[list[str]]] = {}
        for uri, text in items:
            if uri not in pivot_labels:
                concept = taxonomy.get(uri)
                label_set = concept.labels.get(self.pivot) if concept is not None else None
                pivot_labels[uri] = [
                    words
                    for _, label in (iter_labels(label_set) if label_set is not None else ())
                    if (words := [key for key, _ in self.target.words(label)])
                ]
            units = self.units(text)
            if units:
                pairs.extend((units, words) for words in pivot_labels[uri])
        p = self.params
        return model1(pairs, p.pivot_iterations, p.min_probability, p.per_unit)

    def translate(self, text: str) -> dict[str, float]:
        """Pivot-language word → weight (best translation probability) for a query."""
        if self.lang == self.pivot:
            return {key: 1.0 for key, _ in self.target.words(text)}
        found: dict[str, float] = defaultdict(float)
        for unit in self.units(text):
            for word, probability in self.lexicon.get(unit, ()):
                found[word] = max(found[word], probability)
        return dict(found)

    # --- hierarchy -----------------------------------------------------------------------------
    def _hierarchy(self, concepts: Sequence[Any], group_kinds: frozenset[ConceptKind]) -> None:
        position = {uri: i for i, uri in enumerate(self.uris)}
        child: list[int] = []
        parent: list[int] = []
        for i, concept in enumerate(concepts):
            for broader in concept.broader if concept is not None else ():
                if broader in position:
                    child.append(i)
                    parent.append(position[broader])
        size = len(self.uris)
        links = sparse.csr_matrix(
            (np.ones(len(child)), (np.asarray(child, dtype=np.int64), np.asarray(parent))),
            shape=(size, size),
        )
        degree = np.asarray(links.sum(axis=1)).ravel()
        degree[degree == 0] = 1.0
        self.parents = sparse.csr_matrix(sparse.diags(1.0 / degree) @ links)
        """child × parent, each row averaging the concept's broader concepts."""
        order = np.argsort(np.asarray(parent, dtype=np.int64), kind="stable")
        self.child_sorted = np.asarray(child, dtype=np.int64)[order]
        sorted_parents = np.asarray(parent, dtype=np.int64)[order]
        self.parent_starts = np.flatnonzero(np.diff(sorted_parents, prepend=-1))
        self.parent_ids = sorted_parents[self.parent_starts]
        self.is_group = np.asarray(
            [concept is not None and concept.kind in group_kinds for concept in concepts]
        )

    def propagate(self, scores: FloatArray) -> FloatArray:
        """Scores plus `down` × mean broader score plus `up` × best narrower score, groups
        times `group_factor`."""
        p = self.params
        result = scores + p.down * np.asarray((self.parents @ scores.T).T)
        if p.up and len(self.child_sorted):
            best_child = np.maximum.reduceat(scores[:, self.child_sorted], self.parent_starts, 1)
            result[:, self.parent_ids] += p.up * best_child
        factor = np.where(self.is_group, p.group_factor, 1.0)
        return np.asarray(result * factor, dtype=np.float64)

    def with_parts(self, direct: FloatArray, parts: Sequence[FloatArray]) -> FloatArray:
        """Direct scores of a title, each raised to `part_weight` × the score of one of its
        parts (`title_parts`) where that is higher; -inf and nan count as none."""
        result = direct
        for part in parts:
            result = np.fmax(result, self.params.part_weight * part)
        return result

    # --- all together --------------------------------------------------------------------------
    def evidence(self, queries: Sequence[str]) -> FloatArray:
        """Pivot-language evidence (queries × concepts)."""
        p = self.params
        translated = [self.translate(query) for query in queries]
        result = np.zeros((len(queries), len(self.uris)))
        if p.label_weight:
            result += p.label_weight * _similarities(self.labels, translated)
        if p.description_weight:
            result += p.description_weight * _similarities(self.descriptions, translated)
        return result

    def combine(
        self, direct: FloatArray, queries: Sequence[str], preferred: FloatArray | None = None
    ) -> FloatArray:
        """Direct concept scores (queries × concepts; -inf or nan for none) with the
        evidence and the hierarchy. `preferred`: the score of each concept's preferred label
        (same shape; 0 or non-finite where unknown), weighted by `preferred_weight`."""
        base = np.where(np.isfinite(direct), direct, 0.0)
        if preferred is not None and self.params.preferred_weight:
            base = base + self.params.preferred_weight * np.where(
                np.isfinite(preferred), preferred, 0.0
            )
        return self.propagate(base + self.evidence(queries))
