"""The ePerusteet parser (`kohtaanto.taxonomy.eperusteet`) on our own fixtures in the service's
format, on the real samples in ../shared/data when present, and on random JSON (Hypothesis):
it returns a document or raises `ParseError`, never anything else."""

from __future__ import annotations

import contextlib
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kohtaanto.taxonomy.eperusteet import ParseError, parse_document

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parents[1] / "data"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def shared_eperusteet() -> Path:
    configured = os.environ.get("KOHTAANTO_SHARED_DATA")
    root = Path(__file__).resolve().parents[4]
    base = Path(configured) if configured else root.parent / "shared" / "data"
    path = base / "eperusteet"
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


def test_a_qualification_with_its_units_scopes_and_requirements() -> None:
    document = parse_document((FIXTURES / "peruste.json").read_bytes())
    (qualification,) = document.qualifications
    assert qualification.eperusteet_id == 8800001
    assert qualification.diary_number == "TEST-1/2025"
    assert qualification.name("sv") == "Grundexamen inom testbranschen"
    assert qualification.name("en") == "Testialan perustutkinto"  # falls back to Finnish
    service, warehouse = qualification.units
    assert (service.eperusteet_id, service.code) == (8800101, "tutkinnonosat_8800101")
    assert service.scope == Decimal("25")  # the reformi way of completion wins over ops
    assert [r.text_fi for r in service.requirements or ()] == [
        "palvella asiakasta ystävällisesti",
        "käyttää kassajärjestelmää",
    ]
    assert service.requirements and service.requirements[1].text_sv == "använda kassasystemet"
    assert service.requirements[0].heading("sv") == "Den studerande kan"
    assert warehouse.scope == Decimal("15")
    texts = [(r.ordinal, r.heading_fi, r.text_fi, r.text_sv) for r in warehouse.requirements or ()]
    assert texts == [
        (1, "Opiskelija osaa", "kerätä tilaukset", ""),
        (2, "Opiskelija osaa", "pakata lähetykset", "packa försändelser"),  # from the code
        (3, "Turvallisuus", "käyttää suojaimia", ""),
    ]
    assert document.skipped == ("$.tutkinnonOsat[2]",)  # the nameless draft


def test_the_older_list_format_and_html_cleaning() -> None:
    (unit,) = parse_document(load("unit_lista.json")).units
    assert unit.requirements is not None
    assert [(r.heading_fi, r.text_fi, r.text_sv) for r in unit.requirements] == [
        ("Siivoustyön suunnittelu", "suunnittelee siivoustyönsä", "planerar sitt städarbete"),
        ("Siivoustyön suunnittelu", "valitsee puhdistusaineet", "väljer rengöringsmedel"),
    ]


def test_html_with_stray_bytes_entities_and_mismatched_languages() -> None:
    unit = {
        "id": 5,
        "osanTyyppi": "tutkinnonosa",
        "nimi": {"fi": "Osa", "sv": "Del&nbsp;"},
        "ammattitaitovaatimukset": {
            "fi": "<p>\x8a\x8aOpiskelija</p>"
            "<ul><li>huolehtii&nbsp;hygieniasta</li><li>pakkaa</li></ul>",
            "sv": "<p>Den studerande</p><ul><li>sköter hygienen</li></ul>",
        },
    }
    (parsed,) = parse_document(unit).units
    assert parsed.name_sv == "Del"
    assert parsed.requirements is not None
    assert [(r.heading_fi, r.text_fi, r.text_sv) for r in parsed.requirements] == [
        ("Opiskelija", "huolehtii hygieniasta", ""),  # Swedish has one item fewer: left out
        ("Opiskelija", "pakkaa", ""),
    ]


def test_a_paged_list_of_common_units_with_sub_areas() -> None:
    (unit,) = parse_document(load("common_unit_paged.json")).units
    assert [(r.heading_fi, r.text_fi) for r in unit.requirements or ()] == [
        ("Opiskelija osaa", "toimia vuorovaikutustilanteissa"),
        (
            "Viestintä ja vuorovaikutus äidinkielellä",
            "lukea ja kirjoittaa työssä tarvittavia tekstejä",
        ),
    ]


def test_references_give_the_qualification_and_the_unit_without_requirements() -> None:
    (qualification,) = parse_document(load("viitteet.json")).qualifications
    assert (qualification.eperusteet_id, qualification.diary_number) == (8800001, "TEST-1/2025")
    (unit,) = qualification.units
    assert (unit.eperusteet_id, unit.scope, unit.requirements) == (8800101, Decimal("25"), None)


def test_preparatory_parts_skip_empty_drafts_and_have_no_competence_points() -> None:
    document = parse_document(load("koulutuksenosat.json"))
    assert document.skipped == ("$[0]",)
    (part,) = document.units
    assert (part.code, part.scope) == ("koulutuksenosattuva_104", None)
    assert [r.text_sv for r in part.requirements or ()] == ["sköter sina vardagliga ärenden"]


@pytest.mark.parametrize(
    ("data", "code", "path"),
    [
        ((FIXTURES / "broken.json").read_bytes(), "not_json", "$"),
        (load("rakenne.json"), "structure_only", "$"),
        ([], "empty", "$"),
        ({"hello": "world"}, "not_eperusteet", "$"),
        (
            [{"id": 1, "osanTyyppi": "tutkinnonosa", "nimi": {"fi": "A"}}, 3],
            "not_eperusteet",
            "$[1]",
        ),
        ({"id": "x", "osanTyyppi": "tutkinnonosa", "nimi": {"fi": "A"}}, "bad_id", "$.id"),
        ({"id": 1, "osanTyyppi": "tutkinnonosa", "nimi": {"fi": ""}}, "no_name", "$.nimi"),
        ({"id": 1, "osanTyyppi": "tutkinnonosa", "nimi": {"fi": 5}}, "wrong_type", "$.nimi.fi"),
        (
            {"id": 1, "diaarinumero": "1", "nimi": {"fi": "T"}, "tutkinnonOsat": [5]},
            "wrong_type",
            "$.tutkinnonOsat[0]",
        ),
        (
            {
                "id": 1,
                "nimi": {"fi": "T"},
                "suoritustavat": [
                    {"tutkinnonOsaViitteet": [{"_tutkinnonOsa": "2", "laajuus": "paljon"}]}
                ],
            },
            "bad_scope",
            "$.suoritustavat[0].tutkinnonOsaViitteet[0].laajuus",
        ),
        (
            {"id": 1, "osanTyyppi": "tutkinnonosa", "nimi": {"fi": "A" * 600}},
            "too_long",
            "$.nimi.fi",
        ),
        (b"\xff\xfe{", "not_json", "$"),
    ],
)
def test_a_bad_file_is_a_parse_error_with_its_path(data: object, code: str, path: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_document(data)
    assert (caught.value.code, caught.value.path) == (code, path)
    assert caught.value.reason


def test_deep_nesting_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_document(b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "qualifications", "units", "requirements"),
    [
        ("eperusteet-tutkinnonosa-asteikko1.json", 0, 1, 7),
        ("eperusteet-tutkinnonosa-asteikko2.json", 0, 1, 10),
        ("eperusteet-tutkinnonosa-asteikko3.json", 0, 1, 7),
        ("eperusteet-service_api_tutkinnonosat_400014.json", 0, 5, 0),
        ("eperusteet-service_api_tutkinnonosat_52824_viitteet.json", 1, 1, 0),
        ("eperusteet-peruste-7534950.json", 0, 7, 44),
        ("eperusteet_api_perusteet.json", 6, 0, 0),
    ],
)
def test_the_real_samples(name: str, qualifications: int, units: int, requirements: int) -> None:
    document = parse_document((shared_eperusteet() / name).read_bytes())
    assert len(document.qualifications) == qualifications
    all_units = list(document.all_units())
    assert len(all_units) == units
    assert sum(len(unit.requirements or ()) for unit in all_units) == requirements
    for unit in all_units:
        assert unit.name("fi")
        for requirement in unit.requirements or ():
            assert requirement.text("fi") and "<" not in requirement.text("fi")


@pytest.mark.shared_data
def test_the_real_samples_finnish_and_swedish_align() -> None:
    path = shared_eperusteet() / "eperusteet-tutkinnonosa-asteikko2.json"
    (unit,) = parse_document(path.read_bytes()).units
    assert unit.requirements is not None
    first = unit.requirements[0]
    assert first.heading_fi == "Opiskelija tai tutkinnon suorittaja"  # the stray \x8a is gone
    assert first.text_sv == "sköter sin personliga hygien och utför egenkontroll"


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["1352660_suoritustavat_ops", "3397335_suoritustavat_reformi"])
def test_a_real_structure_file_is_refused_clearly(name: str) -> None:
    path = shared_eperusteet() / f"eperusteet-service_api_perusteet_{name}_rakenne.json"
    with pytest.raises(ParseError) as caught:
        parse_document(path.read_bytes())
    assert caught.value.code == "structure_only"


def test_the_demo_files_parse() -> None:
    counts = []
    for path in sorted(DATA.glob("*.json")):
        document = parse_document(path.read_bytes())
        counts.append(sum(len(u.requirements or ()) for u in document.all_units()))
    assert counts == [11, 7, 6]


KEYS = st.sampled_from(
    [
        "id",
        "nimi",
        "fi",
        "sv",
        "en",
        "diaarinumero",
        "tutkinnonOsat",
        "suoritustavat",
        "tutkinnonOsaViitteet",
        "_tutkinnonOsa",
        "laajuus",
        "osanTyyppi",
        "koodiUri",
        "koodi",
        "uri",
        "ammattitaitovaatimukset",
        "ammattitaitovaatimukset2019",
        "ammattitaitovaatimuksetLista",
        "vaatimuksenKohteet",
        "vaatimukset",
        "vaatimus",
        "selite",
        "otsikko",
        "kohde",
        "kohdealueet",
        "kuvaus",
        "osaAlueet",
        "osaamistavoitteet",
        "pakollisetOsaamistavoitteet",
        "tavoitteet",
        "peruste",
        "data",
        "sivu",
        "osat",
        "rooli",
        "nimiKoodi",
        "suoritustapakoodi",
        "tavoitteenKuvaus",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["tutkinnonosa", "koulutuksenosa", "tutkinnonosat_1", "12", "<li>x</li>"])
    | st.text(max_size=20)
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(KEYS | st.text(max_size=5), children, max_size=6)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_random_json_parses_or_raises_parse_error(data: object) -> None:
    try:
        document = parse_document(data)
    except ParseError as exc:
        assert exc.code and exc.path.startswith("$")
    else:
        assert document.qualifications or document.units


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_parse_or_raise_parse_error(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_document(data)
