"""`--split`, `--weights` and `--reference` of `bench skills` and `bench titles`, on small
files of this test (no shared data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from benchmarks import runtime, splits
from kohtaanto.cli.main import cli

from .conftest import StubEngine

# Sentences in English with their Finnish versions; the English one decides the half.
PAIRS = [
    ("Experience with Java and SQL", "Kokemusta Java-ohjelmointi ja SQL"),
    ("You operate forklift in the warehouse", "Osaat käyttää trukkia varastossa"),
    ("Java and teamwork", "Java-ohjelmointi ja tehdä tiimityötä"),
    ("SQL reports", "SQL-raportit"),
    ("Teamwork matters: work in teams", "Tiimityö: tehdä tiimityötä"),
    ("Drive a forklift: operate forklift", "Trukki: käyttää trukkia"),
]
LABELS = [
    ["Java (computer programming)", "SQL"],
    ["operate forklift"],
    ["Java (computer programming)", "work in teams"],
    ["SQL"],
    ["work in teams"],
    ["operate forklift"],
]
TITLES = [
    ("Registered Nurse", "http://example.org/occ/nurse"),
    ("Java Programmer", "http://example.org/occ/developer"),
    ("Forklift Operator", "http://example.org/occ/driver"),
    ("Senior Software Developer (m/f/d)", "http://example.org/occ/developer"),
    ("Nurse", "http://example.org/occ/nurse"),
    ("Programmer", "http://example.org/occ/developer"),
]


def decorte_file(path: Path, sentences: list[str]) -> Path:
    rows = ["sentence,span,sub_span,label"]
    for sentence, labels in zip(sentences, LABELS, strict=True):
        rows += [f'"{sentence}",,,"{label}"' for label in labels]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def paired(tmp_path: Path) -> Path:
    """A folder like data/fi_dev: en.csv, fi.csv and pairs.csv."""
    folder = tmp_path / "paired"
    folder.mkdir()
    decorte_file(folder / "en.csv", [en for en, _ in PAIRS])
    decorte_file(folder / "fi.csv", [fi for _, fi in PAIRS])
    lines = ["id,en,fi"] + [f'p-{i},"{en}","{fi}"' for i, (en, fi) in enumerate(PAIRS)]
    (folder / "pairs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def titles_file(tmp_path: Path) -> Path:
    path = tmp_path / "titles.csv"
    rows = [",vacancyTitle,conceptUri"] + [f"{i},{t},{u}" for i, (t, u) in enumerate(TITLES)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def bench(*args: str) -> Result:
    return CliRunner().invoke(cli, ["bench", *args], catch_exceptions=False)


def data_of(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def halves(texts: list[str]) -> dict[str, int]:
    return {half: sum(splits.split_of(t) == half for t in texts) for half in splits.SPLITS}


def test_the_fixtures_have_both_halves() -> None:
    assert all(halves([en for en, _ in PAIRS]).values())
    assert all(halves([t for t, _ in TITLES]).values())


def test_skills_split_states_the_half_and_counts(
    stub_engine: None, index_file: Path, paired: Path
) -> None:
    path = str(paired / "en.csv")
    counts = halves([en for en, _ in PAIRS])
    total = 0
    for half in splits.SPLITS:
        data = data_of(
            bench("skills", path, "--taxonomy", str(index_file), "--split", half, "--json")
        )
        assert data["split"] == half
        assert data["texts"] == counts[half]
        assert data["weights"] == "shipped"
        assert set(data["baseline"]) == {"rp@5", "rp@10"}
        total += data["texts"]
    everything = data_of(bench("skills", path, "--taxonomy", str(index_file), "--json"))
    assert everything["split"] == "all" and everything["texts"] == total == len(PAIRS)


def test_finnish_sentences_take_the_half_of_their_english_original(
    stub_engine: None, index_file: Path, paired: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    original = StubEngine.recognize

    def spy(self: StubEngine, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(StubEngine, "recognize", spy)
    args = ("--taxonomy", str(index_file), "--lang", "fi", "--split", "heldout", "--json")
    data = data_of(bench("skills", str(paired / "fi.csv"), *args))
    expected = {fi for en, fi in PAIRS if splits.split_of(en) == "heldout"}
    assert data["split_by"] == "pairs.csv (en original)"
    assert data["texts"] == len(expected)
    assert set(seen) == expected  # warm-up calls repeat some of them, nothing else


def test_reference_measures_the_same_sentences_and_the_ratio(
    stub_engine: None, index_file: Path, paired: Path
) -> None:
    data = data_of(
        bench(
            "skills",
            str(paired / "fi.csv"),
            "--taxonomy",
            str(index_file),
            "--lang",
            "fi",
            "--split",
            "heldout",
            "--reference",
            str(paired / "en.csv"),
            "--json",
        )
    )
    reference = data["reference"]
    assert reference["lang"] == "en" and reference["texts"] == data["texts"]
    for key in ("rp@5", "rp@10"):
        expected = round(data[key] / reference[key], 3) if reference[key] else None
        assert data["ratio"][key] == expected
    assert set(data["ratio"]["baseline"]) == {"rp@5", "rp@10"}


def test_reference_with_other_sentences_is_refused(
    stub_engine: None, index_file: Path, paired: Path, tmp_path: Path
) -> None:
    other = decorte_file(tmp_path / "other.csv", [f"{en} again" for en, _ in PAIRS])
    result = CliRunner().invoke(
        cli,
        [
            *("bench", "skills", str(paired / "fi.csv"), "--taxonomy", str(index_file)),
            *("--lang", "fi", "--reference", str(other), "--json"),
        ],
    )
    assert result.exit_code != 0
    assert "same sentences" in result.output


def test_titles_split_states_the_half_and_counts(
    stub_engine: None, index_file: Path, titles_file: Path
) -> None:
    counts = halves([t for t, _ in TITLES])
    for half in splits.SPLITS:
        data = data_of(
            bench(
                "titles", str(titles_file), "--taxonomy", str(index_file), "--split", half, "--json"
            )
        )
        assert data["split"] == half and data["titles"] == counts[half]
        assert data["weights"] == "shipped"
        assert set(data["baseline"]) == {"acc@1", "mrr@10"}


@pytest.mark.parametrize("name", ["skills", "titles"])
def test_weights_file_reaches_the_engine(
    stub_engine: None,
    index_file: Path,
    paired: Path,
    titles_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    given: list[object] = []

    def build(taxonomy: Any, languages: Any, weights: object = None) -> StubEngine:
        given.append(weights)
        return StubEngine(taxonomy, languages)

    monkeypatch.setattr(runtime, "build_engine", build)
    weights = tmp_path / "w.json"
    weights.write_text("{}", encoding="utf-8")
    path = paired / "en.csv" if name == "skills" else titles_file
    data = data_of(
        bench(name, str(path), "--taxonomy", str(index_file), "--weights", str(weights), "--json")
    )
    assert given == [weights]
    assert data["weights"] == str(weights)
    data_of(bench(name, str(path), "--taxonomy", str(index_file), "--json"))
    assert given == [weights, None]


def test_weights_file_changes_the_real_engine(
    index_file: Path, paired: Path, tmp_path: Path
) -> None:
    """The real engine on the tiny taxonomy: a file whose threshold no score reaches finds
    nothing, the shipped weights find the skills."""
    from kohtaanto.recognition import load_weights

    strict = load_weights().to_dict()
    strict["threshold"] = 2.0
    weights = tmp_path / "strict.json"
    weights.write_text(json.dumps(strict), encoding="utf-8")
    args = ("skills", str(paired / "en.csv"), "--taxonomy", str(index_file), "--json")
    shipped = data_of(bench(*args))
    blocked = data_of(bench(*args, "--weights", str(weights)))
    assert shipped["rp@5"] > 0
    assert blocked["rp@5"] == 0.0
    assert blocked["baseline"] == shipped["baseline"]


def test_a_broken_weights_file_is_reported(index_file: Path, paired: Path, tmp_path: Path) -> None:
    weights = tmp_path / "broken.json"
    weights.write_text('{"version": 9}', encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            *("bench", "skills", str(paired / "en.csv"), "--taxonomy", str(index_file)),
            *("--weights", str(weights)),
        ],
    )
    assert result.exit_code != 0
    assert "unsupported weights version" in result.output


def test_tuning_only_weights_file_loads() -> None:
    from kohtaanto.recognition import load_weights

    path = Path(__file__).parents[1] / "data" / "weights-tuning-only.json"
    if not path.is_file():
        pytest.skip("benchmarks/data/weights-tuning-only.json not written yet")
    weights = load_weights(path)
    assert "TUNING halves only" in weights.tuned_on
    assert weights.weights["lexical"] > 0 and weights.weights["tfidf"] > 0
