"""Confirming an opportunity's skills: suggestions recognised from the title and description,
each with a choice required / nice to have / ignore / decide later; a search to add more.
Nothing is preselected as required: a suggestion starts undecided unless the ad's own words say
required or nice to have, and the page shows those words. Saving is the review (the
opportunity is no longer "awaiting review"). When the text looks like another language than
the opportunity's (`web.journeys.language_check`), the page asks first and suggests nothing
until a link answers (`?recognise_as=sv` or the opportunity's own language). Works without JS;
htmx only swaps the search results in place."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.opportunities import access, services
from kohtaanto.opportunities.enums import SkillImportance, SkillSource
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.recognition import (
    concept_info,
    opportunity_text,
    recognise_skills,
    search_skills,
)
from kohtaanto.recognition.requirement_cues import Requirement
from kohtaanto.web.journeys.language_check import language_question
from kohtaanto.web.opportunities.forms import SkillSearchForm
from kohtaanto.web.pages import is_htmx, lang

MAX_SUGGESTIONS = 15
MAX_ROWS = 100
LANGUAGES = ("fi", "sv", "en")
RECOGNISE_AS = "recognise_as"
"""Query (and form) field: the language chosen with the "recognise as Swedish?" question."""
UNDECIDED = ""
"""The choice "decide later": the skill is not saved (nor used in matching)."""


@dataclass(frozen=True)
class Row:
    uri: str
    label: str
    importance: str
    """The preselected choice: what the ad's words say, or `UNDECIDED`."""
    evidence: tuple[str, ...] = ()
    recognised: bool = False
    cue: str = ""
    """The words of the ad that suggested the choice ("on eduksi")."""
    suggestion: bool = False


def recognition_language(opportunity: Opportunity, request: HttpRequest) -> str:
    """The language the text is recognised in: the one chosen with the question's links
    (`?recognise_as=`), else the opportunity's description language (fi when unknown)."""
    chosen = request.GET.get(RECOGNISE_AS) or request.POST.get(RECOGNISE_AS) or ""
    if chosen in LANGUAGES:
        return chosen
    own = opportunity.description_language
    return own if own in LANGUAGES else "fi"


def _rows(
    opportunity: Opportunity, lang: str, *, recognise: bool = True
) -> tuple[list[Row], list[Row]]:
    """(suggestions, earlier decisions). A suggestion is preselected only when the ad's words
    say required or nice to have (`recognition.requirement_cues`); otherwise the writer chooses.
    Suggestions stored by the background recognition of an import (pending) are offered the
    same way. `recognise=False` (the language question is open): no new suggestions."""
    skills = list(opportunity.skills.all())
    decided = {s.uri: s for s in skills if not s.pending}
    pending = {s.uri: s for s in skills if s.pending}
    text = opportunity_text(opportunity.title, opportunity.description)
    suggestions: list[Row] = []
    for hit in recognise_skills(text, lang) if recognise else []:
        if hit.uri in decided:
            continue
        pending.pop(hit.uri, None)
        importance = UNDECIDED if hit.requirement == Requirement.UNDECIDED else hit.requirement
        suggestions.append(
            Row(hit.uri, hit.label, str(importance), hit.evidence, True, hit.cue, True)
        )
        if len(suggestions) >= MAX_SUGGESTIONS:
            break
    for stored in pending.values():  # the text changed since it was recognised
        importance = stored.importance if stored.cue else UNDECIDED
        suggestions.append(
            Row(stored.uri, stored.label or stored.uri, importance, (), True, stored.cue, True)
        )
    earlier = [
        Row(s.uri, s.label or s.uri, s.importance, (), s.source == SkillSource.RECOGNISED)
        for s in decided.values()
        if s.importance != SkillImportance.IGNORED
    ]
    earlier.sort(key=lambda row: (row.importance != SkillImportance.REQUIRED, row.label))
    return suggestions, earlier


def _decisions(request: HttpRequest) -> tuple[list[services.SkillDecision], int]:
    """(the decisions, how many suggestions were left undecided)."""
    try:
        count = min(int(request.POST.get("count", "0")), MAX_ROWS)
    except ValueError:
        count = 0
    decisions = []
    undecided = 0
    for i in range(count):
        uri = request.POST.get(f"uri_{i}", "").strip()
        importance = request.POST.get(f"importance_{i}", "")
        if uri and importance == UNDECIDED:
            undecided += 1
        if not uri or importance not in SkillImportance.values:
            continue
        source = (
            SkillSource.RECOGNISED if request.POST.get(f"recognised_{i}") else SkillSource.MANUAL
        )
        decisions.append(services.SkillDecision(uri, importance, source=source))
    add_uri = request.POST.get("add_uri", "").strip()
    add_importance = request.POST.get("add_importance", "")
    if add_uri and add_importance in SkillImportance.values:
        decisions.append(services.SkillDecision(add_uri, add_importance))
    return decisions, undecided


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_skills(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.access_opportunity(request.user, pk)
    if request.method == "POST":
        decisions, undecided = _decisions(request)
        decisions = [d for d in decisions if concept_info(d.uri).known]
        adding = bool(request.POST.get("add_uri"))
        chosen = request.POST.get(RECOGNISE_AS, "")
        services.set_skills(
            opportunity,
            decisions,
            by=request.user,
            review=not adding,
            # The answer to "recognise as Swedish?" is the text's language from now on.
            language=chosen if chosen in LANGUAGES and not adding else None,
        )
        if adding:
            messages.success(request, _("The skill was added."))
            target = reverse("opportunities:skills", args=[opportunity.pk])
            if chosen in LANGUAGES:
                target += "?" + urlencode({RECOGNISE_AS: chosen})
            return redirect(target)
        messages.success(request, _("The skills were saved."))
        if undecided:
            messages.info(
                request,
                ngettext(
                    "You left %(count)s skill undecided. It is not used in matching; "
                    "it is suggested again the next time you open the skills.",
                    "You left %(count)s skills undecided. They are not used in matching; "
                    "they are suggested again the next time you open the skills.",
                    undecided,
                )
                % {"count": undecided},
            )
        return redirect("opportunities:detail", opportunity.pk)
    search = SkillSearchForm(request.GET or None)
    hits = []
    if search.is_bound and search.is_valid():
        hits = search_skills(search.cleaned_data["q"] or "", lang())
    if is_htmx(request) and "q" in request.GET:
        response = render(
            request,
            "opportunities/_skill_hits.html",
            {"hits": hits, "opportunity": opportunity, "search": search},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    language = recognition_language(opportunity, request)
    question = None
    if RECOGNISE_AS not in request.GET:
        question = language_question(
            opportunity_text(opportunity.title, opportunity.description), language
        )
    suggestions, earlier = _rows(opportunity, language, recognise=question is None)
    rows = suggestions + earlier
    response = render(
        request,
        "opportunities/skills.html",
        {
            "opportunity": opportunity,
            "suggestions": list(enumerate(suggestions)),
            "earlier": list(enumerate(earlier, start=len(suggestions))),
            "count": len(rows),
            "search": search,
            "hits": hits,
            "importances": SkillImportance.choices,
            "language_question": question,
            "recognise_as": language if RECOGNISE_AS in request.GET else "",
            "recognise_as_url": reverse("opportunities:skills", args=[opportunity.pk])
            + "?"
            + RECOGNISE_AS
            + "=",
            "suggestion_choices": [
                *SkillImportance.choices,
                (UNDECIDED, _("Decide later")),
            ],
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response
