"""The story with recognition review, the skill decisions, the skill picker and the profile.

Suggestions show the words that gave rise to them (`<mark>` around the evidence spans, the
story text auto-escaped by the template). A story that looks like another language than the
one chosen is not saved at once: the page asks "recognise as Swedish?" (`language_check`) and
keeps the text. Accept / reject swap just the row with htmx; every
button is a plain form POST without JavaScript. The picker is a GET form: htmx fetches the
hits as you type (at least 2 characters), without JavaScript the same URL renders a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.errors import Conflict, ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.people.models import Participant
from kohtaanto.profiles import selectors as profile_selectors
from kohtaanto.profiles import services as profile_services
from kohtaanto.profiles.enums import ChangeStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.profiles.selectors import (
    ProfileEntry,
    changes_of,
    group_suggestions,
    profile_of,
    search_profile_concepts,
    shown_wishes,
)
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.journeys.forms import StoryForm
from kohtaanto.web.journeys.language_check import answered_language, language_question
from kohtaanto.web.pages import add_service_errors, is_htmx, lang

CONTEXT_CHARS = 60
MIN_QUERY = 2


@dataclass(frozen=True)
class Snippet:
    pieces: tuple[tuple[str, bool], ...]
    """(text, is_evidence) pieces: the evidence words with a little context around them."""


def _valid_spans(story: str, evidence: tuple[dict[str, Any], ...]) -> list[tuple[int, int]]:
    spans = []
    for span in evidence:
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and story[start:end] == span.get("text"):
            spans.append((start, end))
    return sorted(set(spans))


def _cut_before(story: str, start: int) -> int:
    """Where the context before `start` begins: about CONTEXT_CHARS back, at a word start."""
    begin = max(0, start - CONTEXT_CHARS)
    if begin > 0:
        space = story.find(" ", begin, start)
        begin = space + 1 if space != -1 else begin
    return begin


def _cut_after(story: str, end: int) -> int:
    finish = min(len(story), end + CONTEXT_CHARS)
    if finish < len(story):
        space = story.rfind(" ", end, finish)
        finish = space if space != -1 else finish
    return finish


def snippets(story: str, entry: ProfileEntry) -> list[Snippet]:
    """The words in the story that gave rise to a suggestion, with a little context.

    Spans close to each other share one snippet (several marks), so a sentence is not
    repeated for each word."""
    spans = _valid_spans(story, entry.evidence)
    if not spans:
        return [Snippet(((e.get("text", ""), True),)) for e in entry.evidence[:1] if e.get("text")]
    groups: list[list[tuple[int, int]]] = [[spans[0]]]
    for span in spans[1:]:
        if span[0] - groups[-1][-1][1] <= CONTEXT_CHARS:
            groups[-1].append(span)
        else:
            groups.append([span])
    result = []
    for group in groups[:3]:
        begin, finish = _cut_before(story, group[0][0]), _cut_after(story, group[-1][1])
        pieces: list[tuple[str, bool]] = [("…" if begin > 0 else "", False)]
        position = begin
        for start, end in group:
            start = max(start, position)
            pieces.append((story[position:start], False))
            pieces.append((story[start:end], True))
            position = max(position, end)
        pieces.append((story[position:finish] + ("…" if finish < len(story) else ""), False))
        result.append(Snippet(tuple(p for p in pieces if p[0])))
    return result


def highlighted(story: str, entries: list[ProfileEntry]) -> list[tuple[str, bool]]:
    """The whole story as (text, is_evidence) pieces, for `<mark>` in the template."""
    spans = sorted(
        (s["start"], s["end"])
        for e in entries
        for s in e.evidence
        if isinstance(s.get("start"), int)
        and isinstance(s.get("end"), int)
        and story[s["start"] : s["end"]] == s.get("text")
    )
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start < position:  # overlapping evidence: extend the previous mark
            if end > position:
                pieces.append((story[position:end], True))
                position = end
            continue
        if start > position:
            pieces.append((story[position:start], False))
        pieces.append((story[start:end], True))
        position = end
    if position < len(story):
        pieces.append((story[position:], False))
    return pieces


def suggestion_rows(story: str, entries: list[ProfileEntry]) -> list[dict[str, Any]]:
    return [{"entry": e, "snippets": snippets(story, e)} for e in entries]


def own_item(participant: Participant, item_id: object) -> ProfileItem:
    """The participant's profile item `item_id` (from the address or a form), else 404."""
    item = profile_selectors.item_of(participant, item_id)
    if item is None:
        raise Http404
    return item


def story_saved_message(participant: Participant, language: str, found: int) -> str:
    """What the coach is told after saving a story: how many suggestions are shown first and
    how many wait behind "show all" (not only a total the page then does not show)."""
    groups = group_suggestions(profile_of(participant, lang()).unconfirmed, lang=language)
    shown = sum(len(group.entries) for group in groups)
    more = sum(group.hidden for group in groups)
    if not found:
        return _("The story is saved. No skills were found in it; you can add them yourself.")
    if not more:
        return ngettext(
            "The story is saved. %(shown)d possible skill was found.",
            "The story is saved. %(shown)d possible skills were found.",
            shown,
        ) % {"shown": shown}
    return ngettext(
        "The story is saved. %(shown)d likely skill is shown first; %(more)d more under "
        '"Show all".',
        "The story is saved. %(shown)d likely skills are shown first; %(more)d more under "
        '"Show all".',
        shown,
    ) % {"shown": shown, "more": more}


def story_context(
    request: HttpRequest, participant: Participant, form: StoryForm
) -> dict[str, Any]:
    intake = selectors.intake_of(participant)
    story = intake.story if intake else ""
    profile = profile_of(participant, lang())
    show_all = request.GET.get("all") == "1"
    story_language = intake.story_language if intake else participant.preferred_language
    groups = group_suggestions(profile.unconfirmed, show_all=show_all, lang=story_language)
    shown = [e for g in groups for e in g.entries]
    wishes = shown_wishes(profile.wishes, story_language, show_all=show_all)
    titles = {
        "text": _("Skills found in the text"),
        "occupation": _("Occupations"),
        "inferred": _("Skills that often belong to a confirmed occupation"),
    }
    return {
        "participant": participant,
        "form": form,
        "story": story,
        "pieces": highlighted(story, shown + wishes),
        "suggestions": suggestion_rows(story, shown),
        "suggestion_groups": [
            {
                "key": g.key,
                "title": titles[g.key],
                "rows": suggestion_rows(story, g.entries),
                "hidden": g.hidden,
                "total": g.total,
            }
            for g in groups
            if g.entries
        ],
        "hidden_suggestions": sum(g.hidden for g in groups) + len(profile.wishes) - len(wishes),
        "show_all": show_all,
        "wishes": suggestion_rows(story, wishes),
        "profile": profile,
        "tabs": participant_nav(participant, "story"),
        "decide_url": "journeys:decide",
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def story(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    intake = selectors.intake_of(participant)
    initial = {
        "story": intake.story if intake else "",
        "language": (intake.story_language if intake and intake.story else "")
        or participant.preferred_language,
    }
    form = StoryForm(request.POST or None, initial=initial)
    question = None
    if request.method == "POST" and form.is_valid():
        language = answered_language(request.POST) or form.cleaned_data["language"]
        if not answered_language(request.POST):
            question = language_question(form.cleaned_data["story"], language)
    if question is None and request.method == "POST" and form.is_valid():
        try:
            saved = services.save_story(
                participant,
                by=request.user,
                story=form.cleaned_data["story"],
                language=language,
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="story")
        else:
            if saved.recognition is None:
                messages.warning(
                    request, _("The story is saved, but finding skills failed. Try again later.")
                )
            else:
                messages.success(
                    request,
                    story_saved_message(participant, language, saved.recognition.suggestions),
                )
            return redirect(reverse("journeys:story", args=[participant.pk]) + "#suggestions")
    context = story_context(request, participant, form)
    context["language_question"] = question
    return render(request, "journeys/story.html", context)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


def decide_on(
    request: HttpRequest, participant: Participant, item_id: int, fallback: str
) -> HttpResponse:
    item = own_item(participant, item_id)
    action = request.POST.get("action")
    if action == "confirm":
        item = profile_services.confirm_item(request.user, item.pk)
        notice = _("Saved: %(label)s is now in the profile.")
    elif action == "reject":
        item = profile_services.reject_item(request.user, item.pk)
        notice = _("Removed: %(label)s is not in the profile.")
    else:
        raise Http404
    entry = next((e for e in profile_of(participant, lang()).confirmed if e.id == item.pk), None)
    label = entry.label if entry else item.label
    if is_htmx(request):
        response = render(
            request,
            "journeys/_decided_row.html",
            {"item": item, "label": label, "notice": notice % {"label": label}},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    messages.success(request, notice % {"label": label})
    return redirect(_safe_next(request, fallback))


@never_cache
@login_required
@require_POST
def decide(request: HttpRequest, participant_id: int, item_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    fallback = reverse("journeys:story", args=[participant.pk]) + "#suggestions"
    return decide_on(request, participant, item_id, fallback)


def picker_context(
    request: HttpRequest, participant: Participant, add_url: str, back_url: str
) -> dict[str, Any]:
    query = (request.GET.get("q") or "").strip()[:100]
    replace = request.GET.get("replace") or ""
    replacing = profile_selectors.item_of(participant, replace) if replace else None
    hits = search_profile_concepts(query, lang(), limit=15) if len(query) >= MIN_QUERY else []
    return {
        "participant": participant,
        "query": query,
        "hits": hits,
        "too_short": 0 < len(query) < MIN_QUERY,
        "replacing": replacing,
        "add_url": add_url,
        "back_url": back_url,
        "min_query": MIN_QUERY,
    }


@never_cache
@login_required
@require_safe
def skill_search(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    context = picker_context(
        request,
        participant,
        reverse("journeys:skill_add", args=[participant.pk]),
        reverse("journeys:story", args=[participant.pk]),
    )
    template = "journeys/_skill_hits.html" if is_htmx(request) else "journeys/skill_search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def add_to(request: HttpRequest, participant: Participant, back_url: str) -> HttpResponse:
    uri = (request.POST.get("uri") or "").strip()
    replace = request.POST.get("replace") or ""
    try:
        if replace:
            item = own_item(participant, replace)
            new = profile_services.replace_item(request.user, item.pk, uri, lang=lang())
        else:
            new = profile_services.add_item(participant, by=request.user, uri=uri, lang=lang())
    except ValidationFailed:
        messages.error(
            request, _("That skill could not be added. Search again and choose from the list.")
        )
    else:
        messages.success(
            request, _("Saved: %(label)s is now in the profile.") % {"label": new.label}
        )
    return redirect(back_url)


@never_cache
@login_required
@require_POST
def skill_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    return add_to(
        request, participant, reverse("journeys:story", args=[participant.pk]) + "#add-skill"
    )


@never_cache
@login_required
@require_safe
def profile(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    skills = profile_of(participant, lang())
    changes = changes_of(participant)
    context = {
        "participant": participant,
        "profile": skills,
        "changes_pending": [c for c in changes if c.status == ChangeStatus.PENDING],
        "changes_done": [c for c in changes if c.status != ChangeStatus.PENDING][:10],
        "groups": [(skills.group_names()[key], entries) for key, entries in skills.groups.items()],
        "has_confirmed": any(skills.groups.values()),
        "tabs": participant_nav(participant, "profile"),
    }
    return render(request, "journeys/profile.html", context)


@never_cache
@login_required
@require_POST
def change_decide(request: HttpRequest, participant_id: int, change_id: int) -> HttpResponse:
    """Accept or decline a change the participant suggested (plain form POST)."""
    participant = staff_participant(request, participant_id)
    change = profile_selectors.change_of(participant, change_id)
    if change is None:
        raise Http404
    back = reverse("journeys:profile", args=[participant.pk]) + "#changes"
    action = request.POST.get("action")
    try:
        if action == "accept":
            profile_services.accept_change(request.user, change.pk, lang=lang())
            messages.success(request, _("The change is accepted and the profile is updated."))
        elif action == "decline":
            profile_services.decline_change(request.user, change.pk)
            messages.success(request, _("The change is declined. The profile stays as it was."))
        else:
            messages.error(request, _("Choose accept or decline."))
    except Conflict as error:
        messages.error(request, str(error.message))
    except ValidationFailed:
        messages.error(request, _("The change could not be made. Add the skill by hand instead."))
    return redirect(back)
