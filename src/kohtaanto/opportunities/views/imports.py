"""The coordinator's import page: upload → check (a dry run with every bad row and its line) →
import all rows, or only the valid ones. The uploaded file waits between the two steps in a
private folder under the data directory, named by a random token kept in the session."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.opportunities import access
from kohtaanto.opportunities.forms import ImportForm
from kohtaanto.opportunities.importers import ImportFileError, ImportReport, parse_opportunities
from kohtaanto.opportunities.importers.apply import import_courses, import_opportunities
from kohtaanto.opportunities.importers.csv_courses import parse_courses_csv
from kohtaanto.opportunities.importers.tabular import load_mapping

SESSION_KEY = "kohtaanto_opportunity_import"


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _run(
    data: bytes, meta: dict[str, Any], user: Any, *, dry_run: bool, valid_only: bool
) -> ImportReport:
    organisation = access.access_import_organisation(user, meta["organisation"])
    mapping = load_mapping(None, meta.get("mapping") or [])
    if meta["target"] == "courses":
        return import_courses(
            parse_courses_csv(data, mapping),
            organisation=organisation,
            by=user,
            dry_run=dry_run,
            valid_only=valid_only,
        )
    return import_opportunities(
        parse_opportunities(data, meta["file_format"], mapping),
        organisation=organisation,
        by=user,
        dry_run=dry_run,
        valid_only=valid_only,
        file_format=meta["file_format"],
    )


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
    organisations = [(o.pk, o.name) for o in access.import_organisations(request.user)]
    if not organisations:
        from django.http import Http404

        raise Http404
    action = request.POST.get("action", "check")
    context: dict[str, Any] = {}
    if request.method == "POST" and action in {"import_all", "import_valid"}:
        stored = _stored(request)
        if stored is None:
            context["expired"] = True
        else:
            path, meta = stored
            try:
                report = _run(
                    path.read_bytes(),
                    meta,
                    request.user,
                    dry_run=False,
                    valid_only=action == "import_valid",
                )
            except ImportFileError as exc:
                context["file_error"] = exc
            else:
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
            preview = _run(data, meta, request.user, dry_run=True, valid_only=True)
        except ImportFileError as exc:
            context["file_error"] = exc
        else:
            token = secrets.token_urlsafe(24)
            (_folder() / f"{token}.upload").write_bytes(data)
            old = request.session.get(SESSION_KEY)
            if isinstance(old, dict) and old.get("token"):
                (_folder() / f"{old['token']}.upload").unlink(missing_ok=True)
            request.session[SESSION_KEY] = {**meta, "token": token}
            context.update(preview=preview, token=token, meta=meta)
    context["form"] = form
    context["title"] = _("Import opportunities and courses")
    return render(request, "opportunities/import.html", context)
