"""The participant's own pages: "my path" (next meeting, tasks, my skills, my DigComp result,
my documents), downloading all my data (JSON and readable HTML) and links to the consent page.
Only for a logged-in participant with a record (else 404).

- Skills: the participant confirms (or says no to) a suggestion directly; a change to the
  profile (remove / change to another skill / add) is *suggested* (`my_suggest`, with an
  optional note) and waits for the coach (`profiles.services.suggest_change`).
- DigComp: the participant answers alone (`my_digcomp_start`, `my_digcomp_area`), through the
  same journey services as the coach's pages; the attempt is recorded as self-assessed.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import export, rules, selectors, services
from kohtaanto.journeys.models import DigCompAttempt
from kohtaanto.people.access import ParticipantNotFound
from kohtaanto.people.models import Participant
from kohtaanto.profiles import services as profile_services
from kohtaanto.profiles.enums import ChangeKind
from kohtaanto.profiles.selectors import changes_of, shown_by_default
from kohtaanto.web import facts
from kohtaanto.web.journeys.digcomp import area_page, chart_context
from kohtaanto.web.journeys.documents import documents_context, download_response, own_draft
from kohtaanto.web.journeys.profile import decide_on, own_item, picker_context
from kohtaanto.web.pages import is_htmx, lang, user_roles

MY_SUGGESTIONS = 5
MY_CHANGES = 10


def own_record(request: HttpRequest) -> Participant:
    if "participant" not in user_roles(request):
        raise Http404
    participant = facts.own_participant(request)  # read once with the menu's question
    if participant is None:
        raise ParticipantNotFound
    return participant  # type: ignore[no-any-return]


@never_cache
@login_required
@require_safe
def my_path(request: HttpRequest) -> HttpResponse:
    participant = own_record(request)
    language = lang()
    path = selectors.my_path(request.user, language)
    kinds = {i.id: i.label.get(language) for i in rules.session_types().values()}
    profile = path.profile
    # Only the suggestions likely enough to show (the story language's calibrated threshold);
    # the weaker ones wait for the coach's "show all".
    intake = selectors.intake_of(participant)
    story_language = intake.story_language if intake else language
    likely = [e for e in profile.unconfirmed if shown_by_default(e, story_language)]
    context = {
        "path": path,
        "participant": path.participant,
        "next_meeting_kind": kinds.get(path.next_meeting.kind, "") if path.next_meeting else "",
        "groups": [
            (profile.group_names()[key], entries) for key, entries in profile.groups.items()
        ],
        "has_confirmed": any(profile.groups.values()),
        "suggestions": [{"entry": e, "snippets": []} for e in likely[:MY_SUGGESTIONS]],
        "more_suggestions": max(0, len(likely) - MY_SUGGESTIONS),
        "decide_url": "journeys:my_decide",
        "changes": changes_of(participant)[:MY_CHANGES],
        "pending_item_ids": {
            c.item_id
            for c in changes_of(participant, pending_only=True)
            if c.item_id and c.kind == ChangeKind.REMOVE
        },
        "digcomp_latest": path.digcomp_history[-1] if path.digcomp_history else None,
        "digcomp_unfinished": _unfinished_attempt(participant),
        **chart_context(path.digcomp_history, language, participant),
        **documents_context(path.participant, staff=False),
    }
    return render(request, "journeys/my_path.html", context)


@never_cache
@login_required
@require_POST
def my_decide(request: HttpRequest, participant_id: int, item_id: int) -> HttpResponse:
    participant = own_record(request)
    if participant.pk != participant_id:
        raise Http404
    return decide_on(request, participant, item_id, reverse("journeys:my_path") + "#my-skills")


@never_cache
@login_required
@require_safe
def my_skill_search(request: HttpRequest) -> HttpResponse:
    """The skill picker; choosing a hit leads to `my_suggest` (a GET form), not to a write."""
    participant = own_record(request)
    context = picker_context(
        request, participant, reverse("journeys:my_suggest"), reverse("journeys:my_path")
    )
    context["suggest_mode"] = True
    template = "journeys/_skill_hits.html" if is_htmx(request) else "journeys/skill_search.html"
    return render(request, template, context)


def _suggest_context(participant: Participant, data: Any) -> dict[str, Any]:
    kind = data.get("kind") or ""
    if kind not in ChangeKind.values:
        kind = ChangeKind.ADD if data.get("uri") else ""
    if kind == ChangeKind.ADD and data.get("item"):
        kind = ChangeKind.RENAME
    item = None
    if kind in (ChangeKind.REMOVE, ChangeKind.RENAME):
        item = own_item(participant, data.get("item"))
    uri = (data.get("uri") or "").strip()[:255] if kind != ChangeKind.REMOVE else ""
    from kohtaanto.profiles.adapters import label_of
    from kohtaanto.vocabularies.selectors import concept_label

    label = (label_of(uri, lang()) or concept_label(uri, lang()) or "") if uri else ""
    return {
        "participant": participant,
        "kind": kind,
        "item": item,
        "uri": uri,
        "label": label,
        "note": (data.get("note") or "")[: profile_services.NOTE_MAX],
        "note_max": profile_services.NOTE_MAX,
        "errors": [],
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_suggest(request: HttpRequest) -> HttpResponse:
    """Suggest a change to my skills: `?kind=remove&item=…`, `?item=…&uri=…` (change to
    another skill) or `?uri=…` (add). GET shows what will be sent with a note field; POST
    sends it to the coach."""
    participant = own_record(request)
    data = request.POST if request.method == "POST" else request.GET
    context = _suggest_context(participant, data)
    if not context["kind"]:
        return redirect(reverse("journeys:my_skill_search"))
    if request.method == "POST":
        try:
            profile_services.suggest_change(
                participant,
                by=request.user,
                kind=context["kind"],
                item_id=context["item"].pk if context["item"] else None,
                uri=context["uri"],
                note=request.POST.get("note") or "",
                lang=lang(),
            )
        except ValidationFailed as error:
            context["errors"] = [str(m) for msgs in error.errors.values() for m in msgs] or [
                str(error.message)
            ]
            context["note"] = request.POST.get("note") or ""
        else:
            messages.success(
                request,
                _("Thank you. Your suggestion was sent to your coach. You see the answer here."),
            )
            return redirect(reverse("journeys:my_path") + "#my-changes")
    return render(request, "journeys/my_suggest.html", context)


def _unfinished_attempt(participant: Participant) -> DigCompAttempt | None:
    return selectors.unfinished_digcomp(participant, self_assessed=True)


@never_cache
@login_required
@require_POST
def my_digcomp_start(request: HttpRequest) -> HttpResponse:
    """Start (or continue) the digital skills questions alone."""
    participant = own_record(request)
    attempt = _unfinished_attempt(participant) or services.start_digcomp(
        participant, by=request.user
    )
    answered = set(attempt.answers.values_list("competence", flat=True))
    questionnaire = rules.digcomp()
    area = next(
        (
            a.id
            for a in questionnaire.areas.values()
            if any(c not in answered for c in a.competences)
        ),
        next(iter(questionnaire.areas)),
    )
    return redirect("journeys:my_digcomp_area", attempt.pk, area)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_digcomp_area(request: HttpRequest, attempt_id: int, area: str) -> HttpResponse:
    participant = own_record(request)
    return area_page(
        request,
        participant,
        attempt_id,
        area,
        area_url=lambda attempt, next_area: reverse(
            "journeys:my_digcomp_area", args=[attempt, next_area]
        ),
        done_url=reverse("journeys:my_path") + "#my-digcomp",
        staff=False,
    )


@never_cache
@login_required
@require_safe
def my_cv_download(request: HttpRequest, draft_id: int, fmt: str) -> HttpResponse:
    participant = own_record(request)
    return download_response(request, own_draft(participant, draft_id), fmt)


@never_cache
@login_required
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    """All my data as a readable page (plain headings, Finnish dates, skills by label, fits a
    phone, printable), with the downloads beside it. Showing it is an export (audited)."""
    participant = own_record(request)
    data = export.export_for(request.user, participant.pk)
    return render(request, "journeys/my_data.html", export.readable_context(data, lang()))


@never_cache
@login_required
@require_safe
def my_data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    participant = own_record(request)
    data = export.export_for(request.user, participant.pk)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="kohtaanto-my-data-{stamp}.json"'
    elif fmt == "html":
        response = HttpResponse(
            export.render_export_html(data, lang()), content_type="text/html; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="kohtaanto-my-data-{stamp}.html"'
    else:
        raise Http404
    response["Cache-Control"] = "no-store"
    return response
