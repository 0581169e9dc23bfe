"""The role-aware home page: each of the user's roles adds its own section.

Each role's section is built in its own module (`participant`, `coach`, `employer`), which
returns the context its template (`home/<role>.html`) needs; this view only composes them.

The page is a bulk read of other people's data when it lists them (the coach's participants,
mentees, trialists, employer answers; the coordinator sees counts only): ONE audit event per
page view (`core.audit.log_list_read`, `people.participant`) with the sections shown and the
number of people they name, never their names (issue 18). A person's own data is not counted.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.enums import Role
from kohtaanto.core.models import Organisation
from kohtaanto.core.selectors import members_by_role
from kohtaanto.people.models import Participant
from kohtaanto.people.selectors import participant_counts
from kohtaanto.web import facts
from kohtaanto.web.content import ROLE_COMING
from kohtaanto.web.home import coach, employer, leader, mentees, participant, shifts, workplace
from kohtaanto.web.pages import user_roles


@never_cache
@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    roles = user_roles(request)
    organisation = getattr(request, "organisation", None)
    context: dict[str, Any] = {"roles": roles, "organisation": organisation}
    if Role.PARTICIPANT in roles:
        context["own"] = participant.section(request)
    if Role.COACH in roles:
        context.update(coach.section(request, organisation))
    if Role.EMPLOYER_CONTACT in roles:
        context["employer"] = employer.section(request, organisation)
    if Role.COORDINATOR in roles and organisation is not None:
        context["members"] = members_by_role(request.user, organisation)
        context["organisation_participants"] = participant_counts(request.user, organisation)
    # A volunteer's sections: the groups they lead, their mentees, their support-line shifts.
    for name, module in (
        ("leader", leader),
        ("mentees", mentees),
        ("shifts", shifts),
        ("workplace", workplace),
    ):
        part = module.section(request, organisation)
        if part:
            context[name] = part
    built = {Role.EMPLOYER_CONTACT} if context.get("employer") else set()
    if context.get("workplace", {}).get("is_mentor"):
        built.add(Role.WORKPLACE_MENTOR)
    # A volunteer with nothing yet gets an honest empty state that says what to do meanwhile.
    context["volunteer_waiting"] = Role.MENTOR in roles and not any(
        context.get(name) for name in ("leader", "mentees", "shifts")
    )
    context["coming"] = [
        ROLE_COMING[role] for role in ROLE_COMING if role in roles and role not in built
    ]
    context["organisations"] = facts.organisations(request)
    _audit_people_shown(request, context, organisation)
    return render(request, "home/home.html", context)


def _people_shown(context: dict[str, Any]) -> dict[str, set[int]]:
    """The ids of the participants each section of the page names, by section. The coach's
    table counts even when empty (it is always shown to them). The coordinator's section
    shows counts by status only, and names no one."""
    employer = context.get("employer") or {}
    mentees = context.get("mentees") or {}
    home = mentees.get("home") if mentees.get("is_volunteer") else None
    workplace = context.get("workplace") or {}
    sections: dict[str, list[int] | None] = {
        "caseload": [p.pk for p in context["caseload"]] if "caseload" in context else None,
        "employer_answers": [p.participant_id for p in context.get("employer_answers") or ()],
        "mentees": [s.mentoring.participant_id for s in (home.active + home.waiting)]
        if home
        else [],
        "workplace_trials": [row["trial"].participant_id for row in workplace.get("trials", ())],
        "workplace_requests": [
            row["trial"].participant_id for row in workplace.get("requests", ())
        ],
        "employer_trials": [
            row["trial"].participant_id for row in employer.get("workplace_trials", ())
        ],
    }
    return {
        name: set(ids)
        for name, ids in sections.items()
        if ids is not None and (ids or name == "caseload")
    }


def _audit_people_shown(
    request: HttpRequest, context: dict[str, Any], organisation: Organisation | None
) -> None:
    """One list-read event for the page when it lists other people: the sections and the
    number of people named (the user's own participant record left out)."""
    shown = _people_shown(context)
    if not shown:
        return
    own = context["own"]["participant"].pk if context.get("own") else None
    people = set().union(*shown.values()) - {own}
    log_list_read(
        request.user,
        Participant,
        count=len(people),
        filters={"list": "home", "sections": ",".join(sorted(shown))},
        organisation=organisation,
    )
