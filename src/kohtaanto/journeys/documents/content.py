"""The content of a CV as plain data, and its headings in fi/sv/en.

The headings are document text in the CV's own language (not the reader's UI language), so
they live here as data instead of in the gettext catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADINGS: dict[str, dict[str, str]] = {
    "cv": {"fi": "Ansioluettelo", "sv": "Meritförteckning", "en": "Curriculum vitae"},
    "contact": {"fi": "Yhteystiedot", "sv": "Kontaktuppgifter", "en": "Contact details"},
    "summary": {"fi": "Minusta", "sv": "Om mig", "en": "About me"},
    "experience": {"fi": "Työkokemus", "sv": "Arbetserfarenhet", "en": "Work experience"},
    "education": {"fi": "Koulutus", "sv": "Utbildning", "en": "Education and training"},
    "skills": {"fi": "Osaaminen", "sv": "Kompetens", "en": "Skills"},
    "languages": {"fi": "Kielitaito", "sv": "Språkkunskaper", "en": "Language skills"},
    "other": {
        "fi": "Harrastukset ja muuta",
        "sv": "Fritidsintressen och övrigt",
        "en": "Hobbies and other",
    },
    "occupations": {"fi": "Ammatit", "sv": "Yrken", "en": "Occupations"},
}

SECTIONS = ("summary", "experience", "education", "skills", "languages", "other")


def heading(key: str, lang: str) -> str:
    texts = HEADINGS[key]
    return texts.get(lang) or texts["en"]


@dataclass(frozen=True)
class CvContent:
    language: str
    full_name: str
    headline: str = ""
    contact: str = ""
    summary: str = ""
    experience: str = ""
    education: str = ""
    skills: str = ""
    languages: str = ""
    other: str = ""

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the non-empty sections, in Europass order."""
        return [
            (heading(key, self.language), text)
            for key in SECTIONS
            if (text := getattr(self, key).strip())
        ]

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.rstrip() for line in text.splitlines() if line.strip()]


LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    "en": {"fi": "englanti", "sv": "engelska", "en": "English"},
    "de": {"fi": "saksa", "sv": "tyska", "en": "German"},
    "fr": {"fi": "ranska", "sv": "franska", "en": "French"},
    "es": {"fi": "espanja", "sv": "spanska", "en": "Spanish"},
    "ru": {"fi": "venäjä", "sv": "ryska", "en": "Russian"},
    "et": {"fi": "viro", "sv": "estniska", "en": "Estonian"},
    "uk": {"fi": "ukraina", "sv": "ukrainska", "en": "Ukrainian"},
    "ar": {"fi": "arabia", "sv": "arabiska", "en": "Arabic"},
    "so": {"fi": "somali", "sv": "somaliska", "en": "Somali"},
    "fa": {"fi": "persia", "sv": "persiska", "en": "Persian"},
    "ku": {"fi": "kurdi", "sv": "kurdiska", "en": "Kurdish"},
    "tw": {"fi": "twi", "sv": "twi", "en": "Twi"},
    "se": {"fi": "pohjoissaame", "sv": "nordsamiska", "en": "Northern Sami"},
}


def language_name(code: str, lang: str) -> str:
    names = LANGUAGE_NAMES.get(code)
    return (names.get(lang) or names["en"]) if names else code
