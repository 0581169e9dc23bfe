"""Where foresight's demand and supply come from: ORM rows → `matching.foresight` items.

Demand is an interface of *sources*: a function (scope organisation or None for the whole
country, the trend's months) → `DemandItem`s, registered under a stable key with `register`.
This app registers three: opportunities made in the service (open jobs, work-trial places, SME
needs), imported job postings (schema.org JobPosting or CSV; they are Opportunities with a
`source`), and the confirmed needs of company-visit interviews (outreach.DemandSignal). Another
area adds its own with `register("key", function, label)`.

Supply: the confirmed profile items of participants whose latest consent for anonymised
statistics is "given" (`people.consent.consented_ids`); without it a person is not counted at
all. Region from the intake's municipality ("" when it is not known); each item's month is the
month it was confirmed (`decided_at`, else its creation) in local time, for the supply trend.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.models import Organisation
from kohtaanto.matching.foresight import DemandItem, SupplyPerson
from kohtaanto.reference.places import region_of

Source = Callable[[Organisation | None, Sequence[str]], Iterable[DemandItem]]

DEMAND_KINDS = ("job", "work_trial", "sme_need")
"""Opportunity kinds that are demand for skills (not education trials or volunteering)."""


@dataclass(frozen=True)
class DemandSource:
    key: str
    label: Promise
    read: Source


_SOURCES: dict[str, DemandSource] = {}


def register(key: str, read: Source, label: Promise) -> None:
    """Add a demand source (a second registration under the same key replaces the first)."""
    _SOURCES[key] = DemandSource(key, label, read)


def demand_sources() -> list[DemandSource]:
    return [_SOURCES[k] for k in sorted(_SOURCES)]


def source_label(key: str) -> str:
    found = _SOURCES.get(key)
    return str(found.label) if found else key


def month_of(value: dt.date | dt.datetime | None, months: Sequence[str]) -> str:
    """ "YYYY-MM" if inside the trend's months, else ""."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # the month on the reader's calendar, not in UTC
    key = f"{value.year:04d}-{value.month:02d}"
    return key if key in months else ""


def trend_months(today: dt.date, count: int = 12) -> list[str]:
    """The `count` months up to and including `today`'s, oldest first."""
    year, month = today.year, today.month
    found = []
    for _i in range(count):
        found.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(found))


def _opportunities(
    organisation: Organisation | None, months: Sequence[str], *, imported: bool
) -> Iterable[DemandItem]:
    from kohtaanto.opportunities.enums import OpportunityStatus
    from kohtaanto.opportunities.models import Opportunity, OpportunitySkill

    rows = Opportunity.objects.filter(status=OpportunityStatus.OPEN, kind__in=DEMAND_KINDS)
    rows = rows.exclude(source="") if imported else rows.filter(source="")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    skills: dict[int, set[str]] = defaultdict(set)
    for pk, uri in OpportunitySkill.objects.filter(opportunity__in=rows, pending=False).values_list(
        "opportunity_id", "uri"
    ):
        skills[pk].add(uri)
    key = "job_postings" if imported else "opportunities"
    for pk, municipality, region, occupation, created in rows.values_list(
        "pk", "municipality_code", "region_code", "occupation_uri", "created"
    ).order_by("pk"):
        yield DemandItem(
            key,
            region or region_of(municipality),
            month_of(created, months),
            frozenset(skills.get(pk, ())),
            occupation or "",
        )


def service_opportunities(
    organisation: Organisation | None, months: Sequence[str]
) -> Iterable[DemandItem]:
    return _opportunities(organisation, months, imported=False)


def job_postings(organisation: Organisation | None, months: Sequence[str]) -> Iterable[DemandItem]:
    return _opportunities(organisation, months, imported=True)


def interview_needs(
    organisation: Organisation | None, months: Sequence[str]
) -> Iterable[DemandItem]:
    """One item per interview of a company visit: its confirmed skill needs, and its first
    confirmed occupation (further occupations are items of their own)."""
    from kohtaanto.outreach.enums import SignalKind, SignalStatus
    from kohtaanto.outreach.models import DemandSignal

    rows = DemandSignal.objects.filter(status=SignalStatus.CONFIRMED)
    if organisation is not None:
        rows = rows.filter(interview__visit__organisation=organisation)
    place: dict[int, tuple[str, str]] = {}
    skills: dict[int, set[str]] = defaultdict(set)
    occupations: dict[int, list[str]] = defaultdict(list)
    for interview, uri, kind, municipality, decided, created in rows.values_list(
        "interview_id", "uri", "kind", "municipality_code", "decided_at", "created"
    ).order_by("interview_id", "uri"):
        place.setdefault(interview, (region_of(municipality), month_of(decided or created, months)))
        if kind == SignalKind.OCCUPATION:
            occupations[interview].append(uri)
        else:
            skills[interview].add(uri)
    for interview in sorted(place):
        region, month = place[interview]
        found = occupations.get(interview, [])
        yield DemandItem(
            "interview_needs",
            region,
            month,
            frozenset(skills.get(interview, ())),
            found[0] if found else "",
        )
        for extra in found[1:]:
            yield DemandItem("interview_needs", region, month, frozenset(), extra)


register("opportunities", service_opportunities, _("Opportunities of the service"))
register("job_postings", job_postings, _("Imported job postings"))
register("interview_needs", interview_needs, _("Needs from company visits"))


def demand(organisation: Organisation | None, months: Sequence[str]) -> list[DemandItem]:
    return [item for source in demand_sources() for item in source.read(organisation, months)]


def supply(organisation: Organisation | None) -> list[SupplyPerson]:
    """Consenting participants' confirmed skills and occupations, one person each."""
    from kohtaanto.people.consent import consented_ids
    from kohtaanto.people.enums import ConsentPurpose
    from kohtaanto.people.models import Participant
    from kohtaanto.profiles.enums import ItemStatus, ProfileGroup
    from kohtaanto.profiles.models import ProfileItem

    participants = Participant.objects.all()
    if organisation is not None:
        participants = participants.filter(organisation=organisation)
    ids = consented_ids(
        participants.values_list("pk", flat=True), ConsentPurpose.ANONYMISED_STATISTICS
    )
    if not ids:
        return []
    ordered = sorted(ids)
    regions = {
        pk: region_of(code or "")
        for pk, code in Participant.objects.filter(pk__in=ordered).values_list(
            "pk", "intake__municipality_code"
        )
    }
    skills: dict[int, set[str]] = defaultdict(set)
    occupations: dict[int, set[str]] = defaultdict(set)
    confirmed: dict[int, dict[str, str]] = defaultdict(dict)
    items = ProfileItem.objects.filter(participant_id__in=ordered, status=ItemStatus.CONFIRMED)
    for pk, uri, group, decided, created in (
        items.filter(~Q(uri=""))
        .values_list("participant_id", "uri", "group", "decided_at", "created")
        .order_by("participant_id", "pk")
    ):
        (occupations if group == ProfileGroup.OCCUPATION else skills)[pk].add(uri)
        # the month it was confirmed (the earliest when the same concept is there twice)
        month = _month_key(decided or created)
        if month and (uri not in confirmed[pk] or month < confirmed[pk][uri]):
            confirmed[pk][uri] = month
    return [
        SupplyPerson(
            regions.get(pk, ""),
            frozenset(skills[pk]),
            frozenset(occupations[pk]),
            tuple(sorted(confirmed[pk].items())),
        )
        for pk in ordered
    ]


def _month_key(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.year:04d}-{local.month:02d}"
