"""Clause segmentation and context cues in fi, sv and en: negation, goals, other people,
hobbies and volunteering.

A clause is the scope of a cue: "en ole koskaan ajanut trukkia" negates its whole clause,
"haluaisin oppia hitsaamaan" marks its clause as a goal, "vaimoni on lähihoitaja" is about
another person, "vapaa-ajalla laulan kuorossa" is a hobby. Clauses end at sentence
punctuation, commas, brackets and contrastive conjunctions ("mutta", "men", "but").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field

from kohtaanto.recognition.analyzer.base import Analyzer, Reading, Token
from kohtaanto.recognition.analyzer.snowball import sv_verb_forms

_BOUNDARY_RE = re.compile(r"[.!?;:\n()\[\]•|]|,\s|\s[-–]\s")
_CONTRASTIVE = {"but", "however", "although", "whereas", "mutta", "vaan", "vaikka", "men", "fast"}
NEVER_A_SKILL = frozenset(_CONTRASTIVE - {"fast"})
"""Conjunctions that are no word of any label, however their stem reads ("men" is not the
stem of *menig*, a private soldier); "fast" is also the adjective ("fast jobb")."""

NEGATION: dict[str, re.Pattern[str]] = {
    "fi": re.compile(r"\b(en|et|ei|emme|ette|eivät|älä|ilman)\b"),
    # "int": Finland-Swedish colloquial "inte" ("ja har int kört truck")
    "sv": re.compile(r"\b(inte|int|aldrig|ej|ingen|inget|inga|utan)\b"),
    "en": re.compile(r"\b(not|never|no|without|cannot|n't|nor)\b|\w+n't\b"),
}
GOAL: dict[str, re.Pattern[str]] = {
    "fi": re.compile(
        r"\b(haluai\w*|haluan|haluamme|toivoisin|toivon|oppia|opetella|opiskella|"
        r"kouluttautu\w*|tavoit\w*|haavei\w*|kiinnostaisi)\b"
    ),
    "sv": re.compile(
        r"\b(vill|ville|skulle vilja|önskar|hoppas|lära mig|lära sig|studera|utbilda mig|"
        r"mitt mål|målet)\b"
    ),
    "en": re.compile(
        r"\b(would like to|want(?:s|ed)? to|wish(?:es)? to|hope to|plan(?:ning)? to|"
        r"learn(?:ing)? (?:to|how|about)|(?:to|will) learn|my goal|aspire to|"
        r"interested in learning)\b"
    ),
}


OTHER_PERSON: dict[str, re.Pattern[str]] = {
    # A relative with a possessive suffix, in the nominative ("vaimoni on", "mieheni
    # työskentelee"); "hoidin äitiäni" (partitive: the person's own care work) is not one.
    # Spoken, a relative after "mun" or "minun" ("mun mies ajaa rekkaa").
    "fi": re.compile(
        r"\b(vaimo|miehe|puoliso|avopuoliso|äiti|isä|lapse|poika|tyttäre|sisko|velje|"
        r"sisare|ystävä|kaveri)ni\b|"
        r"\b(mun|minun) (vaimo|mies|puoliso|avopuoliso|avokki|äiti|mutsi|isä|faija|lapsi|"
        r"poika|tyttö|tytär|sisko|veli|sisar|ystävä|kaveri|frendi)\b"
    ),
    "sv": re.compile(
        r"\b(min|mitt|mina) (fru|man|make|maka|sambo|partner|mamma|mor|pappa|far|son|"
        r"dotter|syster|bror|barn|vän|kompis|väninna)\s+(är|var|jobbar|jobbade|arbetar|"
        r"arbetade|har|hade|kan|talar|pratar|förstår|läser|skriver|studerar|studerade|"
        r"pluggar|kör|körde|sköter|skötte)\b"
    ),
    "en": re.compile(
        r"\bmy (wife|husband|partner|spouse|mother|mum|mom|father|dad|son|daughter|sister|"
        r"brother|friend|child|kids?)\s+(is|was|works|worked|has|had|can|does|did|runs|"
        r"speaks|spoke|understands|reads|writes|studies|studied|drives|drove)\b"
    ),
}
"""Cues that a clause is about someone else: what is found there is not the person's."""
HOBBY: dict[str, re.Pattern[str]] = {
    "fi": re.compile(
        r"(\bvapaa-aja\w*|\bvapaa-aikana\w*|\bharrast\w*|\bvapaaehtois\w*|\btalko\w*|"
        r"\w*seura(n|ssa|lle|lla)?\b|\w*yhdistykse\w*|\w*yhdistys\b|\bkuoro\w*|"
        r"\bpartio\w*|\bjärjestö\w*)"
    ),
    "sv": re.compile(
        r"\b(på fritiden|fritid\w*|hobby\w*|frivillig\w*|ideell\w*|\w*förening\w*|"
        r"\w*klubb\w*|kör|kören|scout\w*|talko\w*)\b"
    ),
    "en": re.compile(
        r"\b(in my (?:free|spare) time|hobby|hobbies|volunteer\w*|charity|\w*club|choir|"
        r"scouts?|pastime)\b"
    ),
}
"""Cues that a clause is about a hobby or volunteering: what is found there is the person's,
but kept in its own group ("hobby")."""


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens `first..last-1` of a document, with their cue flags."""

    start: int
    end: int
    first: int
    last: int
    negated: bool = False
    goal: bool = False
    other: bool = False
    """About someone else ("vaimoni on lähihoitaja")."""
    hobby: bool = False
    """About a hobby or volunteering ("vapaa-ajalla laulan kuorossa")."""


def segment(text: str, tokens: list[Token], lang: str) -> list[Clause]:
    """Split a tokenised text into clauses and flag negation and goals."""
    cuts = sorted({m.start() for m in _BOUNDARY_RE.finditer(text)})
    cut_before = [False] * len(tokens)
    position = 0
    for i, token in enumerate(tokens):
        # Is there a cut c with position <= c < token.start (the first cut from position on)?
        j = bisect_left(cuts, position)
        between = j < len(cuts) and cuts[j] < token.start
        cut_before[i] = i > 0 and (between or token.surface.lower() in _CONTRASTIVE)
        position = token.end
    clauses: list[Clause] = []
    first = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or cut_before[i]:
            clauses.append(_clause(text, tokens, first, i, lang))
            first = i
    return clauses


def _clause(text: str, tokens: list[Token], first: int, last: int, lang: str) -> Clause:
    start, end = tokens[first].start, tokens[last - 1].end
    lowered = text[start:end].lower().replace("’", "'")
    negation, goal = NEGATION.get(lang), GOAL.get(lang)
    other, hobby = OTHER_PERSON.get(lang), HOBBY.get(lang)
    return Clause(
        start,
        end,
        first,
        last,
        negated=bool(negation and negation.search(lowered)),
        goal=bool(goal and goal.search(lowered)),
        other=bool(other and other.search(lowered)),
        hobby=bool(hobby and hobby.search(lowered)),
    )


LIST_LANGUAGES = frozenset({"fi", "sv", "en"})
LIST_BREAKS = frozenset(
    {"vain", "ainoastaan", "paitsi", "kuitenkin", "bara", "endast", "utom", "förutom"}
    | {"only", "except"}
)
"""Words that start a part of its own after a comma, with no verb ("En ajanut rekkaa, vain
pakettiautoa": the van is not negated)."""
_SV_VERBS = frozenset(
    {"är", "var", "har", "hade", "kan", "kunde", "vill", "ville", "ska", "skulle", "måste"}
    | {"får", "fick", "blir", "blev", "gör", "gjorde", "går", "gick", "jobbar", "bor"}
)
_SV_VERB_ENDINGS = ("ar", "er", "ade", "de", "te", "at", "it", "tt")
_SV_NOT_VERBS = frozenset(
    {"eller", "efter", "under", "över", "mer", "fler", "där", "här", "när", "per", "sedan"}
    | {"bättre", "gärna", "andre", "inte", "mitt", "ditt", "sitt", "litet", "mycket", "helt"}
)
"""Words with a verb's ending that are none ("svenska, tyska eller franska")."""
_EN_VERBS = frozenset(
    {"am", "is", "are", "was", "were", "be", "been", "have", "has", "had", "do", "does"}
    | {"did", "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
)
_SUBJECTS = {
    "sv": frozenset({"jag", "du", "han", "hon", "vi", "ni", "de", "man"}),
    "en": frozenset({"i", "you", "he", "she", "we", "they"}),
}


def join_list_items(
    text: str,
    tokens: list[Token],
    readings: list[tuple[Reading, ...]],
    clauses: list[Clause],
    lang: str,
) -> list[Clause]:
    """Clauses with each list item after a comma joined to the clause it continues: a clause
    that follows the one before it across a comma only and has no verb ("Osaan ruotsia,
    saksaa ja ranskaa": "saksaa ja ranskaa"; "Jag kan inte svenska, tyska eller franska")
    belongs to it, so that it shares its verb, its negation, its goal ("haluaisin oppia
    Exceliä, Wordia ja PowerPointia") and whose it is ("min fru talar svenska, tyska och
    franska"). A part that starts with a contrast or an exception ("mutta", "vain", "bara")
    stays apart."""
    joined: list[Clause] = []
    for clause in clauses:
        if joined and _continues_a_list(text, tokens, readings, joined[-1], clause, lang):
            previous = joined.pop()
            clause = _clause(text, tokens, previous.first, clause.last, lang)
        joined.append(clause)
    return joined


def _continues_a_list(
    text: str,
    tokens: list[Token],
    readings: list[tuple[Reading, ...]],
    previous: Clause,
    clause: Clause,
    lang: str,
) -> bool:
    between = text[tokens[previous.last - 1].end : tokens[clause.first].start]
    if between.strip() != ",":
        return False
    opening = tokens[clause.first].surface.lower()
    if opening in _CONTRASTIVE or opening in LIST_BREAKS:
        return False  # "…, mutta …", "…, vain …" is a part of its own
    return not any(
        _may_be_a_verb(tokens, readings, i, lang) for i in range(clause.first, clause.last)
    )


def _may_be_a_verb(
    tokens: list[Token], readings: list[tuple[Reading, ...]], i: int, lang: str
) -> bool:
    """Whether token `i` may be a verb or a clause's subject, so that its part is a clause of
    its own. Finnish from Voikko's word classes (`analyse` joins no Finnish list without them);
    Swedish and English from their auxiliaries, subject pronouns and verb endings (a
    capitalised word is a name: "Word och PowerPoint")."""
    if lang == "fi":
        return any(r.word_class == "verb" for r in readings[i])
    surface = tokens[i].surface
    word = surface.lower()
    if word in _SUBJECTS.get(lang, ()):
        return True
    if lang == "sv":
        if word in _SV_VERBS or word in sv_verb_forms():
            return True
        return (
            surface[:1].islower() and word not in _SV_NOT_VERBS and word.endswith(_SV_VERB_ENDINGS)
        )
    return word in _EN_VERBS or (surface[:1].islower() and word.endswith(("ed", "ing")))


@dataclass(slots=True)
class Document:
    """An analysed input text: tokens, their lemmas and compound parts, and clauses."""

    text: str
    lang: str
    tokens: list[Token]
    lemmas: list[str]
    parts: list[tuple[str, ...]]
    clauses: list[Clause]
    variants: list[tuple[str, ...]] = field(default_factory=list)
    """Per token: other candidate forms (suffix-stripped unknown Finnish words), or ()."""
    readings: list[tuple[Reading, ...]] = field(default_factory=list)
    """Per token: its plausible readings (lemma, word class, case), preferred first."""

    def clause_of(self, token_index: int) -> Clause:
        for clause in self.clauses:
            if clause.first <= token_index < clause.last:
                return clause
        raise IndexError(token_index)


def analyse(text: str, lang: str, analyzer: Analyzer, compounds: bool = False) -> Document:
    tokens = analyzer.tokenize_words(text)
    lemmas = [analyzer.normalize_word(t.surface) for t in tokens]
    parts = [
        tuple(analyzer.compound_parts(t.surface)) if compounds else (lemma,)
        for t, lemma in zip(tokens, lemmas, strict=True)
    ]
    variants = [analyzer.variants(t.surface) for t in tokens]
    readings = [analyzer.readings(t.surface) for t in tokens]
    if compounds:
        expanded = expand_coordination(text, tokens, parts)
        for i, (old, new) in enumerate(zip(parts, expanded, strict=True)):
            if old != new:  # the word as written still matches ("viestintä-" → "viestintä")
                variants[i] = ("".join(old), *variants[i])
        parts = expanded
    for i, word_parts in enumerate(parts):
        if opaque_compound(lang, word_parts):
            parts[i] = (lemmas[i],)
    light = LIGHT_HEADS.get(lang)
    if light:
        for i, word_parts in enumerate(parts):
            head = word_parts[-1]
            if len(word_parts) > 1 and head in light and lemmas[i].endswith(head):
                # "siivoushommia" is cleaning: the modifier is the word's meaning.
                modifier = analyzer.normalize_word(lemmas[i][: -len(head)].rstrip("-"))
                variants[i] = (*variants[i], modifier)
    clauses = segment(text, tokens, lang)
    if lang in LIST_LANGUAGES and (lang != "fi" or analyzer.name == "voikko"):
        clauses = join_list_items(text, tokens, readings, clauses, lang)
    particles = PARTICLE_VERBS.get(lang)
    if particles:
        _join_particle_verbs(tokens, readings, variants, clauses, particles)
    return Document(text, lang, tokens, lemmas, parts, clauses, variants, readings)


PARTICLE_VERBS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    "fi": {
        ("ottaa", "vastaan"): ("vastaanottaa", "vastaanotto"),
        ("pitää", "huolta"): ("huolehtia",),
        ("ottaa", "huomioon"): ("huomioida", "huomiointi"),
        ("käydä", "läpi"): ("läpikäydä", "läpikäynti"),
    }
}
"""A verb and its particle that together say what one word says: "otin maksut vastaan" is
*maksujen vastaanotto*, "pidin huolta äidistä" is *huolehtiminen*. (verb lemma, particle)
→ the keys the verb's token also matches."""
PARTICLE_REACH = 4
"""How many tokens after its verb the particle may be ("otin kaikki maksut vastaan")."""


def _join_particle_verbs(
    tokens: list[Token],
    readings: list[tuple[Reading, ...]],
    variants: list[tuple[str, ...]],
    clauses: list[Clause],
    particles: dict[tuple[str, str], tuple[str, ...]],
) -> None:
    words = [t.surface.lower() for t in tokens]
    for clause in clauses:
        for i in range(clause.first, clause.last):
            for reading in readings[i]:
                for (verb, particle), keys in particles.items():
                    if reading.lemma != verb:
                        continue
                    if particle in words[i + 1 : min(clause.last, i + 1 + PARTICLE_REACH)]:
                        variants[i] = tuple(dict.fromkeys((*variants[i], *keys)))


OPAQUE_COMPOUNDS: dict[str, dict[str, frozenset[str]]] = {
    "fi": {
        "kieli": frozenset(
            {
                "ohjelmointi",
                "ohjelmoida",
                "merkintä",
                "merkitä",
                "kysely",
                "skripti",
                "kone",
                "koodi",
                "kuvaus",
                "kuvata",
                "mallinnus",
                "mallintaa",
            }
        )
    },
    "sv": {
        "språk": frozenset(
            {"programmering", "märk", "skript", "fråg", "maskin", "modellering", "beskrivning"}
        )
    },
}
"""Compound heads that mean something else after these modifiers: "ohjelmointikieli" and
"märkspråk" are languages of computers, not a kind of the languages people speak ("modernin
ohjelmointikielen" is no *nykykielet*). Such a compound is read as one word. Modifiers are
base forms as the analyzer gives them (Voikko reads "ohjelmointi" in a compound as
*ohjelmoida*; Snowball stems "fråge" as "fråg")."""


def opaque_compound(lang: str, parts: tuple[str, ...]) -> bool:
    """Whether compound `parts` (base forms) end in a head and a modifier of
    `OPAQUE_COMPOUNDS`."""
    modifiers = OPAQUE_COMPOUNDS.get(lang, {}).get(parts[-1]) if len(parts) > 1 else None
    return modifiers is not None and parts[-2] in modifiers


LIGHT_HEADS = {"fi": frozenset({"homma", "juttu", "duuni", "keikka", "puuha"})}
"""Compound heads that only say "work" or "thing" in everyday Finnish: in "siivoushommat",
"remppakeikka" the modifier carries the meaning, and matches as the word itself would."""


COORDINATION_REACH = 6
"""How many tokens away the shared part of a coordinated compound may be."""


def expand_coordination(
    text: str, tokens: list[Token], parts: list[tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """Complete Finnish coordinated compounds from their shared part: "sovellus-, tieto- ja
    infrastruktuuriarkkitehtuurin" gives "sovellus" the head "arkkitehtuuri", and
    "järjestelmäarkkitehtuurista ja -suunnittelusta" gives "suunnittelu" the modifier
    "järjestelmä"."""
    expanded = list(parts)
    size = len(tokens)
    for i, token in enumerate(tokens):
        after = text[token.end : token.end + 2]
        if after[:1] == "-" and (len(after) < 2 or not after[1].isalnum()):
            for j in range(i + 1, min(size, i + 1 + COORDINATION_REACH)):
                if len(parts[j]) > 1 and not _truncated(text, tokens[j]):
                    expanded[i] = (*parts[i], parts[j][-1])
                    break
        elif token.start >= 2 and text[token.start - 1] == "-" and text[token.start - 2] == " ":
            for j in range(i - 1, max(-1, i - 1 - COORDINATION_REACH), -1):
                if len(parts[j]) > 1:
                    expanded[i] = (*parts[j][:-1], *parts[i])
                    break
    return expanded


def _truncated(text: str, token: Token) -> bool:
    return text[token.end : token.end + 1] == "-"


_SENTENCE_END = re.compile(r"[.!?:\n•]")
SV_ADJECTIVE_ENDINGS = ("sk", "skt")
"""Swedish adjective forms of a language's name: "ett svenskt företag", "en finsk examen"."""


def names_a_country_or_people(doc: Document, i: int) -> bool:
    """Whether token `i`, a word that also names a language, here names something else: in
    Finnish a country, written with a capital inside a sentence ("Suomen lain", "asuin
    Ruotsissa"; the language is "suomen kieli", "puhun ruotsia"); in Swedish an adjective
    ("svenskt företag", "finsk examen"; the language is "svenska", "på finska"). The first word
    of a sentence says nothing by its capital."""
    surface = doc.tokens[i].surface
    if doc.lang == "sv":
        return surface.lower().endswith(SV_ADJECTIVE_ENDINGS) or _sv_attributive(doc, i)
    if doc.lang != "fi" or not surface[:1].isupper():
        return False
    if i == 0:
        return False
    between = doc.text[doc.tokens[i - 1].end : doc.tokens[i].start]
    return not _SENTENCE_END.search(between)


COORDINATORS = {"fi": frozenset({"ja", "sekä", "tai"}), "sv": frozenset({"och", "samt", "eller"})}
"""Conjunctions that join two predicates of one clause ("ajoin trukkia ja pakkasin autoja",
"körde truck och packade bilar") or two words of one kind ("danska och norska")."""
SV_NOUN_PHRASE_OPENERS = frozenset(
    {
        "på", "för", "i", "hos", "av", "till", "med", "från", "åt", "inom", "vid", "mot",
        "bland", "genom", "utan", "under", "efter", "de", "alla", "flera", "många", "några",
        "olika", "andra", "två", "tre", "fyra", "fem", "stora", "små", "mina", "våra", "dina",
        "era", "sina", "hans", "hennes", "deras", "dessa", "samma", "vissa",
    }
)  # fmt: skip
"""Swedish words that open a noun phrase: a language's name after one of them and before a
noun is the plural adjective ("för svenska företag", "med finska myndigheter")."""
SV_NOT_A_NOUN = frozenset(
    {
        "och", "eller", "samt", "men", "som", "så", "att", "när", "där", "eftersom", "om",
        "också", "även", "bara", "nu", "då", "ofta", "alltid", "ibland", "dagligen", "varje",
        "hemma", "bra", "flytande", "obehindrat", "hyfsat", "lite", "mycket", "väl", "perfekt",
        "både", "muntligt", "skriftligt", "i", "på", "med", "till", "för", "från", "hos", "av",
        "vid", "under", "efter", "utan", "mot", "inom", "genom", "över", "åt", "jag", "du",
        "han", "hon", "vi", "ni", "de", "det", "den", "är", "var", "har", "hade", "kan",
        "kunde", "ska", "skulle", "vill", "ville", "inte", "aldrig", "heller", "igen", "mer",
        "mest", "sedan", "idag", "numera", "fortfarande", "redan",
    }
)  # fmt: skip
"""Swedish words that may follow a language's name without making it an adjective ("på
svenska och finska", "jag talar svenska flytande", "på svenska varje dag")."""


def _sv_attributive(doc: Document, i: int) -> bool:
    """Whether token `i` ("svenska", "finska": the language's name and the adjective's plural
    read the same) stands, alone or among names of its kind joined by "och", "eller" or
    commas, between a noun phrase's opener and a noun: "jag har jobbat för svenska företag",
    "med finska och estniska kunder"; not "jag talar svenska hemma", "på svenska och
    finska", "svenska språket"."""
    tokens = doc.tokens

    def gap(j: int) -> str:  # the text between tokens j and j + 1
        return doc.text[tokens[j].end : tokens[j + 1].start].strip()

    def joined(j: int) -> bool:  # tokens j and j + 2 are names joined by a coordinator
        return (
            j >= 0
            and j + 2 < len(tokens)
            and tokens[j + 1].surface.lower() in COORDINATORS["sv"]
            and not gap(j)
            and not gap(j + 1)
            and tokens[j + 2].surface.lower().endswith("ska")
            and tokens[j].surface.lower().endswith("ska")
        )

    def listed(j: int) -> bool:  # tokens j and j + 1 are names separated by a comma
        return (
            j >= 0
            and j + 1 < len(tokens)
            and gap(j) == ","
            and tokens[j].surface.lower().endswith("ska")
            and tokens[j + 1].surface.lower().endswith("ska")
        )

    first = last = i
    while True:
        if joined(first - 2):
            first -= 2
        elif listed(first - 1):
            first -= 1
        else:
            break
    while True:
        if joined(last):
            last += 2
        elif listed(last):
            last += 1
        else:
            break
    if not first > 0 or last + 1 >= len(tokens) or gap(first - 1) or gap(last):
        return False
    following = tokens[last + 1].surface
    return (
        tokens[first - 1].surface.lower() in SV_NOUN_PHRASE_OPENERS
        and following.isalpha()
        and following.islower()
        and following not in SV_NOT_A_NOUN
        and not following.startswith("språk")
    )


SV_DETERMINERS = frozenset(
    {
        "en", "ett", "min", "mitt", "mina", "din", "ditt", "vår", "vårt", "sin", "sitt", "hans",
        "hennes", "deras", "detta", "denna", "varje", "något", "någon", "inget", "ingen",
    }
)  # fmt: skip
"""Swedish articles and possessives: the word after one is a noun ("mitt mål", "ett lag")."""


def sv_verb_read_as_noun(doc: Document, i: int, surface: str) -> bool:
    """Whether token `i` is the bare stem of a label's Swedish infinitive `surface` ("mål" for
    *måla*, "lag" for *laga*) after an article or a possessive: Snowball gives the verb and
    the noun one stem, but "mitt mål" and "ett lag" are nouns. Every form of such a verb has
    an ending ("målar", "målade", "målat"); a bare stem without an article ("jobbat med
    tvätt") is left to the other rules."""
    verb = surface.lower()
    word = doc.tokens[i].surface.lower()
    return (
        i > 0
        and len(verb) >= 4
        and verb.endswith("a")
        and word == verb[:-1]
        and doc.tokens[i - 1].surface.lower() in SV_DETERMINERS
        and not doc.text[doc.tokens[i - 1].end : doc.tokens[i].start].strip()
    )


def _acronym_core(surface: str) -> str:
    """The acronym without an English plural "s": "LEDs" → "LED"."""
    return surface[:-1] if len(surface) > 2 and surface.endswith("s") else surface


def is_acronym(surface: str) -> bool:
    """A label word written in capitals: "MIG", "TA", "SAP", "IT" (two to five letters), also
    with an English plural "s" ("LEDs")."""
    core = _acronym_core(surface)
    return 2 <= len(core) <= 5 and core.isalpha() and core.isupper()


def spells_acronym(doc: Document, i: int, acronym: str) -> bool:
    """Whether token `i` is written as the acronym (with any ending: "SAP:n", "MIGillä",
    "LED-valot" for "LEDs"), not an everyday word that only reads the same: "mig" (me) is
    no MIG welding, "tagit" (taken, the verb "ta") no teaching assistant, "it" no IT,
    "leder" (leads) no LEDs."""
    return doc.tokens[i].surface.startswith(_acronym_core(acronym))


def sv_agent_noun(surface: str) -> bool:
    """A Swedish agent noun of a label ("målare", "städare", "flyttare"): Snowball gives it the
    stem of its verb and of other words ("mål", "målat", "städade", "flyttade")."""
    word = surface.lower()
    return len(word) >= 5 and word.endswith("are")


def names_the_agent(doc: Document, i: int, noun: str) -> bool:
    """Whether token `i` is the agent noun `noun` itself, in any of its forms or as a
    compound's head ("målaren", "målarna", "husmålare"), not its verb or a word that only
    shares its stem: "jag har målat", "mitt mål", "jag flyttade till Finland"."""
    word, noun = doc.tokens[i].surface.lower(), noun.lower()
    return noun in word or word.endswith(noun[:-1] + "na")


FI_LIGHT_VERBS = frozenset(
    {
        "olla", "ei", "tehdä", "saada", "pitää", "käydä", "toimia", "osata", "voida",
        "pystyä", "haluta", "aloittaa", "jatkaa", "alkaa", "joutua", "päästä", "tulla",
        "mennä", "työskennellä", "harrastaa", "opiskella", "oppia", "hoitaa", "käyttää",
    }
)  # fmt: skip
"""Finnish verbs that carry little of their own ("olen tehnyt inventaariota", "hoidin
kassaa"): a noun after them may stand for a label whose own verb is not said."""


def another_verb_acts_on(doc: Document, i: int, verbs: Collection[str]) -> bool:
    """Whether the verb that acts on token `i` is one of content other than `verbs` (the
    lemmas of a label's verbs): the nearest verb before it in its clause, else the nearest
    after it ("ajan polkupyörää" acts on the bicycle with *ajaa*, so it is not *säätää
    polkupyöriä*; in "työskentelin kassalla ja palvelin asiakkaita" the till's verb is the
    light *työskennellä*). Finnish, from Voikko's readings (any reading: "Ajan" is *aika* or
    *ajaa*, and at a sentence's start Voikko puts the noun first)."""
    if not doc.readings:
        return False
    clause = doc.clause_of(i)
    order = [*range(i - 1, clause.first - 1, -1), *range(i + 1, clause.last)]
    for j in order:
        lemmas = {r.lemma for r in doc.readings[j] if r.word_class == "verb"}
        if lemmas:
            return not (lemmas & (FI_LIGHT_VERBS | set(verbs)))
    return False


_INFINITIVES = frozenset({"A-infinitive", "MA-infinitive"})


def fi_auxiliary(doc: Document, i: int) -> bool:
    """Whether Finnish token `i` is a light verb that only carries the next word's infinitive
    ("olen oppinut tukemaan", "osaan ajaa", "aloin opiskella"): the skill is the infinitive's,
    and the light verb is no word of a label ("oppinut" is not *oppimaan oppiminen*)."""
    if doc.lang != "fi" or not doc.readings or i + 1 >= len(doc.tokens):
        return False
    if not any(r.word_class == "verb" and r.lemma in FI_LIGHT_VERBS for r in doc.readings[i]):
        return False
    if doc.text[doc.tokens[i].end : doc.tokens[i + 1].start].strip():
        return False  # punctuation between: another clause
    return any(r.form in _INFINITIVES for r in doc.readings[i + 1])


def no_label_word(doc: Document, i: int) -> bool:
    """Whether token `i` is no word of any label: a contrastive conjunction (`NEVER_A_SKILL`)
    or a Finnish light verb carrying an infinitive (`fi_auxiliary`). Every recognizer that
    reads the text's words asks this one question."""
    return doc.tokens[i].surface.lower() in NEVER_A_SKILL or fi_auxiliary(doc, i)


PLACE_CASES = frozenset(
    {"sisaolento", "sisatulento", "sisaeronto", "ulkoolento", "ulkotulento", "ulkoeronto"}
)
"""Finnish local cases: on a person, the place one goes to ("lääkärissä", at the doctor's)."""
_VISITED = {"sv": frozenset({"till", "hos"}), "en": frozenset({"to", "at"})}
_VISIT_DETERMINERS = SV_DETERMINERS | {"the", "a", "an", "my", "his", "her", "our", "their", "your"}


def visits_a_person(doc: Document, i: int) -> bool:
    """Whether token `i` names someone the person goes to, not what the person is: a Finnish
    local case ("kävin lääkärissä", "vein äidin kampaajalle"), or after "till"/"hos" ("jag
    följer med honom till läkaren", "hos frisören") or "to"/"at" ("to the doctor"), with an
    article or a possessive between."""
    if doc.lang == "fi":
        readings = doc.readings[i] if doc.readings else ()
        return bool(readings) and all(r.case in PLACE_CASES for r in readings)
    before = _VISITED.get(doc.lang)
    if before is None:
        return False
    j = i - 1
    if j >= 0 and doc.tokens[j].surface.lower() in _VISIT_DETERMINERS:
        j -= 1
    return (
        j >= 0 and doc.tokens[j].surface.lower() in before and doc.clause_of(j) == doc.clause_of(i)
    )


def names_a_role(doc: Document, i: int) -> bool:
    """Whether Finnish token `i` is in the essive, the case of a role ("vapaaehtoisena",
    "myyjänä": as a volunteer, as a seller): the person's own role, not the object of an
    action whose verb is not said (*kouluttaa vapaaehtoisia*, *myydä tuotteita*)."""
    return bool(doc.readings) and bool(doc.readings[i]) and doc.readings[i][0].case == "olento"
