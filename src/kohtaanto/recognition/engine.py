"""The recognition engine: analyses a text, runs the recognizers, combines their hits.

Recognizer indexes are built per language on first use. With `cache_dir` (or the environment
variable `KOHTAANTO_ENGINE_CACHE`) each built index is saved there as `.npz` + JSON (no pickle),
keyed by the taxonomy's content hash, the engine format and the parameters, and later engines
load it instead of building. `Engine.save`/`Engine.load` write and read all indexes of an
engine as one such file.
"""

from __future__ import annotations

import heapq
import math
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from kohtaanto.recognition.analyzer import Analyzer, analyzer_for_language
from kohtaanto.recognition.clauses import (
    PLACE_CASES,
    Document,
    analyse,
    another_verb_acts_on,
    is_acronym,
    names_a_country_or_people,
    names_a_role,
    names_the_agent,
    opaque_compound,
    spells_acronym,
    sv_agent_noun,
    sv_verb_read_as_noun,
    visits_a_person,
)
from kohtaanto.recognition.ensemble import EnsembleWeights, load_weights
from kohtaanto.recognition.recognizer import Hit, Recognizer, get_recognizer_class
from kohtaanto.recognition.recognizer.base import PerLanguageRecognizer
from kohtaanto.recognition.recognizer.inference import InferenceRecognizer
from kohtaanto.recognition.recognizer.lexical import (
    HEAD,
    MODIFIER,
    NOMINALS,
    PREFERRED,
    STRONG,
    Label,
    LabelAnalyzer,
    across_predicates,
    decisive,
    governed_inversely,
    loose_synonym,
    split_compound,
    word_key,
    word_strength,
)
from kohtaanto.recognition.store import (
    ENGINE_FORMAT,
    Arrays,
    IndexStore,
    read_state,
    taxonomy_key,
    write_state,
)
from kohtaanto.recognition.titles import (
    TitleLinker,
    TitleParams,
    analyzer_for_title,
    occupation_priors,
)
from kohtaanto.recognition.types import Suggestion
from kohtaanto.taxonomy.model import Concept, ConceptKind, Taxonomy

TITLE_TYPE_WEIGHTS = (1.0, 0.97, 0.9)
RELATED_DEPTH = 6
"""Steps up the broader hierarchy within which two concepts count as related (`_related`)."""
LABEL_MATCHERS = frozenset({"lexical", "crosslingual"})
"""Recognizers whose hits say which label words were found where: when one of them ran, a
concept without a `decisive` hit among theirs (char n-grams support, never decide) is weak
evidence: its score × `WEAK`."""
SPLIT_LANGUAGES = frozenset({"sv"})
"""Languages whose compounds are split on known label words (no compound analyzer)."""
PLACE_SHARE = 0.5
"""A plain mention outranks a hobby or a goal only with at least this share of its score."""
WEAK, WEAK_CAP = 0.3, 0.25
"""A concept whose evidence is weak scores × `WEAK`, and is reported at most `WEAK_CAP`: it
ranks after concepts with decisive evidence and stays below the pages' threshold for showing
a suggestion (0.3, `profiles.selectors.SUGGESTION_MIN_SCORE`)."""
LANGUAGE_COLLECTION = "language"
"""The collection of language skills (ESCO's languageSkillsCollection)."""
FORMAT = ENGINE_FORMAT
CACHE_ENV = "KOHTAANTO_ENGINE_CACHE"
WORD = re.compile(r"\w+")
"""A word of a label, to compare labels word for word (`Engine._anothers_name`)."""


def _whole_label_score(hit: Hit) -> float:
    """The lexical hit's score if it found every word of its label, else 0."""
    if not isinstance(hit.detail, tuple):
        return 0.0
    label, found = hit.detail
    return hit.score if isinstance(label, Label) and len(found) == len(label.keys) else 0.0


class Engine:
    def __init__(
        self,
        taxonomy: Taxonomy,
        languages: Sequence[str],
        weights: EnsembleWeights,
        cache_dir: str | Path | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.languages = tuple(languages)
        self.weights = weights
        self.recognizers: dict[str, Recognizer] = {
            name: get_recognizer_class(name)(taxonomy, languages, **weights.params.get(name, {}))
            for name, weight in weights.weights.items()
            if weight > 0
        }
        self.linkers: dict[str, TitleLinker] = {}
        """Built on first use per language (see `linker`)."""
        self.store: IndexStore | None = None
        if cache_dir is not None:
            self.store = IndexStore(cache_dir, taxonomy_key(taxonomy))
            for recognizer in self._indexed():
                recognizer.store = self.store

    def _indexed(self) -> list[PerLanguageRecognizer[Any]]:
        return [r for r in self.recognizers.values() if isinstance(r, PerLanguageRecognizer)]

    def prepare(self, languages: Sequence[str] | None = None) -> Engine:
        """Build (or load from the cache) the indexes of `languages` (default: all) now
        instead of on first use."""
        for recognizer in self._indexed():
            for lang in languages or self.languages:
                recognizer.index(lang)
        return self

    # --- recognition -----------------------------------------------------------------------
    def recognize(
        self,
        text: str,
        lang: str = "fi",
        limit: int = 20,
        kinds: Collection[ConceptKind] | None = None,
        include_inferred: bool = True,
    ) -> list[Suggestion]:
        """Concepts found in a text, best first, then inferred skills; negated mentions and
        mentions about other people are left out, goals flagged (`goal`), hobbies and
        volunteering marked (`context="hobby"`); only concepts with decisive evidence (see
        `lexical.decisive`) are suggested."""
        doc = self.document(text, lang)
        found = {
            name: self.recognizers[name].rank(doc, kinds, limit=3 * limit + 10)
            for name in self._language_weights(lang).text_recognizers
        }
        suggestions = self._combine(doc, found, limit)
        if include_inferred and "inference" in self.recognizers and len(suggestions) < limit:
            suggestions += self._infer(doc, suggestions, kinds, limit - len(suggestions))
        return suggestions

    def document(self, text: str, lang: str) -> Document:
        """The text as the recognizers read it: words, base forms, compound parts (Voikko's
        in Finnish, split on the label words in Swedish) and clauses."""
        analyzer = analyzer_for_language(lang)
        doc = analyse(text, lang, analyzer, compounds=analyzer.name == "voikko")
        if lang in SPLIT_LANGUAGES and analyzer.name != "voikko":
            self._split_compounds(doc, analyzer)
        return doc

    def _combine(
        self, doc: Document, found: Mapping[str, list[Hit]], limit: int
    ) -> list[Suggestion]:
        """The `limit` best concepts by the weighted score of each recognizer's best hit
        outside negated clauses and clauses about someone else (a plain mention before a hobby
        before a goal when it is at least `PLACE_SHARE` as strong, then by score); evidence is
        completed only for those."""
        if limit <= 0:
            return []
        # Mentions about someone else ("vaimoni on lähihoitaja") are left out like negated
        # ones; a mention's place orders plain ones before hobbies before goals.
        skipped = [clause.negated or clause.other for clause in doc.clauses]
        places = [(clause.goal, clause.hobby) for clause in doc.clauses]
        # uri → name → (place, hit): the best hit of each recognizer outside skipped
        # clauses, by place, then by score, the first among equals; a place comes first
        # only with a hit as good as the recognizer's best for the concept × `PLACE_SHARE`
        # ("Harrastan puutöitä. Olen tehnyt pöydän.": the woodwork hobby, not a faint
        # "puutöiden tekeminen" in the second sentence).
        mentions: dict[str, dict[str, list[tuple[tuple[bool, bool], Hit]]]] = {}
        for name, hits in found.items():
            for hit in hits:
                number = hit.clause
                if number >= 0 and skipped[number]:
                    continue
                place = places[number] if number >= 0 else (False, False)
                mentions.setdefault(hit.uri, {}).setdefault(name, []).append((place, hit))
        by_uri: dict[str, dict[str, tuple[tuple[bool, bool], Hit]]] = {}
        for uri, named in mentions.items():
            chosen = by_uri[uri] = {}
            for name, candidates in named.items():
                floor = PLACE_SHARE * max(hit.score for _, hit in candidates)
                chosen[name] = min(
                    (c for c in candidates if c[1].score >= floor),
                    key=lambda c: (c[0], -c[1].score),
                )
        weights = self._language_weights(doc.lang)
        factors = weights.weights
        gated = not LABEL_MATCHERS.isdisjoint(found)
        total = sum(factors[name] for name in found) or 1.0
        threshold = weights.threshold
        ranked: list[tuple[float, str, dict[str, tuple[tuple[bool, bool], Hit]]]] = []
        for uri, chosen in by_uri.items():
            score = sum(factors[name] * hit.score for name, (_, hit) in chosen.items()) / total
            if weights.whole_label and "lexical" in chosen:
                score = max(score, weights.whole_label * _whole_label_score(chosen["lexical"][1]))
            if score >= threshold:
                ranked.append((score, uri, chosen))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        memo: dict[int, bool] = {}
        claims = self._claims(doc, ranked, memo) if gated else {}
        # Best raw score first; a concept's final score is never above its raw one, so once
        # `limit` final scores beat the next raw score, no later concept can enter.
        scored: list[tuple[float, str, dict[str, tuple[tuple[bool, bool], Hit]]]] = []
        best: list[float] = []  # a min-heap of the `limit` best final scores so far
        for score, uri, chosen in ranked:
            if len(best) >= limit and best[0] > score:
                break
            if (
                gated
                and not any(
                    self._decisive(doc, name, hit, claims, memo)
                    for name, (_, hit) in chosen.items()
                )
            ) or self._hobby_occupation(uri, chosen):
                score = min(score * WEAK, WEAK_CAP / weights.score_scale)
            scored.append((-score, uri, chosen))
            if len(best) < limit:
                heapq.heappush(best, score)
            elif score > best[0]:
                heapq.heapreplace(best, score)
        scored.sort(key=lambda item: item[:2])
        scale = weights.score_scale  # reported scores only; the order above is unchanged
        return [
            self._combined(doc, min(1.0, -score * scale), uri, chosen)
            for score, uri, chosen in scored[:limit]
        ]

    def _split_compounds(self, doc: Document, analyzer: Analyzer) -> None:
        """Swedish compounds split on the lexical index's label words (`split_compound`), so
        that the head rule holds as in Finnish: "truckkort" is a kind of "kort"."""
        recognizer = self.recognizers.get("lexical")
        if not isinstance(recognizer, PerLanguageRecognizer):
            return
        index = recognizer.index(doc.lang)
        if index is None:
            return
        memo: dict[tuple[str, str], tuple[str, ...]] = self.__dict__.setdefault("_splits", {})
        if len(memo) > 100_000:
            memo.clear()
        for i, token in enumerate(doc.tokens):
            key = (doc.lang, token.surface)
            parts = memo.get(key)
            if parts is None:
                parts = memo[key] = split_compound(
                    token.surface, analyzer.normalize_word, index.vocabulary
                )
            if len(parts) > 1 and not opaque_compound(doc.lang, parts):
                doc.parts[i] = parts

    def _hobby_occupation(
        self, uri: str, chosen: Mapping[str, tuple[tuple[bool, bool], Hit]]
    ) -> bool:
        """An occupation named only where the person tells of hobbies or volunteering is a
        role there, not their work: "kassör i idrottsföreningen" is a club's treasurer, not a
        cashier; it stays weak evidence."""
        if not all(hobby for (_, hobby), _ in chosen.values()):
            return False
        concept = self.taxonomy.concepts.get(uri)
        return concept is not None and concept.kind is ConceptKind.OCCUPATION

    def _claims(
        self,
        doc: Document,
        candidates: Sequence[tuple[float, str, Mapping[str, tuple[tuple[bool, bool], Hit]]]],
        memo: dict[int, bool],
    ) -> dict[tuple[int, bool], dict[str, int]]:
        """(token, is an occupation) → the concepts whose own label, in the text's language,
        names that token as a whole word and decides them (`decisive`), each with the number
        of its label's words found: the word's best explanations. Another
        concept of the same sort (occupation or skill) may not rest on that word only through
        a part of it or a translation ("lattianhoitokonetta" is *lattianhoitokoneen käyttö*,
        not *koneenhoito* through its head "kone"; "lastenhoitajana" is *lastenhoitaja*, not
        *hoitaja hoivakodissa* through "worker"), a skill's one-word label may lose it to a
        longer label of another skill (`_outworded`), and a synonym loses it to the concept
        whose name it is (`_anothers_name`)."""
        claims: dict[tuple[int, bool], dict[str, int]] = {}
        for _, uri, chosen in candidates:
            entry = chosen.get("lexical")
            if entry is None or not isinstance(entry[1].detail, tuple):
                continue
            hit = entry[1]
            label, found = hit.detail
            whole = [
                i for p, (i, _) in found.items() if word_strength(doc, i, label.keys[p]) == STRONG
            ]
            if not whole or not self._decisive(doc, "lexical", hit, memo=memo):
                continue
            occupation = label.kind is ConceptKind.OCCUPATION
            for i in whole:
                claims.setdefault((i, occupation), {})[uri] = len(found)
        return claims

    def _decisive(
        self,
        doc: Document,
        name: str,
        hit: Hit,
        claims: Mapping[tuple[int, bool], Mapping[str, int]] | None = None,
        memo: dict[int, bool] | None = None,
    ) -> bool:
        """Whether a hit of a label matcher is enough evidence by itself (`decisive`); with
        `claims` (`_claims`), a word that names another concept as a whole word counts for
        this one only as a whole word of its own label, and a skill's one-word label may lose
        it to a longer label of another skill (`_outworded`). `memo` keeps the answers without
        claims of one text (by hit), which are the answers whenever no word is claimed."""
        if name not in LABEL_MATCHERS or not isinstance(hit.detail, tuple):
            return False
        label, found = hit.detail
        assert isinstance(label, Label)
        occupation = label.kind is ConceptKind.OCCUPATION

        def taken(i: int) -> bool:
            return claims is not None and bool(claims.get((i, occupation), {}).keys() - {hit.uri})

        claimed = any(taken(i) for i, _ in found.values())
        if (
            claimed
            and name == "lexical"
            and (
                self._outworded(doc.lang, label, found, claims)
                or (
                    self._language_weights(doc.lang).names_first
                    and self._anothers_name(doc.lang, label, found, claims)
                )
            )
        ):
            return False
        if not claimed and memo is not None and id(hit) in memo:
            return memo[id(hit)]
        answer = self._decide(doc, name, hit, label, found, taken if claimed else None)
        if not claimed and memo is not None:
            memo[id(hit)] = answer
        return answer

    def _outworded(
        self,
        lang: str,
        label: Label,
        found: Mapping[int, tuple[int, float]],
        claims: Mapping[tuple[int, bool], Mapping[str, int]] | None,
    ) -> bool:
        """Whether a skill found only through a one-word synonym unlike its own name (an
        alternative label that shares no word stem with the preferred one: "syöttäminen" of
        *jakaa aterioita potilaille*) loses its word to an unrelated skill whose label has
        more words in the text (*syöttää konetta* in "syötin materiaalia koneeseen"): the
        word is said in the other skill's sense. A broader or narrower skill keeps it
        (*neuvoa muita* beside *opastaa asiakasta tuotteen valinnassa*), and so does a
        synonym that is a form of the name (*siivota* of *siivous*). Not occupations: a
        longer title with the same word is a kind of it (*kokki*, *suurtalouskokki*)."""
        if (
            claims is None
            or len(label.keys) != 1
            or label.type == PREFERRED
            or label.kind is ConceptKind.OCCUPATION
        ):
            return False
        name = self._preferred_name(label.uri, lang)
        if not name:
            return False  # no name in this language: the synonym is its name here
        if not loose_synonym(label.surfaces[0], name):
            return False
        ((i, _),) = found.values()
        others = claims.get((i, False), {})
        return any(
            words > 1 and uri != label.uri and not self._related(uri, label.uri)
            for uri, words in others.items()
        )

    def _anothers_name(
        self,
        lang: str,
        label: Label,
        found: Mapping[int, tuple[int, float]],
        claims: Mapping[tuple[int, bool], Mapping[str, int]] | None,
    ) -> bool:
        """Whether an occupation's synonym (an alternative or hidden label) found in the
        text is, word for word, the name (preferred label, in the text's language) of another
        occupation that those words decide: "Olen varastotyöntekijä" names
        *varastotyöntekijä*, not the four occupations that list "varastotyöntekijä" among
        their synonyms (*hyllyjen täyttäjä*, *tavarankäsittelijä*, …), and "olin kokki" names
        *kokki*, not *keittiömestari*."""
        if claims is None or label.type == PREFERRED or label.kind is not ConceptKind.OCCUPATION:
            return False
        words = tuple(WORD.findall(" ".join(label.surfaces).casefold()))
        return any(
            uri != label.uri and self._name_words(uri, lang) == words
            for i, _ in found.values()
            for uri in claims.get((i, True), {})
        )

    def _name_words(self, uri: str, lang: str) -> tuple[str, ...]:
        """The words of a concept's preferred label in `lang`, case-folded (memoised)."""
        memo: dict[tuple[str, str], tuple[str, ...]] = self.__dict__.setdefault("_names", {})
        words = memo.get((uri, lang))
        if words is None:
            name = self._preferred_name(uri, lang)
            words = memo[(uri, lang)] = tuple(WORD.findall(name.casefold()))
        return words

    def _preferred_name(self, uri: str, lang: str) -> str:
        """A concept's preferred label in `lang`, or "" when it has none there."""
        concept = self.taxonomy.concepts.get(uri)
        names = concept.labels.get(lang) if concept is not None else None
        return names.preferred if names is not None and names.preferred else ""

    def _related(self, one: str, other: str) -> bool:
        """Whether one concept is broader than the other (through up to `RELATED_DEPTH`
        steps of the hierarchy)."""
        return other in self._broader(one) or one in self._broader(other)

    def _broader(self, uri: str) -> frozenset[str]:
        """The concepts above `uri`, up to `RELATED_DEPTH` steps (memoised per engine)."""
        memo: dict[str, frozenset[str]] = self.__dict__.setdefault("_broader_memo", {})
        found = memo.get(uri)
        if found is None:
            seen: set[str] = set()
            level = [uri]
            for _ in range(RELATED_DEPTH):
                level = [
                    parent
                    for u in level
                    if (c := self.taxonomy.concepts.get(u)) is not None
                    for parent in c.broader
                    if parent not in seen
                ]
                seen.update(level)
            found = memo[uri] = frozenset(seen)
        return found

    def _decide(
        self,
        doc: Document,
        name: str,
        hit: Hit,
        label: Label,
        found: Mapping[int, tuple[int, float]],
        taken: Callable[[int], bool] | None,
    ) -> bool:
        """`_decisive` of one hit; `taken` says which tokens other concepts claim. Whether
        the label's words found are enough (`decisive`) is asked first, as most hits are not
        and it is the cheapest question; then whether anything around them says otherwise."""
        if taken is None:

            def taken(i: int) -> bool:
                return False

        if name == "lexical":
            return self._decide_lexical(doc, hit.uri, label, found, taken)
        # Each part of a text word stands for one label word at most, and a modifier's only
        # with its head's: "liiketoiminta-analyysi" → "business", "analysis"; "vapaa-aika"
        # → "activity", "leader" is one word of evidence, "urheiluseura" → "keep someone
        # company" none beyond "company".
        by_token: dict[int, dict[int, tuple[float, int, int]]] = {}
        for p, (i, quality) in found.items():
            if taken(i):
                continue
            strength, part = self._translated_source(doc, i, label.keys[p])
            if strength == MODIFIER and part < 0:
                continue
            slots = by_token.setdefault(i, {})
            if slots.get(part, (-1.0, 0, 0))[0] < quality:
                slots[part] = (quality, p, strength)
        strengths = {}
        for i, slots in by_token.items():
            head = len(doc.parts[i]) - 1
            for part, (_, p, strength) in slots.items():
                if part in (-1, head) or head in slots or -1 in slots:
                    strengths[p] = strength
        if not decisive(label, strengths, translated=True) or self._said_otherwise(
            doc, hit.uri, label, found
        ):
            return False
        # "olen ollut vapaaehtoisena" is no *update volunteering staff*
        return not (
            doc.lang == "fi"
            and 0 not in strengths
            and len(set(label.keys)) > 1
            and any(names_a_role(doc, i) for i in by_token)
        )

    def _decide_lexical(
        self,
        doc: Document,
        uri: str,
        label: Label,
        found: Mapping[int, tuple[int, float]],
        taken: Callable[[int], bool],
    ) -> bool:
        """`_decide` of a hit of the lexical recognizer (labels in the text's language)."""
        strengths = {}
        for p, (i, _) in found.items():
            strength = word_strength(doc, i, label.keys[p])
            if strength == STRONG or not taken(i):
                strengths[p] = strength
        analyzer = analyzer_for_language(doc.lang)
        readings = [analyzer.readings(surface)[0] for surface in label.surfaces]
        classes = [reading.word_class for reading in readings]
        if not decisive(label, strengths, classes=classes) or self._said_otherwise(
            doc, uri, label, found
        ):
            return False
        if doc.lang == "sv" and any(
            sv_agent_noun(label.surfaces[p]) and not names_the_agent(doc, i, label.surfaces[p])
            for p, (i, _) in found.items()
        ):
            return False  # "mitt mål", "jag har målat" name no painter
        if (
            doc.lang == "sv"
            and label.kind is ConceptKind.SKILL
            and 0 in found
            and sv_verb_read_as_noun(doc, found[0][0], label.surfaces[0])
        ):
            return False  # "mitt mål" is no *måla*, "ett lag" no *laga*
        if doc.readings and governed_inversely(doc, label, found, readings):
            return False
        unsaid = {readings[p].lemma for p, c in enumerate(classes) if c == "verb"} - {
            readings[p].lemma for p in strengths
        }
        # "ajan polkupyörää" is no *säätää polkupyöriä*, "olen ollut vapaaehtoisena" no
        # *kouluttaa vapaaehtoisia*
        return not (
            doc.lang == "fi"
            and unsaid
            and any(
                (classes[p] in NOMINALS and another_verb_acts_on(doc, i, unsaid))
                or (classes[p] != "verb" and names_a_role(doc, i))
                for p, (i, _) in found.items()
            )
        )

    def _said_otherwise(
        self, doc: Document, uri: str, label: Label, found: Mapping[int, tuple[int, float]]
    ) -> bool:
        """Whether the words of a label found in the text are said as something else (for
        either label matcher): across predicates, a country for a language, an acronym not
        spelt as one, the occupation of someone one visits."""
        if across_predicates(doc, {label.keys[p]: i for p, (i, _) in found.items()}):
            return True
        if self._is_language(uri) and any(
            names_a_country_or_people(doc, i) for i, _ in found.values()
        ):
            return True  # "Suomen lain", "ett svenskt företag": no language skill
        if any(
            is_acronym(label.surfaces[p]) and not spells_acronym(doc, i, label.surfaces[p])
            for p, (i, _) in found.items()
        ):
            return True  # "lära mig" is no MIG welding
        # "till läkaren", "kampaajalla": whom one visits, not one's work (a label that is
        # itself a place, the team's "tehtaalla" for *tehdastyöntekijä*, still counts)
        return label.kind is ConceptKind.OCCUPATION and all(
            visits_a_person(doc, i)
            and word_strength(doc, i, label.keys[p]) == STRONG
            and not self._said_as_a_place(doc.lang, label.surfaces[p])
            for p, (i, _) in found.items()
        )

    @staticmethod
    def _said_as_a_place(lang: str, surface: str) -> bool:
        """Whether a Finnish label word is itself in a local case ("tehtaalla")."""
        if lang != "fi":
            return False
        readings = analyzer_for_language(lang).readings(surface)
        return bool(readings) and readings[0].case in PLACE_CASES

    def _is_language(self, uri: str) -> bool:
        concept = self.taxonomy.concepts.get(uri)
        return concept is not None and LANGUAGE_COLLECTION in concept.collections

    def _translated_source(self, doc: Document, i: int, key: str) -> tuple[int, int]:
        """How a pivot-language label word `key` was reached from token `i` by the
        crosslingual recognizer, and from which part: the whole word (`STRONG`, -1), its head
        part (`HEAD`, its index) or a modifier (`MODIFIER`, its index; -1 if from none:
        "kortti" in "trukkikortti" → "driving" is not driving a car)."""
        recognizer = self.recognizers["crosslingual"]
        assert isinstance(recognizer, PerLanguageRecognizer)
        lexicon = recognizer.index(doc.lang)
        if lexicon is None:
            return MODIFIER, -1
        lemma, parts = doc.lemmas[i], doc.parts[i]
        whole = {word_key(lemma, parts), lemma}
        if doc.readings:
            whole.update(r.lemma for r in doc.readings[i])
        if any(key == k for unit in whole for k, _ in lexicon.translate(unit)):
            return STRONG, -1
        if doc.variants and doc.variants[i]:
            pivot = self.__dict__.setdefault("_pivot_analyzer", {})
            analyzer = pivot.setdefault("en", LabelAnalyzer("en"))
            forms = (doc.tokens[i].surface, *doc.variants[i])
            if any(analyzer.key(form) == key for form in forms):
                return STRONG, -1
        if len(parts) > 1:
            # From the part that translates to it most surely: "urheiluseura" → "sport" is
            # the modifier's (p 0.73), though "seura" alone has it too (p 0.57).
            best, source = 0.0, -1
            for j, part in enumerate(parts):
                for k, probability in lexicon.translate(part):
                    if k == key and probability > best:
                        best, source = probability, j
            if source >= 0:
                return (HEAD if source == len(parts) - 1 else MODIFIER), source
        return MODIFIER, -1

    def _combined(
        self,
        doc: Document,
        score: float,
        uri: str,
        chosen: dict[str, tuple[tuple[bool, bool], Hit]],
    ) -> Suggestion:
        """The suggestion of a concept: evidence from its best hit with evidence."""
        hits: list[tuple[bool, float, Recognizer, Hit]] = []
        for name, (_, hit) in chosen.items():
            recognizer = self.recognizers[name]
            if hit.detail is not None and recognizer.always_evident:
                hits.append((True, hit.score, recognizer, hit))  # completed only if primary
                continue
            hit = recognizer.complete(doc, hit)
            hits.append((bool(hit.evidence), hit.score, recognizer, hit))
        _, _, recognizer, primary = max(hits, key=lambda item: item[:2])
        primary = recognizer.complete(doc, primary)
        goal = all(goal for (goal, _), _ in chosen.values())
        context = "hobby" if all(hobby for (_, hobby), _ in chosen.values()) else ""
        return self._suggestion(
            uri, doc.lang, score, primary, tuple(sorted(chosen)), goal=goal, context=context
        )

    def _language_weights(self, lang: str) -> EnsembleWeights:
        """`self.weights.for_language(lang)`, memoised."""
        cache: dict[str, tuple[EnsembleWeights, EnsembleWeights]]
        cache = self.__dict__.setdefault("_weights_cache", {})
        entry = cache.get(lang)
        if entry is None or entry[0] is not self.weights:
            entry = cache[lang] = (self.weights, self.weights.for_language(lang))
        return entry[1]

    def _infer(
        self,
        doc: Document,
        found: list[Suggestion],
        kinds: Collection[ConceptKind] | None,
        limit: int,
    ) -> list[Suggestion]:
        inference = self.recognizers["inference"]
        assert isinstance(inference, InferenceRecognizer)
        occupations = [
            Hit(s.uri, s.score, s.evidence)
            for s in found
            if s.kind is ConceptKind.OCCUPATION and not s.goal
        ]
        weight = self.weights.weights["inference"]
        hits = inference.infer(occupations, kinds, {s.uri for s in found})
        hits.sort(key=lambda h: (-h.score, h.uri))
        # An occupation found only among hobbies ("urheiluseuran rahastonhoitaja") implies
        # skills of the same group.
        contexts = {s.uri: s.context for s in found}
        return [
            self._suggestion(
                h.uri,
                doc.lang,
                weight * h.score,
                h,
                ("inference",),
                inferred=True,
                context=contexts.get(h.source, ""),
            )
            for h in hits[:limit]
        ]

    def _suggestion(
        self,
        uri: str,
        lang: str,
        score: float,
        hit: Hit,
        recognizers: tuple[str, ...],
        inferred: bool = False,
        goal: bool = False,
        context: str = "",
    ) -> Suggestion:
        label, kind = self._display(uri, lang)
        return Suggestion(
            uri=uri,
            label=label,
            kind=kind,
            score=round(min(1.0, max(0.0, score)), 4),
            evidence=hit.evidence,
            recognizers=recognizers,
            inferred=inferred,
            goal=goal,
            context=context,
        )

    def _display(self, uri: str, lang: str) -> tuple[str, ConceptKind]:
        """Label in `lang` (falling back to en) and kind of a concept, memoised."""
        key = (uri, lang)
        cache = self.__dict__.setdefault("_display_cache", {})
        if key not in cache:
            concept = self.taxonomy.concepts[uri]
            cache[key] = (concept.label(lang), concept.kind)
        value: tuple[str, ConceptKind] = cache[key]
        return value

    # --- job titles --------------------------------------------------------------------------
    def linker(self, lang: str) -> TitleLinker:
        """The title linker of a language (labels in it and in English), built once."""
        if lang not in self.linkers:
            self.linkers[lang] = self._build_linker(lang)
        return self.linkers[lang]

    def _build_linker(self, lang: str) -> TitleLinker:
        params = TitleParams.from_mapping(self.weights.params.get("title", {}))
        ids, texts, item_weights = [], [], []
        for concept in self.taxonomy.of_kind(ConceptKind.OCCUPATION):
            labels = [p for code in dict.fromkeys((lang, "en")) for p in _labels(concept, code)]
            # Occupations with many names tend to be the common, general ones.
            prior = 1.0 + params.label_prior * math.log1p(len(labels))
            for type_, label in labels:
                ids.append(concept.uri)
                texts.append(label)
                item_weights.append(TITLE_TYPE_WEIGHTS[type_] * prior)
        return TitleLinker(
            ids,
            texts,
            analyzer_for_title(lang),
            item_weights=item_weights,
            params=params,
            id_priors=occupation_priors(self.taxonomy, params),
        )

    def link_title(self, title: str, lang: str = "fi", limit: int = 10) -> list[Suggestion]:
        """Occupations for a job title, best first."""
        return self.link_titles([title], lang, limit, batch=False)[0]

    def link_titles(
        self, titles: Sequence[str], lang: str = "fi", limit: int = 10, batch: bool = True
    ) -> list[list[Suggestion]]:
        """Occupations for many job titles (one sparse product per batch of titles)."""
        linker = self.linker(lang if lang in self.languages else self.languages[0])
        if batch:
            rankings = linker.rank_many(titles, limit)
        else:
            rankings = [linker.rank(title, limit) for title in titles]
        return [
            [
                self._suggestion(uri, lang, score, Hit(uri, score), ("title",))
                for uri, score in ranking
            ]
            for ranking in rankings
        ]

    # --- persistence -------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Save every index of every language (building missing ones) as one `.npz` file."""
        indexes: dict[str, Any] = {}
        arrays: Arrays = {}
        for recognizer in self._indexed():
            for lang in self.languages:
                index = recognizer.index(lang)
                assert index is not None
                meta, index_arrays = index.state()
                prefix = f"{recognizer.name}.{lang}."
                indexes[f"{recognizer.name}.{lang}"] = meta
                arrays.update({prefix + name: value for name, value in index_arrays.items()})
        meta_all = {
            "format": FORMAT,
            "taxonomy": taxonomy_key(self.taxonomy),
            "languages": list(self.languages),
            "weights": self.weights.to_dict(),
            "indexes": indexes,
        }
        write_state(Path(path), meta_all, arrays)

    @classmethod
    def load(cls, path: str | Path, taxonomy: Taxonomy) -> Engine:
        """Load an engine saved by `save` for the same taxonomy (no pickle: arrays and JSON
        only). `ValueError` if the file is not a saved engine or is for another taxonomy."""
        meta, arrays = read_state(Path(path))
        if "indexes" not in meta or meta.get("taxonomy") != taxonomy_key(taxonomy):
            raise ValueError(f"{path} is not a saved recognition engine for this taxonomy")
        engine = cls(taxonomy, meta["languages"], load_weights(meta["weights"]))
        for recognizer in engine._indexed():
            for lang in engine.languages:
                key = f"{recognizer.name}.{lang}"
                prefix = key + "."
                index_arrays = {
                    name[len(prefix) :]: value
                    for name, value in arrays.items()
                    if name.startswith(prefix)
                }
                recognizer.built[lang] = recognizer._index_from_state(
                    (meta["indexes"][key], index_arrays)
                )
        return engine


def _labels(concept: Concept, lang: str) -> list[tuple[int, str]]:
    label_set = concept.labels.get(lang)
    if label_set is None:
        return []
    pairs = [(0, label_set.preferred)] if label_set.preferred else []
    pairs += [(1, label) for label in label_set.alternative]
    pairs += [(2, label) for label in label_set.hidden]
    return pairs


def build_engine(
    taxonomy: Taxonomy,
    languages: Sequence[str] = ("fi", "sv", "en"),
    weights: str | Path | Mapping[str, Any] | EnsembleWeights | None = None,
    cache_dir: str | Path | None = None,
) -> Engine:
    """An engine for a taxonomy; `weights=None` uses the shipped tuned file. Indexes are
    built per language on first use; with `cache_dir` (default: `$KOHTAANTO_ENGINE_CACHE` if
    set) they are saved there and loaded by later engines over the same taxonomy."""
    if cache_dir is None:
        cache_dir = os.environ.get(CACHE_ENV) or None
    return Engine(taxonomy, languages, load_weights(weights), cache_dir=cache_dir)
