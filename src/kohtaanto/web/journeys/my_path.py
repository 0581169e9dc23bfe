"""The participant's own pages: "my path" (next meeting, tasks, my skills with confirm /
remove, my DigComp result, my documents), downloading all my data (JSON and readable HTML)
and links to the consent page. Only for a logged-in participant with a record (else 404)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kohtaanto.journeys import export, rules, selectors
from kohtaanto.journeys.access import ParticipantNotFound
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys.common import lang
from kohtaanto.web.journeys.digcomp import chart_context
from kohtaanto.web.journeys.documents import documents_context, download_response, own_draft
from kohtaanto.web.journeys.profile import add_to, decide_on, picker_context
from kohtaanto.web.roles import user_roles

MY_SUGGESTIONS = 5


def own_record(request: HttpRequest) -> Participant:
    if "participant" not in user_roles(request):
        raise Http404
    participant = Participant.objects.filter(user__pk=request.user.pk or 0).first()
    if participant is None:
        raise ParticipantNotFound
    return participant


@never_cache
@login_required
@require_safe
def my_path(request: HttpRequest) -> HttpResponse:
    own_record(request)
    language = lang()
    path = selectors.my_path(request.user, language)
    kinds = {i.id: i.label.get(language) for i in rules.session_types().values()}
    profile = path.profile
    context = {
        "path": path,
        "participant": path.participant,
        "next_meeting_kind": kinds.get(path.next_meeting.kind, "") if path.next_meeting else "",
        "groups": [
            (profile.group_names()[key], entries) for key, entries in profile.groups.items()
        ],
        "has_confirmed": any(profile.groups.values()),
        "suggestions": [{"entry": e, "snippets": []} for e in profile.unconfirmed[:MY_SUGGESTIONS]],
        "more_suggestions": max(0, len(profile.unconfirmed) - MY_SUGGESTIONS),
        "decide_url": "journeys:my_decide",
        **chart_context(path.digcomp_history, language),
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
    from kohtaanto.web.journeys.common import is_htmx

    participant = own_record(request)
    context = picker_context(
        request, participant, reverse("journeys:my_skill_add"), reverse("journeys:my_path")
    )
    template = "journeys/_skill_hits.html" if is_htmx(request) else "journeys/skill_search.html"
    return render(request, template, context)


@never_cache
@login_required
@require_POST
def my_skill_add(request: HttpRequest) -> HttpResponse:
    participant = own_record(request)
    return add_to(request, participant, reverse("journeys:my_path") + "#my-skills")


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
    own_record(request)
    return render(request, "journeys/my_data.html", {})


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
