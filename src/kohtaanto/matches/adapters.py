"""The boundary between the ORM and `kohtaanto.matching`: rows → plain dataclasses.

What matching may know about a participant (and nothing else):
- confirmed profile items only (suggested or rejected ones never count), with their source;
- occupations (confirmed items of kind occupation), spoken languages and levels;
- the intake's municipality and its region (Statistics Finland codes).
Hours wanted and stated work constraints are not recorded in a structured, consented form
yet, so they stay empty. This module never touches the journey's ESF+ entry data, the
restricted health constraints, the birth date or any special category (a test parses it).

Matching runs only for participants with the matching consent (`may_use_for_matching`):
`profile_of` returns None otherwise, and `consented_profiles` leaves them out.

`skill_graph()` is built from the vocabularies in the database (broader links, skill ↔ skill
relations, occupations' essential skills) once per process and rebuilt when a vocabulary is
imported again (its checksum or import time changes). While no vocabulary is imported (a fresh
demo), it falls back to the taxonomy the recogniser uses (`profiles.adapters.get_taxonomy`).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from kohtaanto.journeys import rules as journey_rules
from kohtaanto.journeys.models import Intake, SpokenLanguage
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.model import Course, Opportunity, Profile, SkillEvidence
from kohtaanto.matching.rules import ScoringRules, load_rules
from kohtaanto.opportunities import models as opportunity_models
from kohtaanto.opportunities.adapters import to_matching_course, to_matching_opportunity
from kohtaanto.people.consent import MATCHING_PURPOSES, may_use_for_matching
from kohtaanto.people.enums import ConsentEventKind, ConsentPurpose
from kohtaanto.people.models import ConsentEvent, Participant
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.taxonomy.model import Concept as TaxonomyConcept
from kohtaanto.taxonomy.model import ConceptKind, Relation, SkillRelation, Taxonomy
from kohtaanto.vocabularies import models as vocabulary_models
from kohtaanto.vocabularies.enums import LabelType

OCCUPATION = "occupation"


# --- consent ---------------------------------------------------------------------------------


def consented_ids(
    participant_ids: Iterable[int], purposes: Iterable[ConsentPurpose | str]
) -> set[int]:
    """Participants (of `participant_ids`) whose latest event is "given" for every purpose.

    The bulk form of `people.consent.has_consent` (same rule: the latest event by time, then
    id, decides; never answered = not given).
    """
    ids = list(participant_ids)
    wanted = [str(p) for p in purposes]
    latest: dict[tuple[int, str], str] = {}
    events = (
        ConsentEvent.objects.filter(participant_id__in=ids, purpose__in=wanted)
        .order_by("participant_id", "purpose", "at", "id")
        .values_list("participant_id", "purpose", "kind")
    )
    for pid, purpose, kind in events:
        latest[(pid, purpose)] = kind
    return {
        pid for pid in ids if all(latest.get((pid, p)) == ConsentEventKind.GIVEN for p in wanted)
    }


def matching_consented(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    """Only those who may be matched (service processing and matching consents)."""
    ids = consented_ids(participants.values_list("pk", flat=True), MATCHING_PURPOSES)
    return participants.filter(pk__in=ids)


# --- profiles --------------------------------------------------------------------------------


def _region(municipality: str) -> str | None:
    found = journey_rules.municipalities().get(municipality) if municipality else None
    return found.region_code if found else None


def unchecked_profiles(participant_ids: list[int]) -> dict[int, Profile]:
    """Profiles by id WITHOUT the consent check: callers filter with `consented_ids` first."""
    skills: dict[int, dict[str, SkillEvidence]] = defaultdict(dict)
    occupations: dict[int, set[str]] = defaultdict(set)
    items = ProfileItem.objects.filter(
        participant_id__in=participant_ids, status=ItemStatus.CONFIRMED
    ).values_list("participant_id", "uri", "kind", "source")
    for pid, uri, kind, source in items:
        if kind == OCCUPATION:
            occupations[pid].add(uri)
        else:
            skills[pid][uri] = SkillEvidence(source, True)
    languages: dict[int, dict[str, str]] = defaultdict(dict)
    rows = SpokenLanguage.objects.filter(participant_id__in=participant_ids).values_list(
        "participant_id", "language", "level"
    )
    for pid, code, level in rows:
        languages[pid][code] = level
    places = dict(
        Intake.objects.filter(participant_id__in=participant_ids).values_list(
            "participant_id", "municipality_code"
        )
    )
    return {
        pid: Profile(
            id=str(pid),
            skills=dict(skills[pid]),
            occupations=frozenset(occupations[pid]),
            languages=dict(languages[pid]),
            municipality=places.get(pid) or None,
            region=_region(places.get(pid) or ""),
        )
        for pid in participant_ids
    }


def profile_of(participant: Participant) -> Profile | None:
    """The participant as matching sees them, or None without the matching consent."""
    if not may_use_for_matching(participant):
        return None
    return unchecked_profiles([participant.pk])[participant.pk]


def consented_profiles(participants: QuerySet[Participant]) -> dict[int, Profile]:
    """Profiles of those of `participants` who consented to matching, by participant id."""
    ids = sorted(matching_consented(participants).values_list("pk", flat=True))
    return unchecked_profiles(ids)


# --- opportunities and courses -------------------------------------------------------------


def opportunity_of(row: opportunity_models.Opportunity) -> Opportunity:
    """An ORM opportunity (prefetch `skills` for many) as `matching.Opportunity`."""
    return to_matching_opportunity(row)


def course_of(row: opportunity_models.Course) -> Course:
    return to_matching_course(row)


def courses(rows: QuerySet[opportunity_models.Course]) -> list[Course]:
    return [course_of(row) for row in rows.prefetch_related("skills")]


# --- the skill graph from the database vocabulary ------------------------------------------

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[object, ...], SkillGraph]] = {}


def vocabulary_state() -> tuple[object, ...]:
    """Changes whenever a vocabulary is imported, updated or removed."""
    return tuple(
        vocabulary_models.Vocabulary.objects.order_by("pk").values_list(
            "pk", "checksum", "imported_at", "concept_count"
        )
    )


def taxonomy_from_database() -> Taxonomy:
    """The structure matching needs (kinds, codes, broader, relations), without labels."""
    taxonomy = Taxonomy()
    uri_of: dict[int, str] = {}
    for pk, uri, kind, code in vocabulary_models.Concept.objects.values_list(
        "pk", "uri", "kind", "code"
    ):
        uri_of[pk] = uri
        if uri not in taxonomy.concepts:
            taxonomy.concepts[uri] = TaxonomyConcept(uri, ConceptKind(kind), code=code or None)
    for concept_id, broader_id in vocabulary_models.ConceptBroader.objects.values_list(
        "concept_id", "broader_id"
    ):
        concept = taxonomy.concepts[uri_of[concept_id]]
        if uri_of[broader_id] not in concept.broader:
            concept.broader.append(uri_of[broader_id])
    for occupation_id, skill_id, relation in vocabulary_models.OccupationSkill.objects.values_list(
        "occupation_id", "skill_id", "relation"
    ):
        taxonomy.occupation_skills.setdefault(uri_of[occupation_id], {})[uri_of[skill_id]] = (
            Relation(relation)
        )
    for source_id, target_id, relation in vocabulary_models.SkillSkillRelation.objects.values_list(
        "source_id", "target_id", "relation"
    ):
        taxonomy.skill_relations.append(
            SkillRelation(uri_of[source_id], uri_of[target_id], Relation(relation))
        )
    return taxonomy


def _taxonomy_for(state: tuple[object, ...]) -> Taxonomy:
    if state:
        return taxonomy_from_database()
    # No vocabulary imported yet: the taxonomy the recogniser uses (settings file or starter).
    from kohtaanto.profiles.adapters import get_taxonomy

    return get_taxonomy()


def skill_graph(rules: ScoringRules | None = None) -> SkillGraph:
    """The process-wide skill graph of the database vocabularies (rebuilt after an import);
    while no vocabulary is imported, that of the configured taxonomy file (or starter set)."""
    rules = rules or load_rules()
    state = vocabulary_state()
    cached = _cache.get(rules.version)
    if cached is not None and cached[0] == state:
        return cached[1]
    with _lock:
        cached = _cache.get(rules.version)
        if cached is not None and cached[0] == state:
            return cached[1]
        graph = SkillGraph.from_taxonomy(_taxonomy_for(state), rules)
        _cache[rules.version] = (state, graph)
        return graph


def clear_graph_cache() -> None:
    _cache.clear()


# --- labels ----------------------------------------------------------------------------------

FALLBACK = ("fi", "sv", "en")


def labels(
    uris: Iterable[str], lang: str, known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """URI → preferred label in `lang` (else another language, else `known`, else the URI)."""
    wanted = set(uris)
    order = [lang, *(code for code in FALLBACK if code != lang)]
    best: dict[str, tuple[int, str]] = {}
    rows = vocabulary_models.ConceptLabel.objects.filter(
        concept__uri__in=wanted, label_type=LabelType.PREFERRED, language__in=order
    ).values_list("concept__uri", "language", "text")
    for uri, language, text in rows:
        rank = order.index(language)
        if uri not in best or rank < best[uri][0]:
            best[uri] = (rank, text)
    known = known or {}
    result = {uri: best[uri][1] for uri in best}
    for uri in wanted - set(result):
        result[uri] = known.get(uri) or _file_label(uri, lang) or uri
    return result


def _file_label(uri: str, lang: str) -> str | None:
    from kohtaanto.profiles.adapters import get_taxonomy

    found = get_taxonomy().get(uri)
    return found.label(lang) if found else None
