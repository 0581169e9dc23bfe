"""Counts that describe a taxonomy (for `kohtaanto taxonomy info` and reports)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kohtaanto.taxonomy.model import ConceptKind, Relation, Taxonomy


def summarize(taxonomy: Taxonomy) -> dict[str, Any]:
    """Counts per kind, per language and per collection, plus relation counts."""
    kinds = Counter(c.kind.value for c in taxonomy)
    preferred: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for concept in taxonomy:
        for lang, label_set in concept.labels.items():
            preferred[lang] += bool(label_set.preferred)
            labels[lang] += len(label_set.all())
    relations = Counter(
        rel.value for skills in taxonomy.occupation_skills.values() for rel in skills.values()
    )
    return {
        "sources": list(taxonomy.sources),
        "concepts": len(taxonomy),
        "kinds": {kind.value: kinds.get(kind.value, 0) for kind in ConceptKind},
        "languages": {
            lang: {"preferred": preferred[lang], "labels": labels[lang]} for lang in sorted(labels)
        },
        "collections": dict(sorted(Counter(x for c in taxonomy for x in c.collections).items())),
        "occupation_skills": {rel.value: relations.get(rel.value, 0) for rel in Relation},
        "skill_relations": len(taxonomy.skill_relations),
        "broader_links": sum(len(c.broader) for c in taxonomy),
    }


def format_summary(summary: dict[str, Any]) -> str:
    """Plain text, one fact per line."""
    lines = [f"sources: {', '.join(summary['sources']) or '-'}"]
    lines.append(f"concepts: {summary['concepts']}")
    lines += [f"  {kind}: {count}" for kind, count in summary["kinds"].items()]
    lines.append("languages (concepts with a preferred label / all labels):")
    for lang, counts in summary["languages"].items():
        lines.append(f"  {lang}: {counts['preferred']} / {counts['labels']}")
    lines.append("collections:")
    lines += [f"  {name}: {count}" for name, count in summary["collections"].items()]
    occ = summary["occupation_skills"]
    lines.append(f"occupation → skill: {occ['essential']} essential, {occ['optional']} optional")
    lines.append(f"skill ↔ skill: {summary['skill_relations']}")
    lines.append(f"broader links: {summary['broader_links']}")
    return "\n".join(lines)
