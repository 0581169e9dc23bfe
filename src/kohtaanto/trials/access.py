"""Who may see and change a trial: the one module for trial access.

Rules (issue 15, point 8):
- staff: a coordinator of the trial's service organisation, or a coach of that organisation who
  coaches the participant or is the trial's coach, sees and runs the whole trial;
- the participant sees their own trials (the agreement, days, check-ins, assessments,
  certificate) and confirms the agreement as a party;
- an employer contact of the workplace (the trial's `employer`) sees the trials at their
  workplace once the agreement is being drafted: the agreed tasks, days, check-ins and
  assessments — never the participant's case file — and confirms as the organiser;
- the workplace mentor named on the trial, while they hold the workplace-mentor (or employer
  contact) role at that workplace, sees the same and writes check-ins, assessments and
  requirement evidence; a workplace mentor of another employer gets a 404;
- a workplace mentor without an account reaches only one trial's check-in and assessment
  forms through a signed, expiring link (`services.workplace`);
- everyone else: nothing (`TrialNotFound`, a 404, never 403).

Reads of a trial by anyone but the participant are audited as reads of the participant's data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kohtaanto.core.access import get_visible_or_404, is_user
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import NotFound
from kohtaanto.core.models import Membership
from kohtaanto.people.models import Participant
from kohtaanto.trials.enums import TrialState
from kohtaanto.trials.models import Trial

STAFF = "staff"
PARTICIPANT = "participant"
EMPLOYER = "employer"
WORKPLACE_MENTOR = "workplace_mentor"

#: States in which the workplace sees a trial (not while the coach is still exploring).
WORKPLACE_STATES = (TrialState.AGREE, TrialState.RUN, TrialState.EVALUATE, TrialState.CONTINUE)
WORKPLACE_ROLES = (Role.WORKPLACE_MENTOR, Role.EMPLOYER_CONTACT)


class TrialNotFound(NotFound, Http404):
    """No such trial for this user (also raised when the user may not see it)."""


def _org_ids(user: Any, *roles: Role) -> Any:
    return Membership.objects.filter(user=user, role__in=roles).values("organisation_id")


def _staff_q(user: Any) -> Q:
    coached = Participant.coaches.through.objects.filter(user_id=user.pk).values("participant_id")
    return Q(organisation__in=_org_ids(user, Role.COORDINATOR)) | (
        Q(organisation__in=_org_ids(user, Role.COACH))
        & (Q(participant__in=coached) | Q(coach_id=user.pk))
    )


def _employer_q(user: Any) -> Q:
    return Q(employer__in=_org_ids(user, Role.EMPLOYER_CONTACT), state__in=WORKPLACE_STATES)


def _mentor_q(user: Any) -> Q:
    return Q(
        workplace_mentor_id=user.pk,
        employer__in=_org_ids(user, *WORKPLACE_ROLES),
        state__in=WORKPLACE_STATES,
    )


def staff_trials(user: Any) -> QuerySet[Trial]:
    if not is_user(user):
        return Trial.objects.none()
    return Trial.objects.filter(_staff_q(user))


def trials_visible_to(user: Any) -> QuerySet[Trial]:
    """Trials `user` may see (see the module's rules)."""
    if not is_user(user):
        return Trial.objects.none()
    return Trial.objects.filter(
        _staff_q(user) | Q(participant__user_id=user.pk) | _employer_q(user) | _mentor_q(user)
    ).distinct()


def own_trials_of(user: Any) -> QuerySet[Trial]:
    """The trials of the participant `user` themself: the part of `trials_visible_to` that is
    their own, without the other roles' subqueries (the home page and the menu ask it on every
    view)."""
    if not is_user(user):
        return Trial.objects.none()
    return Trial.objects.filter(participant__user_id=user.pk)


def mentored_trials(user: Any) -> QuerySet[Trial]:
    """Trials `user` guides as the workplace mentor (the workplace mentor's home)."""
    if not is_user(user):
        return Trial.objects.none()
    return Trial.objects.filter(_mentor_q(user))


def employer_trials(user: Any) -> QuerySet[Trial]:
    """Trials at the workplaces where `user` is an employer contact."""
    if not is_user(user):
        return Trial.objects.none()
    return Trial.objects.filter(_employer_q(user))


def viewer_roles(user: Any, trial: Trial) -> set[str]:
    """How `user` relates to `trial`: any of staff, participant, employer, workplace_mentor."""
    if not is_user(user):
        return set()
    found: set[str] = set()
    base = Trial.objects.filter(pk=trial.pk)
    if base.filter(_staff_q(user)).exists():
        found.add(STAFF)
    if trial.participant.user_id == user.pk:
        found.add(PARTICIPANT)
    if base.filter(_employer_q(user)).exists():
        found.add(EMPLOYER)
    if base.filter(_mentor_q(user)).exists():
        found.add(WORKPLACE_MENTOR)
    return found


def get_trial(user: Any, trial_id: object, *, audit: bool = True) -> Trial:
    """The trial `user` may see, or `TrialNotFound`. A read by anyone but the participant is
    audited."""
    trial = get_visible_or_404(
        trials_visible_to(user).select_related(
            "participant", "organisation", "employer", "coach", "workplace_mentor"
        ),
        trial_id,
        not_found=TrialNotFound,
    )
    if audit and trial.participant.user_id != user.pk:
        log_event(user, AuditAction.VIEW, trial)
    return trial


def require(user: Any, trial: Trial, *kinds: str) -> set[str]:
    """The viewer's roles if one of `kinds` is among them, else `TrialNotFound`."""
    roles = viewer_roles(user, trial)
    if not roles & set(kinds):
        raise TrialNotFound
    return roles
