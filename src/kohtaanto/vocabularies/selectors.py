"""Reads of the vocabularies app: search-as-you-type over labels, and labels for display.

Without a `vocabulary` name they read the active vocabulary — the one `provider` loads for
recognition and matching, so a picker offers exactly the concepts the rest of the app knows —
or, while none is active, every vocabulary (the first hit per URI).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from kohtaanto.vocabularies.enums import LabelType
from kohtaanto.vocabularies.models import Concept, ConceptLabel, Vocabulary
from kohtaanto.vocabularies.text import normalise

FALLBACK_LANGUAGES = ("en", "fi", "sv")


@dataclass(frozen=True, slots=True)
class ConceptHit:
    uri: str
    kind: str
    label: str
    """The preferred label in the asked language (else a fallback language)."""
    matched: str
    """The label that matched the query (may be an alternative label)."""
    code: str


def _in_vocabulary(name: str | None, via: str = "") -> Q:
    """Concepts (through `via`) of vocabulary `name`, else of the active one, else of any."""
    if name is not None:
        return Q(**{f"{via}vocabulary__name": name})
    active = Vocabulary.objects.filter(active=True).values_list("pk", flat=True).first()
    return Q(**{f"{via}vocabulary_id": active}) if active is not None else Q()


def _ranked(labels: QuerySet[ConceptLabel], query: str) -> QuerySet[ConceptLabel]:
    """Rank: preferred prefix, other prefix, preferred word start, other word start, the rest."""
    preferred = Q(label_type=LabelType.PREFERRED)
    prefix = Q(search_text__startswith=query)
    word = Q(search_text__contains=" " + query)
    rank = Case(
        When(preferred & prefix, then=Value(0)),
        When(prefix, then=Value(1)),
        When(preferred & word, then=Value(2)),
        When(word, then=Value(3)),
        When(preferred, then=Value(4)),
        default=Value(5),
        output_field=IntegerField(),
    )
    return labels.annotate(rank=rank).order_by("rank", Length("text"), "text", "pk")


def search_concepts(
    query: str,
    lang: str,
    kinds: Iterable[str] | None = None,
    limit: int = 20,
    vocabulary: str | None = None,
) -> list[ConceptHit]:
    """Concepts with a label in `lang` containing `query`, best matches first."""
    needle = normalise(query)
    if not needle or limit <= 0:
        return []
    labels = ConceptLabel.objects.filter(language=lang, search_text__contains=needle)
    if kinds is not None:
        labels = labels.filter(concept__kind__in=[str(kind) for kind in kinds])
    labels = labels.filter(_in_vocabulary(vocabulary, "concept__"))
    best: dict[str, tuple[int, str, str, str]] = {}
    rows = _ranked(labels, needle).values_list(
        "concept_id", "concept__uri", "concept__kind", "concept__code", "text"
    )
    for concept_id, uri, kind, code, text in rows[: limit * 5]:
        if uri not in best:
            best[uri] = (concept_id, kind, code, text)
        if len(best) >= limit:
            break
    names = _preferred_labels([pk for pk, *_ in best.values()], lang)
    return [
        ConceptHit(uri, kind, names.get(pk, text), text, code)
        for uri, (pk, kind, code, text) in best.items()
    ]


def _preferred_labels(concept_ids: list[int], lang: str) -> dict[int, str]:
    """Concept pk → preferred label in `lang`, else in the first fallback language that has one."""
    order = [lang, *(code for code in FALLBACK_LANGUAGES if code != lang)]
    found: dict[int, tuple[int, str]] = {}
    rows = ConceptLabel.objects.filter(  # no language filter: keep the planner on concept_id
        concept_id__in=concept_ids, label_type=LabelType.PREFERRED
    ).values_list("concept_id", "language", "text")
    for pk, language, text in rows:
        if language not in order:
            continue
        position = order.index(language)
        if pk not in found or position < found[pk][0]:
            found[pk] = (position, text)
    return {pk: text for pk, (_, text) in found.items()}


def concept_label(uri: str, lang: str, vocabulary: str | None = None) -> str | None:
    """Preferred label of a concept in `lang` (with fallbacks); its URI if it has no label;
    None if no vocabulary holds the URI."""
    concepts = Concept.objects.filter(_in_vocabulary(vocabulary), uri=uri)
    pk = concepts.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        return None
    return _preferred_labels([pk], lang).get(pk, uri)
