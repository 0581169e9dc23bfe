"""The coordinator's privacy pages: retention settings and run reports, erasures and what
legal holds keep. Writes go through `kohtaanto.privacy.retention` and
`kohtaanto.privacy.erasure`; a participant is loaded through `people.access`
(audited), a held record is audited as a read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.people.access import ParticipantNotFound, access_participant
from kohtaanto.privacy import erasure as erasure_service
from kohtaanto.privacy import retention, rules
from kohtaanto.privacy.models import Erasure, ErasureReason, HeldRecord
from kohtaanto.web.privacy.forms import ConfirmErasureForm, RequestForm, RetentionForm
from kohtaanto.web.privacy.names import field_name, kind_name, shown_value


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _coordinated(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    if organisation is None or Role.COORDINATOR not in roles_of(request.user, organisation):
        raise Http404
    return organisation


def _length(unit: str, value: int) -> str:
    if unit == "years":
        return ngettext("%(count)s year", "%(count)s years", value) % {"count": value}
    return ngettext("%(count)s day", "%(count)s days", value) % {"count": value}


def _system_rules() -> list[dict[str, Any]]:
    """The rules that are the same for the whole service (shown, not offered in the form)."""
    lang = _lang()
    return [
        {
            "id": rule.id,
            "label": rule.label.get(lang),
            "description": rule.description.get(lang),
            "length": _length(rule.unit, rule.default),
        }
        for rule in rules.rules().values()
        if rule.system_wide
    ]


def _labels() -> dict[str, str]:
    lang = _lang()
    return {rule.id: rule.label.get(lang) for rule in rules.rules().values()}


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def overview(request: HttpRequest) -> HttpResponse:
    organisation = _coordinated(request)
    values = retention.periods_for(organisation)
    form = RetentionForm(
        request.POST if request.method == "POST" else None, lang=_lang(), values=values
    )
    if request.method == "POST" and form.is_valid():
        try:
            for rule_id, value in form.cleaned_data.items():
                if value != values[rule_id]:
                    retention.set_period(request.user, organisation, rule_id, value)
        except ValidationFailed as error:
            for name, problems in (getattr(error, "errors", None) or {}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, str(problem))
        else:
            messages.success(request, _("The retention periods were saved."))
            return redirect(reverse("privacy:overview"))
    runs = retention.runs_visible_to(request.user, organisation)[:10]
    return render(
        request,
        "privacy/overview.html",
        {
            "organisation": organisation,
            "system_rules": _system_rules(),
            "form": form,
            "runs": [(run, sum(retention.totals(run, organisation).values())) for run in runs],
        },
    )


@never_cache
@login_required
@require_POST
def dry_run(request: HttpRequest) -> HttpResponse:
    """Count what the rules would remove now (changes nothing but the report)."""
    _coordinated(request)
    run = retention.enforce(dry_run=True, trigger="page", by=request.user)
    return redirect(reverse("privacy:run", args=[run.pk]))


@never_cache
@login_required
@require_safe
def run(request: HttpRequest, run_id: int) -> HttpResponse:
    organisation = _coordinated(request)
    found = retention.runs_visible_to(request.user, organisation).filter(pk=run_id).first()
    if found is None:
        raise Http404
    labels = _labels()
    counts = retention.totals(found, organisation)
    return render(
        request,
        "privacy/run.html",
        {
            "run": found,
            "counts": [(labels.get(k, k), n) for k, n in counts.items()],
            "total": sum(counts.values()),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erasures(request: HttpRequest) -> HttpResponse:
    organisation = _coordinated(request)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect(reverse("privacy:erase", args=[form.cleaned_data["participant"]]))
    holds = rules.holds()
    lang = _lang()
    held = HeldRecord.objects.filter(organisation=organisation).select_related("project")
    return render(
        request,
        "privacy/erasures.html",
        {
            "form": form,
            "erasures": [
                (item, sum(item.removed.values()))
                for item in Erasure.objects.filter(organisation=organisation)[:50]
            ],
            "held": [
                (record, holds[record.hold].reason.get(lang) if record.hold in holds else "")
                for record in held[:200]
            ],
        },
    )


def _participant(request: HttpRequest, participant_id: int) -> Any:
    organisation = _coordinated(request)
    participant = access_participant(request.user, participant_id)
    if participant.organisation_id != organisation.pk:
        raise ParticipantNotFound
    return participant


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request: HttpRequest, participant_id: int) -> HttpResponse:
    """Review what erasing the participant removes and keeps; confirm with the reason."""
    participant = _participant(request, participant_id)
    form = ConfirmErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erasure_service.erase_participant(
            request.user, participant, reason=ErasureReason(form.cleaned_data["reason"])
        )
        messages.success(request, _("The participant's data was erased."))
        return redirect(reverse("privacy:erasures"))
    the_plan = erasure_service.plan(participant)
    lang = _lang()
    return render(
        request,
        "privacy/erase.html",
        {
            "participant": participant,
            "form": form,
            "removed": [
                (kind_name(item.model), item.count)
                for item in the_plan.items
                if item.count and not item.held_by
            ],
            "copied": [
                (kind_name(item.model), item.count)
                for item in the_plan.items
                if item.count and item.held_by
            ],
            "holds": [
                {
                    "reason": hold.reason.get(lang),
                    "until": hold.until,
                    "project": hold.project,
                    "in_place": hold.in_place,
                    "rows": hold.rows,
                }
                for hold in the_plan.holds
            ],
            "account": the_plan.account,
            "total": the_plan.total,
        },
    )


@never_cache
@login_required
@require_safe
def held(request: HttpRequest, held_id: int) -> HttpResponse:
    """What a legal hold keeps of an erased participant (audited as a read)."""
    organisation = _coordinated(request)
    record = (
        HeldRecord.objects.filter(organisation=organisation, pk=held_id)
        .select_related("project")
        .first()
    )
    if record is None:
        raise Http404
    log_event(request.user, AuditAction.VIEW, record, organisation=organisation)
    hold = rules.holds().get(record.hold)
    return render(
        request,
        "privacy/held.html",
        {
            "record": record,
            "reason": hold.reason.get(_lang()) if hold else "",
            "sections": [_held_section(label, rows) for label, rows in sorted(record.data.items())],
        },
    )


def _held_section(label: str, rows: list[dict[str, Any]]) -> tuple[str, list[list[Any]]]:
    """A held record's rows of one model, with the fields' names and readable values."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except LookupError:
        return label, [[(key, value) for key, value in row.items()] for row in rows]
    return kind_name(model), [
        [(field_name(model, key), shown_value(model, key, value)) for key, value in row.items()]
        for row in rows
    ]
