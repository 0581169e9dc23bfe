"""Qualifications and their units from ePerusteet JSON (the Finnish National Agency for
Education's register of qualification requirements), as plain frozen dataclasses.

Pure Python, no Django. `parse_document(data)` takes the decoded JSON (or its bytes) of:

- a qualification (*peruste*): `id`, `nimi`, `diaarinumero`, and when present `tutkinnonOsat`
  (the units) and `suoritustavat[].tutkinnonOsaViitteet` (each unit's scope in osaamispisteet);
- a list of qualifications, plain or paged (`{"data": [...], "sivu": 0, ...}`);
- a unit (*tutkinnon osa*) or a list of them, plain or paged, with its vocational skill
  requirements (*ammattitaitovaatimukset*) in any of the service's three shapes: the HTML text
  `ammattitaitovaatimukset`, the older `ammattitaitovaatimuksetLista` and the 2019 structured
  `ammattitaitovaatimukset2019`; a common unit's sub-areas (`osaAlueet`) give their goals;
- a list of the parts of a preparatory education (*koulutuksenosa*, `tavoitteet` as
  requirements; their scope is in weeks, so no osaamispisteet);
- the references to a unit (`tutkinnonosat/{id}/viitteet`): the qualifications it belongs to,
  with its scope there; no requirements (`Unit.requirements` is None: "not in this file").

Anything else raises `ParseError` with a stable `code`, a plain message and the JSON path
where it failed (`$.tutkinnonOsat[2].nimi`). A structure file alone (`.../rakenne`) is refused:
it names neither the qualification nor its units. Empty drafts (a part with no name and no
content, as the service returns for unfinished work) are skipped and listed in `skipped`.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from kohtaanto.taxonomy.errors import TaxonomyError

LANGUAGES = ("fi", "sv", "en")
MAX_NAME = 500
MAX_CODE = 100
MAX_DIARY = 60
MAX_ID = 2**53
MAX_BYTES = 20_000_000
PAGE_KEYS = frozenset({"sivu", "sivuja", "sivukoko", "kokonaismäärä"})
SCOPE_ORDER = ("reformi", "ops", "naytto")
"""Whose scope wins when a unit has several ways of completion (newest first)."""


class ParseError(TaxonomyError):
    """The JSON is malformed or not a qualification or unit of ePerusteet. `code` is stable
    (for translations), `reason` a plain English message, `path` where it failed."""

    def __init__(self, code: str, reason: str, path: str = "$", **params: object) -> None:
        self.code = code
        self.reason = reason
        self.path = path
        self.params = params
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Requirement:
    """One vocational skill requirement (*ammattitaitovaatimus*), `ordinal` from 1 in its unit;
    `heading_*` the words above its list ("Opiskelija osaa", a sub-area's name) or ""."""

    ordinal: int
    heading_fi: str
    heading_sv: str
    heading_en: str
    text_fi: str
    text_sv: str
    text_en: str

    def text(self, lang: str) -> str:
        return _pick(lang, self.text_fi, self.text_sv, self.text_en)

    def heading(self, lang: str) -> str:
        return _pick(lang, self.heading_fi, self.heading_sv, self.heading_en)


@dataclass(frozen=True)
class Unit:
    """A qualification unit (*tutkinnon osa*). `code` is its code URI (`tutkinnonosat_106003`)
    or ""; `scope` its osaamispisteet in a qualification when the file says; `requirements`
    None when the file only refers to the unit (its requirements are elsewhere)."""

    eperusteet_id: int
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    scope: Decimal | None
    requirements: tuple[Requirement, ...] | None

    def name(self, lang: str) -> str:
        return _pick(lang, self.name_fi, self.name_sv, self.name_en)


@dataclass(frozen=True)
class Qualification:
    eperusteet_id: int
    diary_number: str
    name_fi: str
    name_sv: str
    name_en: str
    units: tuple[Unit, ...]

    def name(self, lang: str) -> str:
        return _pick(lang, self.name_fi, self.name_sv, self.name_en)


@dataclass(frozen=True)
class Document:
    """What one file holds: qualifications (with their units) and units on their own."""

    qualifications: tuple[Qualification, ...]
    units: tuple[Unit, ...]
    skipped: tuple[str, ...] = ()
    """JSON paths of empty drafts left out."""

    def all_units(self) -> Iterator[Unit]:
        for qualification in self.qualifications:
            yield from qualification.units
        yield from self.units


def _pick(lang: str, fi: str, sv: str, en: str) -> str:
    chosen = {"fi": fi, "sv": sv, "en": en}.get(lang, fi)
    return chosen or fi or sv or en


# --- reading values --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def clean(value: str) -> str:
    """Plain one-line text: entities decoded, control characters (the service has stray
    C1 bytes) and tags removed, whitespace collapsed."""
    text = html.unescape(_CONTROL.sub("", value))
    text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _obj(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ParseError("wrong_type", "Expected an object.", path)
    return value


def _list(value: object, path: str) -> Sequence[object]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ParseError("wrong_type", "Expected a list.", path)
    return value


def _id(value: object, path: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_ID:
        raise ParseError("bad_id", "Expected a positive whole number as the id.", path)
    return value


def _str(value: object, path: str, limit: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ParseError("wrong_type", "Expected a text.", path)
    text = clean(str(value))
    if limit is not None and len(text) > limit:
        raise ParseError("too_long", f"Longer than {limit} characters.", path, limit=limit)
    return text


def _raw(value: object, lang: str, path: str) -> str:
    """One language of a localised text object, as given (HTML kept); "" when absent."""
    if value is None:
        return ""
    item = _obj(value, path).get(lang)
    if item is None:
        return ""
    if not isinstance(item, str):
        raise ParseError("wrong_type", "Expected a text.", f"{path}.{lang}")
    return item


def _texts(value: object, path: str, limit: int | None = None) -> tuple[str, str, str]:
    """(fi, sv, en) of a localised text object {"fi": ..., "sv": ..., "en": ...} or None."""
    out = []
    for lang in LANGUAGES:
        text = clean(_raw(value, lang, path))
        if limit is not None and len(text) > limit:
            raise ParseError("too_long", f"Longer than {limit} characters.", f"{path}.{lang}")
        out.append(text)
    return out[0], out[1], out[2]


def _name(data: Mapping[str, object], path: str) -> tuple[str, str, str]:
    """The name, else the name of its code; ParseError when neither has any language."""
    names = _texts(data.get("nimi"), f"{path}.nimi", MAX_NAME)
    for key in ("koodi", "nimiKoodi"):
        if any(names):
            break
        code = data.get(key)
        if isinstance(code, Mapping):
            names = _texts(code.get("nimi"), f"{path}.{key}.nimi", MAX_NAME)
    if not any(names):
        raise ParseError("no_name", "The name is missing.", f"{path}.nimi")
    return names


def _scope(value: object, path: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParseError("bad_scope", "Expected the scope as a number.", path)
    try:
        scope = Decimal(str(value))
    except InvalidOperation:
        raise ParseError("bad_scope", "Expected the scope as a number.", path) from None
    if not scope.is_finite() or not 0 <= scope < 1000:
        raise ParseError("bad_scope", "Expected the scope as a number.", path)
    return scope.quantize(Decimal("0.1"))


# --- requirements ----------------------------------------------------------------------------


class _Blocks(HTMLParser):
    """Paragraphs and list items of requirement HTML, in order: ("p" | "li", text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._kind = "p"
        self._parts: list[str] = []

    def _flush(self) -> None:
        text = clean(" ".join(self._parts))
        if text:
            self.blocks.append((self._kind, text))
        self._parts = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in {"p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br"}:
            self._flush()
            self._kind = "li" if tag == "li" else "p"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li", "ul", "ol", "div", "h1", "h2", "h3", "h4", "h5", "h6"}:
            self._flush()
            self._kind = "p"

    def handle_data(self, data: str) -> None:
        self._parts.append(data)


def _html_items(source: str) -> list[tuple[str, str]]:
    """(heading, text) per requirement: list items under the paragraph before them; without
    any list, each paragraph is a requirement."""
    parser = _Blocks()
    parser.feed(source)
    parser.close()
    parser._flush()
    blocks = parser.blocks
    if not any(kind == "li" for kind, _ in blocks):
        return [("", text) for _, text in blocks]
    items: list[tuple[str, str]] = []
    heading, last_was_item = "", False
    for kind, text in blocks:
        if kind == "li":
            items.append((heading, text))
            last_was_item = True
        else:
            heading = text if last_was_item or not heading else f"{heading}: {text}"
            last_was_item = False
    return items


Localised = tuple[tuple[str, str, str], tuple[str, str, str]]
"""(heading fi/sv/en, text fi/sv/en) of one requirement before numbering."""


def _from_html(value: object, path: str) -> list[Localised]:
    """Requirements of a localised HTML text; each language's list items aligned by position
    with the Finnish ones (a language whose count differs is left out)."""
    per_lang = {lang: _html_items(_raw(value, lang, path)) for lang in LANGUAGES}
    primary = next((lang for lang in LANGUAGES if per_lang[lang]), None)
    if primary is None:
        return []
    count = len(per_lang[primary])
    usable = {lang: items for lang, items in per_lang.items() if len(items) == count}
    out: list[Localised] = []
    for i in range(count):
        headings = tuple(usable[lang][i][0] if lang in usable else "" for lang in LANGUAGES)
        texts = tuple(usable[lang][i][1] if lang in usable else "" for lang in LANGUAGES)
        out.append(((headings[0], headings[1], headings[2]), (texts[0], texts[1], texts[2])))
    return out


def _from_2019(value: object, path: str, heading: tuple[str, str, str]) -> list[Localised]:
    """`ammattitaitovaatimukset2019` (also a sub-area's `pakollisetOsaamistavoitteet`):
    {kohde, vaatimukset: [{vaatimus, koodi}], kohdealueet: [{kuvaus, vaatimukset}]}."""
    data = _obj(value, path)
    lead = _texts(data.get("kohde"), f"{path}.kohde")
    out = _vaatimukset(
        data.get("vaatimukset"), f"{path}.vaatimukset", lead if any(lead) else heading
    )
    for i, area in enumerate(_list(data.get("kohdealueet"), f"{path}.kohdealueet")):
        here = f"{path}.kohdealueet[{i}]"
        area_data = _obj(area, here)
        title = _texts(area_data.get("kuvaus"), f"{here}.kuvaus")
        out += _vaatimukset(area_data.get("vaatimukset"), f"{here}.vaatimukset", title)
    return out


def _vaatimukset(value: object, path: str, heading: tuple[str, str, str]) -> list[Localised]:
    out: list[Localised] = []
    for i, item in enumerate(_list(value, path)):
        here = f"{path}[{i}]"
        data = _obj(item, here)
        texts = _texts(data.get("vaatimus"), f"{here}.vaatimus")
        code = data.get("koodi")
        if not any(texts) and isinstance(code, Mapping):
            texts = _texts(code.get("nimi"), f"{here}.koodi.nimi")
        if any(texts):
            out.append((heading, texts))
    return out


def _from_lista(value: object, path: str) -> list[Localised]:
    """The older `ammattitaitovaatimuksetLista`: areas → targets → requirements (`selite`)."""
    out: list[Localised] = []
    for i, area in enumerate(_list(value, path)):
        here = f"{path}[{i}]"
        area_data = _obj(area, here)
        area_title = _texts(area_data.get("otsikko"), f"{here}.otsikko")
        targets = _list(area_data.get("vaatimuksenKohteet"), f"{here}.vaatimuksenKohteet")
        for j, target in enumerate(targets):
            there = f"{here}.vaatimuksenKohteet[{j}]"
            target_data = _obj(target, there)
            title = _texts(target_data.get("otsikko"), f"{there}.otsikko")
            heading = title if any(title) else area_title
            for k, item in enumerate(_list(target_data.get("vaatimukset"), f"{there}.vaatimukset")):
                spot = f"{there}.vaatimukset[{k}]"
                texts = _texts(_obj(item, spot).get("selite"), f"{spot}.selite")
                if any(texts):
                    out.append((heading, texts))
    return out


def _from_areas(value: object, path: str) -> list[Localised]:
    """A common unit's sub-areas (`osaAlueet`): the goals of each under its name."""
    out: list[Localised] = []
    for i, area in enumerate(_list(value, path)):
        here = f"{path}[{i}]"
        data = _obj(area, here)
        title = _texts(data.get("nimi"), f"{here}.nimi")
        for key in ("pakollisetOsaamistavoitteet", "valinnaisetOsaamistavoitteet"):
            if data.get(key) is not None:
                out += _from_2019(data[key], f"{here}.{key}", title)
        for j, goal in enumerate(_list(data.get("osaamistavoitteet"), f"{here}.osaamistavoitteet")):
            there = f"{here}.osaamistavoitteet[{j}]"
            items = _from_html(_obj(goal, there).get("tavoitteet"), f"{there}.tavoitteet")
            out += [(heading if any(heading) else title, text) for heading, text in items]
    return out


def _number(items: list[Localised]) -> tuple[Requirement, ...]:
    seen: set[tuple[tuple[str, str, str], tuple[str, str, str]]] = set()
    out: list[Requirement] = []
    for heading, text in items:
        if (heading, text) in seen:  # the same goal as compulsory and optional
            continue
        seen.add((heading, text))
        out.append(Requirement(len(out) + 1, *heading, *text))
    return tuple(out)


# --- units and qualifications ----------------------------------------------------------------


def _code(data: Mapping[str, object], path: str) -> str:
    for key, holder in (("koodiUri", data), ("koodi", data), ("nimiKoodi", data)):
        value = holder.get(key)
        if isinstance(value, Mapping):
            value = value.get("uri")
            key = f"{key}.uri"
        if value is not None:
            return _str(value, f"{path}.{key}", MAX_CODE)
    return ""


def is_unit(data: Mapping[str, object]) -> bool:
    if data.get("osanTyyppi") in ("tutkinnonosa", "koulutuksenosa"):
        return True
    uri = data.get("koodiUri")
    return (isinstance(uri, str) and uri.startswith("tutkinnonosat_")) or any(
        key in data
        for key in ("ammattitaitovaatimukset", "ammattitaitovaatimukset2019", "osaAlueet")
    )


def _is_empty_draft(data: Mapping[str, object]) -> bool:
    return data.get("nimi") is None and not any(
        data.get(key)
        for key in ("tavoitteet", "ammattitaitovaatimukset", "ammattitaitovaatimukset2019")
    )


def parse_unit(value: object, path: str = "$", *, known: bool = False) -> Unit:
    """A unit; `known`: the caller knows it is one (an item of a qualification's units)."""
    data = _obj(value, path)
    if not known and not is_unit(data):
        raise ParseError("not_unit", "This is not a qualification unit.", path)
    unit_id = _id(data.get("id"), f"{path}.id")
    name = _name(data, path)
    items: list[Localised]
    if data.get("osanTyyppi") == "koulutuksenosa":
        lead = _texts(data.get("tavoitteenKuvaus"), f"{path}.tavoitteenKuvaus")
        items = []
        for i, goal in enumerate(_list(data.get("tavoitteet"), f"{path}.tavoitteet")):
            texts = _texts(goal, f"{path}.tavoitteet[{i}]")
            if any(texts):
                items.append((lead, texts))
    elif data.get("ammattitaitovaatimukset2019") is not None:
        items = _from_2019(
            data["ammattitaitovaatimukset2019"], f"{path}.ammattitaitovaatimukset2019", ("", "", "")
        )
    elif data.get("ammattitaitovaatimuksetLista"):
        items = _from_lista(
            data["ammattitaitovaatimuksetLista"], f"{path}.ammattitaitovaatimuksetLista"
        )
    else:
        items = _from_html(data.get("ammattitaitovaatimukset"), f"{path}.ammattitaitovaatimukset")
    items += _from_areas(data.get("osaAlueet"), f"{path}.osaAlueet")
    return Unit(unit_id, _code(data, path), *name, None, _number(items))


def _is_qualification(data: Mapping[str, object]) -> bool:
    return "id" in data and (
        "diaarinumero" in data or "tutkinnonOsat" in data or "suoritustavat" in data
    )


def _scopes(data: Mapping[str, object], path: str) -> dict[int, Decimal]:
    """Unit id → scope from `suoritustavat[].tutkinnonOsaViitteet` (see `SCOPE_ORDER`)."""
    found: dict[str, dict[int, Decimal]] = {}
    for i, way in enumerate(_list(data.get("suoritustavat"), f"{path}.suoritustavat")):
        here = f"{path}.suoritustavat[{i}]"
        way_data = _obj(way, here)
        kind = _str(way_data.get("suoritustapakoodi"), f"{here}.suoritustapakoodi")
        viitteet = _list(way_data.get("tutkinnonOsaViitteet"), f"{here}.tutkinnonOsaViitteet")
        for j, ref in enumerate(viitteet):
            there = f"{here}.tutkinnonOsaViitteet[{j}]"
            ref_data = _obj(ref, there)
            unit_ref = ref_data.get("_tutkinnonOsa")
            if unit_ref is None:
                continue
            scope = _scope(ref_data.get("laajuus"), f"{there}.laajuus")
            if scope is not None:
                found.setdefault(kind, {})[_id(unit_ref, f"{there}._tutkinnonOsa")] = scope
    out: dict[int, Decimal] = {}
    for kind in sorted(found, key=lambda k: SCOPE_ORDER.index(k) if k in SCOPE_ORDER else 99):
        for unit_id, scope in found[kind].items():
            out.setdefault(unit_id, scope)
    return out


def parse_qualification(value: object, path: str = "$") -> tuple[Qualification, list[str]]:
    """A qualification with the units it carries; and the paths of empty drafts skipped."""
    data = _obj(value, path)
    if not _is_qualification(data):
        raise ParseError("not_qualification", "This is not a qualification.", path)
    qualification_id = _id(data.get("id"), f"{path}.id")
    name = _name(data, path)
    diary = _str(data.get("diaarinumero"), f"{path}.diaarinumero", MAX_DIARY)
    scopes = _scopes(data, path)
    units: dict[int, Unit] = {}
    skipped: list[str] = []
    for i, item in enumerate(_list(data.get("tutkinnonOsat"), f"{path}.tutkinnonOsat")):
        here = f"{path}.tutkinnonOsat[{i}]"
        if isinstance(item, Mapping) and _is_empty_draft(item):
            skipped.append(here)
            continue
        unit = parse_unit(item, here, known=True)
        units[unit.eperusteet_id] = _with_scope(unit, scopes.get(unit.eperusteet_id))
    return Qualification(qualification_id, diary, *name, tuple(units.values())), skipped


def _with_scope(unit: Unit, scope: Decimal | None) -> Unit:
    if scope is None:
        return unit
    return Unit(
        unit.eperusteet_id,
        unit.code,
        unit.name_fi,
        unit.name_sv,
        unit.name_en,
        scope,
        unit.requirements,
    )


def _is_reference(data: Mapping[str, object]) -> bool:
    return "_tutkinnonOsa" in data and isinstance(data.get("peruste"), Mapping)


def _references(items: list[tuple[str, Mapping[str, object]]]) -> list[Qualification]:
    """`tutkinnonosat/{id}/viitteet`: qualification ← unit references (no requirements)."""
    names: dict[int, tuple[str, tuple[str, str, str]]] = {}
    units: dict[int, dict[int, Unit]] = {}
    for path, data in items:
        peruste = _obj(data.get("peruste"), f"{path}.peruste")
        qualification_id = _id(peruste.get("id"), f"{path}.peruste.id")
        diary = _str(peruste.get("diaarinumero"), f"{path}.peruste.diaarinumero", MAX_DIARY)
        names[qualification_id] = (diary, _name(peruste, f"{path}.peruste"))
        unit_id = _id(data.get("_tutkinnonOsa"), f"{path}._tutkinnonOsa")
        scope = _scope(data.get("laajuus"), f"{path}.laajuus")
        known = units.setdefault(qualification_id, {}).get(unit_id)
        if known is not None and known.scope is not None:
            continue
        units[qualification_id][unit_id] = Unit(unit_id, "", *_name(data, path), scope, None)
    return [
        Qualification(qid, diary, *name, tuple(units[qid].values()))
        for qid, (diary, name) in names.items()
    ]


def _is_structure(data: Mapping[str, object]) -> bool:
    return "osat" in data and ("rooli" in data or "muodostumisSaanto" in data)


def _decode(data: object) -> object:
    if isinstance(data, bytes | bytearray | str):
        if len(data) > MAX_BYTES:
            raise ParseError("too_large", "The file is too large.", "$")
        try:
            return json.loads(data)
        except json.JSONDecodeError as exc:
            raise ParseError(
                "not_json",
                f"The file is not JSON (line {exc.lineno}, column {exc.colno}).",
                "$",
                line=exc.lineno,
                column=exc.colno,
            ) from None
        except (UnicodeDecodeError, RecursionError, ValueError):
            raise ParseError("not_json", "The file is not JSON.", "$") from None
    return data


def parse_document(data: object) -> Document:
    """Everything one ePerusteet file holds (see the module doc); raises `ParseError`."""
    value = _decode(data)
    path = "$"
    if (
        isinstance(value, Mapping)
        and isinstance(value.get("data"), list)
        and (PAGE_KEYS & value.keys())
    ):
        value, path = value["data"], "$.data"
    if isinstance(value, Mapping):
        if _is_structure(value) and not _is_qualification(value):
            raise ParseError(
                "structure_only",
                "This is the structure (rakenne) of a qualification. It names neither the "
                "qualification nor its units; import the qualification (peruste) instead.",
                path,
            )
        value, single = [value], True
    else:
        single = False
    if not isinstance(value, list):
        raise ParseError("not_eperusteet", "This is not a qualification or a unit.", path)
    if not value:
        raise ParseError("empty", "The file holds no qualifications or units.", path)
    qualifications: list[Qualification] = []
    units: list[Unit] = []
    references: list[tuple[str, Mapping[str, object]]] = []
    skipped: list[str] = []
    for i, item in enumerate(value):
        here = path if single else f"{path}[{i}]"
        if not isinstance(item, Mapping):
            raise ParseError("not_eperusteet", "This is not a qualification or a unit.", here)
        if _is_reference(item):
            references.append((here, item))
        elif is_unit(item):
            if item.get("osanTyyppi") == "koulutuksenosa" and _is_empty_draft(item):
                skipped.append(here)
            else:
                units.append(parse_unit(item, here))
        elif _is_qualification(item):
            qualification, empty = parse_qualification(item, here)
            qualifications.append(qualification)
            skipped += empty
        else:
            raise ParseError("not_eperusteet", "This is not a qualification or a unit.", here)
    qualifications += _references(references)
    if not qualifications and not units:
        raise ParseError("empty", "The file holds no qualifications or units.", path)
    return Document(tuple(qualifications), tuple(units), tuple(skipped))
