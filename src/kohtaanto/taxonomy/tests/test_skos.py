from __future__ import annotations

from pathlib import Path

import pytest

from kohtaanto.taxonomy.errors import TaxonomyError, TaxonomyFormatError
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.taxonomy.skos import load_skos
from kohtaanto.taxonomy.tests.conftest import DATA

DIGI = "https://example.org/digi/"


@pytest.mark.parametrize("name", ["digicomp.ttl", "digicomp.rdf"])
def test_turtle_and_rdf_xml_load_alike(name: str) -> None:
    taxonomy = load_skos(DATA / "skos" / name)
    assert sorted(taxonomy.concepts) == [DIGI + "area1", DIGI + "c11", DIGI + "c12"]
    c11 = taxonomy.concepts[DIGI + "c11"]
    assert c11.kind is ConceptKind.SKILL
    assert c11.labels["en"].preferred == "Browsing and searching"
    assert c11.labels["en"].alternative == ["searching the web"]
    assert c11.labels["en"].hidden == ["googling"]
    assert c11.labels["fi"].alternative == ["tiedonhaku"]
    assert c11.descriptions == {"en": "Find information online."}  # definition beats scopeNote
    assert c11.code == "1.1"
    assert c11.broader == [DIGI + "area1"]  # from the parent's skos:narrower
    c12 = taxonomy.concepts[DIGI + "c12"]
    assert c12.descriptions == {"en": "Judge what you find."}
    assert c12.broader == [DIGI + "area1"]
    assert taxonomy.sources == [f"SKOS {name}"]


def test_kind_is_chosen_by_the_caller() -> None:
    taxonomy = load_skos(DATA / "skos" / "digicomp.ttl", kind=ConceptKind.COMPETENCE)
    assert {c.kind for c in taxonomy} == {ConceptKind.COMPETENCE}


def test_broken_turtle_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        '<a> a skos:Concept ;\n  skos:prefLabel "x"@en ,, .\n'
    )
    with pytest.raises(TaxonomyFormatError) as info:
        load_skos(path)
    assert (info.value.file, info.value.line) == ("broken.ttl", 4)
    assert info.value.column is not None


def test_broken_rdf_xml_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<a>\n</rdf:RDF>\n'
    )
    with pytest.raises(TaxonomyFormatError, match=r"broken\.rdf, line 4, column 3"):
        load_skos(path)


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="unknown SKOS file type"):
        load_skos(tmp_path / "vocabulary.txt")


def test_untagged_literals_take_the_default_language(tmp_path: Path) -> None:
    path = tmp_path / "plain.nt"
    path.write_text(
        "<urn:x:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/2004/02/skos/core#Concept> .\n"
        '<urn:x:a> <http://www.w3.org/2004/02/skos/core#prefLabel> "hitsaus" .\n'
    )
    assert load_skos(path, default_language="fi").concepts["urn:x:a"].label("fi") == "hitsaus"
