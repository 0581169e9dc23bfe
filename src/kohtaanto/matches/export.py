"""Write the input of `kohtaanto match batch` from the database.

Only participants with the matching consent are written (as `adapters` sees them: confirmed
skills, occupations, languages, municipality and region; ids only, never names), and only open
opportunities. The format is `kohtaanto.matching.dataset` (JSON lines).
"""

from __future__ import annotations

import json
from typing import IO

from kohtaanto.matches import adapters
from kohtaanto.matches.services import open_opportunities
from kohtaanto.matching.dataset import FORMAT
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.models import Participant


def write_batch_input(handle: IO[str], organisation_id: int | None = None) -> tuple[int, int]:
    """Write profile and opportunity lines; return (profiles, opportunities) written."""
    people = Participant.objects.all()
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
        rows = open_opportunities(organisation_id)
    else:
        rows = Opportunity.objects.filter(status=OpportunityStatus.OPEN).prefetch_related("skills")
    handle.write(json.dumps({"type": "meta", "format": FORMAT}) + "\n")
    profiles = adapters.consented_profiles(people)
    for profile in profiles.values():
        record = {
            "type": "profile",
            "id": profile.id,
            "skills": {uri: evidence.source for uri, evidence in sorted(profile.skills.items())},
            "occupations": sorted(profile.occupations),
            "languages": dict(sorted(profile.languages.items())),
            "municipality": profile.municipality,
            "region": profile.region,
            "hours_wanted": profile.hours_wanted,
            "constraints": sorted(profile.constraints),
        }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    count = 0
    for row in rows.order_by("pk"):
        o = adapters.opportunity_of(row)
        record = {
            "type": "opportunity",
            "id": o.id,
            "kind": str(o.kind),
            "required_skills": sorted(o.required_skills),
            "nice_to_have_skills": sorted(o.nice_to_have_skills),
            "occupation": o.occupation,
            "languages_required": dict(sorted(o.languages_required.items())),
            "municipality": o.municipality,
            "region": o.region,
            "remote": str(o.remote),
            "hours": o.hours,
            "physical_demands": sorted(o.physical_demands),
        }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return len(profiles), count
