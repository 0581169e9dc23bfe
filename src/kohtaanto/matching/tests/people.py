"""Seeded random profiles and opportunities over a taxonomy, as dataclasses."""

from __future__ import annotations

import random

from kohtaanto.matching.model import Opportunity, OpportunityKind, Profile, Remote, SkillEvidence
from kohtaanto.taxonomy.model import ConceptKind, Taxonomy

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]
PLACES = [("091", "01"), ("049", "01"), ("837", "06"), ("564", "17"), (None, None)]


def _skills(taxonomy: Taxonomy) -> list[str]:
    return sorted(c.uri for c in taxonomy if c.kind.is_skill_like)


def _occupations(taxonomy: Taxonomy) -> list[str]:
    return sorted(c.uri for c in taxonomy.of_kind(ConceptKind.OCCUPATION))


def random_profiles(taxonomy: Taxonomy, n: int, seed: int = 1) -> list[Profile]:
    rng = random.Random(seed)
    skills, occupations = _skills(taxonomy), _occupations(taxonomy)
    people = []
    for i in range(n):
        occupation = rng.choice(occupations)
        own = list(taxonomy.occupation_skills.get(occupation, {}))
        chosen = rng.sample(own, min(len(own), rng.randint(0, 8))) + rng.sample(
            skills, rng.randint(0, 5)
        )
        municipality, region = rng.choice(PLACES)
        people.append(
            Profile(
                id=f"p{i:03d}",
                skills={s: SkillEvidence(rng.choice(["cv", "coach"])) for s in chosen},
                occupations=frozenset([*rng.sample(occupations, rng.randint(0, 2)), occupation]),
                languages={
                    code: rng.choice(LEVELS)
                    for code in rng.sample(["fi", "sv", "en", "ar"], rng.randint(0, 3))
                },
                municipality=municipality,
                region=region,
                hours_wanted=rng.choice([None, 20.0, 30.0, 37.5]),
                constraints=frozenset(
                    rng.sample(
                        ["no_heavy_lifting", "no_night_shifts", "no_driving"], rng.randint(0, 1)
                    )
                ),
            )
        )
    return people


def random_opportunities(taxonomy: Taxonomy, m: int, seed: int = 2) -> list[Opportunity]:
    rng = random.Random(seed)
    skills, occupations = _skills(taxonomy), _occupations(taxonomy)
    found = []
    for i in range(m):
        occupation = rng.choice([*occupations, None])  # type: ignore[list-item]
        own = list(taxonomy.occupation_skills.get(occupation or "", {})) or skills
        required = rng.sample(own, min(len(own), rng.randint(1, 5)))
        nice = rng.sample(skills, rng.randint(0, 4))
        municipality, region = rng.choice(PLACES)
        found.append(
            Opportunity(
                id=f"o{i:03d}",
                kind=rng.choice(list(OpportunityKind)),
                required_skills=frozenset(required),
                nice_to_have_skills=frozenset(nice),
                occupation=occupation,
                languages_required={
                    code: rng.choice(LEVELS[:4])
                    for code in rng.sample(["fi", "en", "sv"], rng.randint(0, 2))
                },
                municipality=municipality,
                region=region,
                remote=rng.choice(list(Remote)),
                hours=rng.choice([None, 20.0, 37.5, 40.0]),
                physical_demands=frozenset(
                    rng.sample(["heavy_lifting", "night_shifts", "standing"], rng.randint(0, 2))
                ),
            )
        )
    return found
