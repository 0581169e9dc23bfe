"""Access helpers: the only way views, the API and admin load opportunities and courses.

Rules (see the app README):
- coaches and coordinators see and edit the opportunities that their service organisation
  manages (`Opportunity.organisation`);
- an employer contact sees and edits only the opportunities of their own employer
  (`Opportunity.employer`), whoever manages them;
- everyone else (mentors, workplace mentors, analysts, participants, outsiders, coaches of
  another organisation) sees none: `Http404`, never 403;
- only coordinators import;
- the list of opportunities whose recognised skills await review: coordinators (their
  organisations') and employer contacts (their employer's);
- courses: for the same people as opportunities (coaches and coordinators, employer
  contacts): the shared catalogue (`organisation` None) and their organisations' own courses.
  The pages (/courses/) and the API (/api/v1/courses/) both read them here, so they agree.
  Everyone else sees no course through the catalogue (the API's list is empty, a course 404):
  a participant sees the courses suggested to them on their own pages
  (/matches/my/courses/<id>/, `matches.interests.visible_course`); volunteers, workplace
  mentors and analysts have no use for it. The catalogue holds no personal data; the rule
  is one place and the least the work needs, not a secret.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kohtaanto.core.access import get_visible_or_404, is_user, organisations_of, roles_of
from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.opportunities.models import Course, Opportunity

STAFF_ROLES = (Role.COACH, Role.COORDINATOR)


def staff_organisations(user: Any) -> QuerySet[Organisation]:
    """Service organisations where `user` is a coach or coordinator."""
    if not is_user(user):
        return Organisation.objects.none()
    ids = Membership.objects.filter(user=user, role__in=STAFF_ROLES).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids)


def employer_organisations(user: Any) -> QuerySet[Organisation]:
    """Employers where `user` is an employer contact."""
    return organisations_of(user, Role.EMPLOYER_CONTACT).filter(kind=OrganisationKind.EMPLOYER)


def opportunities_visible_to(user: Any) -> QuerySet[Opportunity]:
    if not is_user(user):
        return Opportunity.objects.none()
    return Opportunity.objects.filter(
        Q(organisation__in=staff_organisations(user).values("pk"))
        | Q(employer__in=employer_organisations(user).values("pk"))
    )


def access_opportunity(user: Any, opportunity_id: object) -> Opportunity:
    """An opportunity `user` may see (and edit: the same people do both), or Http404."""
    return get_visible_or_404(
        opportunities_visible_to(user).select_related("organisation", "employer"), opportunity_id
    )


def is_employer_contact_of(user: Any, opportunity: Opportunity) -> bool:
    return opportunity.employer_id is not None and Role.EMPLOYER_CONTACT in roles_of(
        user, opportunity.employer_id
    )


def review_opportunities_visible_to(user: Any) -> QuerySet[Opportunity]:
    """Opportunities on `user`'s skill review list: those managed by an organisation they
    coordinate, and those of an employer they are the contact of (both may edit them)."""
    if not is_user(user):
        return Opportunity.objects.none()
    return Opportunity.objects.filter(
        Q(organisation__in=import_organisations(user).values("pk"))
        | Q(employer__in=employer_organisations(user).values("pk"))
    )


def can_review_skills(user: Any) -> bool:
    """Coordinators and employer contacts have a skill review list (others: 404)."""
    return import_organisations(user).exists() or employer_organisations(user).exists()


def can_see_opportunities(user: Any) -> bool:
    return staff_organisations(user).exists() or employer_organisations(user).exists()


def access_staff_organisation(user: Any, organisation_id: object) -> Organisation:
    """A service organisation where `user` is coach or coordinator, or Http404."""
    return get_visible_or_404(staff_organisations(user), organisation_id)


def access_employer_organisation(user: Any, organisation_id: object) -> Organisation:
    """An employer where `user` is an employer contact, or Http404."""
    return get_visible_or_404(employer_organisations(user), organisation_id)


def import_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations for which `user` may import (coordinators)."""
    return organisations_of(user, Role.COORDINATOR).filter(kind=OrganisationKind.SERVICE_PROVIDER)


def access_import_organisation(user: Any, organisation_id: object) -> Organisation:
    return get_visible_or_404(import_organisations(user), organisation_id)


def employers_visible_to(user: Any) -> QuerySet[Organisation]:
    """Employers a coach/coordinator works with (partner or listing), or the contact's own."""
    if not is_user(user):
        return Organisation.objects.none()
    staff = staff_organisations(user).values("pk")
    return (
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
        .filter(
            Q(employer_profile__service_organisation__in=staff)
            | Q(opportunities__organisation__in=staff)
            | Q(pk__in=employer_organisations(user).values("pk"))
        )
        .distinct()
    )


def courses_visible_to(user: Any) -> QuerySet[Course]:
    """The course catalogue for staff and employer contacts (`can_see_opportunities`): the
    shared courses and those of the organisations they are members of; nothing for others."""
    if not is_user(user) or not can_see_opportunities(user):
        return Course.objects.none()
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    return Course.objects.filter(Q(organisation__isnull=True) | Q(organisation__in=member_of))


def access_course(user: Any, course_id: object) -> Course:
    return get_visible_or_404(courses_visible_to(user), course_id)
