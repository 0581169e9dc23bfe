"""The role-aware home page: each of the user's roles adds its own section.

Each role's section is built in its own module (`participant`, `coach`, `employer`), which
returns the context its template (`home/<role>.html`) needs; this view only composes them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.core.access import organisations_of
from kohtaanto.core.enums import Role
from kohtaanto.core.selectors import members_by_role
from kohtaanto.people.access import participants_visible_to
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
        context["organisation_participants"] = participants_visible_to(request.user).filter(
            organisation=organisation
        )
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
    context["organisations"] = list(organisations_of(request.user).order_by("name"))
    return render(request, "home/home.html", context)
