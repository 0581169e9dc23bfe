"""`kohtaanto bench stories`: what the story page shows for first-person stories (fi, sv).

Data: `benchmarks/data/stories/{fi,sv}.jsonl` (see the README there): short first-person
stories written by the team, each with the ESCO concepts that are `right` (must be found),
`acceptable` (fine if shown, not required), `wrong` (tempting mis-recognitions), `goal`
(things the person wants to learn: right only as wishes) and its `split` (`tuning` or
`heldout`, assigned once by `split_of`).

The engine side is the product's, call for call:

1. `profiles.adapters.recognise_story(text, lang)` with the engine swapped in through
   `vocabularies.provider.use_engine` (`engine.recognize(text, lang, limit=25,
   include_inferred=True)`), the call `profiles.services.apply_recognition` makes;
2. what `apply_recognition` stores: kinds in `PROFILE_KINDS`, the first suggestion per URI,
   `source` inferred or recognised, `goal`;
3. what the story page shows (`web.journeys.profile.story_context`): the non-goal
   suggestions through `profiles.selectors.group_suggestions` (three groups — skills found in
   the text, occupations, skills inferred from an occupation —, each its best few at or above
   the story language's calibrated threshold, `profiles.selectors.shown_threshold`; nothing
   of a group whose suggestions are all weaker); goals go to the "wishes" list.

Metrics (micro-averaged over the stories of a language and split; a shown suggestion is
counted once per story):

- `precision_strict`: shown suggestions in `right` or `acceptable` / all shown. Anything not
  annotated counts as wrong.
- `precision_lenient`: the same / shown suggestions that are annotated at all (`right`,
  `acceptable`, `wrong` or `goal`). Unannotated suggestions are left out.
  In both, a `goal` concept shown as a skill (not as a wish) is wrong.
- `recall`: `right` concepts shown / all `right` concepts; `recall_stored` also counts what
  the page hides behind "show all".
- `wrong_hit_rate`: listed `wrong` concepts shown / all listed `wrong` concepts;
  `wrong_share`: listed `wrong` concepts shown / all shown.
- `goal_recall`: `goal` concepts in the wishes list / all `goal` concepts.
- `sentences_per_s`, `stories_per_s`: the engine call alone, one story at a time, warm.
- `precision_judged`: `precision_strict` with the pooled judgments of `esco_judgments.jsonl`
  added: a shown suggestion the story's own annotation does not mention counts as good when
  it was judged `acceptable` there. The story annotations name only starter concepts (written
  before the engine ran); the judgments cover the other ESCO concepts that the engine and the
  baseline showed, judged afterwards (see the data README). `shown_unjudged` counts what
  neither judges (counted wrong). Recall is unchanged: a judgment never adds a `right`.

Baseline in the same run (`stem_baseline`): a concept is suggested when every word of one of
its labels in the story's language (preferred or alternative), Snowball-stemmed, occurs
among the stemmed words of one sentence of the story; no goals, no negation, no inference.
Its suggestions go through the same page filter (score = share of the story's words the
label covers, so longer labels first). `ratio` = engine / baseline.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click

from benchmarks import report, runtime

DATA_DIR = Path(__file__).parent / "data" / "stories"
LANGUAGES = ("fi", "sv")
SPLITS = ("tuning", "heldout")
REGISTERS = ("work", "hobby", "volunteer", "carer", "immigrant", "colloquial", "over50")
FIELDS = ("id", "lang", "register", "split", "text", "right", "acceptable", "wrong", "goal")
GROUPS = ("text", "occupation", "inferred")


@dataclass(frozen=True)
class Story:
    id: str
    lang: str
    register: str
    split: str
    text: str
    right: tuple[str, ...]
    acceptable: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    goal: tuple[str, ...] = ()
    notes: str = ""
    judged_good: frozenset[str] = frozenset()
    """Concepts the pooled judgments (`esco_judgments.jsonl`) found acceptable here."""
    judged: frozenset[str] = frozenset()
    """Every concept the pooled judgments judged here."""

    @property
    def uris(self) -> set[str]:
        return {*self.right, *self.acceptable, *self.wrong, *self.goal}


def read_stories(path: Path) -> list[Story]:
    """One story per line of a JSONL file (blank lines ignored)."""
    stories = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            stories.append(
                Story(
                    id=row["id"],
                    lang=row["lang"],
                    register=row["register"],
                    split=row["split"],
                    text=row["text"],
                    right=tuple(row["right"]),
                    acceptable=tuple(row.get("acceptable", ())),
                    wrong=tuple(row.get("wrong", ())),
                    goal=tuple(row.get("goal", ())),
                    notes=row.get("notes", ""),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise click.ClickException(f"{path}:{number}: not a story ({exc!r})") from exc
    return stories


JUDGMENTS = "esco_judgments.jsonl"
JUDGMENT_VALUES = ("acceptable", "wrong")


def read_judgments(path: Path) -> dict[str, dict[str, str]]:
    """story id → uri → `acceptable` or `wrong`, from a JSONL file of pooled judgments (none
    when the file is absent)."""
    judgments: dict[str, dict[str, str]] = {}
    if not Path(path).exists():
        return judgments
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            story, uri, value = row["id"], row["uri"], row["judgment"]
        except (ValueError, KeyError, TypeError) as exc:
            raise click.ClickException(f"{path}:{number}: not a judgment ({exc!r})") from exc
        if value not in JUDGMENT_VALUES:
            raise click.ClickException(
                f"{path}:{number}: judgment must be one of {', '.join(JUDGMENT_VALUES)}"
            )
        if uri in judgments.setdefault(story, {}):
            raise click.ClickException(f"{path}:{number}: {story} {uri} is judged twice")
        judgments[story][uri] = value
    return judgments


def load_stories(lang: str, split: str | None = None, data_dir: Path = DATA_DIR) -> list[Story]:
    stories = read_stories(Path(data_dir) / f"{lang}.jsonl")
    judgments = read_judgments(Path(data_dir) / JUDGMENTS)
    return [
        replace(
            s,
            judged=frozenset(judgments.get(s.id, {})),
            judged_good=frozenset(
                uri for uri, value in judgments.get(s.id, {}).items() if value == "acceptable"
            ),
        )
        for s in stories
        if split is None or s.split == split
    ]


def split_of(stories: Iterable[Story]) -> dict[str, str]:
    """The split, assigned once and written into the data (`split`): for each language, the
    registers in alphabetical order; within a register, the stories ordered by the SHA-256 of
    their id go alternately to the two halves, starting with the half that has fewer stories
    of that language so far (`tuning` on a tie). Each register is split as evenly as it can be
    (a difference of at most one) and so is each language."""
    groups: dict[tuple[str, str], list[str]] = {}
    for story in stories:
        groups.setdefault((story.lang, story.register), []).append(story.id)
    split: dict[str, str] = {}
    sizes: dict[str, list[int]] = {}
    for (lang, _register), ids in sorted(groups.items()):
        size = sizes.setdefault(lang, [0, 0])
        start = 0 if size[0] <= size[1] else 1
        ordered = sorted(ids, key=lambda i: hashlib.sha256(i.encode("utf-8")).hexdigest())
        for position, story_id in enumerate(ordered):
            half = (start + position) % 2
            split[story_id] = SPLITS[half]
            size[half] += 1
    return split


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\w+(?:[-:]\w+)*", re.UNICODE)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


# --- the product's path ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What the story page shows for one story."""

    shown: list[tuple[str, str, float, str]]
    """(uri, label, score, group) of the suggestions shown, group by group."""
    stored: set[str]
    """Every non-goal URI stored (the page shows the rest after "show all")."""
    wishes: set[str]
    """URIs in the wishes list (goal suggestions)."""


def page_filter(
    suggestions: Sequence[Any],
    lang: str,
    min_score: float | None = None,
) -> Shown:
    """`apply_recognition`'s storing and the story page's `group_suggestions`, on suggestions
    of `recognise_story`. `min_score=None` is the product's threshold for `lang`
    (`profiles.selectors.shown_threshold`, calibrated on the tuning split). Since shown-v1 the
    page has no weak fallback: a group with nothing at or above the threshold shows nothing
    until "show all"."""
    from kohtaanto.profiles.enums import ItemSource, ItemStatus
    from kohtaanto.profiles.selectors import ProfileEntry, group_suggestions
    from kohtaanto.profiles.services import PROFILE_KINDS

    entries: list[ProfileEntry] = []
    wishes: set[str] = set()
    seen: set[str] = set()
    for number, s in enumerate(suggestions):
        if str(s.kind) not in PROFILE_KINDS or s.uri in seen:
            continue
        seen.add(s.uri)
        if s.goal:
            wishes.add(s.uri)
            continue
        entries.append(
            ProfileEntry(
                id=number,
                uri=s.uri,
                label=s.label,
                kind=str(s.kind),
                group="",
                status=ItemStatus.SUGGESTED,
                source=ItemSource.INFERRED if s.inferred else ItemSource.RECOGNISED,
                score=float(s.score),
                goal=False,
                decided_at=None,
                evidence=(),
            )
        )
    groups = group_suggestions(entries, min_score=min_score, lang=lang)
    shown = [(e.uri, e.label, e.score, g.key) for g in groups for e in g.entries]
    return Shown(shown, {e.uri for e in entries}, wishes)


def product_recognise(engine: Any) -> Callable[[str, str], list[Any]]:
    """`profiles.adapters.recognise_story` with `engine` as the web app's engine."""
    from kohtaanto.profiles import adapters
    from kohtaanto.vocabularies.provider import use_engine

    def recognise(text: str, lang: str) -> list[Any]:
        with use_engine(engine):
            return list(adapters.recognise_story(text, lang))

    return recognise


# --- the engine at another commit --------------------------------------------------------------

_AT_REV_SCRIPT = """
import json, sys
from kohtaanto.recognition import build_engine
from kohtaanto.taxonomy.build import build_taxonomy
job = json.load(sys.stdin)
engine = build_engine(build_taxonomy([job["taxonomy"]]), languages=(job["lang"],))
out = []
for text in job["texts"]:
    out.append([
        {"uri": s.uri, "label": s.label, "kind": str(s.kind), "score": s.score,
         "inferred": s.inferred, "goal": s.goal}
        for s in engine.recognize(text, lang=job["lang"], limit=25, include_inferred=True)
    ])
json.dump(out, sys.stdout)
"""


def engine_at(rev: str, taxonomy: str = "starter") -> Callable[[Sequence[str], str], list[Any]]:
    """Recognition by the engine of another commit `rev` (its `src/` from `git archive`, in a
    subprocess; its own vocabulary and synonyms from `build_taxonomy([taxonomy])`), with the
    call `profiles.adapters.recognise_story` makes: the reference "the engine before" in the
    same run. Its suggestions then go through today's page filter, so the comparison is of
    engines, not of pages."""
    root = Path(__file__).resolve().parents[1]
    spec = f"{rev}^{{commit}}"
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--verify", "--end-of-options", spec],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", commit, "src"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise click.ClickException(f"cannot export {rev!r} with git archive: {exc}") from exc

    def recognise(texts: Sequence[str], lang: str) -> list[Any]:
        env = {key: value for key, value in os.environ.items() if key != "KOHTAANTO_ENGINE_CACHE"}
        with tempfile.TemporaryDirectory(prefix="kohtaanto-at-") as folder:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(folder, filter="data")
            env["PYTHONPATH"] = str(Path(folder) / "src")
            done = subprocess.run(
                [sys.executable, "-c", _AT_REV_SCRIPT],
                input=json.dumps({"texts": list(texts), "lang": lang, "taxonomy": taxonomy}),
                capture_output=True,
                text=True,
                env=env,
                cwd=folder,
            )
        if done.returncode != 0:
            raise click.ClickException(f"the engine at {rev} failed: {done.stderr[-2000:]}")
        try:
            rows = json.loads(done.stdout)
        except ValueError as exc:
            raise click.ClickException(
                f"the engine at {rev} answered no JSON: {done.stdout[:500]!r}"
            ) from exc
        return [[BaselineSuggestion(**row) for row in found] for found in rows]

    return recognise


# --- the baseline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineSuggestion:
    uri: str
    label: str
    kind: str
    score: float
    inferred: bool = False
    goal: bool = False


@dataclass
class StemBaseline:
    """Exact Snowball-stem match of whole labels (preferred and alternative) in one sentence."""

    lang: str
    labels: list[tuple[str, str, str, frozenset[str]]] = field(default_factory=list)
    """(uri, kind, preferred label, stems of one label)."""

    @classmethod
    def from_taxonomy(cls, taxonomy: Any, lang: str) -> StemBaseline:
        from kohtaanto.profiles.services import PROFILE_KINDS

        baseline = cls(lang)
        for concept in taxonomy:
            if str(concept.kind) not in PROFILE_KINDS:
                continue
            label_set = concept.labels.get(lang)
            if label_set is None or not label_set.preferred:
                continue
            for label in {label_set.preferred, *label_set.alternative}:
                stems = frozenset(baseline.stems(label))
                if stems:
                    baseline.labels.append(
                        (concept.uri, str(concept.kind), label_set.preferred, stems)
                    )
        return baseline

    def stems(self, text: str) -> list[str]:
        return [_stemmer(self.lang).stemWord(w) for w in _WORD.findall(text.casefold())]

    def recognize(self, text: str) -> list[BaselineSuggestion]:
        words = max(1, len(_WORD.findall(text)))
        best: dict[str, BaselineSuggestion] = {}
        for sentence in sentences(text):
            present = set(self.stems(sentence))
            for uri, kind, label, stems in self.labels:
                if stems <= present:
                    score = min(1.0, 0.3 + len(stems) / words)
                    if uri not in best or best[uri].score < score:
                        best[uri] = BaselineSuggestion(uri, label, kind, score)
        return sorted(best.values(), key=lambda s: (-s.score, s.uri))


_STEMMERS: dict[str, Any] = {}


def _stemmer(lang: str) -> Any:
    if lang not in _STEMMERS:
        import Stemmer

        names = {"fi": "finnish", "sv": "swedish", "en": "english"}
        _STEMMERS[lang] = Stemmer.Stemmer(names[lang])
    return _STEMMERS[lang]


# --- scoring ---------------------------------------------------------------------------------


def score_story(story: Story, shown: Shown) -> dict[str, Any]:
    """Counts of one story (see the module docstring)."""
    good = set(story.right) | set(story.acceptable)
    uris = [uri for uri, *_ in shown.shown]
    counts = {
        "shown": len(uris),
        "shown_right": sum(uri in story.right for uri in uris),
        "shown_good": sum(uri in good for uri in uris),
        "shown_listed_wrong": sum(uri in story.wrong for uri in uris),
        "shown_goal_as_skill": sum(uri in story.goal and uri not in good for uri in uris),
        "shown_unannotated": sum(uri not in story.uris for uri in uris),
        "shown_judged_good": sum(
            uri not in story.uris and uri in story.judged_good for uri in uris
        ),
        "shown_unjudged": sum(uri not in story.uris and uri not in story.judged for uri in uris),
        "right": len(story.right),
        "right_shown": len(set(story.right) & set(uris)),
        "right_stored": len(set(story.right) & shown.stored),
        "wrong": len(story.wrong),
        "goal": len(story.goal),
        "goal_as_wish": len(set(story.goal) & shown.wishes),
    }
    for group in GROUPS:
        in_group = [uri for uri, _, _, g in shown.shown if g == group]
        counts[f"shown_{group}"] = len(in_group)
        counts[f"shown_good_{group}"] = sum(uri in good for uri in in_group)
    return counts


def _div(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total = {key: sum(row[key] for row in rows) for key in rows[0]} if rows else {}
    if not total:
        return {}
    annotated = total["shown_good"] + total["shown_listed_wrong"] + total["shown_goal_as_skill"]
    return {
        "precision_strict": _div(total["shown_good"], total["shown"]),
        "precision_lenient": _div(total["shown_good"], annotated),
        "precision_judged": _div(total["shown_good"] + total["shown_judged_good"], total["shown"]),
        "recall": _div(total["right_shown"], total["right"]),
        "recall_stored": _div(total["right_stored"], total["right"]),
        "wrong_hit_rate": _div(total["shown_listed_wrong"], total["wrong"]),
        "wrong_share": _div(total["shown_listed_wrong"], total["shown"]),
        "goal_recall": _div(total["goal_as_wish"], total["goal"]),
        "shown_per_story": _div(total["shown"], len(rows)),
        "precision_strict_by_group": {
            group: _div(total[f"shown_good_{group}"], total[f"shown_{group}"]) for group in GROUPS
        },
        "shown_by_group": {group: total[f"shown_{group}"] for group in GROUPS},
        "counts": {
            key: total[key]
            for key in (
                "shown",
                "shown_good",
                "shown_right",
                "shown_listed_wrong",
                "shown_goal_as_skill",
                "shown_unannotated",
                "shown_judged_good",
                "shown_unjudged",
                "right",
                "right_shown",
                "wrong",
                "goal",
            )
        },
    }


def _story_detail(story: Story, shown: Shown, taxonomy: Any) -> dict[str, Any]:
    good = set(story.right) | set(story.acceptable)

    def label(uri: str) -> str:
        concept = taxonomy.get(uri)
        return concept.label(story.lang) if concept is not None else uri

    false_positives = [
        {
            "uri": uri,
            "label": text,
            "score": round(score, 3),
            "group": group,
            "why": "listed wrong"
            if uri in story.wrong
            else "goal shown as a skill"
            if uri in story.goal
            else "not annotated, judged acceptable"
            if uri in story.judged_good
            else "not annotated, judged wrong"
            if uri in story.judged
            else "not annotated, not judged",
        }
        for uri, text, score, group in shown.shown
        if uri not in good
    ]
    shown_uris = {uri for uri, *_ in shown.shown}
    return {
        "id": story.id,
        "register": story.register,
        "text": story.text,
        "shown": [text for _, text, _, _ in shown.shown],
        "false_positives": false_positives,
        "missed": [label(uri) for uri in story.right if uri not in shown_uris],
        "missed_goals": [label(uri) for uri in story.goal if uri not in shown.wishes],
    }


# --- the run ---------------------------------------------------------------------------------


def starter_taxonomy() -> Any:
    """The vocabulary the demo uses while no other is imported (`build_taxonomy(["starter"])`,
    as `vocabularies.provider` builds it)."""
    from kohtaanto.taxonomy import build_taxonomy

    return build_taxonomy(["starter"])


def setup_django() -> None:
    from kohtaanto.cli.django_setup import setup_django as setup

    setup()


def evaluate(
    stories: Sequence[Story],
    lang: str,
    recognise: Callable[[str, str], Sequence[Any]],
    baseline: StemBaseline,
    taxonomy: Any,
    *,
    min_score: float | None = None,
    by_story: bool = False,
    reference: Sequence[Sequence[Any]] | None = None,
    reference_name: str = "",
) -> dict[str, Any]:
    texts = [s.text for s in stories]
    results, rate = runtime.timed_map(lambda text: recognise(text, lang), texts)
    engine_rows, base_rows, details = [], [], []
    for story, suggestions in zip(stories, results, strict=True):
        shown = page_filter(suggestions, lang, min_score)
        engine_rows.append(score_story(story, shown))
        base_rows.append(score_story(story, page_filter(baseline.recognize(story.text), lang)))
        if by_story:
            details.append(_story_detail(story, shown, taxonomy))
    engine = summarise(engine_rows)
    base = summarise(base_rows)
    n_sentences = sum(len(sentences(t)) for t in texts)
    result: dict[str, Any] = {
        "stories": len(stories),
        "sentences": n_sentences,
        **engine,
        "baseline": base,
        "ratio": {
            key: report.ratio(engine[key] or 0.0, base[key] or 0.0)
            for key in ("precision_strict", "precision_lenient", "precision_judged", "recall")
        }
        if engine
        else {},
        "stories_per_s": rate,
        "sentences_per_s": round(rate * n_sentences / len(stories), 1) if stories else None,
    }
    if reference is not None:
        before = summarise(
            [
                score_story(story, page_filter(found, lang, min_score))
                for story, found in zip(stories, reference, strict=True)
            ]
        )
        result["engine_at"] = {"rev": reference_name, **before}
        result["ratio_to_engine_at"] = {
            key: report.ratio(engine[key] or 0.0, before[key] or 0.0)
            for key in ("precision_strict", "precision_lenient", "precision_judged", "recall")
        }
    if by_story:
        result["by_story"] = details
    return result


def run(
    taxonomy_path: Path | None,
    split: str,
    languages: Sequence[str],
    *,
    min_score: float | None = None,
    by_story: bool = False,
    data_dir: Path = DATA_DIR,
    at_rev: str | None = None,
) -> dict[str, Any]:
    setup_django()
    if at_rev is not None and taxonomy_path is not None:
        raise click.ClickException("--engine-at compares on the starter vocabulary only")
    reference = engine_at(at_rev) if at_rev is not None else None
    taxonomy = starter_taxonomy() if taxonomy_path is None else runtime.load_taxonomy(taxonomy_path)
    started = time.perf_counter()
    engine = runtime.build_engine(taxonomy, ("fi", "sv", "en"))
    recognise = product_recognise(engine)
    from kohtaanto.profiles.selectors import shown_threshold

    result: dict[str, Any] = {
        "taxonomy": "starter" if taxonomy_path is None else str(taxonomy_path),
        "taxonomy_concepts": len(taxonomy),
        "split": split,
        "min_score": {
            lang: shown_threshold(lang) if min_score is None else min_score for lang in languages
        },
        "languages": {},
    }
    for lang in languages:
        stories = load_stories(lang, split, data_dir)
        if not stories:
            raise click.ClickException(f"no {lang} stories in the {split} split")
        baseline = StemBaseline.from_taxonomy(taxonomy, lang)
        result.setdefault("analyzers", {})[lang] = _analyzer_name(lang)
        result["languages"][lang] = evaluate(
            stories,
            lang,
            recognise,
            baseline,
            taxonomy,
            min_score=min_score,
            by_story=by_story,
            reference=reference([s.text for s in stories], lang) if reference else None,
            reference_name=at_rev or "",
        )
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["peak_rss_mb"] = runtime.peak_rss_mb()
    return result


def _analyzer_name(lang: str) -> str:
    from kohtaanto.recognition.analyzer import analyzer_for_language

    return str(analyzer_for_language(lang).name)


def sweep(
    taxonomy_path: Path | None,
    split: str,
    languages: Sequence[str],
    thresholds: Sequence[float],
    data_dir: Path = DATA_DIR,
) -> dict[str, Any]:
    """Precision and recall of what would be shown at each threshold (engine called once per
    story; only the page filter changes)."""
    setup_django()
    taxonomy = starter_taxonomy() if taxonomy_path is None else runtime.load_taxonomy(taxonomy_path)
    recognise = product_recognise(runtime.build_engine(taxonomy, ("fi", "sv", "en")))
    out: dict[str, Any] = {"split": split, "languages": {}}
    for lang in languages:
        stories = load_stories(lang, split, data_dir)
        results = [recognise(s.text, lang) for s in stories]
        rows: dict[str, Any] = {}
        for threshold in thresholds:
            summary = summarise(
                [
                    score_story(story, page_filter(suggestions, lang, threshold))
                    for story, suggestions in zip(stories, results, strict=True)
                ]
            )
            key = f"{threshold:.2f}"
            rows[key] = {
                name: summary[name]
                for name in (
                    "precision_strict",
                    "precision_lenient",
                    "recall",
                    "wrong_hit_rate",
                    "shown_per_story",
                    "precision_strict_by_group",
                    "shown_by_group",
                )
            }
        out["languages"][lang] = rows
    return out


@click.command("stories")
@click.option(
    "--taxonomy",
    "taxonomy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A compiled index (kohtaanto taxonomy build); default: the starter vocabulary.",
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="heldout",
    show_default=True,
    help="Report held-out figures; tune only on 'tuning'.",
)
@click.option(
    "--lang",
    "languages",
    type=click.Choice(LANGUAGES),
    multiple=True,
    help="Language (repeatable); default: fi and sv.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Evaluate another shown threshold (default: the product's per language).",
)
@click.option(
    "--sweep",
    "sweep_thresholds",
    is_flag=True,
    help="Precision/recall at thresholds 0.20…0.70 instead (choose on --split tuning).",
)
@click.option("--by-story", is_flag=True, help="List each story's false positives and misses.")
@click.option(
    "--engine-at",
    "at_rev",
    metavar="REV",
    default=None,
    help="Also measure the engine of commit REV (git archive, subprocess) in the same run.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DATA_DIR,
    show_default=False,
    help="Folder with fi.jsonl and sv.jsonl (default: benchmarks/data/stories).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(
    taxonomy_path: Path | None,
    split: str,
    languages: tuple[str, ...],
    min_score: float | None,
    sweep_thresholds: bool,
    by_story: bool,
    at_rev: str | None,
    data_dir: Path,
    as_json: bool,
) -> None:
    """Stories (fi, sv) → what the story page shows: precision, recall, wrong concepts."""
    langs = languages or LANGUAGES
    if sweep_thresholds:
        thresholds = [round(0.2 + 0.05 * i, 2) for i in range(11)]
        result = sweep(taxonomy_path, split, langs, thresholds, data_dir)
    else:
        result = run(
            taxonomy_path,
            split,
            langs,
            min_score=min_score,
            by_story=by_story,
            data_dir=data_dir,
            at_rev=at_rev,
        )
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        report.emit(result, False, f"stories [{split}]")
