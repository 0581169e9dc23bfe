"""The boundary between the ORM and `kohtaanto.matching`: rows → plain dataclasses.

What matching may know about a participant (and nothing else):
- confirmed profile items only (suggested or rejected ones never count), with their source;
- occupations (confirmed items of kind occupation), spoken languages and levels;
- the intake's municipality and its region (Statistics Finland codes).
Hours wanted and stated work constraints are not recorded in a structured, consented form
yet, so they stay empty. This module never touches the journey's ESF+ entry data, the
restricted health constraints, the birth date or any special category (a test parses it).

Matching runs only for participants with the matching consents (`people.consent`, the one
module that decides): `profile_of` returns None otherwise, and `consented_profiles` leaves them
out; `also_for` adds purposes (showing the profile to employers). They are the only public ways
to a profile; the builder behind them (`_profiles_by_id`) is private.

`skill_graph()` and `labels()` come from the one taxonomy provider (`vocabularies.provider`),
the same loaded vocabulary recognition uses: the graph is built once per taxonomy and rebuilt
when a vocabulary is imported (its fingerprint changes).
"""

from __future__ import annotations

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
from kohtaanto.people.consent import MATCHING_PURPOSES, consented_ids
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.vocabularies import provider

OCCUPATION = "occupation"


# --- profiles (only ever after the consent check) ------------------------------------------


def _region(municipality: str) -> str | None:
    found = journey_rules.municipalities().get(municipality) if municipality else None
    return found.region_code if found else None


def _profiles_by_id(participant_ids: list[int]) -> dict[int, Profile]:
    """Profiles by id WITHOUT the consent check: only `profile_of` and `consented_profiles`
    call it, after `people.consent` has filtered the ids."""
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


def _purposes(also_for: Iterable[ConsentPurpose]) -> tuple[ConsentPurpose, ...]:
    return tuple(dict.fromkeys((*MATCHING_PURPOSES, *also_for)))


def profile_of(
    participant: Participant, *, also_for: Iterable[ConsentPurpose] = ()
) -> Profile | None:
    """The participant as matching sees them, or None without the matching consents (and
    those of `also_for`, e.g. showing the profile to employers)."""
    if not consented_ids([participant.pk], _purposes(also_for)):
        return None
    return _profiles_by_id([participant.pk])[participant.pk]


def consented_profiles(
    participants: QuerySet[Participant] | Iterable[int],
    *,
    also_for: Iterable[ConsentPurpose] = (),
) -> dict[int, Profile]:
    """Profiles of those of `participants` (a queryset or ids) who consented to matching (and
    to `also_for`), by participant id in id order."""
    ids: Iterable[int] = (
        participants.values_list("pk", flat=True)
        if isinstance(participants, QuerySet)
        else participants
    )
    return _profiles_by_id(sorted(consented_ids(ids, _purposes(also_for))))


# --- opportunities and courses -------------------------------------------------------------


def opportunity_of(row: opportunity_models.Opportunity) -> Opportunity:
    """An ORM opportunity (prefetch `skills` for many) as `matching.Opportunity`."""
    return to_matching_opportunity(row)


def course_of(row: opportunity_models.Course) -> Course:
    return to_matching_course(row)


def courses(rows: QuerySet[opportunity_models.Course]) -> list[Course]:
    return [course_of(row) for row in rows.prefetch_related("skills")]


# --- the skill graph and labels from the one taxonomy provider ---------------------------


def skill_graph(rules: ScoringRules | None = None) -> SkillGraph:
    """The skill graph of the loaded taxonomy (`vocabularies.provider`: the active vocabulary,
    else the settings file or the starter set), built once per taxonomy and rules version and
    rebuilt when a vocabulary is imported — together with the recognition engine."""
    rules = rules or load_rules()
    return provider.derived(
        ("skill graph", rules.version), lambda taxonomy: SkillGraph.from_taxonomy(taxonomy, rules)
    )


def labels(
    uris: Iterable[str], lang: str, known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """URI → preferred label in `lang` (else another language, else `known`, else the URI),
    from the same loaded taxonomy as recognition and `profiles.adapters.label_of`."""
    taxonomy = provider.get_taxonomy()
    known = known or {}
    result = {}
    for uri in set(uris):
        found = taxonomy.get(uri)
        text = found.label(lang) if found else uri  # a concept without labels gives its URI
        result[uri] = text if text != uri else known.get(uri) or uri
    return result
