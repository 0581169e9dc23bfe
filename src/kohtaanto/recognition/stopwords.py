"""Function words that never count as label words (normalised forms per analyzer)."""

from __future__ import annotations

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a an the of and or in on for to with by at from as is are be been being it its this "
        "that these those into onto than then such via etc other others e g i e per vs "
        "you your we our they their he she his her".split()
    ),
    "fi": frozenset(
        "ja tai sekä kanssa olla että joka jokin mikä se ne tämä nämä niin kuin myös eli "
        "esim mm kuten minä sinä hän me te he".split()
    ),
    "sv": frozenset(
        "och eller i på för att med av som till en ett den det de om från vid under över "
        "samt är vara jag du han hon vi ni".split()
    ),
    "da": frozenset("og eller i på for at med af som til en et den det de fra".split()),
    "no": frozenset("og eller i på for å med av som til en et den det de fra".split()),
    "et": frozenset("ja või ning ka see need mis kes".split()),
}


def stopwords(lang: str) -> frozenset[str]:
    return STOPWORDS.get(lang, frozenset())
