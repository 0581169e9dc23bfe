"""The fairness audit on an organisation's real data (the Django side of
`kohtaanto.matching.fairness`).

This is the ONLY module where ESF+ entry data (age band, gender category) meets matching
results. Rules:
- the rankings are computed first, exactly as the candidates page computes them (participants
  of the organisation with the matching consent, the organisation's open opportunities),
  without the ESF+ data;
- the ESF+ age band and gender category are then read only for participants who gave the
  `anonymised_statistics` consent ("using my data in anonymised statistics"); everyone else is
  "not stated";
- only aggregate counts leave this module, and groups smaller than `min_group_size` are
  suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kohtaanto.core.models import Organisation
from kohtaanto.journeys import rules as journey_rules
from kohtaanto.journeys.models import EsfEntryData
from kohtaanto.matches import adapters
from kohtaanto.matches.services import open_opportunities
from kohtaanto.matching.fairness import AuditParameters, AuditReport, audit_rankings
from kohtaanto.matching.model import Opportunity, Profile
from kohtaanto.matching.rules import PRODUCT_VERSION, load_rules
from kohtaanto.people.consent import consented_ids
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

ATTRIBUTES = {"age_band": "age_band", "gender": "gender_category"}


def _audit_attributes(participant_ids: list[int]) -> dict[str, dict[str, str]]:
    """ESF+ age band and gender of those who consented to anonymised statistics."""
    allowed = consented_ids(participant_ids, ConsentPurpose.ANONYMISED_STATISTICS)
    rows = EsfEntryData.objects.filter(participant_id__in=sorted(allowed)).values_list(
        "participant_id", *ATTRIBUTES.values()
    )
    result: dict[str, dict[str, str]] = {name: {} for name in ATTRIBUTES}
    for pid, *values in rows:
        for name, value in zip(ATTRIBUTES, values, strict=True):
            if value:
                result[name][str(pid)] = str(value)
    return result


def rankings_for(
    profiles: Sequence[Profile], opportunities: Sequence[Opportunity], k: int
) -> dict[str, list[str]]:
    """Each opportunity's top-k profile ids, from the batch kernel (bit-identical to the
    pairwise `Matcher.suggest_candidates`, which the library's tests check; ~100× faster)."""
    from kohtaanto.matching.batch import run_opportunities
    from kohtaanto.matching.encode import Vocabulary, encode
    from kohtaanto.matching.kernel import build_tables

    rankings: dict[str, list[str]] = {o.id: [] for o in opportunities}
    if not profiles or not opportunities:
        return rankings
    rules = load_rules(PRODUCT_VERSION)  # the rules the candidate lists use
    vocab = Vocabulary()
    profile_arrays, opportunity_arrays = encode(profiles, opportunities, vocab)
    tables = build_tables(opportunity_arrays, vocab, adapters.skill_graph(rules), rules)
    result = run_opportunities(tables, profile_arrays, k)
    ranked = sorted(result.records(), key=lambda r: (r["opportunity"], -r["score"], r["profile"]))
    for record in ranked:
        rankings[record["opportunity"]].append(record["profile"])
    return rankings


def fairness_report(
    organisation: Organisation, params: AuditParameters | None = None
) -> AuditReport:
    """Audit how the organisation's candidate rankings treat age bands and genders."""
    params = params or AuditParameters()
    pool: QuerySet[Participant] = Participant.objects.filter(organisation=organisation)
    profiles = adapters.consented_profiles(pool)
    opportunities = [adapters.opportunity_of(row) for row in open_opportunities(organisation.pk)]
    rankings = rankings_for(list(profiles.values()), opportunities, params.k)
    opportunity_skills = {o.id: o.required_skills | o.nice_to_have_skills for o in opportunities}
    skills = {str(pid): frozenset(p.skills) for pid, p in profiles.items()}
    attributes = _audit_attributes(list(profiles))
    return audit_rankings(skills, opportunity_skills, rankings, attributes, params)


def group_name(attribute: str, group: str, lang: str) -> str:
    if attribute == "age_band":
        return {
            "below_18": _("Under 18"),
            "18_29": _("18–29 years"),
            "30_54": _("30–54 years"),
            "55_plus": _("55 years or over"),
        }.get(group, group)
    found = journey_rules.gender_categories().get(group)
    return found.label.get(lang) if found else group


def fairness_view(report: AuditReport, lang: str) -> list[dict[str, Any]]:
    titles = {"age_band": _("Age band"), "gender": _("Gender")}
    result = []
    for attribute in report.attributes:
        rows = [
            {
                "name": group_name(attribute.attribute, g.group, lang),
                "group": g,
                "rate": None if g.rate is None else round(g.rate * 100, 1),
                "ratio": None if g.ratio is None else round(g.ratio, 2),
            }
            for g in attribute.groups
        ]
        result.append(
            {
                "title": titles.get(attribute.attribute, attribute.attribute),
                "rows": rows,
                "best": group_name(attribute.attribute, attribute.best_group, lang)
                if attribute.best_group
                else "",
                "not_stated": attribute.not_stated,
                "flagged": bool(attribute.flagged),
            }
        )
    return result
