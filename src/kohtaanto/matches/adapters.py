"""The boundary between the ORM and `kohtaanto.matching`: rows → plain dataclasses.

What matching may know about a participant (and nothing else):
- confirmed profile items only (suggested or rejected ones never count), with their source;
- occupations (confirmed items of kind occupation), spoken languages and levels (which the
  rules count as language skills, `skill.language`);
- the intake's municipality and its region (Statistics Finland codes);
- limits on work as codes ("no_heavy_lifting", …), only from
  `journeys.services.limits.restrictions_for_matching`, i.e. only while the
  `restricted_health_constraints` consent is given, and only in `profile_of` for the person's
  own suggestions (which the person and their coaches see). NEVER in a profile made for an
  employer-facing purpose (`also_for` with showing the profile to employers: a proposal's
  score and what an employer sees are computed without them), and never in the bulk
  `consented_profiles` (a coach's candidate lists, the fairness audit, the batch export file).
Hours wanted are not recorded in a structured form yet, so they stay empty. This module never
touches the journey's ESF+ entry data, the free-text restricted record, the birth date or any
special category (a test parses it).

Matching runs only for participants with the matching consents (`people.consent`, the one
module that decides): `profile_of` returns None otherwise, and `consented_profiles` leaves them
out; `also_for` adds purposes (showing the profile to employers). They are the only public ways
to a profile; the builder behind them (`_profiles_by_id`) is private.

`skill_graph()` and `labels()` come from the one taxonomy provider (`vocabularies.provider`),
the same loaded vocabulary recognition uses: the graph is built once per taxonomy and rebuilt
when a vocabulary is imported (its fingerprint changes).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import FloatField, QuerySet, TextField
from django.db.models.functions import Cast

from kohtaanto.journeys import rules as journey_rules
from kohtaanto.journeys.models import Intake, SpokenLanguage
from kohtaanto.journeys.services.limits import restrictions_for_matching
from kohtaanto.matching.graph import SkillGraph
from kohtaanto.matching.model import (
    Course,
    Opportunity,
    OpportunityKind,
    Profile,
    Remote,
    SkillEvidence,
    stated_level,
)
from kohtaanto.matching.rules import PRODUCT_VERSION, ScoringRules, load_rules
from kohtaanto.opportunities import models as opportunity_models
from kohtaanto.opportunities.adapters import to_matching_course, to_matching_opportunity
from kohtaanto.opportunities.enums import SkillImportance
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


def _profiles_by_id(participant_ids: list[int], *, limits: bool = True) -> dict[int, Profile]:
    """Profiles by id WITHOUT the consent check: only `profile_of` and `consented_profiles`
    call it, after `people.consent` has filtered the ids. `limits`: add the restriction codes
    of those who consented to them (never for employer-facing purposes)."""
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
    restrictions = restrictions_for_matching(participant_ids) if limits else {}
    return {
        pid: Profile(
            id=str(pid),
            skills=dict(skills[pid]),
            occupations=frozenset(occupations[pid]),
            languages=dict(languages[pid]),
            municipality=places.get(pid) or None,
            region=_region(places.get(pid) or ""),
            constraints=restrictions.get(pid, frozenset()),
        )
        for pid in participant_ids
    }


def _for_employers(also_for: Iterable[ConsentPurpose]) -> bool:
    return ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS in tuple(also_for)


def _purposes(also_for: Iterable[ConsentPurpose]) -> tuple[ConsentPurpose, ...]:
    return tuple(dict.fromkeys((*MATCHING_PURPOSES, *also_for)))


def profile_of(
    participant: Participant,
    *,
    also_for: Iterable[ConsentPurpose] = (),
    limits: bool = True,
) -> Profile | None:
    """The participant as matching sees them, or None without the matching consents (and
    those of `also_for`, e.g. showing the profile to employers). Limits on work (RESTRICTED)
    are used only when `limits` is true (the caller's reader may see restricted data) and
    never for an employer-facing profile."""
    also_for = tuple(also_for)
    if not consented_ids([participant.pk], _purposes(also_for)):
        return None
    with_limits = limits and not _for_employers(also_for)
    return _profiles_by_id([participant.pk], limits=with_limits)[participant.pk]


def consented_profiles(
    participants: QuerySet[Participant] | Iterable[int],
    *,
    also_for: Iterable[ConsentPurpose] = (),
) -> dict[int, Profile]:
    """Profiles of those of `participants` (a queryset or ids) who consented to matching (and
    to `also_for`), by participant id in id order; never with limits on work (RESTRICTED)."""
    also_for = tuple(also_for)
    ids: Iterable[int] = (
        participants.values_list("pk", flat=True)
        if isinstance(participants, QuerySet)
        else participants
    )
    return _profiles_by_id(sorted(consented_ids(ids, _purposes(also_for))), limits=False)


# --- opportunities and courses -------------------------------------------------------------


def opportunity_of(row: opportunity_models.Opportunity) -> Opportunity:
    """An ORM opportunity (prefetch `skills` for many) as `matching.Opportunity`."""
    return to_matching_opportunity(row)


OPPORTUNITY_COLUMNS = (
    "pk",
    "kind",
    "occupation_uri",
    "languages_text",
    "municipality_code",
    "region_code",
    "remote",
    "hours_float",
    "demands_text",
)


def _json(text: str | None, seen: dict[str, Any]) -> Any:
    """A JSON column's text, parsed once per distinct value (most rows share a few)."""
    if not text:
        return None
    if text not in seen:
        seen[text] = json.loads(text)
    return seen[text]


def opportunities_by_id(rows: QuerySet[opportunity_models.Opportunity]) -> dict[str, Opportunity]:
    """`opportunity_of` for every row of a queryset, by id, in two queries and without model
    instances (the suggestions page scores thousands). Field for field what
    `opportunities.adapters.to_matching_opportunity` gives (a test compares them)."""
    required: dict[int, set[str]] = defaultdict(set)
    nice: dict[int, set[str]] = defaultdict(set)
    skills = opportunity_models.OpportunitySkill.objects.filter(
        opportunity__in=rows.order_by().values("pk")
    ).values_list("opportunity_id", "uri", "importance")
    must_have, may_have = str(SkillImportance.REQUIRED), str(SkillImportance.NICE_TO_HAVE)
    for pk, uri, importance in skills:
        if importance == must_have:
            required[pk].add(uri)
        elif importance == may_have:
            nice[pk].add(uri)
    seen: dict[str, Any] = {}
    columns = rows.order_by("pk").annotate(
        languages_text=Cast("languages", TextField()),
        demands_text=Cast("physical_demands", TextField()),
        hours_float=Cast("hours_per_week", FloatField()),
    )
    kinds, remotes = {k.value: k for k in OpportunityKind}, {r.value: r for r in Remote}
    empty: frozenset[str] = frozenset()
    found: dict[str, Opportunity] = {}
    for (
        pk,
        kind,
        occupation,
        languages,
        municipality,
        region,
        remote,
        hours,
        demands,
    ) in columns.values_list(*OPPORTUNITY_COLUMNS):
        languages, demands = _json(languages, seen), _json(demands, seen)
        must = frozenset(required[pk]) if pk in required else empty
        key = str(pk)
        found[key] = Opportunity(
            id=key,
            kind=kinds[kind],
            required_skills=must,
            nice_to_have_skills=frozenset(nice[pk]) - must if pk in nice else empty,
            occupation=occupation or None,
            languages_required=dict(languages) if languages else {},
            municipality=municipality or None,
            region=region or None,
            remote=remotes[remote],
            hours=hours,
            physical_demands=frozenset(demands) if demands else empty,
        )
    return found


def course_of(row: opportunity_models.Course) -> Course:
    """A course; a language course also says the level it leads to, as its title or
    description states it ("Suomea työelämään B1"), for each language it teaches."""
    return _with_level(to_matching_course(row), row.title, row.description)


def _with_level(course: Course, title: str, description: str) -> Course:
    level = stated_level(title, description)
    if level is None:
        return course
    code_of = load_rules(PRODUCT_VERSION).languages.code_of
    codes = {code_of[uri] for uri in course.skills if uri in code_of}
    if not codes:
        return course
    return dataclasses.replace(course, levels=dict.fromkeys(sorted(codes), level))


COURSE_COLUMNS = ("pk", "cost_eur", "hours", "format", "language", "title", "description")


def courses(rows: QuerySet[opportunity_models.Course]) -> list[Course]:
    """`course_of` for every row of a queryset, in the queryset's order, in two queries and
    without model instances (the suggestion pages read the whole catalogue on every view).
    Field for field what `course_of` gives (a test compares them)."""
    taught: dict[int, set[str]] = defaultdict(set)
    skills = opportunity_models.CourseSkill.objects.filter(
        course__in=rows.order_by().values("pk")
    ).values_list("course_id", "uri")
    for pk, uri in skills:
        taught[pk].add(uri)
    empty: frozenset[str] = frozenset()
    return [
        _with_level(
            Course(
                id=str(pk),
                skills=frozenset(taught[pk]) if pk in taught else empty,
                cost_eur=float(cost),
                hours=float(hours),
                format=str(form),
                language=language,
            ),
            title,
            description,
        )
        for pk, cost, hours, form, language, title, description in rows.values_list(*COURSE_COLUMNS)
    ]


# --- the skill graph and labels from the one taxonomy provider ---------------------------


def skill_graph(rules: ScoringRules | None = None) -> SkillGraph:
    """The skill graph of the loaded taxonomy (`vocabularies.provider`: the active vocabulary,
    else the settings file or the starter set), built once per taxonomy and rules version and
    rebuilt when a vocabulary is imported — together with the recognition engine."""
    rules = rules or load_rules(PRODUCT_VERSION)
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
