"""The coach's and coordinator's badge page of a participant (/participants/<id>/badges/):
the badges issued, issuing one from a completed DigComp self-assessment, a trial certificate,
group attendance or a finished course (`?evidence=course:<id>` preselects it), and revoking one
with a reason. Loaded through `people.access` (the read is audited)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.achievements import completions, selectors, services
from kohtaanto.achievements.enums import AchievementKind, RecipientChoice
from kohtaanto.achievements.models import AchievementVersion
from kohtaanto.core.access import parse_id
from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.pages import lang


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def participant_badges(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    if not services.may_issue(request.user, participant):
        raise Http404
    language = lang()
    versions = services.issuable_versions(participant)
    evidence_choices = [
        (f"digcomp:{a.pk}", _("DigComp self-assessment %(date)s") % {"date": _day(a.completed_at)})
        for a in selectors.completed_digcomp(participant)
    ]
    evidence_choices += [
        (
            f"trial:{c.pk}",
            _("Work trial competence certificate %(date)s") % {"date": _day(c.issued_at)},
        )
        for c in selectors.issued_certificates(participant)
    ]
    evidence_choices += [
        (f"group:{g.pk}", _("Group: %(name)s") % {"name": g.name})
        for g in selectors.groups_attended(participant)
    ]
    evidence_choices += [
        (
            f"course:{c.pk}",
            _("Finished course: %(title)s %(date)s")
            % {"title": c.course.title, "date": _day(c.completed_on)},
        )
        for c in completions.completions_of(participant)
    ]
    selected_evidence = request.POST.get("evidence") or request.GET.get("evidence", "")
    if selected_evidence.startswith("course:"):
        # A finished course gets a course badge: offer those first.
        versions.sort(key=lambda v: v.achievement.kind != AchievementKind.COURSE)
    errors: list[str] = []
    if request.method == "POST":
        version = next((v for v in versions if str(v.pk) == request.POST.get("version", "")), None)
        try:
            if version is None:
                raise ValidationFailed(errors={"version": [_("Choose a badge.")]})
            evidence = services.evidence_from_choice(participant, request.POST.get("evidence", ""))
            services.issue_badge(
                request.user,
                participant,
                version,
                evidence,
                recipient=request.POST.get("recipient", RecipientChoice.EMAIL_HASH),
                did=request.POST.get("did", ""),
            )
        except ValidationFailed as error:
            errors = [m for msgs in error.errors.values() for m in msgs] or [str(error.message)]
        except Conflict as error:
            errors = [str(error.message)]
        else:
            messages.success(request, _("The badge is being signed. It appears in the list soon."))
            return redirect("achievements:participant_badges", participant.pk)
    badges = selectors.badges_of(participant)
    context = {
        "participant": participant,
        "tabs": participant_nav(participant, "digcomp"),
        "versions": [(v.pk, v.text("name", language)) for v in versions],
        "evidence_choices": evidence_choices,
        "badges": [(b, b.version.text("name", language)) for b in badges],
        "errors": errors,
        "has_email": bool(participant.email),
        "selected_evidence": selected_evidence,
    }
    return render(request, "achievements/participant_badges.html", context)


@never_cache
@login_required
@require_POST
def revoke(request: HttpRequest, participant_id: int, badge_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    badge = selectors.badge_of(participant, parse_id(badge_id))
    if badge is None or not services.may_issue(request.user, participant):
        raise Http404
    try:
        services.revoke_badge(request.user, badge, request.POST.get("reason", ""))
    except ValidationFailed as error:
        messages.error(request, " ".join(m for msgs in error.errors.values() for m in msgs))
    except Conflict as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The badge is revoked. Verifiers see this within a minute."))
    return redirect("achievements:participant_badges", participant.pk)


def _day(moment: Any) -> str:
    if not moment:
        return ""
    if isinstance(moment, datetime):
        moment = localtime(moment)
    return str(date_format(moment, "SHORT_DATE_FORMAT"))


def _version_name(version: AchievementVersion) -> str:
    return version.text("name", lang())


urlpatterns: list[URLPattern] = [
    path(
        "participants/<int:participant_id>/badges/",
        participant_badges,
        name="participant_badges",
    ),
    path(
        "participants/<int:participant_id>/badges/<int:badge_id>/revoke/",
        revoke,
        name="revoke",
    ),
]
