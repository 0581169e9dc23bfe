"""The coordinator's import page: upload → check (a dry run with every bad row and its line) →
import all rows, or only the valid ones. The uploaded file waits between the two steps in a
private folder under the data directory, named by a random token kept in the session.

Files of more than `tasks.INLINE_ROWS` rows are checked and imported by the background worker
(`opportunities/tasks.py`); the coordinator then sees a progress page (`import_job`) that reads
the run's stored state and shows the result when done, or why it failed (with a button to start
it again when the worker died)."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.opportunities import access, selectors, tasks
from kohtaanto.opportunities.importers import ImportFileError, ImportReport, ParseResult
from kohtaanto.opportunities.models import ImportJob
from kohtaanto.web.opportunities.forms import ImportForm

SESSION_KEY = "kohtaanto_opportunity_import"


def _folder() -> Path:
    """The private folder of uploaded files; files older than `tasks.KEEP_SECONDS` (checked
    but never imported) are removed on the way."""
    folder = tasks.folder()
    tasks.sweep_files(folder)
    return folder


def _parse(data: bytes, meta: dict[str, Any]) -> ParseResult[Any]:
    return tasks.parse(data, meta)


def _apply(
    parsed: ParseResult[Any], meta: dict[str, Any], user: Any, *, dry_run: bool, valid_only: bool
) -> ImportReport:
    return tasks.apply(parsed, meta, user, dry_run=dry_run, valid_only=valid_only)


def _in_background(parsed: ParseResult[Any]) -> bool:
    return len(parsed.rows) > tasks.INLINE_ROWS


def _start_job(
    request: HttpRequest,
    parsed: ParseResult[Any],
    meta: dict[str, Any],
    token: str,
    *,
    kind: str,
    valid_only: bool = True,
) -> HttpResponse:
    user = request.user
    access.access_import_organisation(user, meta["organisation"])  # checked before starting
    # The session is written now, not after the response: on SQLite a run's transaction
    # (the worker's, or this request's with the immediate backend) would make it wait.
    request.session.save()
    request.session.modified = False
    tasks.start(
        token=token,
        user=user,
        kind=kind,
        meta=meta,
        upload=f"{token}.upload",
        total=len(parsed.rows),
        valid_only=valid_only,
    )
    return redirect(reverse("opportunities:import-job", args=[token]))


def _stored(request: HttpRequest) -> tuple[Path, dict[str, Any]] | None:
    meta = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if not isinstance(meta, dict) or not token or meta.get("token") != token:
        return None
    path = _folder() / f"{token}.upload"
    return (path, meta) if path.exists() else None


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    organisations = _organisation_choices(request)
    if not organisations:
        raise Http404
    if request.method == "GET":
        tasks.sweep()  # runs whose worker died, old uploads and reports
    action = request.POST.get("action", "check")
    context: dict[str, Any] = {}
    if request.method == "POST" and action in {"import_all", "import_valid"}:
        stored = _stored(request)
        if stored is None:
            context["expired"] = True
        else:
            path, meta = stored
            valid_only = action == "import_valid"
            try:
                parsed = _parse(path.read_bytes(), meta)
            except ImportFileError as exc:
                context["file_error"] = exc
            else:
                if _in_background(parsed):
                    # a fresh token: the finished import is shown under it, apart from the check
                    token = secrets.token_urlsafe(24)
                    path = path.rename(_folder() / f"{token}.upload")
                    request.session.pop(SESSION_KEY, None)
                    return _start_job(
                        request,
                        parsed,
                        meta,
                        token,
                        kind=ImportJob.Kind.IMPORT,
                        valid_only=valid_only,
                    )
                report = _apply(parsed, meta, request.user, dry_run=False, valid_only=valid_only)
                context["report"] = report
                context["meta"] = meta
                context["skills_job"] = _recognise_skills(request, report, meta)
            path.unlink(missing_ok=True)
            request.session.pop(SESSION_KEY, None)
        form = ImportForm(organisations=organisations)
        return render(request, "opportunities/import.html", {"form": form, **context})
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        meta = {
            "organisation": form.cleaned_data["organisation"],
            "target": form.cleaned_data["target"],
            "file_format": form.cleaned_data["file_format"],
            "mapping": form.mapping_options(),
        }
        try:
            parsed = _parse(data, meta)
        except ImportFileError as exc:
            context["file_error"] = exc
        else:
            token = secrets.token_urlsafe(24)
            (_folder() / f"{token}.upload").write_bytes(data)
            old = request.session.get(SESSION_KEY)
            if (
                isinstance(old, dict)
                and old.get("token")
                and not selectors.import_job_waiting(old["token"])
            ):
                (_folder() / f"{old['token']}.upload").unlink(missing_ok=True)
            request.session[SESSION_KEY] = {**meta, "token": token}
            if _in_background(parsed):
                return _start_job(request, parsed, meta, token, kind=ImportJob.Kind.CHECK)
            preview = _apply(parsed, meta, request.user, dry_run=True, valid_only=True)
            context.update(preview=preview, token=token, meta=meta)
    context["form"] = form
    context["title"] = _("Import opportunities and courses")
    return render(request, "opportunities/import.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    """Progress of a big file's check or import, read from the run's stored state; its result
    when done, or why it failed. Only the coordinator who started it sees it (anyone else: 404).
    HTMX polls the progress part. POST `action=retry` starts a run whose worker died again."""
    job = tasks.get_job(token, request.user)
    if job is None or not access.import_organisations(request.user).exists():
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "retry":
            tasks.retry(job)
        return redirect(reverse("opportunities:import-job", args=[job.pk]))
    context: dict[str, Any] = {
        "job": job,
        "waiting_long": tasks.waiting_long(job),
        "title": _("Import opportunities and courses"),
    }
    if request.headers.get("HX-Request") == "true":
        response = render(request, "opportunities/_import_progress.html", context)
        if job.finished:
            response["HX-Refresh"] = "true"  # show the whole result page
        return response
    if not job.finished:
        return render(request, "opportunities/import_job.html", context)
    if job.kind == ImportJob.Kind.SKILLS:
        if job.status == ImportJob.Status.FAILED:
            context.update(
                failed=job,
                failure=tasks.failure_message(job),
                can_retry=tasks.can_retry(job),
            )
        else:
            context["result"] = job.report if isinstance(job.report, dict) else None
        return render(request, "opportunities/skills_job.html", context)
    report = tasks.report_of(job)
    if job.status == ImportJob.Status.FAILED:
        context.update(
            failed=job,
            failure=tasks.failure_message(job),
            can_retry=tasks.can_retry(job),
        )
    elif report is None:  # emptied after tasks.KEEP_SECONDS
        context["expired"] = True
    elif job.kind == ImportJob.Kind.IMPORT:
        context.update(
            report=report,
            meta=job.meta,
            skills_job=tasks.get_job(str(job.meta.get("skills_job", "")), request.user),
        )
    else:
        stored = request.session.get(SESSION_KEY)
        if isinstance(stored, dict) and stored.get("token") == job.pk:
            context.update(preview=report, token=job.pk, meta=job.meta)
        else:
            context["expired"] = True
    context["form"] = ImportForm(organisations=_organisation_choices(request))
    return render(request, "opportunities/import.html", context)


def _recognise_skills(
    request: HttpRequest, report: ImportReport, meta: dict[str, Any]
) -> ImportJob | None:
    """Imported opportunities without skills get them recognised in the background."""
    if not report.applied or meta.get("target") != "opportunities":
        return None
    return tasks.start_skill_recognition(
        user=request.user,
        organisation_id=int(meta["organisation"]),
        opportunity_ids=report.opportunity_ids,
    )


def _organisation_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.import_organisations(request.user)]
