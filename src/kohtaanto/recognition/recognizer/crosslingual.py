"""The cross-lingual bridge: words of a text translated into the pivot language (English) by a
word lexicon learnt from the taxonomy itself, then matched against all pivot-language labels.

A taxonomy whose second language has only preferred labels (ESCO's Finnish skills file) misses
every paraphrase that English alternative labels cover ("työskentelet tiimissä" is far from
"työskennellä ryhmässä", but "tiimi" → "team" reaches the English alternative "work in a
team"). The lexicon is IBM Model 1 (Brown et al. 1993) trained by EM on the pairs (label in
`lang`, preferred English label) of the same concepts: each `lang` unit (the word's base form,
and for compounds also the whole compound and each part) gets the English label words
(stems) it translates to, with probabilities. No outside dictionary is used.

At recognition time each word is translated (whole word 1.0, compound parts `part_quality`;
match quality = `quality × p^power`), and the pivot language's lexical index (`LexicalIndex`:
preferred, alternative and hidden labels, one per concept and set of words) is searched with
those matches: candidates from the whole text at once (one pass over the large index), each
then scored clause by clause as the lexical recognizer scores a text's own words (coverage,
gaps). Words the analyzer does not know (English words in Finnish text: "LEAN", "full stack")
are also stemmed as pivot-language words.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import Any

import numpy as np

from kohtaanto.recognition.clauses import Clause, Document, no_label_word
from kohtaanto.recognition.recognizer.base import Hit, PerLanguageRecognizer
from kohtaanto.recognition.recognizer.lexical import (
    VARIANT,
    Label,
    LabelAnalyzer,
    LexicalIndex,
    LexicalRecognizer,
    _evidence,
    iter_labels,
    ranked_hits,
    word_key,
)
from kohtaanto.recognition.store import State, pack_strings, unpack_strings
from kohtaanto.recognition.types import Evidence
from kohtaanto.recognition.vectors import FloatArray, top_k_among
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy

MEMO_SIZE = 100_000
"""Words whose translations a `Translator` keeps (then it starts afresh)."""
NULL = "\0null"
"""The empty source word of IBM Model 1 (absorbs target words with no counterpart)."""


class Lexicon:
    """Source unit → ((pivot key, p(key | unit)), …), best first."""

    def __init__(self, lang: str, table: dict[str, tuple[tuple[str, float], ...]]) -> None:
        self.lang = lang
        self.table = table

    def translate(self, unit: str) -> tuple[tuple[str, float], ...]:
        return self.table.get(unit, ())

    @classmethod
    def learn(
        cls,
        taxonomy: Taxonomy,
        lang: str,
        pivot: str,
        kinds: frozenset[ConceptKind],
        iterations: int = 15,
        min_probability: float = 0.05,
        per_unit: int = 4,
    ) -> Lexicon:
        """IBM Model 1 p(pivot word | source unit) from the concepts' label pairs: every
        label in `lang` with the preferred label in `pivot`."""
        if lang == pivot:
            return cls(lang, {})
        source, target = LabelAnalyzer(lang), LabelAnalyzer(pivot)
        pairs: list[tuple[list[str], list[str]]] = []
        for concept in taxonomy.of_kind(*kinds):
            own, other = concept.labels.get(lang), concept.labels.get(pivot)
            if own is None or other is None or not other.preferred:
                continue
            pivot_words = [key for key, _ in target.words(other.preferred)]
            if not pivot_words:
                continue
            for _, text in iter_labels(own):
                units = source_units(source, text)
                if units:
                    pairs.append((units, pivot_words))
        return cls(lang, model1(pairs, iterations, min_probability, per_unit))

    def state(self) -> State:
        units = list(self.table)
        keys = [key for unit in units for key, _ in self.table[unit]]
        probabilities = [p for unit in units for _, p in self.table[unit]]
        offsets = np.cumsum([0] + [len(self.table[unit]) for unit in units])
        arrays = {
            **pack_strings("units", units),
            **pack_strings("keys", keys),
            "probabilities": np.asarray(probabilities, dtype=np.float64),
            "offsets": np.asarray(offsets, dtype=np.int64),
        }
        return {"lang": self.lang}, arrays

    @classmethod
    def from_state(cls, state: State) -> Lexicon:
        meta, arrays = state
        units, keys = unpack_strings("units", arrays), unpack_strings("keys", arrays)
        probabilities = arrays["probabilities"].tolist()
        offsets = arrays["offsets"].tolist()
        table = {
            unit: tuple(
                (keys[j], float(probabilities[j])) for j in range(offsets[i], offsets[i + 1])
            )
            for i, unit in enumerate(units)
        }
        return cls(str(meta["lang"]), table)


def source_units(analyzer: LabelAnalyzer, text: str) -> list[str]:
    """The units of a label: each word's key, and for compounds also their parts."""
    units: list[str] = []
    for key, surface in analyzer.words(text):
        units.append(key)
        if analyzer.compounds:
            parts = analyzer.analyzer.compound_parts(surface)
            if len(parts) > 1:
                units.extend(p for p in parts if p not in analyzer.stop)
    return units


def model1(
    pairs: list[tuple[list[str], list[str]]],
    iterations: int,
    min_probability: float,
    per_unit: int,
) -> dict[str, tuple[tuple[str, float], ...]]:
    """EM for IBM Model 1 over (source units, target words) pairs, vectorised over all
    co-occurrences; the table keeps per unit the `per_unit` most probable target words with
    p ≥ `min_probability`."""
    source_ids: dict[str, int] = {}
    target_ids: dict[str, int] = {}
    links: dict[tuple[int, int], int] = {}
    link_of: list[int] = []  # per (pair, target position, source unit): its link id
    slot_of: list[int] = []  # ... and its (pair, target position) slot
    slot = 0
    for units, words in pairs:
        sources = {source_ids.setdefault(u, len(source_ids)) for u in (*units, NULL)}
        for word in words:
            target = target_ids.setdefault(word, len(target_ids))
            for s in sources:
                link_of.append(links.setdefault((s, target), len(links)))
                slot_of.append(slot)
            slot += 1
    if not links:
        return {}
    link_source = np.zeros(len(links), dtype=np.int64)
    link_target = np.zeros(len(links), dtype=np.int64)
    for (s, t), i in links.items():
        link_source[i], link_target[i] = s, t
    link_arr, slot_arr = np.asarray(link_of), np.asarray(slot_of)
    probability = np.ones(len(links))
    for _ in range(iterations):
        weight = probability[link_arr]
        share = weight / np.bincount(slot_arr, weights=weight, minlength=slot)[slot_arr]
        counts = np.bincount(link_arr, weights=share, minlength=len(links))
        totals = np.bincount(link_source, weights=counts, minlength=len(source_ids))
        probability = counts / totals[link_source]
    source_names = list(source_ids)
    target_names = list(target_ids)
    by_source: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for i in np.flatnonzero(probability >= min_probability).tolist():
        unit = source_names[int(link_source[i])]
        if unit != NULL:
            by_source[unit].append((float(probability[i]), target_names[int(link_target[i])]))
    return {
        unit: tuple((word, round(p, 4)) for p, word in sorted(found, reverse=True)[:per_unit])
        for unit, found in by_source.items()
    }


class CrosslingualRecognizer(PerLanguageRecognizer[Lexicon]):
    """Params: `pivot` (default "en"), `iterations`, `min_probability`, `per_unit` (the
    lexicon), `power`, `part_quality` (match quality of translations), `single_word` (factor
    for pivot labels of one distinct word), `dedupe` (default true: one pivot label per concept
    and set of words), `hits` (at most so many), `min_coverage`, `gap_penalty`, `candidates`
    (as for `lexical`), `by_language` overrides. The index of a language is its lexicon
    (empty for the pivot language itself); the pivot's lexical index is built once, with the
    first lexicon that is not empty."""

    name = "crosslingual"
    always_evident = True  # a hit has at least one matched word

    def _configure(self) -> None:
        self.index_kinds = frozenset(self.params.get("kinds", self.kinds))  # type: ignore[call-overload]
        self.pivot = str(self.params.get("pivot", "en"))
        # The pivot index: the lexical recognizer's, one label per concept and set of words;
        # `kinds` only when given, as a frozenset has no stable text for the cache key.
        kinds = {"kinds": self.params["kinds"]} if "kinds" in self.params else {}
        self.pivot_recognizer = LexicalRecognizer(
            self.taxonomy, (self.pivot,), dedupe=bool(self.params.get("dedupe", True)), **kinds
        )

    def _build_index(self, lang: str) -> Lexicon:
        settings = self.settings(lang)
        return Lexicon.learn(
            self.taxonomy,
            lang,
            self.pivot,
            self.index_kinds,
            iterations=int(settings.get("iterations", 15)),
            min_probability=float(settings.get("min_probability", 0.05)),
            per_unit=int(settings.get("per_unit", 4)),
        )

    def _load_or_build(self, lang: str) -> Lexicon:
        lexicon = super()._load_or_build(lang)
        if lexicon.table:  # `Engine.prepare` then prepares the pivot index too
            self.pivot_index()
        return lexicon

    def _index_from_state(self, state: State) -> Lexicon:
        return Lexicon.from_state(state)

    def pivot_index(self) -> LexicalIndex:
        self.pivot_recognizer.store = self.store
        index = self.pivot_recognizer.index(self.pivot)
        assert index is not None
        return index

    def _suggest(self, doc: Document, kinds: frozenset[ConceptKind]) -> list[Hit]:
        return [self.complete(doc, hit) for hit in self._suggest_top(doc, kinds, sys.maxsize)]

    def _suggest_top(self, doc: Document, kinds: frozenset[ConceptKind], limit: int) -> list[Hit]:
        lexicon = self.index(doc.lang)
        if lexicon is None or not lexicon.table:
            return []
        settings = self.settings(doc.lang)
        index = self.pivot_index()
        wanted = index.kind_mask(kinds)
        matching = (
            float(settings.get("min_coverage", 0.4)),
            float(settings.get("gap_penalty", 0.15)),
            int(settings.get("candidates", 30)),
        )
        # One translated word is ambiguous (stems collide: "kokemus" → "experi" is also
        # "experiment"), and a one-word label in `lang` itself is found by `lexical`.
        prior = self._prior(index, float(settings.get("single_word", 0.5)))
        translate = self._translator(doc.lang, settings, lexicon)
        clauses = [translate(doc, clause) for clause in doc.clauses]
        # Candidates from the whole text at once (one pass over the large pivot index), then
        # each scored clause by clause, as `lexical` does.
        union: dict[str, tuple[int, float]] = {}
        for matches in clauses:
            for word, match in matches.items():
                if union.get(word, (0, 0.0))[1] < match[1]:
                    union[word] = match
        best: dict[tuple[str, int], tuple[float, Label, dict[int, tuple[int, float]], int]] = {}
        min_coverage, gap_penalty, candidates = matching
        ids, coverage = index.covered(union, max(min_coverage, 1e-12))
        keep = wanted[ids]
        ids, coverage = ids[keep], coverage[keep]
        positions, _ = top_k_among(coverage**2 * prior[ids], ids, candidates)
        labels = index.labels
        numbered = list(enumerate(clauses))
        for label_id, label_prior in zip(
            positions.tolist(), prior[positions].tolist(), strict=True
        ):
            label = labels[label_id]
            keys, weights = label.keys, label.weights
            for number, matches in numbered:
                found = {p: matches[k] for p, k in enumerate(keys) if k in matches}
                if not found:
                    continue
                share = sum([weights[p] * q for p, (_, q) in found.items()]) / label.total
                if share < min_coverage:
                    continue
                tokens = {i for i, _ in found.values()}
                gaps = max(tokens) - min(tokens) + 1 - len(tokens)
                if gaps > 2 + len(keys):
                    continue
                score = share**2 * label_prior / (1.0 + gap_penalty * gaps)
                key = (label.uri, number)
                previous = best.get(key)
                if previous is None or score > previous[0]:
                    best[key] = (score, label, found, number)
        return ranked_hits(best, min(limit, int(settings.get("hits", limit))))

    def _hit_evidence(self, doc: Document, hit: Hit) -> tuple[Evidence, ...]:
        label, found = hit.detail
        return _evidence(doc, label, found)

    def _prior(self, index: LexicalIndex, single_word: float) -> FloatArray:
        """The pivot labels' priors, × `single_word` for labels of one distinct word."""
        priors: dict[float, FloatArray] = self.__dict__.setdefault("_priors", {})
        if single_word not in priors:
            # One matrix entry per distinct word of a label (works on a loaded index too).
            words = np.bincount(index.matrix_t.indices, minlength=len(index.labels))
            single = words == 1
            priors[single_word] = np.where(single, index.prior * single_word, index.prior)
        return priors[single_word]

    def _translator(self, lang: str, settings: dict[str, Any], lexicon: Lexicon) -> Translator:
        translators: dict[str, Translator] = self.__dict__.setdefault("_translators", {})
        if lang not in translators:
            translators[lang] = Translator(
                lexicon,
                self.pivot,
                power=float(settings.get("power", 0.75)),
                part_quality=float(settings.get("part_quality", 0.9)),
            )
        return translators[lang]


class Translator:
    """Clause → pivot-language matches (key → (token, quality)), memoised per word."""

    def __init__(self, lexicon: Lexicon, pivot: str, power: float, part_quality: float) -> None:
        self.lexicon = lexicon
        self.pivot = LabelAnalyzer(pivot)
        self.power = power
        self.part_quality = part_quality
        self.memo: dict[tuple[str, tuple[str, ...], tuple[str, ...], str], dict[str, float]] = {}

    def word(
        self, lemma: str, parts: tuple[str, ...], variants: tuple[str, ...], surface: str
    ) -> dict[str, float]:
        key = (lemma, parts, variants, surface)
        found = self.memo.get(key)
        if found is None:
            found = {}

            def add(unit: str, quality: float) -> None:
                for target, probability in self.lexicon.translate(unit):
                    q = quality * probability**self.power
                    if found.get(target, 0.0) < q:
                        found[target] = q

            add(word_key(lemma, parts), 1.0)
            if lemma != parts[0] or len(parts) > 1:
                add(lemma, 1.0)
            if len(parts) > 1:
                for part in parts:
                    add(part, self.part_quality)
            if variants:  # a word the analyzer does not know: maybe a pivot-language word
                for quality, form in ((1.0, surface), *((VARIANT, v) for v in variants)):
                    stem = self.pivot.key(form)
                    if stem is not None and found.get(stem, 0.0) < quality:
                        found[stem] = quality
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = found
        return found

    def __call__(self, doc: Document, clause: Clause) -> dict[str, tuple[int, float]]:
        matches: dict[str, tuple[int, float]] = {}
        variants = doc.variants
        for i in range(clause.first, clause.last):
            if no_label_word(doc, i):
                continue
            found = self.word(
                doc.lemmas[i],
                doc.parts[i],
                variants[i] if variants else (),
                doc.tokens[i].surface,
            )
            for target, quality in found.items():
                if matches.get(target, (0, 0.0))[1] < quality:
                    matches[target] = (i, quality)
        return matches
