"""Finished courses on a participant's case file (/participants/<id>/courses/): the coach or
coordinator marks a course finished (the day and an optional note), removes a mark made by
mistake (not one a badge was issued from) and, from a finished course, goes on to issue a
course badge on the badges page (the same form, service and consent check as every other
badge). Loaded through `people.access` (the read is audited); anyone who may not edit the case
file gets 404."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.achievements import completions, services
from kohtaanto.achievements.enums import AchievementKind
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant


def _day(text: str) -> date | None:
    """The day from the form (ISO, as a date input sends it); None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(
            errors={"completed_on": [_("Give the date as yyyy-mm-dd, for example 2026-05-31.")]}
        ) from None


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def participant_courses(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    if not completions.may_record(request.user, participant):
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        try:
            completions.record_completion(
                request.user,
                participant,
                request.POST.get("course", ""),
                completed_on=_day(request.POST.get("completed_on", "")),
                note=request.POST.get("note", ""),
            )
        except ValidationFailed as error:
            errors = [m for msgs in error.errors.values() for m in msgs] or [str(error.message)]
        except Conflict as error:
            errors = [str(error.message)]
        else:
            messages.success(request, _("The course is marked as finished."))
            return redirect("achievements:participant_courses", participant.pk)
    finished = list(completions.completions_of(participant))
    badged = completions.badged_completion_ids(participant)
    done = {c.course_id for c in finished}
    courses = [c for c in completions.courses_for(participant) if c.pk not in done]
    course_badges = any(
        v.achievement.kind == AchievementKind.COURSE
        for v in services.issuable_versions(participant)
    )
    context = {
        "participant": participant,
        "tabs": participant_nav(participant, "participant_suggestions"),
        "finished": [{"completion": c, "badged": c.pk in badged} for c in finished],
        "courses": courses,
        "selected_course": request.POST.get("course") or request.GET.get("course", ""),
        "completed_on": request.POST.get("completed_on") or timezone.localdate().isoformat(),
        "today": timezone.localdate().isoformat(),
        "note": request.POST.get("note", ""),
        "note_max": completions.NOTE_MAX,
        "errors": errors,
        "may_issue": services.may_issue(request.user, participant),
        "course_badges": course_badges,
    }
    return render(request, "achievements/participant_courses.html", context)


@never_cache
@login_required
@require_POST
def remove_course_completion(
    request: HttpRequest, participant_id: int, completion_id: int
) -> HttpResponse:
    """Remove a finished-course mark made by mistake; back to the list with what happened."""
    participant = staff_participant(request, participant_id)
    try:
        completions.remove_completion(request.user, participant, completion_id)
    except ParticipantNotFound:
        raise Http404 from None
    except (NotFound, Conflict) as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The mark was removed: the course is no longer marked as finished.")
        )
    return redirect("achievements:participant_courses", participant.pk)


urlpatterns: list[URLPattern] = [
    path(
        "participants/<int:participant_id>/courses/",
        participant_courses,
        name="participant_courses",
    ),
    path(
        "participants/<int:participant_id>/courses/<int:completion_id>/remove/",
        remove_course_completion,
        name="remove_course_completion",
    ),
]
