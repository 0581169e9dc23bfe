"""The coach's and the participant's trial pages: the staff's list, the participant's own
list, starting a trial (from the case file or from a work-trial place), the trial's page (the
hub) and its moves in the state table. The agreement, confirmations and the PDF are in
`coach_agreement`, the days in `coach_days`.

Who sees what: `trials.access`; every write: `trials.services.lifecycle`. Ids only in URLs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.people.access import access_participant, is_staff_of
from kohtaanto.people.models import Participant
from kohtaanto.trials import selectors
from kohtaanto.trials.access import EMPLOYER, PARTICIPANT, STAFF, WORKPLACE_MENTOR
from kohtaanto.trials.enums import TrialKind, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import lifecycle
from kohtaanto.trials.states import table
from kohtaanto.web.pages import (
    add_service_errors,
    current_organisation_id,
    lang,
    require_staff,
    user_roles,
)
from kohtaanto.web.trials import coach_agreement, coach_days, completion, workplace
from kohtaanto.web.trials.coach_agreement import load, role_flags
from kohtaanto.web.trials.forms import MoveForm, NewTrialForm, ParticipantChoiceForm

#: The states in the order of the trial's life (cancelled is shown apart).
LIFE = ("explore", "agree", "run", "evaluate", "continue")
#: The trial page's phase by state: which part comes first (agreement, the week, the end).
PHASES = {
    "explore": "agree",
    "agree": "agree",
    "run": "run",
    "evaluate": "run",
    "continue": "done",
    "cancelled": "done",
}


# --- lists -----------------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def trial_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    state = request.GET.get("state", "")
    trials, counts = selectors.staff_list(
        request.user, current_organisation_id(request), lang(), state
    )
    rows = list(trials)
    # A bulk read of the participants' names: one audit event per list read (issue 18).
    log_list_read(
        request.user,
        Trial,
        count=len(rows),
        filters={"list": "trials", "state": state if state in selectors.STATE_ORDER else ""},
        organisation=getattr(request, "organisation", None),
    )
    context = {
        "trials": rows,
        "counts": counts,
        "total": sum(c.count for c in counts),
        "state": state if state in selectors.STATE_ORDER else "",
        "state_labels": {c.state: c.label for c in counts},
        "places": selectors.trial_places(current_organisation_id(request)).exists(),
    }
    return render(request, "trials/list.html", context)


@never_cache
@login_required
@require_safe
def my_trials(request: HttpRequest) -> HttpResponse:
    trials = list(selectors.own_trials(request.user))
    if not trials and "participant" not in user_roles(request):
        raise Http404
    rows = [{"trial": t, "state_label": selectors.state_label(t.state, lang())} for t in trials]
    return render(request, "trials/my_trials.html", {"rows": rows})


# --- a new trial -----------------------------------------------------------------------------


def _place_label(place: Any) -> str:
    employer = place.employer.name if place.employer_id else ""
    return f"{place.title} – {employer}" if employer else place.title


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def trial_new(request: HttpRequest, participant_id: int) -> HttpResponse:
    require_staff(request)
    participant = access_participant(request.user, participant_id)
    if not is_staff_of(request.user, participant):
        raise Http404
    places = {p.pk: p for p in selectors.trial_places(participant.organisation_id)}
    initial: dict[str, Any] = {"kind": TrialKind.WORK_TRIAL}
    chosen = places.get(_int(request.GET.get("place")))
    if chosen is not None:
        initial.update(place=str(chosen.pk), title=chosen.title[:200])
        if chosen.kind == OpportunityKind.EDUCATION_TRIAL:
            initial["kind"] = TrialKind.EDUCATION_TRIAL
    form = NewTrialForm(
        request.POST or None,
        places=[(pk, _place_label(p)) for pk, p in places.items()],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = places.get(_int(data["place"]))
        try:
            trial = lifecycle.create_trial(
                by=request.user,
                participant=participant,
                title=data["title"],
                kind=data["kind"],
                opportunity=place if place and place.kind != OpportunityKind.SME_NEED else None,
                sme_need=place if place and place.kind == OpportunityKind.SME_NEED else None,
                organiser_name=(data["organiser_name"] or "").strip(),
                organiser_kind=data["organiser_kind"] or "",
                organiser_business_id=(data["organiser_business_id"] or "").strip(),
            )
        except ValidationFailed as error:
            add_service_errors(form, error, "organiser_name")
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The trial was started. Now write the agreement."))
            return redirect("trials:agreement", trial.pk)
    context = {"form": form, "participant": participant, "place": chosen}
    return render(request, "trials/new.html", context)


@never_cache
@login_required
@require_safe
def trial_new_from_place(request: HttpRequest) -> HttpResponse:
    """From a work-trial place: choose whose trial it is, then the new-trial form."""
    require_staff(request)
    organisation_id = current_organisation_id(request)
    place = (
        selectors.trial_places(organisation_id).filter(pk=_int(request.GET.get("place"))).first()
    )
    if place is None:
        raise Http404
    people = list(selectors.caseload(request.user, organisation_id))
    form = ParticipantChoiceForm(
        request.GET if "participant" in request.GET else None,
        choices=[(p.pk, p.full_name) for p in people],
    )
    if form.is_bound and form.is_valid():
        target = reverse("trials:new", args=[int(form.cleaned_data["participant"])])
        return redirect(f"{target}?place={place.pk}")
    # The choice lists the caseload's names: one audit event per list read (issue 18).
    log_list_read(
        request.user,
        Participant,
        count=len(people),
        filters={"list": "trial_from_place", "place": place.pk},
        organisation=getattr(request, "organisation", None),
    )
    return render(
        request,
        "trials/new_from_place.html",
        {"form": form, "place": place, "place_label": _place_label(place)},
    )


def _int(value: object) -> int:
    """An id from a query or form value; 0 (no such object) when it is not a number."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return 0


# --- the trial's page ------------------------------------------------------------------------


def _life(trial: Trial) -> list[dict[str, Any]]:
    current = LIFE.index(trial.state) if trial.state in LIFE else -1
    return [
        {
            "state": state,
            "label": selectors.state_label(state, lang()),
            "done": i < current,
            "current": i == current,
        }
        for i, state in enumerate(LIFE)
    ]


@never_cache
@login_required
@require_safe
def trial_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = load(request, pk)
    agreement = trial.agreement
    code = lang()
    staff = STAFF in roles
    moves = [
        {
            "action": move.action,
            "label": move.label(code),
            "danger": move.target == "cancelled",
            "secondary": move.action == "reopen_agreement",
            "waiting": _waiting_for(trial, move),
        }
        for move in lifecycle.allowed_actions(request.user, trial)
    ]
    parties = selectors.party_rows(trial)
    mine = [
        p
        for p in lifecycle.parties_for(request.user, trial)
        if not next(r for r in parties if r.party == p).confirmation
    ]
    # Nobody can confirm while a rule is broken or a term is missing (lifecycle.confirm):
    # the page offers the fix to the coach and tells the others to wait.
    blocked = trial.state == TrialState.AGREE and (
        bool(trial.rule_findings) or bool(lifecycle.missing_terms(trial))
    )
    kind = trial.get_kind_display()
    context: dict[str, Any] = {
        "trial": trial,
        "agreement": agreement,
        "heading": trial.title
        if trial.title.casefold().startswith(str(kind).casefold())
        else f"{kind}: {trial.title}",
        "phase": PHASES.get(trial.state, "agree"),
        **role_flags(roles),
        "state_label": selectors.state_label(trial.state, code),
        "life": _life(trial),
        "cancelled": trial.state == TrialState.CANCELLED,
        "moves": moves,
        "weekdays": selectors.weekday_names(agreement.weekdays, code),
        "goals": list(trial.goals.all()),
        "units": coach_agreement.chosen_units(trial, code),
        "findings": selectors.findings(trial, code) if staff else [],
        "missing": lifecycle.missing_terms(trial)
        if staff and trial.state in lifecycle.EDITABLE_STATES
        else [],
        "parties": parties,
        "to_confirm": bool(mine) and trial.state == TrialState.AGREE and not blocked,
        "confirm_blocked": bool(mine) and trial.state == TrialState.AGREE and blocked,
        "editable": staff and trial.state in lifecycle.EDITABLE_STATES,
        "totals": lifecycle.totals(trial) if trial.days.exists() else None,
        "rules": selectors.rules_info(trial, code) if staff else None,
        "show_rules": staff and "coordinator" in {str(r) for r in _org_roles(request, trial)},
        "mentor_name": trial.workplace_mentor_name
        or (trial.workplace_mentor.get_full_name() if trial.workplace_mentor else ""),
        "pdf": roles & {STAFF, PARTICIPANT, EMPLOYER, WORKPLACE_MENTOR},
        "workplace_panel": workplace.panel_context(request, trial, roles),
    }
    # The completion panel reads its own keys (`completion_trial`, `show_certificate`, ...).
    context.update(completion.panel_context(request, trial, roles))
    return render(request, "trials/detail.html", context)


def _waiting_for(trial: Trial, move: Any) -> str:
    """What a move still waits for (the service's own sentence), or "": the page shows it
    instead of a button that could only fail."""
    for requirement in move.requires:
        if not lifecycle.requirement_met(trial, requirement):
            return str(lifecycle.REQUIREMENT_MESSAGES[requirement]())
    return ""


def _org_roles(request: HttpRequest, trial: Trial) -> set[Any]:
    from kohtaanto.core.access import roles_of

    return roles_of(request.user, trial.organisation_id)


@never_cache
@login_required
@require_POST
def trial_move(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = load(request, pk, STAFF)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step."))
        return redirect("trials:detail", trial.pk)
    action = form.cleaned_data["action"]
    if action == "cancel" and not form.cleaned_data["sure"]:
        messages.error(request, _("Tick the box to confirm that the trial is cancelled."))
        return redirect(f"{reverse('trials:detail', args=[trial.pk])}#moves")
    try:
        trial = lifecycle.transition(
            trial, action, by=request.user, note=form.cleaned_data["note"] or ""
        )
    except ValidationFailed as error:
        messages.error(request, str(error.message))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request,
            _("The trial is now: %(state)s.") % {"state": table().state_label(trial.state, lang())},
        )
    return redirect("trials:detail", trial.pk)


urlpatterns: list[URLPattern] = [
    path("trials/", trial_list, name="list"),
    path("trials/new/", trial_new_from_place, name="new_from_place"),
    path("my/trials/", my_trials, name="my"),
    path("participants/<int:participant_id>/trials/new/", trial_new, name="new"),
    path("trials/<int:pk>/", trial_detail, name="detail"),
    path("trials/<int:pk>/move/", trial_move, name="move"),
    *coach_agreement.urlpatterns,
    *coach_days.urlpatterns,
]
