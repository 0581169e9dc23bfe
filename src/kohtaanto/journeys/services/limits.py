"""Limits on work as codes (RESTRICTED): what the coach records, what matching may know.

The codes are those of the matching rules (`filter.constraint` in `matching/rules/`): no heavy
lifting, no night shifts, no long standing, no driving, no outdoor work. They live in the
RESTRICTED record (`RestrictedConstraints.codes`): only the participant and their own coaches
read or write them, and only while the `restricted_health_constraints` consent is given.
Written by `journeys.services.intake.set_restriction_codes` (the one write path).

Reads:
- `restrictions_of(user, participant)`: the codes for the page (None when not allowed);
- `restrictions_for_matching(participant_ids)`: participant id → codes, for
  `matches.adapters` only; people without the consent are left out (so nothing is used);
- `implied_skill_veto(participant)`: the skills an occupation must not imply for them
  (`profiles.services` asks through the `PROFILES_IMPLIED_SKILL_VETOES` setting, because
  profiles sits below journeys).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kohtaanto.journeys.models import RestrictedConstraints
from kohtaanto.matching.rules import FILTER_CONSTRAINT, PRODUCT_VERSION, load_rules
from kohtaanto.people.access import may_see_restricted
from kohtaanto.people.consent import consented_ids, has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant

CONSENT = ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS

#: The restriction codes with their names, in the order of the matching rules.
RESTRICTIONS: dict[str, Promise] = {
    "no_heavy_lifting": _("No heavy lifting"),
    "no_night_shifts": _("No night shifts"),
    "no_standing": _("No long standing"),
    "no_driving": _("No driving"),
    "no_outdoor": _("No outdoor work"),
}


def known_codes() -> frozenset[str]:
    """Codes the matching rules know (a code must be in the rules to have any effect)."""
    excludes = load_rules(PRODUCT_VERSION).param(FILTER_CONSTRAINT, "excludes")
    return frozenset(excludes) & frozenset(RESTRICTIONS)


def clean_codes(codes: Iterable[str]) -> list[str]:
    """Known codes only, once each, in the order of `RESTRICTIONS` (unknown ones dropped)."""
    given = set(codes)
    return [code for code in RESTRICTIONS if code in given and code in known_codes()]


def restrictions_of(user: Any, participant: Participant) -> list[str] | None:
    """The participant's codes for the participant or their own coach; None when the user
    may not see restricted data or the consent is not given."""
    if not may_see_restricted(user, participant) or not has_consent(participant, CONSENT):
        return None
    record = RestrictedConstraints.objects.filter(participant=participant).first()
    return list(record.codes or []) if record else []


def restrictions_for_matching(participant_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """participant id → restriction codes, only for those who gave the consent (and have
    codes); everyone else is absent, so matching knows nothing of them."""
    allowed = consented_ids(participant_ids, CONSENT)
    if not allowed:
        return {}
    rows = RestrictedConstraints.objects.filter(participant_id__in=sorted(allowed)).values_list(
        "participant_id", "codes"
    )
    return {pid: frozenset(clean_codes(codes or [])) for pid, codes in rows if codes}


def implied_skill_veto(participant: Participant) -> frozenset[str]:
    """Skills a confirmed occupation must not imply for this participant: those that conflict
    with their restrictions (`penalty.restriction` in the rules), only with the consent."""
    codes = restrictions_for_matching([participant.pk]).get(participant.pk, frozenset())
    return load_rules(PRODUCT_VERSION).conflicting_skills(codes) if codes else frozenset()
