"""Ensemble weights: a versioned JSON file shipped in the package, and the combination rule.

The file (`weights/ensemble-v2.json`) holds one weight per recognizer, their parameters, a
score threshold and (since version 2) per-language overrides of weights and threshold
(`languages`: {"fi": {"weights": {...}, "threshold": ..., "score_scale": ...}}); version 1
files still load. It is tuned on development data only (see `tuned_on`). Combined score of a
concept = Σ weight × recognizer score over the text recognizers, divided by the sum of their
weights (of the text's language); suggestions are ranked and thresholded by it, and report it
times `score_scale` (at most 1). The scale keeps reported scores comparable across languages
when a language adds a supporting recognizer (Finnish: the crosslingual bridge), since pages
show suggestions above a fixed score. Inferred skills get `weights["inference"]` × the
occupation's score.

`whole_label` (per language, default 0: off): a concept whose lexical hit has every word of
one of its labels scores at least `whole_label` × that hit's score. A language whose weights
lean on a supporting recognizer (Finnish: the bridge to English labels) would otherwise cap an
exact match of a label the bridge cannot confirm ("Exceliä" for the team's label "Excel" of
*käyttää taulukkolaskentaohjelmistoja*, whose English labels name no product) below the pages'
threshold, however exact the match.

`names_first` (per language, default false): an occupation found only through a synonym (an
alternative or hidden label) that is, word for word, the name of another occupation the same
words decide is weak evidence ("varastotyöntekijä" is the name of *varastotyöntekijä* and a
synonym of four other occupations). It rests on the vocabulary's preferred labels being the
names people use, which holds for ESCO's Finnish occupation labels and not for its Swedish
ones (v1.0.8 names the head chef "kock"), so it is chosen per language on the tuning halves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    P = TypeVar("P", bound=DataclassInstance)

WEIGHTS_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
DEFAULT_FILE = "ensemble-v2.json"


def params_from_mapping(cls: type[P], values: Mapping[str, Any]) -> P:
    """An instance of the parameter dataclass `cls` from a weights-file mapping: keys that are
    not fields are ignored, values become the field's type (`int` fields, else `float`)."""
    known = {f.name: f.type for f in fields(cls)}
    converted: dict[str, Any] = {
        key: int(value) if known[key] == "int" else float(value)
        for key, value in values.items()
        if key in known
    }
    return cls(**converted)


class WeightsError(ValueError):
    """The weights file is missing, malformed or of an unsupported version."""


@dataclass(frozen=True)
class EnsembleWeights:
    weights: dict[str, float]
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    threshold: float = 0.1
    tuned_on: str = ""
    version: int = WEIGHTS_VERSION
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-language overrides: {lang: {"weights": {...}, "threshold": float,
    "score_scale": float}}."""
    score_scale: float = 1.0
    """Reported score = min(1, combined score × this); ranking is unchanged by it."""
    whole_label: float = 0.0
    """A concept with every word of one of its labels found by the lexical recognizer scores
    at least this × that hit's score (0: off; see the module)."""
    names_first: bool = False
    """An occupation's synonym that is another decided occupation's name is weak evidence
    (see the module)."""

    def for_language(self, lang: str) -> EnsembleWeights:
        """These weights with the overrides of `lang` applied (self when there are none)."""
        override = self.languages.get(lang)
        if not override:
            return self
        weights = {
            **self.weights,
            **{str(k): float(v) for k, v in override.get("weights", {}).items()},
        }
        return EnsembleWeights(
            weights={name: w for name, w in weights.items() if name in self.weights},
            params=self.params,
            threshold=float(override.get("threshold", self.threshold)),
            tuned_on=self.tuned_on,
            version=self.version,
            score_scale=float(override.get("score_scale", self.score_scale)),
            whole_label=float(override.get("whole_label", self.whole_label)),
            names_first=bool(override.get("names_first", self.names_first)),
        )

    @property
    def text_recognizers(self) -> list[str]:
        return [name for name, w in self.weights.items() if w > 0 and name != "inference"]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EnsembleWeights:
        version = data.get("version")
        if version not in SUPPORTED_VERSIONS:
            raise WeightsError(
                f"unsupported weights version {version!r}, need one of {SUPPORTED_VERSIONS}"
            )
        languages = data.get("languages", {}) if version >= 2 else {}
        if not isinstance(languages, dict):
            raise WeightsError("'languages' must map a language code to overrides")
        weights = data.get("weights")
        if not isinstance(weights, dict) or not weights:
            raise WeightsError("weights file has no 'weights' mapping")
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            params={str(k): dict(v) for k, v in data.get("params", {}).items()},
            threshold=float(data.get("threshold", 0.1)),
            tuned_on=str(data.get("tuned_on", "")),
            version=int(version),
            languages={str(k): dict(v) for k, v in languages.items()},
            score_scale=float(data.get("score_scale", 1.0)),
            whole_label=float(data.get("whole_label", 0.0)),
            names_first=bool(data.get("names_first", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "tuned_on": self.tuned_on,
            "weights": self.weights,
            "params": self.params,
            "threshold": self.threshold,
            **({"languages": self.languages} if self.languages else {}),
            **({"score_scale": self.score_scale} if self.score_scale != 1.0 else {}),
            **({"whole_label": self.whole_label} if self.whole_label else {}),
            **({"names_first": self.names_first} if self.names_first else {}),
        }


def load_weights(
    source: str | Path | Mapping[str, Any] | EnsembleWeights | None = None,
) -> EnsembleWeights:
    """Weights from the shipped file (None), a path, a full dict, or a bare
    `{recognizer: weight}` mapping (shipped parameters, given weights)."""
    if isinstance(source, EnsembleWeights):
        return source
    if source is None:
        text = resources.files("kohtaanto.recognition").joinpath("weights", DEFAULT_FILE)
        return EnsembleWeights.from_dict(json.loads(text.read_text(encoding="utf-8")))
    if isinstance(source, Mapping):
        if "version" in source:
            return EnsembleWeights.from_dict(source)
        shipped = load_weights()
        return EnsembleWeights.from_dict({**shipped.to_dict(), "weights": dict(source)})
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise WeightsError(f"cannot read weights file {source}: {error}") from error
    return EnsembleWeights.from_dict(data)
