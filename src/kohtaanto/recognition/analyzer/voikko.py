"""The `voikko(fi)` analyzer: Finnish lemmas and compound parts from libvoikko.

Voikko is an optional native library; `available()` says whether it and its dictionary work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from kohtaanto.recognition.analyzer.base import CACHE_SIZE, Analyzer, Reading, Token
from kohtaanto.recognition.analyzer.finnish import strip_endings

_LEMMA_RE = re.compile(r"\[Xp\]([^\[]+)\[X\]")
_HYPHENATED_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)+")

WORD_CLASSES = {
    "nimisana": "noun",
    "nimisana_laatusana": "adj",
    "laatusana": "adj",
    "teonsana": "verb",
    "nimi": "name",
    "etunimi": "name",
    "sukunimi": "name",
    "paikannimi": "name",
}
"""Voikko's CLASS → the word class of a `Reading` (others: "other")."""
RARE_CASES = frozenset({"keinonto", "kerrontosti"})
"""Cases whose readings are dropped when the word has a reading in another case or a verb
reading: the plural instructive "ajoin" (*aika*, "at times") is nearly always the verb
*ajaa* ("I drove"). Likewise the instructive E-infinitive (`rare_form`)."""


def word_class(analysis: dict[str, str]) -> str:
    """The `Reading.word_class` of an analysis: participles and -minen forms are verbs
    ("ajanut", "ajaminen" → *ajaa*), as labels name skills by them."""
    if "PARTICIPLE" in analysis and "[Bc]" not in analysis.get("FSTOUTPUT", ""):
        return "verb"
    return WORD_CLASSES.get(analysis.get("CLASS", ""), "other")


def rare_form(analysis: dict[str, str]) -> bool:
    """The instructive E-infinitive ("juhlien", *by celebrating*; "lehtien"), nearly always
    the genitive plural of a noun instead (*juhla*, *lehti*)."""
    return analysis.get("MOOD") == "E-infinitive" and not analysis.get("SIJAMUOTO")


def verb_form(analysis: dict[str, str]) -> str:
    """The `Reading.form` of an analysis: Voikko's MOOD, "participle" for a participle, ""
    for other words."""
    if "PARTICIPLE" in analysis and "[Bc]" not in analysis.get("FSTOUTPUT", ""):
        return "participle"
    return analysis.get("MOOD", "")


def rank_key(analysis: dict[str, str], word: str = "") -> tuple[int, int, int, int]:
    """Preference among the analyses of one word: fewer compound parts ("tietokanta", not
    "tieto+kannoki"), then not in a rare case, then the word as its own base form
    ("teknologiastrategia" is *teknologiastrategia*, not the partitive of
    *teknologiastrategi*), then nouns and verbs (as Annif does)."""
    return (
        analysis.get("STRUCTURE", "").count("="),
        1 if analysis.get("SIJAMUOTO") in RARE_CASES or rare_form(analysis) else 0,
        0 if analysis.get("BASEFORM", "").lower() == word.lower() else 1,
        0 if analysis.get("CLASS") in {"nimisana", "teonsana"} else 1,
    )


def plausible(analyses: list[dict[str, str]], word: str = "") -> list[dict[str, str]]:
    """The analyses worth matching, best first: rarer compound splits and readings in a rare
    case are dropped when a better reading exists."""
    ranked = sorted(analyses, key=lambda a: rank_key(a, word))
    best = rank_key(ranked[0])
    return [a for a in ranked if rank_key(a)[:2] == best[:2]]


@cache
def spoken_forms() -> dict[str, str]:
    """Irregular spoken Finnish forms → their standard forms (`fi_spoken.json`, written by
    the team): "oon" → "olen", "mä" → "minä", "haluisin" → "haluaisin"."""
    text = resources.files("kohtaanto.recognition.analyzer").joinpath("fi_spoken.json")
    forms: dict[str, str] = json.loads(text.read_text(encoding="utf-8"))["forms"]
    return forms


def spoken_standard(
    word: str, known: bool, analyse: Callable[[str], list[dict[str, str]]]
) -> str | None:
    """The standard form of a spoken Finnish word, or None: a listed form (`spoken_forms`),
    else, for a word Voikko does not know (not `known`), a past participle without its final
    t ("tehny" → "tehnyt", "ollu" → "ollut") or a conditional without its final i ("tekis" →
    "tekisi"), each only when `analyse` reads the standard form as such a verb form."""
    lowered = word.lower()
    listed = spoken_forms().get(lowered)
    if listed is not None:
        return listed
    if known:
        return None
    if lowered.endswith(("u", "y")):
        candidate = lowered + "t"
        if any(a.get("PARTICIPLE") == "past_active" for a in analyse(candidate)):
            return candidate
    if lowered.endswith("is"):
        candidate = lowered + "i"
        if any(a.get("MOOD") == "conditional" for a in analyse(candidate)):
            return candidate
    return None


@cache
def available(language: str = "fi") -> bool:
    try:
        import libvoikko

        libvoikko.Voikko(language).terminate()
    except (ImportError, OSError, Exception):
        return False
    return True


def parse_compound(word: str, analysis: dict[str, str]) -> tuple[str, ...]:
    """Compound parts from one Voikko analysis: non-final parts from FSTOUTPUT, the head
    from BASEFORM minus the surface of the non-final parts (STRUCTURE gives their length).

    >>> parse_compound("trukinkuljettajana", {"BASEFORM": "trukinkuljettaja",
    ...     "FSTOUTPUT": "[Ln][Xp]trukki[X]truk[Sg][Ny]in[Bh][Bc][Lt][Xp]kuljettaa[X]kuljetta",
    ...     "STRUCTURE": "=pppppp=pppppppppppp"})
    ('trukki', 'kuljettaja')
    >>> parse_compound("infrastruktuurin", {"BASEFORM": "infrastruktuuri",
    ...     "FSTOUTPUT": "[Lp]infra[Bh][Bc][Ln][Xp]struktuuri[X]struktuur[Sg][Ny]in",
    ...     "STRUCTURE": "=ppppp=pppppppppp"})
    ('infra', 'struktuuri')
    """
    baseform = analysis.get("BASEFORM", word).lower()
    segments = analysis.get("FSTOUTPUT", "").split("[Bc]")
    pieces = [p for p in analysis.get("STRUCTURE", "").split("=") if p]
    if len(segments) < 2 or len(pieces) != len(segments):
        return (baseform,)
    prefix_len = sum(len(p) for p in pieces[:-1])
    if word[:prefix_len].lower() != baseform[:prefix_len]:
        return (baseform,)
    # A part without a lemma of its own (the prefix "infra" in "infrastruktuuri") is taken
    # as written.
    heads, offset = [], 0
    for segment, piece in zip(segments[:-1], pieces[:-1], strict=True):
        heads.append(_first_lemma(segment) or word[offset : offset + len(piece)])
        offset += len(piece)
    return (*[h.lower() for h in heads if h], baseform[prefix_len:].lstrip("-"))


_ACTION_NOUN_RE = re.compile(
    r"^\+[^\W\d_]+\((?P<verb>[^\W\d_]+[aä])\)(?:\+n)?\+(?P<suffix>us|u|y|nta|ntä|nti|to|tö|ta|tä)"
    r"\(\+(?P=suffix)\)$"
)
"""Voikko's WORDBASES of a noun made from a verb by one action suffix: "+valvo(valvoa)+n+ta(+ta)"
(*valvonta*), "+asenn(asentaa)+us(+us)" (*asennus*), "+käyt(käyttää)+tö(+tö)" (*käyttö*)."""


def action_verb(analysis: dict[str, str]) -> str | None:
    """The verb an action noun is made of ("valvonta" → *valvoa*), so that "valvoin koneita"
    matches *koneiden valvonta* as "ajoin trukkia" matches *trukin ajaminen*; None for other
    words and for nouns Voikko also knows as words of their own ("myynti", "koulutus": their
    first analysis is lexical)."""
    if analysis.get("CLASS") != "nimisana":
        return None
    match = _ACTION_NOUN_RE.match(analysis.get("WORDBASES", ""))
    return match.group("verb").lower() if match else None


def _lemma(analysis: dict[str, str], derived: bool = False) -> str:
    """The matching lemma of an analysis; with `derived` (every analysis of the word is an
    action noun of one verb) an action noun's verb (`action_verb`)."""
    fst = analysis.get("FSTOUTPUT", "")
    if "PARTICIPLE" in analysis and "[Bc]" not in fst:
        # "ajanut" → "ajaa": a participle matches the verb of a label.
        verb = _first_lemma(fst)
        if verb:
            return verb.lower()
    verb = action_verb(analysis) if derived else None
    return verb or analysis["BASEFORM"].lower()


def derived_only(analyses: tuple[dict[str, str], ...]) -> bool:
    """Whether every analysis of a word is an action noun of the same verb ("valvonta",
    "asennus"), not also a word of its own ("koulutus", "hoito", "myynti")."""
    verbs = {action_verb(a) for a in analyses}
    return len(verbs) == 1 and None not in verbs


def _first_lemma(segment: str) -> str | None:
    match = _LEMMA_RE.search(segment)
    return match.group(1) if match else None


class VoikkoAnalyzer(Analyzer):
    name = "voikko"

    def __init__(self, param: str | None = None) -> None:
        super().__init__(param or "fi")
        import libvoikko

        self._voikko: Any = libvoikko.Voikko(self.param)
        # Lemma, compound parts and variants all read the same analysis: ask Voikko once.
        self._analysis = lru_cache(maxsize=CACHE_SIZE)(self._analyse)

    def _analyse(self, word: str) -> tuple[dict[str, str], ...]:
        """The plausible Voikko analyses of a word, preferred first (memoised as `_analysis`;
        read only)."""
        analyses: list[dict[str, str]] = self._voikko.analyze(word)
        standard = spoken_standard(word, bool(analyses), self._voikko.analyze)
        if standard is not None:  # "mä oon tehny" is read as "minä olen tehnyt"
            word, analyses = standard, self._voikko.analyze(standard)
        return tuple(plausible(analyses, word)) if analyses else ()

    def tokenize_words(self, text: str) -> list[Token]:
        """Words, with a hyphenated compound Voikko knows kept whole ("osa-aikainen",
        "Vapaa-ajalla" is *vapaa-aika*, not "osa" and "aika"); unknown ones are split
        ("Java-ohjelmoinnissa")."""
        tokens = super().tokenize_words(text)
        if "-" not in text:
            return tokens
        joined: dict[int, Token] = {}
        for match in _HYPHENATED_RE.finditer(text):
            if self._analysis(match.group()):
                joined[match.start()] = Token(match.start(), match.end(), match.group())
        if not joined:
            return tokens
        result: list[Token] = []
        end = -1
        for token in tokens:
            if token.start < end:
                continue
            whole = joined.get(token.start)
            if whole is not None:
                result.append(whole)
                end = whole.end
            else:
                result.append(token)
        return result

    def _preferred(self, word: str) -> dict[str, str] | None:
        analyses = self._analysis(word)
        return analyses[0] if analyses else None

    def _normalize(self, word: str) -> str:
        analysis = self._preferred(word)
        if analysis is None:
            return word.lower()
        return _lemma(analysis, derived_only(self._analysis(word)))

    def _readings(self, word: str) -> tuple[Reading, ...]:
        """Every plausible reading once, by (lemma, class, case), preferred first."""
        analyses = self._analysis(word)
        if not analyses:
            return (Reading(word.lower()),)
        derived = derived_only(analyses)
        found = (
            Reading(_lemma(a, derived), word_class(a), a.get("SIJAMUOTO", ""), verb_form(a))
            for a in analyses
        )
        return tuple(dict.fromkeys(found))

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        analysis = self._preferred(word)
        if analysis is None:
            return (word.lower(),)
        return parse_compound(word, analysis)

    def _variants(self, word: str) -> tuple[str, ...]:
        """Suffix-stripped candidates for words Voikko does not know ("Javalla" → "java")."""
        if self._analysis(word):
            return ()
        return strip_endings(word.lower())
