"""Heuristic lemma candidates for Finnish words that Voikko does not know.

Product names and loanwords ("Javalla", "JavaScriptin", "PowerShellistä", "Excelissä") take
Finnish case endings, often after a linking "i" when the name ends in a consonant. Stripping the
common endings gives candidate base forms; the matcher keeps only those that are label words, so
a wrong candidate costs nothing. No consonant gradation is undone (names do not gradate).
"""

from __future__ import annotations

# Longest first within the same final letters; each is tried in turn.
ENDINGS = (
    "ineen",
    "illa",
    "illä",
    "issa",
    "issä",
    "ista",
    "istä",
    "ille",
    "ilta",
    "iltä",
    "iksi",
    "ina",
    "inä",
    "iin",
    "ien",
    "lla",
    "llä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lle",
    "lta",
    "ltä",
    "ksi",
    "tta",
    "ttä",
    "na",
    "nä",
    "ja",
    "jä",
    "ia",
    "iä",
    "in",
    "it",
    "an",
    "än",
    "n",
    "a",
    "ä",
    "t",
    "i",
)
MIN_STEM = 2


def strip_endings(word: str) -> tuple[str, ...]:
    """Candidate base forms of an unknown (lower-cased) word, most plausible first.

    >>> strip_endings("javalla")
    ('java', 'javall')
    >>> strip_endings("javascriptin")
    ('javascript', 'javascripti')
    """
    candidates: list[str] = []
    for ending in ENDINGS:
        if len(word) - len(ending) < MIN_STEM or not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        candidates.append(stem)
        if stem.endswith("i") and len(stem) - 1 >= MIN_STEM:
            candidates.append(stem[:-1])
    return tuple(dict.fromkeys(c for c in candidates if c != word))
