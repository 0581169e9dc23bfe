"""Pseudonymised statistics that survive the erasure of a participant.

`keep(participant)` copies what the outcome and ESF+ figures need of one participant into a
`PseudonymisedRecord` (and their project enrolments into `PseudonymisedEnrolment`): dates,
bands and codes, a random pseudonym, no name, contact details, birth date, municipality or
id. `kohtaanto.privacy.erasure` calls it inside the erasure's transaction, just before the
participant's rows are deleted, so a report's figures are the same before and after.

`rows(kept, period)` gives them to the selectors in the shape of `selectors.participant_rows`
(ids are negative, never a participant's), with their coaches, groups and special-categories
consent already in the row."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from kohtaanto.core.models import Organisation
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import GroupMember
from kohtaanto.insights.models import (
    Project,
    ProjectEnrolment,
    PseudonymisedEnrolment,
    PseudonymisedRecord,
)
from kohtaanto.people.consent import has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.people.models import Participant
from kohtaanto.reference.places import region_of
from kohtaanto.stats.periods import Period


def _local_day(moment: Any) -> date:
    """The local day of `moment` (today for a record without its creation time)."""
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


def keep(participant: Participant) -> PseudonymisedRecord:
    """Write the pseudonymised record of `participant` (before the record is erased)."""
    intake = getattr(participant, "intake", None)  # a missing one-to-one row reads as None
    esf = getattr(participant, "esf", None)
    outcome = getattr(participant, "outcome", None)
    follow_up = getattr(outcome, "follow_up", None) if outcome is not None else None
    consent = has_consent(participant, ConsentPurpose.SPECIAL_CATEGORIES)
    groups = sorted(
        GroupMember.objects.filter(
            participant=participant, status__in=(MemberStatus.MEMBER, MemberStatus.LEFT)
        ).values_list("group_id", flat=True)
    )
    record = PseudonymisedRecord.objects.create(
        organisation_id=participant.organisation_id,
        service_start=intake.service_start if intake else None,
        created_day=_local_day(participant.created),
        region_code=region_of(intake.municipality_code or "") if intake else "",
        coaches=sorted(participant.coaches.values_list("pk", flat=True)),
        groups=groups,
        outcome_type=outcome.outcome_type if outcome else "",
        ended=outcome.date if outcome else None,
        recorded_day=_local_day(outcome.created) if outcome else None,
        qualification_gained=bool(outcome and outcome.qualification_gained),
        follow_up_due=follow_up.due if follow_up else None,
        follow_up_result=(follow_up.result or "") if follow_up else "",
        esf_entry_date=esf.entry_date if esf else None,
        labour_market_status=esf.labour_market_status if esf else "",
        isced_level=esf.isced_level if esf else None,
        age_band=esf.age_band if esf else "",
        gender_category=esf.gender_category if esf else "",
        special_consent=consent,
        disability=esf.disability if esf and consent else None,
        minority=esf.minority if esf and consent else None,
        third_country_national=esf.third_country_national if esf else None,
        foreign_background=esf.foreign_background if esf else None,
        homeless=esf.homeless if esf else None,
        rural_area=esf.rural_area if esf else None,
    )
    PseudonymisedEnrolment.objects.bulk_create(
        PseudonymisedEnrolment(
            record=record, project_id=e.project_id, entered=e.entered, left=e.left
        )
        for e in ProjectEnrolment.objects.filter(participant=participant).order_by("id")
    )
    return record


def kept_for(
    organisation: Organisation, project: Project | None, funder: str | None
) -> tuple[QuerySet[PseudonymisedRecord], dict[int, date] | None]:
    """The kept records of a report's scope and, for a project or funder, their entry dates
    (keyed by the negative id the selectors use)."""
    kept = PseudonymisedRecord.objects.filter(organisation=organisation)
    if project is not None:
        enrolments = PseudonymisedEnrolment.objects.filter(project=project)
    elif funder:
        enrolments = PseudonymisedEnrolment.objects.filter(
            project__organisation=organisation, project__funder=funder
        )
    else:
        return kept, None
    entered: dict[int, date] = {}
    for rid, day in enrolments.values_list("record_id", "entered").order_by("entered"):
        entered.setdefault(-rid, day)
    return kept.filter(pk__in=enrolments.values("record_id")), entered


def rows(kept: QuerySet[PseudonymisedRecord] | None, period: Period) -> list[dict[str, Any]]:
    """The kept records that may count in `period` (the selectors' `_relevant` rule), as rows
    of `selectors.participant_rows` with "coaches", "groups", "region" and "special_consent"."""
    if kept is None:
        return []
    started_by_end = Q(service_start__lte=period.end) | Q(service_start__isnull=True)
    open_in_period = Q(ended__isnull=True) | Q(ended__gte=period.start)
    follow_up = Q(follow_up_due__gte=period.start, follow_up_due__lte=period.end)
    return [_row(k) for k in kept.filter((started_by_end & open_in_period) | follow_up)]


def _row(k: PseudonymisedRecord) -> dict[str, Any]:
    return {
        "id": -k.pk,
        "pseudonym": k.pseudonym,
        "created_day": k.created_day,
        "intake__service_start": k.service_start,
        "intake__municipality_code": "",
        "region": k.region_code,
        "coaches": tuple(sorted(k.coaches)),
        "groups": tuple(sorted(k.groups)),
        "special_consent": k.special_consent,
        "outcome__outcome_type": k.outcome_type or None,
        "outcome__date": k.ended,
        "recorded_day": k.recorded_day,
        "outcome__qualification_gained": k.qualification_gained,
        "outcome__follow_up__due": k.follow_up_due,
        "outcome__follow_up__result": k.follow_up_result or None,
        "esf__entry_date": k.esf_entry_date,
        "esf__labour_market_status": k.labour_market_status or None,
        "esf__isced_level": k.isced_level,
        "esf__age_band": k.age_band or None,
        "esf__gender_category": k.gender_category or None,
        "esf__disability": k.disability,
        "esf__minority": k.minority,
        "esf__third_country_national": k.third_country_national,
        "esf__foreign_background": k.foreign_background,
        "esf__homeless": k.homeless,
        "esf__rural_area": k.rural_area,
    }
