"""The job-search profile: skills and occupations in ESCO terms (labels + URIs), as plain
text ready to copy into Työmarkkinatori or any other job-search service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kohtaanto.journeys.documents.content import heading


@dataclass(frozen=True)
class JobSearchProfile:
    language: str
    occupations: Sequence[tuple[str, str]]
    """(label, URI)."""
    skills: Sequence[tuple[str, str]]


def job_search_profile_text(profile: JobSearchProfile) -> str:
    lang = profile.language
    lines = [heading("jobsearch_intro", lang), ""]
    for key, items in (("occupations", profile.occupations), ("skills", profile.skills)):
        if not items:
            continue
        lines.append(f"{heading(key, lang)}:")
        lines.extend(f"- {label} <{uri}>" for label, uri in items)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
