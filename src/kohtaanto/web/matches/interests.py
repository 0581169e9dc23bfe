"""The participant acts on a suggestion: a readable page of one opportunity or course, and the
answer "I'm interested" / "Not for me" (with an optional reason) through
`matches.interests` (the one write path). HTMX swaps only the answer block; without JavaScript
the form posts and the page reloads. Only what the participant may see (their organisation's
open opportunities, the shared and their organisation's courses); anything else is a 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kohtaanto.core.errors import NotFound, ValidationFailed
from kohtaanto.journeys import rules
from kohtaanto.matches import interests, services
from kohtaanto.matches.enums import InterestKind, InterestReason, ProposalStatus
from kohtaanto.matches.models import Interest
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys.my_path import own_record
from kohtaanto.web.matches import presenters
from kohtaanto.web.pages import add_service_errors, is_htmx, lang

TARGETS = ("opportunity", "course")


class InterestForm(forms.Form):
    kind = forms.ChoiceField(choices=InterestKind.choices, required=False)
    reason_code = forms.ChoiceField(
        label=gettext_lazy("Why is it not for you?"),
        choices=InterestReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Tell in your own words"),
        help_text=gettext_lazy("You can write at most 500 characters."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # No max_length here: the service says it in words and nothing is cut without a word.


def _load(participant: Participant, target: str, target_id: int) -> Opportunity | Course:
    if target == "opportunity":
        return interests.visible_opportunity(participant, target_id)
    if target == "course":
        return interests.visible_course(participant, target_id)
    raise Http404


def target_url(target: str, obj: Opportunity | Course) -> str:
    name = "matches:my_opportunity" if target == "opportunity" else "matches:my_course"
    return reverse(name, args=[obj.pk])


def form_prefix(target: str, obj: Opportunity | Course) -> str:
    """Each card's form has its own field names and ids (many cards on one page)."""
    return f"{target}-{obj.pk}"


def answer_context(
    target: str,
    obj: Opportunity | Course,
    interest: Interest | None,
    form: InterestForm | None = None,
    next_url: str = "",
) -> dict[str, Any]:
    """What `matches/_answer.html` needs as `a` (cards and detail pages)."""
    if form is None:
        initial = (
            {"reason_code": interest.reason_code, "reason": interest.reason} if interest else {}
        )
        form = InterestForm(initial=initial, prefix=form_prefix(target, obj))
    return {
        "target": target,
        "obj": obj,
        "interest": interest,
        "form": form,
        "id": f"answer-{target}-{obj.pk}",
        "action": reverse("matches:my_answer", args=[target, obj.pk]),
        "next": next_url,
        "limit": interests.REASON_MAX_LENGTH,
        "saved": "",
    }


def _detail_context(
    request: HttpRequest, participant: Participant, target: str, obj: Opportunity | Course
) -> tuple[str, dict[str, Any]]:
    context: dict[str, Any] = {"participant": participant, "target": target, "obj": obj}
    language = lang()
    if not isinstance(obj, Opportunity):
        context["skills"] = sorted({s.label for s in obj.skills.all() if s.label})
        return "matches/my_course.html", context
    suggestion = services.suggestion_for(participant, obj)
    context["consented"] = suggestion is not None
    if suggestion is not None:
        uris = presenters.uris_of(suggestion.explanation, suggestion.path)
        course_rows = {str(c.pk): c for c in services.courses_for(participant.organisation_id)}
        known = presenters.known_labels([obj], course_rows.values())
        label = presenters.label_map(uris, language, known) if uris else {}
        context["explanation"] = presenters.explanation_view(suggestion.explanation, label)
        context["path"] = presenters.path_view(suggestion.path, course_rows, label)
    municipality = rules.municipalities().get(obj.municipality_code or "")
    context["place"] = municipality.name(language) if municipality else ""
    context["proposal"] = (
        participant.proposals.filter(opportunity=obj)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .first()
    )
    context["unreviewed"] = getattr(obj, "skills_awaiting_review", False)
    return "matches/my_opportunity.html", context


def _detail(request: HttpRequest, target: str, target_id: int) -> HttpResponse:
    participant = own_record(request)
    obj = _load(participant, target, target_id)
    answer = interests.answers_by_target(participant).get((target, obj.pk))
    template, context = _detail_context(request, participant, target, obj)
    context["answer"] = answer_context(target, obj, answer, next_url=request.get_full_path())
    return render(request, template, context)


@never_cache
@login_required
@require_safe
def my_opportunity(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """One opportunity for the participant, in plain words, with the answer buttons."""
    return _detail(request, "opportunity", opportunity_id)


@never_cache
@login_required
@require_safe
def my_course(request: HttpRequest, course_id: int) -> HttpResponse:
    return _detail(request, "course", course_id)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@never_cache
@login_required
@require_POST
def my_answer(request: HttpRequest, target: str, target_id: int) -> HttpResponse:
    """Answer, change or take back the answer. HTMX gets the answer block back; a plain post
    goes back to the page it came from (or shows the detail page with the errors and what was
    typed)."""
    if target not in TARGETS:
        raise Http404
    participant = own_record(request)
    try:
        obj = _load(participant, target, target_id)
    except NotFound:
        raise Http404 from None
    form = InterestForm(request.POST, prefix=form_prefix(target, obj))
    default = target_url(target, obj)
    next_url = _safe_next(request, default)
    interest: Interest | None = None
    ok = False
    text = ""
    if form.is_valid():
        try:
            if request.POST.get("clear"):
                interests.clear_interest(request.user, participant, obj)
                text = _("Your answer was removed. You can answer again at any time.")
            else:
                interest = interests.mark_interest(
                    request.user,
                    participant,
                    obj,
                    form.cleaned_data["kind"],
                    reason=form.cleaned_data["reason"],
                    reason_code=form.cleaned_data["reason_code"],
                )
                text = (
                    _("Saved. Your coach sees that you are interested.")
                    if interest.kind == InterestKind.INTERESTED
                    else _("Saved. Your coach sees that this is not for you.")
                )
            ok = True
        except ValidationFailed as error:
            add_service_errors(form, error)
    if ok and not is_htmx(request):
        messages.success(request, text)
        return redirect(next_url)
    if not ok:
        interest = interests.answers_by_target(participant).get((target, obj.pk))
    # Saved: a fresh form showing the saved answer; refused: the form with what was typed.
    answer = answer_context(target, obj, interest, None if ok else form, next_url)
    answer["saved"] = text
    if is_htmx(request):
        response = render(request, "matches/_answer.html", {"a": answer})
        patch_vary_headers(response, ("HX-Request",))
        return response
    # A plain post with errors: the detail page again, with the errors and what was typed.
    template, context = _detail_context(request, participant, target, obj)
    context["answer"] = answer
    return render(request, template, context, status=400)
