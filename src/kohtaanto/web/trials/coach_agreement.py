"""The agreement of a trial: the staff's form (terms, workplace mentor, goals, qualification
units and skill requirements), the parties' confirmations (electronic, or a paper signature
the coach records) and the agreement PDF in the agreement's language.

Saving always keeps the draft; the rule book's findings are shown at the top of the page and
the agreement cannot be confirmed until they are fixed (`lifecycle.confirm` refuses)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import id_or_none
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.trials import access, selectors
from kohtaanto.trials.access import EMPLOYER, PARTICIPANT, STAFF, WORKPLACE_MENTOR
from kohtaanto.trials.documents import render_agreement_pdf
from kohtaanto.trials.enums import ConfirmationMethod, Party, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import lifecycle
from kohtaanto.web.pages import add_service_errors, lang
from kohtaanto.web.trials.forms import AgreementForm, PaperForm


def load(request: HttpRequest, pk: int, *kinds: str) -> tuple[Trial, set[str]]:
    """The trial (404 unless visible; the read is audited) and the viewer's roles, which must
    include one of `kinds` when given."""
    trial = access.get_trial(request.user, pk)
    roles = access.viewer_roles(request.user, trial)
    if kinds and not roles & set(kinds):
        raise Http404
    return trial, roles


def role_flags(roles: set[str]) -> dict[str, bool]:
    return {
        "is_staff": STAFF in roles,
        "is_participant": PARTICIPANT in roles,
        "is_employer": EMPLOYER in roles,
        "is_workplace_mentor": WORKPLACE_MENTOR in roles,
    }


def chosen_units(trial: Trial, code: str) -> list[dict[str, Any]]:
    """The trial's units with the requirements chosen of each, in `code`."""
    chosen = set(trial.requirements.values_list("requirement_id", flat=True))
    return [
        {
            "name": tu.unit.name(code),
            "code": tu.unit.short_code,
            "requirements": [r.text(code) for r in tu.unit.requirements.all() if r.pk in chosen],
        }
        for tu in trial.units.select_related("unit").prefetch_related("unit__requirements")
    ]


# --- the agreement form ----------------------------------------------------------------------


def _initial(trial: Trial) -> dict[str, Any]:
    agreement = trial.agreement
    language = agreement.language or "fi"
    never_checked = not trial.rules_version
    allowance = agreement.allowance_eur_per_day
    if never_checked:
        allowance = selectors.allowance_per_day(trial, agreement.outside_commuting_area)
    weekdays = agreement.weekdays or list(range(min(agreement.days_per_week, 5)))
    return {
        "title": trial.title,
        "organiser_name": trial.organiser_name,
        "organiser_kind": trial.organiser_kind,
        "organiser_business_id": trial.organiser_business_id,
        "tasks": agreement.tasks,
        "tasks_key": agreement.tasks_key,
        "place": agreement.place,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "days_per_week": agreement.days_per_week,
        "weekdays": [str(day) for day in weekdays],
        "hours_per_day": agreement.hours_per_day,
        "shift_or_weekend": agreement.shift_or_weekend,
        "employment_authority": agreement.employment_authority
        or selectors.default_authority(trial, language),
        "insurance_note": agreement.insurance_note
        or selectors.INSURANCE_DEFAULT.get(language, selectors.INSURANCE_DEFAULT["fi"]),
        "allowance_eur_per_day": allowance,
        "outside_commuting_area": agreement.outside_commuting_area,
        "language": language,
        "workplace_mentor": str(trial.workplace_mentor_id or ""),
        "workplace_mentor_name": trial.workplace_mentor_name,
        "workplace_mentor_email": trial.workplace_mentor_email,
        "workplace_mentor_phone": trial.workplace_mentor_phone,
        "goals": "\n".join(selectors.goal_texts(trial)),
    }


def _save(request: HttpRequest, trial: Trial, form: AgreementForm, mentors: dict[int, Any]) -> bool:
    """Save the draft from a valid form; messages say what happened. False: errors on form."""
    mentor_id = form.mentor_id()
    if mentor_id is not None and mentor_id not in mentors:
        form.add_error("workplace_mentor", _("Choose a workplace mentor of this workplace."))
        return False
    revision = trial.agreement.revision
    had_confirmations = any(lifecycle.confirmations_of(trial).values())
    try:
        with transaction.atomic():
            found = lifecycle.save_agreement(
                trial,
                by=request.user,
                values=form.values(),
                workplace_mentor=mentors.get(mentor_id) if mentor_id else None,
            )
            lifecycle.set_goals(trial, form.goal_lines(), by=request.user)
    except ValidationFailed as error:
        add_service_errors(form, error)
        return False
    except PermissionDenied:
        raise Http404 from None
    trial.refresh_from_db()
    if had_confirmations and trial.agreement.revision != revision:
        messages.warning(
            request,
            _("The terms changed, so this is a new version: the parties must confirm it again."),
        )
    if found:
        messages.warning(
            request,
            ngettext(
                "The draft was saved, but it breaks %(count)s rule. It cannot be confirmed "
                "until it is fixed.",
                "The draft was saved, but it breaks %(count)s rules. It cannot be confirmed "
                "until they are fixed.",
                len(found),
            )
            % {"count": len(found)},
        )
        return True
    missing = lifecycle.missing_terms(trial)
    if missing:
        messages.info(
            request,
            _("The draft was saved. Still missing: %(terms)s.") % {"terms": ", ".join(missing)},
        )
    else:
        messages.success(
            request, _("The draft was saved and follows the rules. The parties can confirm it.")
        )
    return True


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = load(request, pk, STAFF)
    code = lang()
    editable = trial.state in lifecycle.EDITABLE_STATES
    mentors = {user.pk: user for user in selectors.mentor_candidates(trial)}
    form = AgreementForm(
        request.POST if request.method == "POST" and editable else None,
        mentors=[(pk, u.get_full_name() or u.get_username()) for pk, u in mentors.items()],
        initial=_initial(trial),
    )
    if form.is_bound and form.is_valid() and _save(request, trial, form, mentors):
        return redirect(f"{reverse('trials:agreement', args=[trial.pk])}#top")
    trial.refresh_from_db()
    rules = lifecycle.rules_for(trial)
    query = request.GET.get("q", "")[:100]
    confirmed = [row for row in selectors.party_rows(trial) if row.confirmation]
    context = {
        "trial": trial,
        "form": form,
        "editable": editable,
        "findings": selectors.findings(trial, code),
        "missing": lifecycle.missing_terms(trial) if trial.state != TrialState.EXPLORE else [],
        "confirmed": confirmed,
        "rules": selectors.rules_info(trial, code),
        "allowance_inside": selectors.allowance_per_day(trial, False),
        "allowance_outside": selectors.allowance_per_day(trial, True),
        "rules_version": rules.version,
        "query": query,
        "units": _unit_rows(trial, query, code),
        "no_employer": not trial.employer_id,
        **role_flags(roles),
    }
    return render(request, "trials/agreement.html", context)


def _unit_rows(trial: Trial, query: str, code: str) -> list[dict[str, Any]]:
    chosen_units = set(trial.units.values_list("unit_id", flat=True))
    chosen = set(trial.requirements.values_list("requirement_id", flat=True))
    rows = []
    for unit in selectors.unit_choices(trial, query, code):
        qualification = next(iter(unit.qualifications.all()), None)
        rows.append(
            {
                "unit": unit,
                "name": unit.name(code),
                "qualification": qualification.name(code) if qualification else "",
                "checked": unit.pk in chosen_units,
                "requirements": [
                    {"pk": r.pk, "text": r.text(code), "checked": r.pk in chosen}
                    for r in unit.requirements.all()
                    if r.active
                ],
            }
        )
    return rows


def _ids(values: list[str]) -> list[int]:
    """The ticked ids; what is not an id names no unit and is left out."""
    return [pk for value in values if (pk := id_or_none(value)) is not None]


@never_cache
@login_required
@require_POST
def agreement_units(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = load(request, pk, STAFF)
    try:
        lifecycle.set_units(
            trial,
            unit_ids=_ids(request.POST.getlist("units")),
            requirement_ids=_ids(request.POST.getlist("requirements")),
            by=request.user,
        )
    except ValidationFailed as error:
        messages.error(request, str(error.message))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, _("The qualification units were saved."))
    return redirect(f"{reverse('trials:agreement', args=[trial.pk])}#units")


# --- confirmations ---------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = load(request, pk, STAFF, PARTICIPANT, EMPLOYER)
    staff = STAFF in roles
    paper = PaperForm(
        request.POST if request.POST.get("action") == "paper" else None,
        prefix="paper",
        initial={"signed_on": timezone.localdate()},
    )
    error = ""
    if request.method == "POST":
        done, error = _confirm(request, trial, staff, paper)
        if done:
            return redirect("trials:confirm", trial.pk)
        trial = access.get_trial(request.user, trial.pk, audit=False)
    code = lang()
    parties = selectors.party_rows(trial)
    confirmed = {row.party for row in parties if row.confirmation}
    missing = lifecycle.missing_terms(trial)
    # A draft that cannot be confirmed offers no confirmation: a form kept open would confirm
    # whatever the coach writes next under the same version (`lifecycle._confirmable`).
    mine = (
        [p for p in lifecycle.parties_for(request.user, trial) if p not in confirmed]
        if not missing and not trial.rule_findings
        else []
    )
    context = {
        "trial": trial,
        "agreement": trial.agreement,
        "content": selectors.agreement_content(trial, code),
        "parties": parties,
        "mine": [(p, Party(p).label) for p in mine],
        "open": trial.state == TrialState.AGREE,
        "missing": missing,
        # The rules' explanations tell the person's other trials (months used, with whom):
        # for the staff and the person only, never the workplace.
        "findings": selectors.findings(trial, code) if roles & {STAFF, PARTICIPANT} else [],
        "paper": paper if staff else None,
        "unconfirmed": [(row.party, row.label) for row in parties if not row.confirmation],
        "error": error,
        "units": chosen_units(trial, code),
        "weekdays": selectors.weekday_names(trial.agreement.weekdays, code),
        "mentor_name": trial.workplace_mentor_name
        or (trial.workplace_mentor.get_full_name() if trial.workplace_mentor else ""),
        **role_flags(roles),
    }
    return render(request, "trials/confirm.html", context)


def _confirm(request: HttpRequest, trial: Trial, staff: bool, paper: PaperForm) -> tuple[bool, str]:
    # The revision the page showed (a counter, read like an id): anything else is as old.
    revision = id_or_none(request.POST.get("revision", ""))
    if revision is None:
        return False, _(
            "The agreement has changed since you opened it. Read it again and then confirm."
        )
    try:
        if request.POST.get("action") == "paper":
            if not staff:
                raise Http404
            if not paper.is_valid():
                return False, ""
            data = paper.cleaned_data
            lifecycle.confirm(
                trial,
                data["party"],
                by=request.user,
                method=ConfirmationMethod.PAPER,
                signer_name=data["signer_name"],
                signed_on=data["signed_on"],
                revision=revision,
            )
        else:
            party = request.POST.get("party", "")
            if party not in lifecycle.parties_for(request.user, trial):
                raise Http404
            lifecycle.confirm(trial, party, by=request.user, revision=revision)
    except ValidationFailed as error:
        if error.errors:
            add_service_errors(paper, error)
            return False, ""
        return False, str(error.message)
    except PermissionDenied:
        raise Http404 from None
    trial.refresh_from_db()
    if all(lifecycle.confirmations_of(trial).values()):
        messages.success(
            request,
            _(
                "All three parties have confirmed. The agreement is agreed and the days are "
                "planned."
            ),
        )
    else:
        messages.success(request, _("The confirmation was saved."))
    return True, ""


# --- the PDF ---------------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = load(request, pk, STAFF, PARTICIPANT, EMPLOYER, WORKPLACE_MENTOR)
    content = selectors.agreement_content(trial)
    response = HttpResponse(render_agreement_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agreement-{trial.pk}.pdf"'
    return response


urlpatterns: list[URLPattern] = [
    path("trials/<int:pk>/agreement/", agreement_edit, name="agreement"),
    path("trials/<int:pk>/agreement/units/", agreement_units, name="units"),
    path("trials/<int:pk>/confirm/", confirm_page, name="confirm"),
    path("trials/<int:pk>/agreement.pdf", agreement_pdf, name="agreement_pdf"),
]
