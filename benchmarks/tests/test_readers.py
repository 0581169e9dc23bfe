from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.readers import read_decorte, read_melo, read_titles

from .conftest import FIXTURES


def test_read_melo_fixture() -> None:
    data = read_melo(FIXTURES / "melo" / "tiny_q_en_c_en")
    assert data.name == "tiny_q_en_c_en"
    assert (data.query_lang, data.corpus_lang) == ("en", "en")
    assert list(data.queries) == ["Q1", "Q2", "Q3"]
    assert data.queries["Q3"] == "forklift driver"
    assert list(data.corpus)[:2] == ["C1_en_000", "C1_en_001"]
    assert data.qrels["Q2"] == {"C2_en_000", "C2_en_001"}
    assert data.concept_of["C3_en_001"] == "http://example.org/occ/driver"


def test_read_melo_skips_a_header_and_zero_relevance(tmp_path: Path) -> None:
    (tmp_path / "queries.tsv").write_text("qid\ttext\nQ1\tcook\n", encoding="utf-8")
    (tmp_path / "corpus_elements.tsv").write_text("C1\tcook\nC2\tchef\n", encoding="utf-8")
    (tmp_path / "annotations.tsv").write_text("Q1 0 C1 1\nQ1 0 C2 0\n", encoding="utf-8")
    data = read_melo(tmp_path)
    assert data.queries == {"Q1": "cook"}
    assert data.qrels == {"Q1": {"C1"}}
    assert data.concept_of == {}


def test_read_melo_rejects_other_folders(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a MELO dataset"):
        read_melo(tmp_path)


def test_read_decorte_groups_and_filters() -> None:
    sentences = read_decorte(FIXTURES / "decorte.csv")
    assert [s.sentence for s in sentences] == [
        "Experience with Java, SQL and teamwork",
        "Smart and enthusiastic",
        "Drive a forklift safely",
    ]
    assert sentences[0].labels == [
        "Java (computer programming)",
        "sql",
        "http://example.org/skill/teamwork",
    ]
    assert sentences[1].labels == []
    assert sentences[2].labels == ["operate forklift", "no such skill"]


def test_read_decorte_rejects_other_csv(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="sentence,span"):
        read_decorte(path)


def test_read_titles_ignores_the_index_column() -> None:
    titles = read_titles(FIXTURES / "titles.csv")
    assert len(titles) == 4
    assert titles[0].title == "Senior Software Developer (m/f/d)"
    assert titles[0].uri == "http://example.org/occ/developer"


@pytest.mark.shared_data
def test_read_real_melo(shared: Path) -> None:
    data = read_melo(shared / "bench" / "melo" / "usa_q_en_c_en")
    assert len(data.queries) == 633
    assert len(data.corpus) == 33809
    assert sum(len(v) for v in data.qrels.values()) == 7852
    assert set(data.corpus) == set(data.concept_of)


@pytest.mark.shared_data
def test_read_real_decorte(shared: Path) -> None:
    sentences = read_decorte(shared / "bench" / "decorte" / "tech_validation_annotations.csv")
    assert len(sentences) == 101
    assert sum(1 for s in sentences if s.labels) == 75


@pytest.mark.shared_data
def test_read_real_titles(shared: Path) -> None:
    assert len(read_titles(shared / "bench" / "jobbert" / "titles.validation.csv")) == 15463
