"""The coordinator's import page: upload → check (a dry run with every bad row and its line) →
import all rows, or only the valid ones. The uploaded file waits between the two steps in a
private folder under the data directory, named by a random token kept in the session.

Files of more than `import_jobs.INLINE_ROWS` rows are checked and imported in the background;
the coordinator then sees a progress page (`import_job`) that shows the result when done."""

from __future__ import annotations

import contextlib
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.opportunities import access, import_jobs
from kohtaanto.opportunities.importers import (
    ImportFileError,
    ImportReport,
    ParseResult,
    parse_opportunities,
)
from kohtaanto.opportunities.importers.apply import import_courses, import_opportunities
from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
from kohtaanto.opportunities.importers.tabular import load_mapping
from kohtaanto.web.opportunities.forms import ImportForm

SESSION_KEY = "kohtaanto_opportunity_import"


def _folder() -> Path:
    """The private folder of uploaded files; files older than `import_jobs.KEEP_SECONDS`
    (checked but never imported) are removed on the way."""
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    too_old = time.time() - import_jobs.KEEP_SECONDS
    for stale in folder.glob("*.upload"):
        with contextlib.suppress(OSError):  # another request may have removed it
            if stale.stat().st_mtime < too_old:
                stale.unlink()
    return folder


def _parse(data: bytes, meta: dict[str, Any]) -> ParseResult[Any]:
    """Read the file (fast; writes nothing). Raises `ImportFileError` for an unreadable file."""
    mapping = load_mapping(None, meta.get("mapping") or [])
    if meta["target"] == "courses":
        return parse_courses_csv(data, mapping)
    return parse_opportunities(data, meta["file_format"], mapping)


def _apply(
    parsed: ParseResult[Any],
    meta: dict[str, Any],
    user: Any,
    *,
    dry_run: bool,
    valid_only: bool,
    progress: import_jobs.Progress | None = None,
) -> ImportReport:
    organisation = access.access_import_organisation(user, meta["organisation"])
    if meta["target"] == "courses":
        return import_courses(
            parsed,
            organisation=organisation,
            by=user,
            dry_run=dry_run,
            valid_only=valid_only,
            progress=progress,
        )
    return import_opportunities(
        parsed,
        organisation=organisation,
        by=user,
        dry_run=dry_run,
        valid_only=valid_only,
        file_format=meta["file_format"],
        progress=progress,
    )


def _in_background(parsed: ParseResult[Any]) -> bool:
    return len(parsed.rows) > import_jobs.INLINE_ROWS


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
    # The session is written now, not after the response: on SQLite the run's transaction
    # would make that write wait for the whole run.
    request.session.save()
    request.session.modified = False
    path = _folder() / f"{token}.upload"
    import_jobs.start(
        token=token,
        user=user,
        kind=kind,
        meta=meta,
        total=len(parsed.rows),
        work=lambda progress: _apply(
            parsed, meta, user, dry_run=kind == "check", valid_only=valid_only, progress=progress
        ),
        cleanup=(lambda: path.unlink(missing_ok=True)) if kind == "import" else None,
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
                        request, parsed, meta, token, kind="import", valid_only=valid_only
                    )
                report = _apply(parsed, meta, request.user, dry_run=False, valid_only=valid_only)
                context["report"] = report
                context["meta"] = meta
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
            if isinstance(old, dict) and old.get("token"):
                (_folder() / f"{old['token']}.upload").unlink(missing_ok=True)
            request.session[SESSION_KEY] = {**meta, "token": token}
            if _in_background(parsed):
                return _start_job(request, parsed, meta, token, kind="check")
            preview = _apply(parsed, meta, request.user, dry_run=True, valid_only=True)
            context.update(preview=preview, token=token, meta=meta)
    context["form"] = form
    context["title"] = _("Import opportunities and courses")
    return render(request, "opportunities/import.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    """Progress of a big file's check or import; its result when done. Only the coordinator
    who started it sees it (anyone else: 404). HTMX polls the progress part."""
    job = import_jobs.get_job(token, request.user)
    if job is None or not access.import_organisations(request.user).exists():
        raise Http404
    context: dict[str, Any] = {"job": job, "title": _("Import opportunities and courses")}
    if request.headers.get("HX-Request") == "true":
        response = render(request, "opportunities/_import_progress.html", context)
        if job.finished:
            response["HX-Refresh"] = "true"  # show the whole result page
        return response
    if not job.finished:
        return render(request, "opportunities/import_job.html", context)
    if job.report is None:
        context["failed"] = True
    elif job.kind == "import":
        context.update(report=job.report, meta=job.meta)
    else:
        stored = request.session.get(SESSION_KEY)
        if isinstance(stored, dict) and stored.get("token") == job.token:
            context.update(preview=job.report, token=job.token, meta=job.meta)
        else:
            context["expired"] = True
    context["form"] = ImportForm(organisations=_organisation_choices(request))
    return render(request, "opportunities/import.html", context)


def _organisation_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.import_organisations(request.user)]
