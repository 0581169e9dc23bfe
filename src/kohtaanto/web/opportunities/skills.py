"""Confirming an opportunity's skills: suggestions recognised from the title and description,
each with a choice required / nice to have / ignore; a search to add more. Works without JS;
htmx only swaps the search results in place."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.opportunities import access, services
from kohtaanto.opportunities.enums import SkillImportance, SkillSource
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.recognition import recognise_skills, search_skills
from kohtaanto.web.opportunities.forms import SkillSearchForm
from kohtaanto.web.pages import is_htmx, lang

MAX_SUGGESTIONS = 15
MAX_ROWS = 100
REQUIRED_FROM = 0.5
NICE_FROM = 0.3


@dataclass(frozen=True)
class Row:
    uri: str
    label: str
    importance: str
    evidence: tuple[str, ...] = ()
    recognised: bool = False


def _rows(opportunity: Opportunity) -> tuple[list[Row], list[Row]]:
    """(new suggestions, earlier decisions)."""
    decided = {s.uri: s for s in opportunity.skills.all()}
    text = f"{opportunity.title}\n{opportunity.description}"
    suggestions: list[Row] = []
    for hit in recognise_skills(text, opportunity.description_language):
        if hit.uri in decided:
            continue
        if hit.score >= REQUIRED_FROM:
            importance = SkillImportance.REQUIRED
        elif hit.score >= NICE_FROM:
            importance = SkillImportance.NICE_TO_HAVE
        else:
            importance = SkillImportance.IGNORED
        suggestions.append(Row(hit.uri, hit.label, importance, hit.evidence, True))
        if len(suggestions) >= MAX_SUGGESTIONS:
            break
    earlier = [
        Row(s.uri, s.label or s.uri, s.importance, (), s.source == SkillSource.RECOGNISED)
        for s in decided.values()
        if s.importance != SkillImportance.IGNORED
    ]
    earlier.sort(key=lambda row: (row.importance != SkillImportance.REQUIRED, row.label))
    return suggestions, earlier


def _decisions(request: HttpRequest) -> list[services.SkillDecision]:
    try:
        count = min(int(request.POST.get("count", "0")), MAX_ROWS)
    except ValueError:
        count = 0
    decisions = []
    for i in range(count):
        uri = request.POST.get(f"uri_{i}", "").strip()
        importance = request.POST.get(f"importance_{i}", "")
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
    return decisions


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def opportunity_skills(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = access.access_opportunity(request.user, pk)
    if request.method == "POST":
        decisions = _decisions(request)
        from kohtaanto.opportunities.recognition import concept_info

        decisions = [d for d in decisions if concept_info(d.uri).known]
        services.set_skills(opportunity, decisions, by=request.user)
        if request.POST.get("add_uri"):
            messages.success(request, _("The skill was added."))
            return redirect("opportunities:skills", opportunity.pk)
        messages.success(request, _("The skills were saved."))
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
    suggestions, earlier = _rows(opportunity)
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
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response
