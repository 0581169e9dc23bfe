""" "This looks like Swedish: recognise as Swedish?" — the question asked before recognising a
text in a language it does not seem to be written in.

The story pages (the coach's story page and the intake's story step) ask it before saving:
the form comes back with everything typed, and two buttons of the same form (`language_choice`)
save the story in the guessed or in the chosen language. The opportunity skills page asks it
with two links (`?recognise_as=`). The guess is `profiles.adapters.other_language`
(`recognition.language_guess`): only a sure guess of a sentence-like text asks anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.profiles import adapters

CHOICE_FIELD = "language_choice"
"""The POST field of the two buttons: the language to recognise in (it wins over the form's
language select)."""

QUESTION: dict[str, Promise] = {
    "fi": _("The text looks like Finnish. Recognise the skills in Finnish?"),
    "sv": _("The text looks like Swedish. Recognise the skills in Swedish?"),
    "en": _("The text looks like English. Recognise the skills in English?"),
}
RECOGNISE_AS: dict[str, Promise] = {
    "fi": _("Recognise as Finnish"),
    "sv": _("Recognise as Swedish"),
    "en": _("Recognise as English"),
}
KEEP: dict[str, Promise] = {
    "fi": _("Keep Finnish"),
    "sv": _("Keep Swedish"),
    "en": _("Keep English"),
}


@dataclass(frozen=True)
class LanguageQuestion:
    guessed: str
    chosen: str

    @property
    def question(self) -> Promise:
        return QUESTION[self.guessed]

    @property
    def recognise_as(self) -> Promise:
        return RECOGNISE_AS[self.guessed]

    @property
    def keep(self) -> Promise:
        return KEEP[self.chosen]


def language_question(text: str, chosen: str) -> LanguageQuestion | None:
    """The question to ask, when `text` looks like another language than `chosen`."""
    if chosen not in QUESTION:
        return None
    guessed = adapters.other_language(text, chosen)
    if guessed is None or guessed not in QUESTION:
        return None
    return LanguageQuestion(guessed, chosen)


def answered_language(data: object) -> str:
    """The language picked with one of the question's buttons, or "" (not answered)."""
    value = data.get(CHOICE_FIELD, "") if hasattr(data, "get") else ""
    return value if value in Language.values else ""
