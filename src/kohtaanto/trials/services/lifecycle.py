"""A trial's life: creating it, moving it through the state table, drafting the agreement and
checking it against the rule book, the parties' confirmations, the schedule and attendance.

Every change goes through here (pages, API, admin actions and commands call these)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, OrganisationKind, Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.access import is_staff_of
from kohtaanto.people.models import Participant
from kohtaanto.reference.holidays import is_holiday
from kohtaanto.trials import rulebook
from kohtaanto.trials.access import EMPLOYER, PARTICIPANT, STAFF, WORKPLACE_MENTOR, viewer_roles
from kohtaanto.trials.enums import (
    AbsenceReason,
    AgreementStatus,
    ConfirmationMethod,
    DayStatus,
    OrganiserKind,
    Party,
    TrialKind,
    TrialState,
)
from kohtaanto.trials.models import (
    Agreement,
    Confirmation,
    Goal,
    Trial,
    TrialDay,
    TrialRequirement,
    TrialTransition,
    TrialUnit,
)
from kohtaanto.trials.states import table

TRIAL_PLACE_KINDS = (
    OpportunityKind.WORK_TRIAL,
    OpportunityKind.EDUCATION_TRIAL,
    OpportunityKind.SME_NEED,
)

#: Agreement fields whose change makes a new revision (the parties confirm again).
AGREED_FIELDS = (
    "tasks",
    "tasks_key",
    "place",
    "start_date",
    "end_date",
    "days_per_week",
    "hours_per_day",
    "weekdays",
    "shift_or_weekend",
    "employment_authority",
    "insurance_note",
    "allowance_eur_per_day",
    "outside_commuting_area",
    "language",
)
TRIAL_FIELDS = (
    "title",
    "organiser_name",
    "organiser_kind",
    "organiser_business_id",
    "workplace_mentor_name",
    "workplace_mentor_email",
    "workplace_mentor_phone",
)
EDITABLE_STATES = (TrialState.EXPLORE, TrialState.AGREE)


def _lang() -> str:
    return (get_language() or "fi")[:2]


def _require_staff(user: Any, trial: Trial) -> None:
    if STAFF not in viewer_roles(user, trial):
        raise PermissionDenied


# --- creating --------------------------------------------------------------------------------


@transaction.atomic
def create_trial(
    *,
    by: Any,
    participant: Participant,
    title: str,
    kind: str = TrialKind.WORK_TRIAL,
    opportunity: Opportunity | None = None,
    sme_need: Opportunity | None = None,
    employer: Organisation | None = None,
    organiser_name: str = "",
    organiser_kind: str = "",
    organiser_business_id: str = "",
) -> Trial:
    """A new trial in the "explore" state, with an empty draft agreement. `by` must be the
    participant's coach or a coordinator of their organisation."""
    if not is_staff_of(by, participant):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Write the tasks in a few words.")]
    if kind not in TrialKind.values:
        errors["kind"] = [_("Choose a work trial or an education trial.")]
    for field, opp in (("opportunity", opportunity), ("sme_need", sme_need)):
        if opp is not None and (
            opp.organisation_id != participant.organisation_id or opp.kind not in TRIAL_PLACE_KINDS
        ):
            errors[field] = [_("Choose a trial place or development need of your organisation.")]
    if sme_need is not None and sme_need.kind != OpportunityKind.SME_NEED:
        errors["sme_need"] = [_("Choose a development need.")]
    place = opportunity or sme_need
    if employer is None and place is not None:
        employer = place.employer
    if employer is not None and employer.kind != OrganisationKind.EMPLOYER:
        errors["employer"] = [_("Choose an employer organisation.")]
    if employer is not None:
        organiser_name = organiser_name or employer.name
        organiser_business_id = organiser_business_id or employer.business_id
        organiser_kind = organiser_kind or OrganiserKind.COMPANY
    if not organiser_name.strip():
        errors["organiser_name"] = [_("Write who organises the trial.")]
    if organiser_kind not in OrganiserKind.values:
        errors["organiser_kind"] = [_("Choose the kind of organiser.")]
    if errors:
        raise ValidationFailed(errors=errors)
    trial = Trial.objects.create(
        organisation=participant.organisation,
        participant=participant,
        kind=kind,
        title=title[:200],
        opportunity=opportunity,
        sme_need=sme_need,
        employer=employer,
        organiser_name=organiser_name.strip()[:200],
        organiser_kind=organiser_kind,
        organiser_business_id=organiser_business_id.strip()[:20],
        coach=by if Role.COACH in roles_of(by, participant.organisation_id) else None,
        created_by=by,
    )
    Agreement.objects.create(
        trial=trial,
        place=organiser_name.strip()[:300],
        tasks=(place.description[:4000] if place is not None else ""),
        start_date=place.start_date if place is not None else None,
        end_date=place.end_date if place is not None else None,
        language=participant.preferred_language or "fi",
        updated_by=by,
    )
    TrialTransition.objects.create(
        trial=trial,
        from_state=TrialState.EXPLORE,
        to_state=TrialState.EXPLORE,
        action="create",
        by=by,
    )
    log_event(by, AuditAction.CREATE, trial)
    return trial


# --- the state table ------------------------------------------------------------------------


def requirement_met(trial: Trial, requirement: str) -> bool:
    if requirement == "agreement_agreed":
        return trial.agreement.status == AgreementStatus.AGREED
    if requirement == "outcome_recorded":
        return bool(trial.outcome)
    raise ValueError(requirement)


REQUIREMENT_MESSAGES = {
    "agreement_agreed": lambda: _(
        "All three parties must confirm the agreement before the trial can start."
    ),
    "outcome_recorded": lambda: _("Record what came after the trial first."),
}


def _role_names(user: Any, trial: Trial) -> set[str]:
    return {str(role) for role in roles_of(user, trial.organisation_id)}


def allowed_actions(user: Any, trial: Trial) -> list[Any]:
    """The moves `user` may make now (buttons on the trial page)."""
    if STAFF not in viewer_roles(user, trial):
        return []
    return table().allowed(trial.state, _role_names(user, trial))


@transaction.atomic
def transition(trial: Trial, action: str, *, by: Any, note: str = "") -> Trial:
    """Make the move `action` of the state table, if `by` may and its conditions hold."""
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    try:
        move = table().get(action)
    except KeyError:
        raise ValidationFailed(_("Unknown step.")) from None
    if trial.state not in move.sources:
        raise ValidationFailed(
            _("This step is not possible when the trial is “%(state)s”.")
            % {"state": table().state_label(trial.state, _lang())}
        )
    if STAFF not in viewer_roles(by, trial) or not move.roles & _role_names(by, trial):
        raise PermissionDenied
    for requirement in move.requires:
        if not requirement_met(trial, requirement):
            raise ValidationFailed(REQUIREMENT_MESSAGES[requirement]())
    TrialTransition.objects.create(
        trial=trial,
        from_state=trial.state,
        to_state=move.target,
        action=action,
        by=by,
        note=note[:500],
    )
    trial.state = move.target
    trial.save(update_fields=["state", "updated"])
    if move.target == TrialState.AGREE and action == "reopen_agreement":
        agreement = trial.agreement
        agreement.status = AgreementStatus.DRAFT
        agreement.revision += 1
        agreement.save(update_fields=["status", "revision"])
    log_event(by, AuditAction.CHANGE, trial)
    return trial


# --- the rule book ---------------------------------------------------------------------------


def _period_of(other: Trial) -> rulebook.TrialPeriod | None:
    agreement = getattr(other, "agreement", None)
    if agreement is None or agreement.start_date is None or agreement.end_date is None:
        return None
    end = agreement.end_date
    if other.state == TrialState.CANCELLED:
        # A cancelled trial counts up to its last attended day (or not at all).
        last = other.days.filter(status=DayStatus.ATTENDED).order_by("-date").first()
        if last is None:
            return None
        end = min(end, last.date)
    return rulebook.TrialPeriod(
        kind=other.kind,
        organiser_key=_organiser_key(other),
        organiser_kind=other.organiser_kind,
        tasks_key=agreement.tasks_key or other.title.casefold(),
        start=agreement.start_date,
        end=end,
    )


def _organiser_key(trial: Trial) -> str:
    if trial.employer_id:
        return f"org:{trial.employer_id}"
    if trial.organiser_business_id:
        return f"y:{trial.organiser_business_id.strip()}"
    return f"name:{trial.organiser_name.strip().casefold()}"


def history_of(trial: Trial) -> list[rulebook.TrialPeriod]:
    """The participant's other trials as rule-book periods (drafts that never started are not
    history; cancelled ones count up to their last attended day)."""
    others = (
        Trial.objects.filter(participant_id=trial.participant_id)
        .exclude(pk=trial.pk)
        .exclude(state=TrialState.EXPLORE)
        .select_related("agreement")
    )
    periods = []
    for other in others:
        if other.state == TrialState.AGREE and other.agreement.status != AgreementStatus.AGREED:
            continue
        period = _period_of(other)
        if period is not None:
            periods.append(period)
    return periods


def plan_of(trial: Trial) -> rulebook.TrialPlan | None:
    agreement = trial.agreement
    if agreement.start_date is None or agreement.end_date is None:
        return None
    return rulebook.TrialPlan(
        kind=trial.kind,
        organiser=rulebook.Organiser(
            key=_organiser_key(trial),
            kind=trial.organiser_kind,
            business_id=trial.organiser_business_id,
        ),
        tasks_key=agreement.tasks_key or trial.title.casefold(),
        start=agreement.start_date,
        end=agreement.end_date,
        days_per_week=agreement.days_per_week,
        hours_per_day=Decimal(agreement.hours_per_day),
        shift_or_weekend_work=agreement.shift_or_weekend,
    )


def rules_for(trial: Trial) -> rulebook.RuleSet:
    start = trial.agreement.start_date or timezone.localdate()
    return rulebook.rules_for(start)


def check_rules(trial: Trial, *, save: bool = True) -> list[rulebook.Violation]:
    """Check the agreement against the rule book in force on its start date; store the rule
    set's version and the findings on the trial."""
    rules = rules_for(trial)
    plan = plan_of(trial)
    found = [] if plan is None else rulebook.check(plan, history_of(trial), rules)
    if save:
        trial.rules_version = rules.version
        trial.rules_checked_at = timezone.now()
        trial.rule_findings = [{"rule": v.rule_id, "params": dict(v.params)} for v in found]
        trial.save(update_fields=["rules_version", "rules_checked_at", "rule_findings", "updated"])
    return found


def findings(trial: Trial) -> list[rulebook.Violation]:
    """The stored findings of the last check, as violations of the rule set they were found
    with (for pages and the PDF; nothing is checked anew)."""
    if not trial.rule_findings:
        return []
    try:
        rules = rulebook.load_rules(trial.rules_version) if trial.rules_version else None
    except rulebook.TrialRulesError:
        rules = None
    rules = rules or rules_for(trial)
    found = []
    for finding in trial.rule_findings:
        try:
            found.append(rules.violation(finding["rule"], finding.get("params", {})))
        except rulebook.TrialRulesError:
            continue
    return found


def missing_terms(trial: Trial) -> list[str]:
    """Agreement terms still missing before the parties can confirm (translated)."""
    agreement = trial.agreement
    missing = []
    if not agreement.tasks.strip():
        missing.append(_("tasks"))
    if not agreement.place.strip():
        missing.append(_("place"))
    if agreement.start_date is None or agreement.end_date is None:
        missing.append(_("start and end"))
    if not agreement.employment_authority.strip():
        missing.append(_("employment authority"))
    if trial.kind == TrialKind.WORK_TRIAL and not (
        trial.workplace_mentor_id or trial.workplace_mentor_name.strip()
    ):
        missing.append(_("workplace mentor"))
    if not trial.goals.exists():
        missing.append(_("goals"))
    return missing


# --- the agreement ---------------------------------------------------------------------------


def _confirmable(trial: Trial) -> bool:
    """The parties may confirm the draft now (it is being agreed, complete and within the
    rules as last checked): a party may have its confirmation page open, so any change of the
    terms from here on is a new version."""
    return trial.state == TrialState.AGREE and not trial.rule_findings and not missing_terms(trial)


def _bump(agreement: Agreement) -> None:
    agreement.revision += 1
    agreement.status = AgreementStatus.DRAFT


def require_editable(trial: Trial) -> None:
    if trial.state not in EDITABLE_STATES:
        raise ValidationFailed(
            _(
                "The agreement can be changed only before the trial starts. "
                "Choose “Change the agreement” first."
            )
        )


@transaction.atomic
def save_agreement(
    trial: Trial,
    *,
    by: Any,
    values: Mapping[str, Any],
    workplace_mentor: Any = ...,
) -> list[rulebook.Violation]:
    """Save the draft agreement's terms and check the rules. A change of an agreed term makes
    a new revision, so the parties confirm again. Returns the rule findings: the draft is kept
    even when a rule is broken, but it cannot be confirmed until the findings are fixed."""
    _require_staff(by, trial)
    require_editable(trial)
    agreement = Agreement.objects.select_for_update().get(trial=trial)
    errors: dict[str, list[str]] = {}
    start, end = (
        values.get("start_date", agreement.start_date),
        values.get("end_date", agreement.end_date),
    )
    if start and end and end < start:
        errors["end_date"] = [_("The end must not be before the start.")]
    weekdays = values.get("weekdays")
    if weekdays is not None:
        weekdays = sorted({int(day) for day in weekdays})
        if any(day < 0 or day > 6 for day in weekdays):
            errors["weekdays"] = [_("Choose days of the week.")]
        values = {**values, "weekdays": weekdays}
        days_per_week = values.get("days_per_week", agreement.days_per_week)
        if weekdays and len(weekdays) != days_per_week:
            errors["weekdays"] = [
                _("Choose as many working days as there are days a week (%(days)s).")
                % {"days": days_per_week}
            ]
    if "organiser_kind" in values and values["organiser_kind"] not in OrganiserKind.values:
        errors["organiser_kind"] = [_("Choose the kind of organiser.")]
    if (
        workplace_mentor is not ...
        and workplace_mentor is not None
        and (
            not trial.employer_id
            or not {Role.WORKPLACE_MENTOR, Role.EMPLOYER_CONTACT}
            & roles_of(workplace_mentor, trial.employer_id)
        )
    ):
        errors["workplace_mentor"] = [_("Choose a workplace mentor of this workplace.")]
    if errors:
        raise ValidationFailed(errors=errors)
    was_confirmable = _confirmable(trial)
    changed = False
    for field in AGREED_FIELDS:
        if field in values and getattr(agreement, field) != values[field]:
            setattr(agreement, field, values[field])
            changed = True
    trial_changed = []
    for field in TRIAL_FIELDS:
        if field in values and getattr(trial, field) != values[field]:
            setattr(trial, field, values[field])
            trial_changed.append(field)
    if workplace_mentor is not ... and trial.workplace_mentor_id != getattr(
        workplace_mentor, "pk", None
    ):
        trial.workplace_mentor = workplace_mentor
        if workplace_mentor is not None and not trial.workplace_mentor_name:
            trial.workplace_mentor_name = workplace_mentor.get_full_name()
            trial_changed.append("workplace_mentor_name")
        trial_changed.append("workplace_mentor")
    if trial_changed:
        trial.save(update_fields=[*set(trial_changed), "updated"])
        changed = True
    if changed and (was_confirmable or _has_confirmations(trial, agreement.revision)):
        _bump(agreement)
    elif changed:
        agreement.status = AgreementStatus.DRAFT
    agreement.updated = timezone.now()
    agreement.updated_by = by
    agreement.save()
    trial.agreement = agreement  # the checks below read the terms just saved
    log_event(by, AuditAction.CHANGE, trial)
    if trial.state == TrialState.EXPLORE:
        # Writing the first terms is the state table's "draft_agreement" move.
        trial = transition(trial, "draft_agreement", by=by)
    return check_rules(trial)


def _has_confirmations(trial: Trial, revision: int) -> bool:
    return trial.confirmations.filter(revision=revision).exists()


@transaction.atomic
def set_goals(trial: Trial, texts: Iterable[str], *, by: Any) -> None:
    """Replace the written goals (skills from a development need are kept)."""
    _require_staff(by, trial)
    require_editable(trial)
    cleaned = [text.strip()[:500] for text in texts if text and text.strip()]
    old = list(trial.goals.filter(source="manual").values_list("text", flat=True))
    if old == cleaned:
        return
    was_confirmable = _confirmable(trial)
    trial.goals.filter(source="manual").delete()
    offset = trial.goals.count()
    Goal.objects.bulk_create(
        Goal(trial=trial, text=text, ordinal=offset + i) for i, text in enumerate(cleaned)
    )
    terms_changed(trial, new_version=was_confirmable)


@transaction.atomic
def set_units(
    trial: Trial, *, unit_ids: Iterable[int], requirement_ids: Iterable[int], by: Any
) -> None:
    """Choose the qualification units and the skill requirements the trial works towards."""
    from kohtaanto.qualifications.models import QualificationUnit, SkillRequirement

    _require_staff(by, trial)
    require_editable(trial)
    units = list(QualificationUnit.objects.filter(pk__in=set(unit_ids)))
    requirements = list(
        SkillRequirement.objects.filter(pk__in=set(requirement_ids), unit__in=units)
    )
    old_units = set(trial.units.values_list("unit_id", flat=True))
    old_requirements = set(trial.requirements.values_list("requirement_id", flat=True))
    new_units = {unit.pk for unit in units}
    new_requirements = {req.pk for req in requirements}
    if old_units == new_units and old_requirements == new_requirements:
        return
    if (
        trial.requirements.exclude(requirement_id__in=new_requirements)
        .filter(evidence__isnull=False)
        .exists()
    ):
        raise ValidationFailed(
            _("A requirement that has already been shown cannot be removed from the trial.")
        )
    was_confirmable = _confirmable(trial)
    trial.units.exclude(unit_id__in=new_units).delete()
    trial.requirements.exclude(requirement_id__in=new_requirements).delete()
    TrialUnit.objects.bulk_create(
        TrialUnit(trial=trial, unit_id=pk) for pk in new_units - old_units
    )
    TrialRequirement.objects.bulk_create(
        TrialRequirement(trial=trial, requirement_id=pk)
        for pk in new_requirements - old_requirements
    )
    terms_changed(trial, new_version=was_confirmable)


def set_workplace_tasks(trial_requirement: TrialRequirement, text: str, *, by: Any) -> None:
    """Break a requirement into tasks at the workplace (staff, or the workplace mentor)."""
    trial = trial_requirement.trial
    roles = viewer_roles(by, trial)
    if not roles & {STAFF, WORKPLACE_MENTOR}:
        raise PermissionDenied
    trial_requirement.workplace_tasks = (text or "").strip()[:2000]
    trial_requirement.save(update_fields=["workplace_tasks"])
    log_event(by, AuditAction.CHANGE, trial)


def terms_changed(trial: Trial, *, new_version: bool = False) -> None:
    agreement = Agreement.objects.select_for_update().get(trial=trial)
    trial.agreement = agreement
    if new_version or _has_confirmations(trial, agreement.revision):
        _bump(agreement)
    else:
        agreement.status = AgreementStatus.DRAFT
    agreement.updated = timezone.now()
    agreement.save(update_fields=["revision", "status", "updated"])


# --- confirmations ---------------------------------------------------------------------------


def confirmations_of(trial: Trial) -> dict[str, Confirmation | None]:
    """The current revision's confirmation of each party (None when not yet)."""
    current = {
        c.party: c
        for c in trial.confirmations.filter(revision=trial.agreement.revision).select_related(
            "confirmed_by", "recorded_by"
        )
    }
    return {party: current.get(party) for party in Party.values}


def parties_for(user: Any, trial: Trial) -> list[str]:
    """Parties `user` may confirm electronically (themself)."""
    roles = viewer_roles(user, trial)
    parties: list[str] = []
    if PARTICIPANT in roles:
        parties.append(Party.PARTICIPANT)
    if EMPLOYER in roles:
        parties.append(Party.ORGANISER)
    if STAFF in roles and {Role.COACH, Role.COORDINATOR} & roles_of(user, trial.organisation_id):
        parties.append(Party.AUTHORITY)
    return parties


@transaction.atomic
def confirm(
    trial: Trial,
    party: str,
    *,
    by: Any,
    method: str = ConfirmationMethod.ELECTRONIC,
    signer_name: str = "",
    revision: int | None = None,
    signed_on: dt.date | None = None,
) -> Confirmation:
    """A party confirms the current revision of the agreement: electronically by the party
    themself, or the coach records a paper signature. Refused while terms are missing or a
    rule is broken. When all three have confirmed, the agreement is agreed and the days are
    planned."""
    trial = Trial.objects.select_for_update().get(pk=trial.pk)
    agreement = trial.agreement
    if party not in Party.values:
        raise ValidationFailed(_("Unknown party."))
    if trial.state != TrialState.AGREE:
        raise ValidationFailed(_("The agreement can be confirmed only while it is being agreed."))
    if revision is not None and revision != agreement.revision:
        raise ValidationFailed(
            _("The agreement has changed since you opened it. Read it again and then confirm.")
        )
    if method == ConfirmationMethod.PAPER:
        _require_staff(by, trial)
        signer_name = (signer_name or "").strip()
        if not signer_name:
            raise ValidationFailed(errors={"signer_name": [_("Write who signed the paper.")]})
        if signed_on is not None and signed_on > timezone.localdate():
            raise ValidationFailed(
                errors={"signed_on": [_("The date of signing cannot be in the future.")]}
            )
    elif method == ConfirmationMethod.ELECTRONIC:
        if party not in parties_for(by, trial):
            raise PermissionDenied
        signer_name = by.get_full_name() or by.get_username()
    else:
        raise ValidationFailed(_("Unknown way of confirming."))
    missing = missing_terms(trial)
    if missing:
        raise ValidationFailed(
            _("The agreement is missing: %(terms)s.") % {"terms": ", ".join(missing)}
        )
    violations = check_rules(trial)
    if violations and STAFF not in viewer_roles(by, trial):
        # The rule's explanation tells the person's earlier trials (months used, with whom):
        # the workplace is only told that the coach must fix the agreement first.
        raise ValidationFailed(
            _(
                "The agreement does not follow the rules of work trials yet. The coach will fix "
                "it, and then you can confirm it."
            ),
            code="rule_broken",
        )
    if violations:
        lang = _lang()
        raise ValidationFailed(
            " ".join(
                _("%(rule)s (%(source)s). %(fix)s")
                % {"rule": v.title(lang), "source": v.source_title, "fix": v.fix(lang)}
                for v in violations
            ),
            code="rule_broken",
        )
    if trial.confirmations.filter(party=party, revision=agreement.revision).exists():
        raise ValidationFailed(_("This party has already confirmed this version."))
    confirmation = Confirmation.objects.create(
        trial=trial,
        party=party,
        revision=agreement.revision,
        method=method,
        signer_name=signer_name[:200],
        confirmed_by=by if method == ConfirmationMethod.ELECTRONIC else None,
        recorded_by=by if method == ConfirmationMethod.PAPER else None,
        at=_signed_at(signed_on) if method == ConfirmationMethod.PAPER else timezone.now(),
    )
    log_event(by, AuditAction.CHANGE, trial)
    if all(confirmations_of(trial).values()):
        agreement.status = AgreementStatus.AGREED
        agreement.save(update_fields=["status"])
        plan_days(trial)
    return confirmation


def _signed_at(signed_on: dt.date | None) -> dt.datetime:
    """A paper signature's date as a moment: now when signed today (or no date given), else
    noon of that day in local time."""
    if signed_on is None or signed_on == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(signed_on, dt.time(12, 0)))


# --- schedule and attendance -----------------------------------------------------------------


def working_days(agreement: Agreement) -> list[dt.date]:
    """The planned days: the agreement's weekdays (the first `days_per_week` of Monday–Friday
    when none are chosen) from start to end, without public holidays (unless the tasks have
    shift or weekend work, where holidays can be working days; an extra day can be added)."""
    if agreement.start_date is None or agreement.end_date is None:
        return []
    weekdays = set(agreement.weekdays or range(min(agreement.days_per_week, 5)))
    day, days = agreement.start_date, []
    while day <= agreement.end_date:
        if day.weekday() in weekdays and (agreement.shift_or_weekend or not is_holiday(day)):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def plan_days(trial: Trial) -> None:
    """Plan the agreed days; days already marked stay, planned days outside the schedule go."""
    wanted = set(working_days(trial.agreement))
    existing = {day.date: day for day in trial.days.all()}
    trial.days.filter(status=DayStatus.PLANNED).exclude(date__in=wanted).delete()
    TrialDay.objects.bulk_create(
        TrialDay(trial=trial, date=date, hours=trial.agreement.hours_per_day)
        for date in sorted(wanted - existing.keys())
    )


@transaction.atomic
def mark_day(
    trial: Trial,
    date: dt.date,
    status: str,
    *,
    by: Any,
    hours: Decimal | None = None,
    reason: str = "",
    note: str = "",
) -> TrialDay:
    """Mark a day attended or absent (with a reason), or add an extra day. Staff or the
    workplace mentor; only days up to today; only while the trial runs or is evaluated."""
    roles = viewer_roles(by, trial)
    if not roles & {STAFF, WORKPLACE_MENTOR}:
        raise PermissionDenied
    if trial.state not in (TrialState.RUN, TrialState.EVALUATE):
        raise ValidationFailed(_("Days can be marked only while the trial is running."))
    if status not in DayStatus.values:
        raise ValidationFailed(_("Unknown status."))
    if status in (DayStatus.ATTENDED, DayStatus.ABSENT) and date > timezone.localdate():
        raise ValidationFailed(_("A day can be marked only on the day or after it."))
    agreement = trial.agreement
    if (
        agreement.start_date
        and agreement.end_date
        and not (agreement.start_date <= date <= agreement.end_date)
    ):
        raise ValidationFailed(_("The day is outside the agreed period."))
    if status == DayStatus.ABSENT and reason not in AbsenceReason.values:
        raise ValidationFailed(errors={"reason": [_("Choose the reason for the absence.")]})
    if hours is not None and not (Decimal("0") < hours <= Decimal("12")):
        raise ValidationFailed(errors={"hours": [_("Hours must be between 0 and 12.")]})
    day, _created = TrialDay.objects.get_or_create(trial=trial, date=date)
    day.status = status
    day.hours = hours if hours is not None else (day.hours or agreement.hours_per_day)
    day.absence_reason = reason if status == DayStatus.ABSENT else ""
    day.absence_note = (note or "").strip()[:300] if status == DayStatus.ABSENT else ""
    day.marked_by = by
    day.marked_at = timezone.now()
    day.save()
    log_event(by, AuditAction.CHANGE, trial)
    return day


@dataclass(frozen=True)
class Totals:
    planned: int
    attended: int
    absent: int
    absences_by_reason: dict[str, int]
    unmarked_past: int
    hours_attended: Decimal
    allowance_days: int
    allowance_eur: Decimal
    weeks: int


def totals(trial: Trial) -> Totals:
    """The totals the rules and the coach's report need (allowance only for days attended)."""
    today = timezone.localdate()
    days = list(trial.days.all())
    attended = [d for d in days if d.status == DayStatus.ATTENDED]
    absent = [d for d in days if d.status == DayStatus.ABSENT]
    rules = rules_for(trial)
    agreement = trial.agreement
    if agreement.start_date and agreement.end_date:
        allowance_days = rulebook.allowance_days(
            (d.date for d in attended), agreement.start_date, agreement.end_date, rules
        )
    else:
        allowance_days = 0
    # The agreed amount a day (prefilled from the rule book) for the days that earn it.
    allowance = (Decimal(agreement.allowance_eur_per_day) * allowance_days).quantize(
        Decimal("0.01")
    )
    weeks = 0
    if agreement.start_date and agreement.end_date:
        weeks = (agreement.end_date - agreement.start_date).days // 7 + 1
    return Totals(
        planned=sum(1 for d in days if d.status != DayStatus.CANCELLED),
        attended=len(attended),
        absent=len(absent),
        absences_by_reason=dict(Counter(d.absence_reason for d in absent)),
        unmarked_past=sum(1 for d in days if d.status == DayStatus.PLANNED and d.date <= today),
        hours_attended=sum((d.hours or Decimal(0) for d in attended), Decimal(0)),
        allowance_days=allowance_days,
        allowance_eur=allowance,
        weeks=weeks,
    )
