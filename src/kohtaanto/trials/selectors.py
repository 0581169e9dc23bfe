"""Reads of trials for pages and documents: the staff's list with counts per state, a
participant's trials, the agreement as document content, the days by week, the rule findings
and the rule book a trial was checked against, the workplace mentors to choose from and the
qualification units to pick.

Callers pass objects they have already loaded through `trials.access` (who may see what is
decided there, not here)."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from kohtaanto.core.enums import Role
from kohtaanto.core.models import Membership
from kohtaanto.opportunities.enums import OpportunityStatus
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.people.models import Participant
from kohtaanto.reference.places import municipality_name
from kohtaanto.trials import access, documents, rulebook
from kohtaanto.trials.enums import ConfirmationMethod, DayStatus, Party, TrialState
from kohtaanto.trials.models import Trial, TrialDay
from kohtaanto.trials.services import lifecycle
from kohtaanto.trials.states import table

STATE_ORDER = tuple(TrialState.values)


def state_label(state: str, lang: str) -> str:
    """The state table's label of `state` in `lang`."""
    return table().state_label(state, lang)


# --- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


def staff_list(
    user: Any, organisation_id: Any, lang: str, state: str = ""
) -> tuple[QuerySet[Trial], list[StateCount]]:
    """The trials of `organisation_id` that `user` runs as staff (a coach: their caseload's
    and their own; a coordinator: all), filtered by `state`, and the count of each state."""
    trials = access.staff_trials(user).filter(organisation_id=organisation_id)
    counted = dict(trials.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    counts = [StateCount(s, state_label(s, lang), counted.get(s, 0)) for s in STATE_ORDER]
    if state in STATE_ORDER:
        trials = trials.filter(state=state)
    return (
        trials.select_related("participant", "agreement", "coach").order_by(
            "agreement__start_date", "-created", "-id"
        ),
        counts,
    )


def own_trials(user: Any) -> QuerySet[Trial]:
    """The trials of the participant `user` themself (any organisation)."""
    return (
        access.own_trials_of(user)
        .select_related("agreement", "organisation")
        .order_by("-created", "-id")
    )


def casefile_rows(participant: Participant, lang: str) -> list[dict[str, Any]]:
    """A participant's trials with their state labels, for their case file (the caller has
    opened the case file through `people.access`)."""
    trials = participant.trials.select_related("agreement").order_by("-created", "-id")
    return [{"trial": t, "state_label": state_label(t.state, lang)} for t in trials]


def trial_places(organisation_id: Any) -> QuerySet[Opportunity]:
    """Open work-trial places, education-trial places and development needs to choose from."""
    return (
        Opportunity.objects.filter(
            organisation_id=organisation_id,
            kind__in=lifecycle.TRIAL_PLACE_KINDS,
            status=OpportunityStatus.OPEN,
        )
        .select_related("employer")
        .order_by("title", "id")
    )


def caseload(user: Any, organisation_id: Any) -> QuerySet[Participant]:
    """Participants the coach or coordinator `user` may start a trial for."""
    from kohtaanto.people.access import participants_visible_to

    visible = participants_visible_to(user).filter(organisation_id=organisation_id)
    if Membership.objects.filter(
        user=user, organisation_id=organisation_id, role=Role.COORDINATOR
    ).exists():
        return visible.order_by("last_name", "first_name", "id")
    return visible.filter(coaches=user).order_by("last_name", "first_name", "id")


# --- the agreement ---------------------------------------------------------------------------


def mentor_candidates(trial: Trial) -> list[Any]:
    """Users with the workplace-mentor or employer-contact role at the trial's workplace."""
    if not trial.employer_id:
        return []
    user_ids = Membership.objects.filter(
        organisation_id=trial.employer_id, role__in=access.WORKPLACE_ROLES
    ).values("user_id")
    return list(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .order_by("last_name", "first_name", "pk")
    )


def default_authority(trial: Trial, lang: str) -> str:
    """A suggestion for the employment authority: the municipality's employment services of
    the service organisation (in the agreement's language)."""
    code = trial.organisation.municipality_code
    if not code:
        return ""
    name = municipality_name(code, lang)
    if not name:
        return ""
    prefix = {
        "fi": "Työllisyyspalvelut",
        "sv": "Sysselsättningstjänsterna",
        "en": "Employment services",
    }
    return f"{prefix.get(lang, prefix['fi'])}, {name}"


INSURANCE_DEFAULT = {
    "fi": (
        "Osallistuja on kokeilun aikana vakuutettu työtapaturmien varalta; korvauksista vastaa "
        "Valtiokonttori. Järjestäjä vastaa työturvallisuudesta ja perehdytyksestä samoin kuin "
        "omien työntekijöidensä kohdalla."
    ),
    "sv": (
        "Deltagaren är under prövningen försäkrad mot olycksfall i arbetet; Statskontoret "
        "svarar för ersättningarna. Anordnaren svarar för arbetarskyddet och introduktionen på "
        "samma sätt som för sina egna anställda."
    ),
    "en": (
        "During the trial the participant is insured against accidents at work; the State "
        "Treasury pays any compensation. The organiser is responsible for occupational safety "
        "and induction as for its own employees."
    ),
}


def allowance_per_day(trial: Trial, outside: bool) -> Decimal:
    """The rule book's expense allowance for one attended day (9 €, 18 € outside the
    commuting area at the time of writing)."""
    return Decimal(rulebook.allowance(1, outside, lifecycle.rules_for(trial)))


def goal_texts(trial: Trial) -> list[str]:
    return [goal.text for goal in trial.goals.filter(source="manual")]


@dataclass(frozen=True)
class Finding:
    rule_id: str
    title: str
    fix: str
    source_title: str
    source_url: str


def findings(trial: Trial, lang: str) -> list[Finding]:
    """The last rule check's findings, named and explained in `lang`."""
    return [
        Finding(
            rule_id=v.rule_id,
            title=v.title(lang),
            fix=v.fix(lang),
            source_title=v.source_title,
            source_url=v.source_url,
        )
        for v in lifecycle.findings(trial)
    ]


@dataclass(frozen=True)
class RulesInfo:
    version: str
    checked_at: dt.datetime | None
    rules_checked_on: dt.date | None
    """The date the rule book's content was last checked against its sources."""
    sources: list[tuple[str, str]]
    rules: list[tuple[str, str]]
    """(rule id, title) of every rule in the set."""


def rules_info(trial: Trial, lang: str) -> RulesInfo | None:
    """The rule book the trial was last checked against (None: not checked yet)."""
    if not trial.rules_version:
        return None
    try:
        rules = rulebook.load_rules(trial.rules_version)
    except rulebook.TrialRulesError:
        rules = lifecycle.rules_for(trial)
    return RulesInfo(
        version=trial.rules_version,
        checked_at=trial.rules_checked_at,
        rules_checked_on=rules.checked_on,
        sources=[(source.title, source.url) for source in rules.sources],
        rules=[(rule_id, rules.title(rule_id, lang)) for rule_id in rules.rules],
    )


@dataclass(frozen=True)
class PartyRow:
    party: str
    label: str
    confirmation: Any
    paper: bool


def party_rows(trial: Trial) -> list[PartyRow]:
    confirmations = lifecycle.confirmations_of(trial)
    return [
        PartyRow(
            party=party,
            label=str(Party(party).label),
            confirmation=confirmations[party],
            paper=bool(
                confirmations[party] and confirmations[party].method == ConfirmationMethod.PAPER  # type: ignore[union-attr]
            ),
        )
        for party in Party.values
    ]


def unit_choices(trial: Trial, query: str, lang: str, limit: int = 20) -> list[Any]:
    """Qualification units matching `query` (name or code), the trial's own units first."""
    from kohtaanto.qualifications.models import QualificationUnit

    chosen = set(trial.units.values_list("unit_id", flat=True))
    units = list(
        QualificationUnit.objects.filter(pk__in=chosen).prefetch_related(
            "requirements", "qualifications"
        )
    )
    query = (query or "").strip()
    if query:
        found = (
            QualificationUnit.objects.filter(
                Q(name_fi__icontains=query)
                | Q(name_sv__icontains=query)
                | Q(name_en__icontains=query)
                | Q(code__icontains=query)
                | Q(qualifications__name_fi__icontains=query)
                | Q(qualifications__name_sv__icontains=query)
            )
            .exclude(pk__in=chosen)
            .distinct()
            .prefetch_related("requirements", "qualifications")
            .order_by("name_fi", "id")[:limit]
        )
        units.extend(found)
    return units


def agreement_content(trial: Trial, lang: str | None = None) -> documents.AgreementContent:
    """The agreement as the PDF's plain data, in the agreement's language."""
    agreement = trial.agreement
    language = lang or agreement.language or "fi"
    confirmations = lifecycle.confirmations_of(trial)
    rows = []
    names: dict[str, str] = {
        Party.PARTICIPANT.value: trial.participant.full_name,
        Party.ORGANISER.value: trial.organiser_name,
        Party.AUTHORITY.value: agreement.employment_authority,
    }
    for party in Party.values:
        confirmation = confirmations[party]
        rows.append(
            documents.Confirmation(
                party=party,
                name=confirmation.signer_name if confirmation else names[party],
                confirmed_at=confirmation.at if confirmation else None,
                method=confirmation.method if confirmation else "electronic",
                recorded_by=(
                    (confirmation.recorded_by.get_full_name() or "")
                    if confirmation and confirmation.recorded_by
                    else ""
                ),
            )
        )
    units = []
    chosen = {r.requirement_id for r in trial.requirements.all()}
    for trial_unit in trial.units.select_related("unit").prefetch_related(
        "unit__requirements", "unit__qualifications"
    ):
        unit = trial_unit.unit
        qualification = next(iter(unit.qualifications.all()), None)
        units.append(
            documents.UnitAim(
                name=unit.name(language),
                code=unit.short_code,
                requirements=[r.text(language) for r in unit.requirements.all() if r.pk in chosen],
                qualification=qualification.name(language) if qualification else "",
            )
        )
    info = rules_info(trial, language)
    coach = trial.coach
    mentor_name = trial.workplace_mentor_name or (
        trial.workplace_mentor.get_full_name() if trial.workplace_mentor else ""
    )
    return documents.AgreementContent(
        language=language,
        participant_name=trial.participant.full_name,
        organiser_name=trial.organiser_name,
        start=agreement.start_date,
        end=agreement.end_date,
        kind=trial.kind,
        reference=f"TK-{trial.pk}",
        revision=agreement.revision,
        organiser_business_id=trial.organiser_business_id,
        authority_name=agreement.employment_authority,
        service_organisation=trial.organisation.name,
        coach_name=(coach.get_full_name() or coach.get_username()) if coach else "",
        days_per_week=agreement.days_per_week,
        hours_per_day=agreement.hours_per_day,
        working_time_note=weekday_names(agreement.weekdays, language),
        tasks=agreement.tasks,
        place=agreement.place,
        mentor_name=mentor_name,
        mentor_phone=trial.workplace_mentor_phone,
        mentor_email=trial.workplace_mentor_email,
        goals=[goal.text for goal in trial.goals.all()],
        units=units,
        insurance_note=agreement.insurance_note,
        allowance_per_day=agreement.allowance_eur_per_day,
        outside_commuting_area=agreement.outside_commuting_area,
        rules=(
            documents.RulesCheck(
                version=info.version,
                checked_at=info.checked_at or info.rules_checked_on or dt.date.today(),
                sources=[title for title, _url in info.sources],
            )
            if info
            else None
        ),
        confirmations=rows,
    )


WEEKDAY_NAMES = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("må", "ti", "on", "to", "fr", "lö", "sö"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def weekday_names(weekdays: list[int], lang: str) -> str:
    names = WEEKDAY_NAMES.get(lang, WEEKDAY_NAMES["fi"])
    return ", ".join(names[day] for day in sorted(weekdays or []) if 0 <= day <= 6)


# --- days ------------------------------------------------------------------------------------


@dataclass
class Week:
    start: dt.date
    number: int
    days: list[TrialDay] = field(default_factory=list)


def days_by_week(trial: Trial) -> list[Week]:
    """The trial's days (cancelled ones left out) grouped by ISO week."""
    weeks: OrderedDict[dt.date, Week] = OrderedDict()
    for day in trial.days.exclude(status=DayStatus.CANCELLED).select_related("marked_by"):
        monday = day.date - dt.timedelta(days=day.date.weekday())
        week = weeks.setdefault(monday, Week(start=monday, number=monday.isocalendar()[1]))
        week.days.append(day)
    return list(weeks.values())
