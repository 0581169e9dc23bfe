"""Skills and languages a volunteer can choose on their profile.

Skills are concepts of the skills vocabulary (ESCO URIs of the starter vocabulary): the list
below is what the profile form offers, plus whatever the volunteer already has. Labels come
from the active vocabulary (`vocabularies.provider`), so a full ESCO import shows its labels."""

from __future__ import annotations

from kohtaanto.journeys.documents.content import LANGUAGE_NAMES, language_name
from kohtaanto.reference.languages import language_levels
from kohtaanto.vocabularies.provider import get_taxonomy

ESCO = "http://data.europa.eu/esco/skill/"

MENTOR_SKILLS: tuple[str, ...] = tuple(
    ESCO + tail
    for tail in (
        "bf4d884f-c848-402a-b130-69c266b04164",  # basic programming
        "ccd0a1d9-afda-43d9-b901-96344886e14d",  # Python
        "3cd569a2-4f88-4c1e-9995-8dce8c5e51a7",  # JavaScript
        "69bbd53f-fbb0-4476-b4b2-ef7844464e28",  # web programming
        "0af062de-eb43-41e9-9b96-249e2cd22d26",  # HTML
        "f4346299-e22a-4686-8e61-2c9b0cd51c7d",  # stay safe online
        "1973c966-f236-40c9-b2d4-5d71a89019be",  # spreadsheets
        "f683ae1d-cb7c-4aa1-b9fe-205e1bd23535",  # Microsoft Office
        "ecc18804-a466-40d9-98b4-fba5cd67dd4b",  # bookkeeping
        "75dfe1ee-5935-42ce-b820-697f827825c3",  # customer service
        "bdcf429c-5ccf-4c3d-bb61-4c987573a35e",  # entrepreneurial attitude
        "df5e3d02-9f0f-44ee-91c2-85c62f161868",  # promote things
        "609a8ac1-9d29-4237-9886-596dbbe7ca8a",  # speak in public
        "699e7c26-6502-4e78-a823-3656ff5a5b8b",  # teach and guide others
        "75d8e5d9-bef3-418b-9011-01bff9f27207",  # lead people
        "60c78287-22eb-4103-9c8c-28deaa460da0",  # teamwork
        "87439d9b-b537-4f90-a00a-3ec3bbfec5d1",  # support young people
        "a9ead737-a7cd-4046-adea-1ff7326db09f",  # teach a language
        "3048bf6d-27c7-4dc6-ae4b-e55094cec090",  # speak Finnish
        "bdf14dfe-437d-4fb6-95f4-72da1a593384",  # speak Swedish
        "38509fa4-7c06-4a4b-9622-f521f03c37b8",  # photography
        "8f8a8803-dc72-4488-9991-7c7d373e01fa",  # play an instrument
        "38a7be9c-450b-47e4-a2bc-924fbcf5c0c6",  # lead exercise groups
        "4a1d8069-717c-461a-a3e5-746b226e7be7",  # lead hikes
        "5356783d-1f71-4e48-bc3b-b5d31311a955",  # run craft workshops
    )
)


def skill_label(uri: str, lang: str = "fi") -> str | None:
    """The concept's preferred label in `lang`, or None when the vocabulary does not hold it."""
    concept = get_taxonomy().get(uri)
    return concept.label(lang) if concept is not None else None


def skill_choices(lang: str, extra: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(uri, label) of the offered skills and `extra`, those the vocabulary holds, by label."""
    seen: dict[str, str] = {}
    for uri in (*MENTOR_SKILLS, *extra):
        label = skill_label(uri, lang)
        if label is not None:
            seen[uri] = label
    return sorted(seen.items(), key=lambda item: item[1].casefold())


def is_language(code: str) -> bool:
    return code in LANGUAGE_NAMES


def language_choices(lang: str) -> list[tuple[str, str]]:
    """(ISO 639-1 code, name in `lang`) of the languages a volunteer can name."""
    return sorted(
        ((code, language_name(code, lang)) for code in LANGUAGE_NAMES),
        key=lambda item: item[1].casefold(),
    )


def level_choices(lang: str) -> list[tuple[str, str]]:
    return [(level.id, level.label.get(lang)) for level in language_levels().values()]


def level_name(level: str, lang: str) -> str:
    item = language_levels().get(level)
    return item.label.get(lang) if item is not None else level
