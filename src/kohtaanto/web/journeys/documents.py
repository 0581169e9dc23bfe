"""CV drafts (fi/sv/en) edited together, PDF/DOCX downloads, and the job-search profile text
with a copy button (a readonly textarea without JavaScript)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.journeys.models import CvDraft
from kohtaanto.people.models import Participant
from kohtaanto.web.journeys.casefile import participant_nav, staff_participant
from kohtaanto.web.journeys.forms import CvForm
from kohtaanto.web.pages import add_service_errors, lang

CV_LANGUAGES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))
FORMATS = ("pdf", "docx")


def own_draft(participant: Participant, draft_id: int) -> CvDraft:
    return selectors.cv_draft_of(participant, draft_id)


def download_response(request: HttpRequest, draft: CvDraft, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    document = services.export_cv(request.user, draft.pk, fmt)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


def documents_context(participant: Participant, *, staff: bool) -> dict[str, Any]:
    drafts = selectors.cv_drafts_by_language(participant)
    items = []
    for code, name in CV_LANGUAGES:
        draft = drafts.get(code)
        item: dict[str, Any] = {"code": code, "name": name, "draft": draft}
        if draft and staff:
            item["edit_url"] = reverse("journeys:cv_edit", args=[participant.pk, draft.pk])
            item["pdf_url"], item["docx_url"] = (
                reverse("journeys:cv_download", args=[participant.pk, draft.pk, fmt])
                for fmt in FORMATS
            )
        elif draft:
            item["pdf_url"], item["docx_url"] = (
                reverse("journeys:my_cv_download", args=[draft.pk, fmt]) for fmt in FORMATS
            )
        items.append(item)
    return {
        "cv_languages": items,
        "has_cv": bool(drafts),
        "job_search_text": selectors.job_search_profile_of(participant, lang()),
    }


@never_cache
@login_required
@require_safe
def documents(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    context = {
        "participant": participant,
        "tabs": participant_nav(participant, "documents"),
        **documents_context(participant, staff=True),
    }
    return render(request, "journeys/documents.html", context)


@never_cache
@login_required
@require_POST
def cv_prepare(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    language = request.POST.get("language", "")
    try:
        draft = services.prepare_cv_draft(participant, by=request.user, language=language)
    except ValidationFailed:
        raise Http404 from None
    return redirect("journeys:cv_edit", participant.pk, draft.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cv_edit(request: HttpRequest, participant_id: int, draft_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    draft = own_draft(participant, draft_id)
    form = CvForm(request.POST or None, instance=selectors.cv_draft_of(participant, draft.pk))
    if request.method == "POST":
        if request.POST.get("refresh"):
            services.refresh_cv_draft(request.user, draft.pk)
            messages.success(
                request, _("Skills and languages are filled in again from the profile.")
            )
            return redirect("journeys:cv_edit", participant.pk, draft.pk)
        if form.is_valid():
            try:
                services.update_cv_draft(
                    request.user,
                    draft.pk,
                    **{name: form.cleaned_data[name] for name in CvForm.Meta.fields},
                )
            except ValidationFailed as error:
                add_service_errors(form, error, default="full_name")
            else:
                messages.success(request, _("The CV is saved. You can now download it."))
                return redirect("journeys:documents", participant.pk)
    context = {
        "participant": participant,
        "draft": draft,
        "form": form,
        "language_name": dict(CV_LANGUAGES)[draft.language],
        "tabs": participant_nav(participant, "documents"),
    }
    return render(request, "journeys/cv_edit.html", context)


@never_cache
@login_required
@require_safe
def cv_download(request: HttpRequest, participant_id: int, draft_id: int, fmt: str) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    return download_response(request, own_draft(participant, draft_id), fmt)
