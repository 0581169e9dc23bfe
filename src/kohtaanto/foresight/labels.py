"""Names of foresight's groups, regions and sources in the reader's language."""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaanto.matching import foresight as fs
from kohtaanto.reference.places import municipalities

ISCO_MAJOR = {
    "0": gettext_lazy("Armed forces occupations"),
    "1": gettext_lazy("Managers"),
    "2": gettext_lazy("Professionals"),
    "3": gettext_lazy("Technicians and associate professionals"),
    "4": gettext_lazy("Clerical support workers"),
    "5": gettext_lazy("Service and sales workers"),
    "6": gettext_lazy("Skilled agricultural, forestry and fishery workers"),
    "7": gettext_lazy("Craft and related trades workers"),
    "8": gettext_lazy("Plant and machine operators and assemblers"),
    "9": gettext_lazy("Elementary occupations"),
}
COLLECTIONS = {
    "sector:construction": gettext_lazy("Construction"),
    "sector:industry": gettext_lazy("Industry"),
    "sector:logistics": gettext_lazy("Logistics"),
    "sector:care": gettext_lazy("Care work"),
    "sector:hospitality": gettext_lazy("Restaurants and hotels"),
    "sector:cleaning": gettext_lazy("Cleaning"),
    "sector:retail": gettext_lazy("Retail"),
    "sector:office": gettext_lazy("Office work"),
    "sector:green": gettext_lazy("Green work"),
    "sector:ict": gettext_lazy("Information technology"),
    "sector:leisure": gettext_lazy("Leisure and culture"),
    "sector:services": gettext_lazy("Services"),
    "digital": gettext_lazy("Digital skills"),
    "language": gettext_lazy("Languages"),
    "transversal": gettext_lazy("Skills for any work"),
    "hobby": gettext_lazy("Skills from hobbies"),
    "green": gettext_lazy("Green skills"),
    "digcomp": gettext_lazy("Digital competence (DigComp)"),
}


def concept_label(uri: str, lang: str) -> str:
    from kohtaanto.vocabularies.provider import get_taxonomy

    found = get_taxonomy().get(uri)
    return found.label(lang) if found else uri


def group_label(key: str, lang: str) -> str:
    if key == fs.OTHER:
        return _("Other")
    if key.startswith(fs.ISCO_PREFIX):
        name = ISCO_MAJOR.get(key[len(fs.ISCO_PREFIX) :])
        return str(name) if name else key
    if key.startswith(fs.COLLECTION_PREFIX):
        collection = key[len(fs.COLLECTION_PREFIX) :]
        name = COLLECTIONS.get(collection)
        return str(name) if name else collection
    return concept_label(key, lang)


@cache
def _regions() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for item in municipalities().values():
        if item.region_code:
            found.setdefault(item.region_code, (item.region_fi, item.region_sv))
    return dict(sorted(found.items()))


def region_codes() -> list[str]:
    return list(_regions())


def region_label(code: str, lang: str) -> str:
    if code == fs.ALL:
        return _("All regions")
    if code == "":
        return _("Region not known")
    names = _regions().get(code)
    if names is None:
        return code
    return names[1] if lang == "sv" else names[0]
