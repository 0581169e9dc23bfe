"""Reads of the skills profile.

`skills_profile(user, participant_id, lang)` is the profile page: confirmed items grouped the way
a person understands them, the occupations done or possible, and what is still unconfirmed.
`profile_of(participant, lang)` builds the same for an already-accessed participant (CV, export,
"my path").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from kohtaanto.core.access import visible_or_none
from kohtaanto.people.access import access_participant
from kohtaanto.people.models import Participant
from kohtaanto.profiles import adapters
from kohtaanto.profiles.enums import ChangeStatus, ItemSource, ItemStatus, ProfileGroup
from kohtaanto.profiles.models import ChangeRequest, ProfileItem
from kohtaanto.reference.languages import language_levels
from kohtaanto.vocabularies import provider

GROUP_ORDER = (
    ProfileGroup.WORK,
    ProfileGroup.KNOWLEDGE,
    ProfileGroup.HOBBY,
    ProfileGroup.DIGITAL,
    ProfileGroup.LANGUAGE,
)


@dataclass(frozen=True)
class ProfileEntry:
    id: int
    uri: str
    label: str
    kind: str
    group: str
    status: str
    source: str
    score: float
    goal: bool
    decided_at: datetime | None
    evidence: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class LanguageEntry:
    language: str
    level: str
    level_label: str


@dataclass(frozen=True)
class PossibleOccupation:
    uri: str
    label: str
    covered: int
    """Essential skills of the occupation that are confirmed."""
    essential: int


@dataclass
class SkillsProfile:
    participant_id: int
    groups: dict[str, list[ProfileEntry]] = field(default_factory=dict)
    """ProfileGroup value → confirmed skills (work, knowledge, hobby, digital, language)."""
    occupations: list[ProfileEntry] = field(default_factory=list)
    """Confirmed occupations: done before or possible."""
    unconfirmed: list[ProfileEntry] = field(default_factory=list)
    """Suggestions still waiting for a decision, best first (goals excluded)."""
    wishes: list[ProfileEntry] = field(default_factory=list)
    """Suggestions found in "I would like to learn …" sentences."""
    rejected: list[ProfileEntry] = field(default_factory=list)
    languages: list[LanguageEntry] = field(default_factory=list)
    """Languages spoken, with CEFR level, from the intake."""
    possible_occupations: list[PossibleOccupation] = field(default_factory=list)
    """Occupations not yet in the profile whose essential skills are mostly confirmed."""

    @property
    def confirmed(self) -> list[ProfileEntry]:
        return [e for entries in self.groups.values() for e in entries] + self.occupations

    def group_names(self) -> dict[str, str]:
        return {value: str(ProfileGroup(value).label) for value in self.groups}


def _entry(item: ProfileItem, lang: str) -> ProfileEntry:
    return ProfileEntry(
        id=item.pk,
        uri=item.uri,
        label=adapters.label_of(item.uri, lang) or item.label,
        kind=item.kind,
        group=item.group,
        status=item.status,
        source=item.source,
        score=item.score,
        goal=item.goal,
        decided_at=item.decided_at,
        evidence=tuple(item.evidence or ()),
    )


def profile_of(participant: Participant, lang: str = "fi") -> SkillsProfile:
    """The grouped profile of an already-accessed participant (two queries)."""
    profile = SkillsProfile(participant.pk, groups={g.value: [] for g in GROUP_ORDER})
    for item in ProfileItem.objects.filter(participant=participant).order_by("-score", "label"):
        entry = _entry(item, lang)
        if item.status == ItemStatus.CONFIRMED:
            if item.group == ProfileGroup.OCCUPATION:
                profile.occupations.append(entry)
            else:
                profile.groups.setdefault(item.group, []).append(entry)
        elif item.status == ItemStatus.REJECTED:
            profile.rejected.append(entry)
        elif item.goal:
            profile.wishes.append(entry)
        else:
            profile.unconfirmed.append(entry)
    for entries in (*profile.groups.values(), profile.occupations):
        entries.sort(key=lambda e: e.label.casefold())
    levels = language_levels()
    profile.languages = [
        LanguageEntry(code, level, levels[level].label.get(lang) if level in levels else level)
        for code, level in participant.spoken_languages.order_by("id").values_list(
            "language", "level"
        )
    ]
    profile.possible_occupations = possible_occupations(profile, lang)
    return profile


def possible_occupations(
    profile: SkillsProfile, lang: str = "fi", *, limit: int = 5, min_share: float = 0.5
) -> list[PossibleOccupation]:
    """Occupations the person could do: at least `min_share` (and at least two) of their
    essential skills are confirmed. Uses the taxonomy only (no matching, no other people)."""
    confirmed = {e.uri for e in profile.confirmed}
    if not confirmed:
        return []
    taxonomy = provider.get_taxonomy()
    found = []
    for uri in taxonomy.occupation_skills:
        if uri in confirmed:
            continue
        essential = taxonomy.essential_skills(uri)
        covered = sum(1 for skill in essential if skill in confirmed)
        if essential and covered >= 2 and covered / len(essential) >= min_share:
            concept = taxonomy.get(uri)
            label = concept.label(lang) if concept else uri
            found.append(PossibleOccupation(uri, label, covered, len(essential)))
    found.sort(key=lambda o: (-o.covered / o.essential, -o.covered, o.label))
    return found[:limit]


def skills_profile(user: Any, participant_id: object, lang: str = "fi") -> SkillsProfile:
    """The profile page data for `user` (audited read; 404 when not visible)."""
    return profile_of(access_participant(user, participant_id), lang)


def confirmed_uris(participant: Participant) -> list[tuple[str, str]]:
    """(uri, kind) of the confirmed items."""
    return list(
        ProfileItem.objects.filter(participant=participant, status=ItemStatus.CONFIRMED)
        .order_by("kind", "label")
        .values_list("uri", "kind")
    )


def search_profile_concepts(query: str, lang: str = "fi", limit: int = 20) -> list[Any]:
    """Search-as-you-type for adding a skill or an occupation by hand: the database
    vocabularies (`vocabularies.selectors.search_concepts`) limited to the kinds a profile
    holds. Returns `ConceptHit`s; pass `hit.uri` to `profiles.services.add_item`."""
    from kohtaanto.vocabularies.selectors import search_concepts

    return search_concepts(
        query, lang, kinds=("skill", "knowledge", "competence", "occupation"), limit=limit
    )


# --- changes suggested by the participant ----------------------------------------------


def changes_of(participant: Participant, *, pending_only: bool = False) -> list[ChangeRequest]:
    """The participant's suggested changes, newest first (for an already-accessed record)."""
    rows = ChangeRequest.objects.filter(participant=participant).select_related("item")
    if pending_only:
        rows = rows.filter(status=ChangeStatus.PENDING)
    return list(rows.order_by("-created", "-id"))


def pending_changes_by_participant(participants: Any) -> dict[int, int]:
    """{participant id: pending suggestions} for a queryset (or list) of participant ids."""
    from django.db.models import Count

    rows = (
        ChangeRequest.objects.filter(participant__in=participants, status=ChangeStatus.PENDING)
        .values("participant_id")
        .annotate(n=Count("id"))
        .values_list("participant_id", "n")
    )
    return dict(rows)


# --- suggestions grouped for review -------------------------------------------------------

SUGGESTION_MIN_SCORE = 0.3
"""Below this score a suggestion is shown only after "show all" (the default of a language
without a calibrated threshold; see `shown_threshold`)."""


@cache
def _shown_thresholds() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("kohtaanto.profiles")
        .joinpath("data", "shown_thresholds.json")
        .read_text("utf-8")
    )
    return data


def shown_threshold(lang: str | None, group: str = "text") -> float | None:
    """The score from which a suggestion of a group ("text", "occupation", "inferred") in
    `lang` is shown without "show all", or None when that group is shown only after "show
    all": calibrated per language and group on the tuning half of the story sets
    (`data/shown_thresholds.json` says how)."""
    data = _shown_thresholds()
    overrides = data.get("groups", {}).get(group, {})
    key = lang if lang in overrides else "default"
    if key in overrides:
        value = overrides[key]
        return None if value is None else float(value)
    return float(data["languages"].get(lang or "", data["default"]))


def shown_by_default(entry: ProfileEntry, lang: str | None) -> bool:
    """Whether an unconfirmed suggestion is shown before "show all" (`shown_threshold` of its
    group and language)."""
    threshold = shown_threshold(lang, suggestion_group_of(entry))
    return threshold is not None and entry.score >= threshold


def shown_wishes(
    wishes: list[ProfileEntry], lang: str | None, *, show_all: bool = False
) -> list[ProfileEntry]:
    """The wishes ("haluaisin oppia …") shown before "show all": by the same thresholds as
    the other suggestions (`shown_by_default`), so that a weak one waits behind "show all"
    ("Mitt mål är att få ett jobb" is no wish to paint)."""
    return list(wishes) if show_all else [e for e in wishes if shown_by_default(e, lang)]


SUGGESTION_LIMITS = {"text": 12, "occupation": 6, "inferred": 8}
"""How many of each group are shown by default (best score first)."""


@dataclass(frozen=True)
class SuggestionGroup:
    key: str
    """"text" (skills found in the text), "occupation" or "inferred" (from an occupation)."""
    entries: list[ProfileEntry]
    """The suggestions shown now, best first."""
    hidden: int
    """How many more there are (shown with "show all")."""

    @property
    def total(self) -> int:
        return len(self.entries) + self.hidden


def suggestion_group_of(entry: ProfileEntry) -> str:
    if entry.kind == "occupation":
        return "occupation"
    if entry.source == ItemSource.INFERRED:
        return "inferred"
    return "text"


def group_suggestions(
    entries: list[ProfileEntry],
    *,
    show_all: bool = False,
    limits: dict[str, int] | None = None,
    min_score: float | None = None,
    lang: str | None = None,
) -> list[SuggestionGroup]:
    """Unconfirmed suggestions in three groups (skills found in the text, occupations, skills
    inferred from an occupation), each capped to its best few at or above the threshold
    (`min_score` for every group, else the story language's `shown_threshold` of the group)
    unless `show_all`. Weaker ones wait behind "show all": a group whose suggestions are all
    weak, or a group the calibration shows only on request (skills inferred from an
    occupation, since shown-v2), shows none (fewer, better suggestions; issue 13). Empty
    groups are left out; the order of the groups is fixed."""
    limits = SUGGESTION_LIMITS if limits is None else limits
    grouped: dict[str, list[ProfileEntry]] = {key: [] for key in SUGGESTION_LIMITS}
    for entry in entries:
        grouped[suggestion_group_of(entry)].append(entry)
    result = []
    for key, members in grouped.items():
        if not members:
            continue
        members = sorted(members, key=lambda e: (-e.score, e.label.casefold()))
        threshold = shown_threshold(lang, key) if min_score is None else min_score
        if show_all:
            shown = members
        elif threshold is None:
            shown = []
        else:
            shown = [e for e in members if e.score >= threshold][: limits.get(key, 10)]
        result.append(SuggestionGroup(key, shown, len(members) - len(shown)))
    return result


# --- one accessed participant's records, for the pages ---------------------------------------


def item_of(participant: Participant, item_id: object) -> ProfileItem | None:
    """A profile item of this participant (None if it is not theirs or not an id)."""
    return visible_or_none(ProfileItem.objects.filter(participant=participant), item_id)


def change_of(participant: Participant, change_id: object) -> ChangeRequest | None:
    """A suggested change of this participant (None if it is not theirs or not an id)."""
    return visible_or_none(ChangeRequest.objects.filter(participant=participant), change_id)


def pending_change_count(participant: Participant) -> int:
    return ChangeRequest.objects.filter(
        participant=participant, status=ChangeStatus.PENDING
    ).count()
