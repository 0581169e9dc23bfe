"""Who may see and record company visits, interviews, demand signals and interventions.

Rules (issue 14, point 7):
- coaches and coordinators of an organisation see its visit groups, visits, interviews and
  interventions, record visits and interviews, and confirm or reject demand signals; they see
  the records of the employers their organisation works with or has visited;
- coordinators create and edit interventions;
- a group leader (in `Group.leaders`, still a mentor, coach or coordinator of the group's
  organisation) sees their own company-visit groups and records visits and interviews for them,
  and confirms or rejects their signals;
- a participant who is a member of a company-visit group sees the group's visits and
  interviews (other visitors by first name only), and records nothing;
- an employer contact sees only the confirmed needs of their own company (home page), never
  who visited;
- everyone else (workplace mentors, analysts, other organisations): nothing, a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kohtaanto.core.access import get_visible_or_404, is_user, roles_of
from kohtaanto.core.enums import OrganisationKind, Role
from kohtaanto.core.models import Membership, Organisation
from kohtaanto.groups.enums import GroupKind, MemberStatus
from kohtaanto.groups.models import Group, GroupMember
from kohtaanto.opportunities.access import employer_organisations
from kohtaanto.outreach.models import CompanyVisit, Intervention, VisitInterview

STAFF_ROLES = (Role.COACH, Role.COORDINATOR)
LEADER_ROLES = (Role.MENTOR, Role.COACH, Role.COORDINATOR)


def _org_ids(user: Any, *roles: Role) -> QuerySet[Any, Any]:
    return Membership.objects.filter(user=user, role__in=roles).values("organisation_id")


def staff_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations where `user` is a coach or coordinator."""
    if not is_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=_org_ids(user, *STAFF_ROLES))


def coordinator_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations where `user` may create and edit interventions."""
    if not is_user(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=_org_ids(user, Role.COORDINATOR))


def _led(user: Any) -> QuerySet[Any, Any]:
    return Group.objects.filter(
        leaders=user, organisation__in=_org_ids(user, *LEADER_ROLES)
    ).values("pk")


def _member_of(user: Any) -> QuerySet[Any, Any]:
    return GroupMember.objects.filter(
        participant__user_id=user.pk,
        participant__organisation__in=_org_ids(user, Role.PARTICIPANT),
        status=MemberStatus.MEMBER,
    ).values("group_id")


def visit_groups_visible_to(user: Any) -> QuerySet[Group]:
    """Company-visit groups `user` may see (staff, leader or member)."""
    if not is_user(user):
        return Group.objects.none()
    return Group.objects.filter(kind=GroupKind.COMPANY_VISITS).filter(
        Q(organisation__in=_org_ids(user, *STAFF_ROLES))
        | Q(pk__in=_led(user))
        | Q(pk__in=_member_of(user))
    )


def recording_groups(user: Any) -> QuerySet[Group]:
    """Company-visit groups where `user` records visits and interviews (staff or leader)."""
    if not is_user(user):
        return Group.objects.none()
    return Group.objects.filter(kind=GroupKind.COMPANY_VISITS).filter(
        Q(organisation__in=_org_ids(user, *STAFF_ROLES)) | Q(pk__in=_led(user))
    )


def can_record(user: Any, group: Group | None) -> bool:
    return group is not None and recording_groups(user).filter(pk=group.pk).exists()


def access_visit_group(user: Any, group_id: object) -> Group:
    return get_visible_or_404(
        visit_groups_visible_to(user).select_related("organisation"), group_id
    )


def access_recording_group(user: Any, group_id: object) -> Group:
    """A company-visit group where `user` may record a visit, else 404."""
    return get_visible_or_404(recording_groups(user).select_related("organisation"), group_id)


def visits_visible_to(user: Any) -> QuerySet[CompanyVisit]:
    if not is_user(user):
        return CompanyVisit.objects.none()
    return CompanyVisit.objects.filter(
        Q(organisation__in=_org_ids(user, *STAFF_ROLES))
        | Q(group__in=_led(user))
        | Q(group__in=_member_of(user))
    )


def recording_visits(user: Any) -> QuerySet[CompanyVisit]:
    """Visits whose interviews `user` may record and review (staff or the group's leader)."""
    if not is_user(user):
        return CompanyVisit.objects.none()
    return CompanyVisit.objects.filter(
        Q(organisation__in=_org_ids(user, *STAFF_ROLES)) | Q(group__in=_led(user))
    )


def access_visit(user: Any, visit_id: object) -> CompanyVisit:
    return get_visible_or_404(
        visits_visible_to(user).select_related("organisation", "employer", "group"), visit_id
    )


def access_recording_visit(user: Any, visit_id: object) -> CompanyVisit:
    return get_visible_or_404(
        recording_visits(user).select_related("organisation", "employer", "group"), visit_id
    )


def access_reviewable_interview(user: Any, interview_id: object) -> VisitInterview:
    """An interview whose needs `user` may confirm or reject, else 404."""
    return get_visible_or_404(
        VisitInterview.objects.filter(visit__in=recording_visits(user)).select_related(
            "visit", "visit__employer", "visit__organisation", "visit__group"
        ),
        interview_id,
    )


def sees_full_names(user: Any, visit: CompanyVisit) -> bool:
    """Staff and leaders see a visitor's first name and initial; members first names only."""
    return recording_visits(user).filter(pk=visit.pk).exists()


def employer_records_visible_to(user: Any) -> QuerySet[Organisation]:
    """Employers whose record (visits and confirmed needs) `user` may see: those the user's
    organisations (coach or coordinator) have visited or work with."""
    if not is_user(user):
        return Organisation.objects.none()
    staff = _org_ids(user, *STAFF_ROLES)
    return (
        Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
        .filter(
            Q(visits_received__organisation__in=staff)
            | Q(employer_profile__service_organisation__in=staff)
        )
        .distinct()
    )


def access_employer_record(user: Any, employer_id: object) -> Organisation:
    return get_visible_or_404(employer_records_visible_to(user), employer_id)


def own_employers(user: Any) -> QuerySet[Organisation]:
    """Employers where `user` is a contact (they see their company's confirmed needs)."""
    return employer_organisations(user)


def interventions_visible_to(user: Any) -> QuerySet[Intervention]:
    if not is_user(user):
        return Intervention.objects.none()
    return Intervention.objects.filter(organisation__in=_org_ids(user, *STAFF_ROLES))


def access_intervention(user: Any, intervention_id: object) -> Intervention:
    return get_visible_or_404(
        interventions_visible_to(user).select_related("organisation", "employer"),
        intervention_id,
    )


def access_editable_intervention(user: Any, intervention_id: object) -> Intervention:
    """An intervention `user` coordinates (create and edit are the coordinator's), else 404."""
    if not is_user(user):
        return get_visible_or_404(Intervention.objects.none(), intervention_id)
    return get_visible_or_404(
        Intervention.objects.filter(organisation__in=_org_ids(user, Role.COORDINATOR)),
        intervention_id,
    )


def is_staff_of(user: Any, organisation: Organisation) -> bool:
    return bool(roles_of(user, organisation) & set(STAFF_ROLES))
