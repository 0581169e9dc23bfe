"""Reads of opportunities and courses (already scoped querysets go in; filtered ones come out)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Course, ImportJob, Opportunity


def filter_opportunities(
    opportunities: QuerySet[Opportunity], filters: Mapping[str, Any]
) -> QuerySet[Opportunity]:
    """Filters: `kind`, `status`, `municipality` (code), `employer` (id), `q` (title, description,
    employer name). Empty values are ignored."""
    if filters.get("kind"):
        opportunities = opportunities.filter(kind=filters["kind"])
    if filters.get("status"):
        opportunities = opportunities.filter(status=filters["status"])
    if filters.get("municipality"):
        opportunities = opportunities.filter(municipality_code=filters["municipality"])
    if filters.get("employer"):
        opportunities = opportunities.filter(employer_id=filters["employer"])
    query = str(filters.get("q") or "").strip()
    if query:
        opportunities = opportunities.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(employer__name__icontains=query)
        )
    return opportunities.select_related("employer", "organisation").order_by("-created", "-id")


def filter_courses(courses: QuerySet[Course], filters: Mapping[str, Any]) -> QuerySet[Course]:
    """Filters: `format`, `language`, `open` ("1"), `skill` (URI), `q` (title, provider)."""
    if filters.get("format"):
        courses = courses.filter(format=filters["format"])
    if filters.get("language"):
        courses = courses.filter(language=filters["language"])
    if str(filters.get("open") or "") in {"1", "true", "on"}:
        courses = courses.filter(open_material=True)
    if filters.get("skill"):
        courses = courses.filter(skills__uri=filters["skill"])
    query = str(filters.get("q") or "").strip()
    if query:
        courses = courses.filter(Q(title__icontains=query) | Q(provider__icontains=query))
    return courses.distinct().order_by("title", "id")


def opportunities_for_matching(
    opportunities: QuerySet[Opportunity] | None = None,
) -> QuerySet[Opportunity]:
    """Open opportunities with their skills prefetched (for `adapters.to_matching_opportunity`)."""
    base = opportunities if opportunities is not None else Opportunity.objects.all()
    return base.filter(status=OpportunityStatus.OPEN).prefetch_related("skills").order_by("id")


def courses_for_matching(courses: QuerySet[Course] | None = None) -> QuerySet[Course]:
    base = courses if courses is not None else Course.objects.all()
    return base.prefetch_related("skills").order_by("id")


def import_job_waiting(token: str) -> bool:
    """The upload `token` is still to be read by a queued or running import run."""
    unfinished = [ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    return ImportJob.objects.filter(pk=token, status__in=unfinished).exists()


AWAITING_REVIEW = Q(skills_suggested_at__isnull=False) & (
    Q(skills_reviewed_at__isnull=True) | Q(skills_reviewed_at__lt=F("skills_suggested_at"))
)
"""The query form of `Opportunity.skills_awaiting_review`."""


def awaiting_skill_review(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Of `opportunities` (already scoped), those not closed whose recognised skills wait for a
    review, newest first, with `suggestion_count` (the pending suggestions)."""
    return (
        opportunities.filter(AWAITING_REVIEW)
        .exclude(status=OpportunityStatus.CLOSED)
        .annotate(suggestion_count=Count("skills", filter=Q(skills__pending=True)))
        .select_related("employer", "organisation")
        .order_by("-skills_suggested_at", "-id")
    )
