"""The job-search profile: the person's occupations and skills by their ESCO labels in the
person's language, as plain text to paste into Työmarkkinatori or any other job-search service.

Plain text only: no URIs, no markup, no bullet characters; one label a line under a short
heading, each label once. The concept URIs stay in the data export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kohtaanto.journeys.documents.content import heading


@dataclass(frozen=True)
class JobSearchProfile:
    language: str
    occupations: Sequence[tuple[str, str]]
    """(label, URI); the URI is not printed."""
    skills: Sequence[tuple[str, str]]


def _labels(items: Sequence[tuple[str, str]]) -> list[str]:
    seen: set[str] = set()
    labels = []
    for label, _uri in items:
        text = " ".join(str(label).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            labels.append(text)
    return labels


def job_search_profile_text(profile: JobSearchProfile) -> str:
    lang = profile.language
    lines: list[str] = []
    for key, items in (("occupations", profile.occupations), ("skills", profile.skills)):
        labels = _labels(items)
        if not labels:
            continue
        lines.append(f"{heading(key, lang)}:")
        lines.extend(labels)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else ""
