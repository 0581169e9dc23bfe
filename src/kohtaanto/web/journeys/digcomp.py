"""DigComp 2.2 self-assessment: one area (3–6 questions) per screen with big radio buttons,
the result as the accessible SVG chart with its table, and the history over time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.journeys import charts, rules, selectors, services
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys import digcomp_next
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.pages import lang


def _number(value: float) -> str:
    """An average with one decimal, in the page's language: 4,5 in Finnish and Swedish.
    Rounded half up (Django's `number_format` would cut 3.67 to 3,6)."""
    return str(number_format(rules.one_decimal(value), 1))


def _course_url(course: Any, staff: bool) -> str:
    try:
        if staff:
            return reverse("opportunities:course-detail", args=[course.pk])
        return reverse("matches:my_course", args=[course.pk])
    except NoReverseMatch:  # the course pages are not installed: the provider's page
        return str(course.url or "")


def chart_context(
    results: list[selectors.DigCompResult],
    language: str,
    participant: Participant | None = None,
    *,
    staff: bool = False,
) -> dict[str, Any]:
    """The latest result as a level per area in plain words, with the courses that raise each
    area (when `participant` is given); the latest and up to two earlier results as SVG +
    table. Safe: charts escapes every text."""
    if not results:
        return {"chart_svg": "", "chart_table": None, "levels": []}
    shown = results[-3:]
    svg, (header, rows) = charts.digcomp_chart(
        shown,
        title=_("Digital skills by area"),
        description=_(
            "Average answer in each of the five areas, from 0 (I can't do this yet) to 5 (I can "
            "help others). One bar for each time the questions were answered."
        ),
        lang=language,
        number=_number,
    )
    latest = results[-1]
    courses = (
        digcomp_next.courses_by_area(
            participant,
            [
                a.area
                for a in latest.areas
                if a.proficiency is not None and a.proficiency.rank < digcomp_next.RAISE_BELOW
            ],
        )
        if participant is not None
        else {}
    )
    levels = []
    for area in latest.areas:
        proficiency = area.proficiency
        levels.append(
            {
                "area": area.area,
                "name": area.name,
                "mean": _number(area.mean) if area.mean is not None else "–",
                "level": proficiency.name.get(language) if proficiency else "",
                "band": proficiency.band if proficiency else "",
                "says": proficiency.description.get(language) if proficiency else "",
                "strong": bool(proficiency and proficiency.rank >= digcomp_next.RAISE_BELOW),
                "courses": [
                    {
                        "title": hit.course.title,
                        "provider": hit.course.provider,
                        "hours": _number(float(hit.course.hours)) if hit.course.hours else "",
                        "url": _course_url(hit.course, staff),
                    }
                    for hit in courses.get(area.area, [])
                ],
            }
        )
    scale = [(o.value, o.label.get(language)) for o in rules.digcomp().options]
    return {
        "chart_svg": mark_safe(svg),  # noqa: S308 - built by charts, which escapes every text
        "chart_table": {
            "header": header[1:],
            "rows": [
                {"area": row[0], "level": level["level"], "values": row[1:]}
                for row, level in zip(rows, levels, strict=True)
            ],
        },
        "levels": levels,
        "latest": latest,
        "show_courses": participant is not None,
        "digcomp_staff": staff,
        "scale": scale,
    }


def digcomp_overview_context(participant: Participant, language: str) -> dict[str, Any]:
    results = selectors.digcomp_results_of(participant, language)
    unfinished = selectors.unfinished_digcomp(participant)
    return {
        "results": list(reversed(results)),
        "unfinished": unfinished,
        **chart_context(results, language, participant, staff=True),
    }


@never_cache
@login_required
@require_http_methods(["GET"])
def digcomp(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    context = {
        "participant": participant,
        "tabs": participant_nav(participant, "digcomp"),
        **digcomp_overview_context(participant, lang()),
    }
    return render(request, "journeys/digcomp.html", context)


@never_cache
@login_required
@require_POST
def digcomp_start(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    attempt = services.start_digcomp(
        participant, by=request.user, with_coach=request.POST.get("with_coach") == "on"
    )
    first_area = next(iter(rules.digcomp().areas))
    return redirect("journeys:digcomp_area", participant.pk, attempt.pk, first_area)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def digcomp_area(
    request: HttpRequest, participant_id: int, attempt_id: int, area: str
) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    return area_page(
        request,
        participant,
        attempt_id,
        area,
        area_url=lambda attempt, next_area: reverse(
            "journeys:digcomp_area", args=[participant.pk, attempt, next_area]
        ),
        done_url=reverse("journeys:digcomp", args=[participant.pk]),
        staff=True,
    )


def area_page(
    request: HttpRequest,
    participant: Participant,
    attempt_id: int,
    area: str,
    *,
    area_url: Callable[[int, str], str],
    done_url: str,
    staff: bool,
) -> HttpResponse:
    """One area of questions (GET shows, POST saves through the journey services), used by
    the coach's pages and by the participant's own ("my path"); `area_url(attempt, area)`
    and `done_url` are where the answers lead."""
    attempt = selectors.digcomp_attempt_of(participant, attempt_id)
    questionnaire = rules.digcomp()
    if attempt is None or area not in questionnaire.areas:
        raise Http404
    if attempt.completed_at:
        return redirect(done_url)
    language = lang()
    area_ids = list(questionnaire.areas)
    index = area_ids.index(area)
    current = questionnaire.areas[area]
    saved = dict(attempt.answers.values_list("competence", "value"))
    chosen: dict[str, str] = {c: str(v) for c, v in saved.items()}
    errors: dict[str, str] = {}
    if request.method == "POST":
        answers: dict[str, int] = {}
        for competence in current.competences:
            value = request.POST.get(f"q-{competence}", "")
            chosen[competence] = value
            # Compared as text: `int` refuses "²", which `str.isdigit` lets through.
            answer = next((v for v in questionnaire.values if str(v) == value), None)
            if answer is not None:
                answers[competence] = answer
            else:
                errors[competence] = _("Choose one answer.")
        if not errors:
            try:
                services.answer_digcomp(request.user, attempt.pk, answers)
                if index + 1 < len(area_ids):
                    return redirect(area_url(attempt.pk, area_ids[index + 1]))
                services.complete_digcomp(request.user, attempt.pk)
            except ValidationFailed as error:
                for competence, msgs in error.errors.items():
                    errors[competence] = " ".join(msgs)
                if error.code == "incomplete":
                    messages.error(
                        request, _("Some questions on earlier pages have no answer yet.")
                    )
            except Conflict:
                return redirect(done_url)
            else:
                messages.success(request, _("The answers are saved. Here is the result."))
                return redirect(done_url)
    questions = [
        {
            "id": competence,
            "name": questionnaire.questions[competence].name.get(language),
            "question": questionnaire.questions[competence].question.get(language),
            "example": questionnaire.questions[competence].example.get(language),
            "chosen": chosen.get(competence, ""),
            "error": errors.get(competence, ""),
        }
        for competence in current.competences
    ]
    options = [(str(o.value), o.label.get(language)) for o in questionnaire.options]
    context = {
        "participant": participant,
        "attempt": attempt,
        "area": current,
        "area_name": current.name.get(language),
        "area_description": current.description.get(language),
        "questions": questions,
        "options": options,
        "errors": errors,
        "page_number": index + 1,
        "page_total": len(area_ids),
        "previous_url": area_url(attempt.pk, area_ids[index - 1]) if index else "",
        "instructions": questionnaire.instructions.get(language),
        "staff": staff,
        "done_url": done_url,
        "tabs": participant_nav(participant, "digcomp") if staff else [],
    }
    return render(request, "journeys/digcomp_area.html", context)
