"""Pages of matching: a participant's suggested opportunities (coach and own view), proposing
a candidate, an opportunity's candidates (coach: full list; employer contact: only proposed
ones) and the coordinator's fairness audit. HTMX swaps the results; everything works
without JavaScript. Loading goes through access helpers; views by others are audited."""

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

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import Conflict, NotFound, ValidationFailed
from kohtaanto.matches import interests, services
from kohtaanto.matches.audit import fairness_report, fairness_view
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matching.learning import LearningPath
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.access import may_see_restricted
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.journeys.my_path import own_record
from kohtaanto.web.matches import presenters
from kohtaanto.web.matches.interests import answer_context
from kohtaanto.web.pages import is_htmx, lang, role_required


class SuggestionFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Type of opportunity"),
        choices=OpportunityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _suggestion_context(
    participant: Participant, request: HttpRequest, *, own: bool = False
) -> dict[str, Any]:
    form = SuggestionFilterForm(request.GET or None)
    kinds: list[str] = []
    if form.is_bound and form.is_valid():
        kinds = form.cleaned_data["kind"]
    result = services.suggestions_for(
        participant, kinds=kinds, limits=may_see_restricted(request.user, participant)
    )
    language = lang()
    paths: list[LearningPath] = [s.path for s in result.items]
    uris: set[str] = set()
    for suggestion in result.items:
        uris |= presenters.uris_of(suggestion.explanation, suggestion.path)
    known = presenters.known_labels((s.opportunity for s in result.items), result.courses.values())
    label = presenters.label_map(uris, language, known) if uris else {}
    proposals = {
        p.opportunity_id: p for p in participant.proposals.exclude(status=ProposalStatus.WITHDRAWN)
    }
    answers = interests.answers_by_target(participant)
    here = request.get_full_path()
    items = []
    for s, path in zip(result.items, paths, strict=True):
        answer = answers.get(("opportunity", s.opportunity.pk))
        items.append(
            {
                "opportunity": s.opportunity,
                "explanation": presenters.explanation_view(s.explanation, label),
                "path": presenters.path_view(path, result.courses, label),
                "proposal": proposals.get(s.opportunity.pk),
                "interest": answer,
                "unreviewed": getattr(s.opportunity, "skills_awaiting_review", False),
                "answer": (
                    answer_context("opportunity", s.opportunity, answer, next_url=here)
                    if own
                    else None
                ),
            }
        )
    names = presenters.filter_names()
    kind_names = dict(OpportunityKind.choices)
    return {
        "participant": participant,
        "form": form,
        "result": result,
        "items": items,
        "ruled_out": [(names.get(rule, rule), count) for rule, count in result.ruled_out.items()],
        "kind_names": [kind_names[k] for k in result.kinds if k in kind_names],
    }


def _render_suggestions(request: HttpRequest, context: dict[str, Any], page: str) -> HttpResponse:
    template = "matches/_suggestion_results.html" if is_htmx(request) else page
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@never_cache
@login_required
@require_safe
def participant_suggestions(request: HttpRequest, participant_id: int) -> HttpResponse:
    """The coach's view (audited `view` by `staff_participant`)."""
    participant = staff_participant(request, participant_id)
    context = _suggestion_context(participant, request)
    if not is_htmx(request):
        # The participant's answers: shown with "new" marks, then marked seen by this viewer.
        answers = interests.interests_of(participant)
        proposals = {p.opportunity_id: p for p in participant.proposals.all()}
        context["answers"] = [
            {
                "interest": a,
                "new": a.seen_by_coach is None,
                "proposal": proposals.get(a.opportunity_id) if a.opportunity_id else None,
                "active": (
                    a.opportunity_id in proposals
                    and proposals[a.opportunity_id].status != ProposalStatus.WITHDRAWN
                ),
            }
            for a in answers
        ]
        if any(a.seen_by_coach is None for a in answers):
            interests.mark_seen(request.user, participant)
    context.update(
        staff=True,
        tabs=participant_nav(participant, "participant_suggestions"),
        action=reverse("matches:participant_suggestions", args=[participant.pk]),
    )
    return _render_suggestions(request, context, "matches/participant_suggestions.html")


@never_cache
@login_required
@require_safe
def my_suggestions(request: HttpRequest) -> HttpResponse:
    """The participant's own view (no audit event: it is their own data)."""
    participant = own_record(request)
    context = _suggestion_context(participant, request, own=True)
    context.update(staff=False, action=reverse("matches:my_suggestions"))
    if not is_htmx(request):
        context["new_employer_answers"] = services.new_answers_for_participant(participant)
        if context["new_employer_answers"]:
            services.mark_answers_seen_by_participant(request.user, participant)
    return _render_suggestions(request, context, "matches/my_suggestions.html")


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@never_cache
@login_required
@require_POST
def propose(request: HttpRequest, participant_id: int, opportunity_id: int) -> HttpResponse:
    default = reverse("matches:participant_suggestions", args=[participant_id])
    try:
        services.propose(request.user, participant_id, opportunity_id)
    except NotFound:
        raise Http404 from None
    except (ValidationFailed, Conflict) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The participant was proposed to the employer."))
    return redirect(_back(request, default))


def _error_text(error: ValidationFailed | Conflict) -> str:
    text = " ".join(str(m) for msgs in getattr(error, "errors", {}).values() for m in msgs)
    return text or str(error.message)


@never_cache
@login_required
@require_POST
def propose_interest(request: HttpRequest, interest_id: int) -> HttpResponse:
    """The coach proposes the participant from their "I'm interested" answer, in one step."""
    try:
        proposal = services.propose_from_interest(request.user, interest_id)
    except NotFound:
        raise Http404 from None
    except (ValidationFailed, Conflict) as error:
        messages.error(request, _error_text(error))
        return redirect(_back(request, reverse("home")))
    messages.success(request, _("The participant was proposed to the employer."))
    default = reverse("matches:participant_suggestions", args=[proposal.participant_id])
    return redirect(_back(request, default) + "#answers")


@never_cache
@login_required
@require_POST
def answer_seen(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """The coach has read the employer's answer (it leaves their home page)."""
    try:
        services.mark_answer_seen(request.user, proposal_id)
    except NotFound:
        raise Http404 from None
    return redirect(_back(request, reverse("home")))


@never_cache
@login_required
@require_POST
def withdraw(request: HttpRequest, proposal_id: int) -> HttpResponse:
    try:
        proposal = services.withdraw(request.user, proposal_id)
    except NotFound:
        raise Http404 from None
    except Conflict as error:
        messages.error(request, str(error.message))
        return redirect(_back(request, reverse("home")))
    messages.success(request, _("The proposal was withdrawn."))
    if proposal.participant.user_id == request.user.pk:
        # The participant themself: their own suggestions (the staff page is a 404 for them).
        return redirect(_back(request, reverse("matches:my_suggestions")))
    default = reverse("matches:participant_suggestions", args=[proposal.participant_id])
    return redirect(_back(request, default))


@never_cache
@login_required
@require_safe
def candidates(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """Staff of the managing organisation: the full list; the employer's contact: proposed
    candidates only; anyone else: 404."""
    try:
        opportunity = services.staff_opportunity(request.user, opportunity_id)
    except (NotFound, Http404):
        return _employer_candidates(request, opportunity_id)
    found = services.candidates_for(request.user, opportunity)
    language = lang()
    uris: set[str] = set()
    for candidate in found:
        uris |= presenters.uris_of(candidate.explanation)
    known = presenters.known_labels([opportunity], [])
    label = presenters.label_map(uris, language, known) if uris else {}
    rows = [
        {
            "candidate": c,
            "explanation": presenters.explanation_view(c.explanation, label),
            "active": c.proposal is not None and c.proposal.status != ProposalStatus.WITHDRAWN,
        }
        for c in found
    ]
    context = {"opportunity": opportunity, "rows": rows, "can_propose": _proposable(opportunity)}
    return render(request, "matches/candidates.html", context)


def _proposable(opportunity: Opportunity) -> bool:
    return opportunity.status == "open" and opportunity.employer_id is not None


def _employer_candidates(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    try:
        opportunity = services.employer_opportunity(request.user, opportunity_id)
    except (NotFound, Http404):
        raise Http404 from None
    shared = services.employer_candidates(request.user, opportunity)
    uris: set[str] = set()
    for candidate in shared:
        uris |= set(candidate.skills) | set(candidate.occupations)
        uris |= presenters.uris_of(candidate.explanation)
    known = presenters.known_labels([opportunity], [])
    label = presenters.label_map(uris, lang(), known) if uris else {}
    rows = [
        {
            "candidate": c,
            "skills": sorted(label.get(u, u) for u in c.skills),
            "occupations": sorted(label.get(u, u) for u in c.occupations),
            "explanation": presenters.explanation_view(c.explanation, label),
            "languages": presenters.spoken_languages(c.languages, lang()),
        }
        for c in shared
    ]
    context = {"opportunity": opportunity, "rows": rows}
    return render(request, "matches/employer_candidates.html", context)


@never_cache
@login_required
@require_POST
def respond(request: HttpRequest, proposal_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        raise Http404
    try:
        proposal = services.respond(request.user, proposal_id, accept=decision == "accept")
    except NotFound:
        raise Http404 from None
    except Conflict as error:
        messages.error(request, str(error.message))
        return redirect("home")
    if proposal.status == ProposalStatus.ACCEPTED:
        messages.success(request, _("You accepted the candidate. The coach will contact you."))
    else:
        messages.success(request, _("You declined the candidate."))
    return redirect("matches:candidates", proposal.opportunity_id)


@never_cache
@role_required(Role.COORDINATOR)
@require_safe
def fairness(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    report = fairness_report(organisation)
    context = {
        "organisation": organisation,
        "report": report,
        "attributes": fairness_view(report, lang()),
        "comparable": any(
            g.ratio is not None for a in report.attributes for g in a.groups if not g.suppressed
        ),
        "threshold_percent": round(report.parameters.threshold * 100),
    }
    return render(request, "matches/fairness.html", context)
