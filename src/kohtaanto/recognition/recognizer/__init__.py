"""Recognizers by spec string (`lexical`, `tfidf`, `crosslingual`, `inference`,
`dummy`), loaded lazily."""

from __future__ import annotations

import importlib

from kohtaanto.recognition.recognizer.base import Hit, Recognizer

__all__ = ["Hit", "Recognizer", "get_recognizer_class", "recognizer_names"]

_REGISTRY: dict[str, tuple[str, str]] = {
    "lexical": ("kohtaanto.recognition.recognizer.lexical", "LexicalRecognizer"),
    "tfidf": ("kohtaanto.recognition.recognizer.tfidf", "TfidfRecognizer"),
    "crosslingual": ("kohtaanto.recognition.recognizer.crosslingual", "CrosslingualRecognizer"),
    "inference": ("kohtaanto.recognition.recognizer.inference", "InferenceRecognizer"),
    "dummy": ("kohtaanto.recognition.recognizer.dummy", "DummyRecognizer"),
}


def recognizer_names() -> list[str]:
    return sorted(_REGISTRY)


def get_recognizer_class(name: str) -> type[Recognizer]:
    if name not in _REGISTRY:
        raise ValueError(f"unknown recognizer {name!r}; known: {', '.join(recognizer_names())}")
    module_name, class_name = _REGISTRY[name]
    cls: type[Recognizer] = getattr(importlib.import_module(module_name), class_name)
    return cls
