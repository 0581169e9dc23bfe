"""The end of a trial: the competence certificate, skills shown into the profile, and what came
next (the journeys outcome recorded through its own service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from tests.factories import EmployerFactory, Personas, member
from tests.factories_trials import make_trial

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys.models import Outcome
from kohtaanto.profiles.enums import ItemSource, ItemStatus
from kohtaanto.profiles.models import ProfileItem
from kohtaanto.qualifications.enums import MappingStatus
from kohtaanto.qualifications.models import (
    Qualification,
    QualificationUnit,
    RequirementSkill,
    SkillRequirement,
)
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.trials.access import TrialNotFound
from kohtaanto.trials.enums import AuthorRole, TrialOutcome, TrialState
from kohtaanto.trials.models import Trial, TrialRequirement, TrialUnit
from kohtaanto.trials.services import completion, lifecycle
from kohtaanto.trials.services import workplace as wp
from kohtaanto.vocabularies import provider

pytestmark = pytest.mark.django_db


def skills(n: int = 2) -> list[Any]:
    taxonomy = provider.get_taxonomy()
    found = []
    for concept in taxonomy:
        if concept.kind is ConceptKind.SKILL and not concept.collections & {
            "language",
            "digital",
            "hobby",
            "digcomp",
        }:
            found.append(concept)
        if len(found) == n:
            return found
    raise AssertionError("the taxonomy has too few skills")


def with_requirements(trial: Trial) -> list[TrialRequirement]:
    """Two skill requirements of one unit aimed at in `trial`, the first mapped to an ESCO
    skill (confirmed) and one suggested mapping that must not be proposed."""
    qualification = Qualification.objects.create(
        eperusteet_id=7001, name_fi="Logistiikan perustutkinto", diary_number="OPH-1-2024"
    )
    unit = QualificationUnit.objects.create(
        eperusteet_id=7002, name_fi="Varastotoiminnot", code="tutkinnonosat_7002", scope_points=30
    )
    unit.qualifications.add(qualification)
    first = SkillRequirement.objects.create(unit=unit, ordinal=1, text_fi="vastaanottaa tavaraa")
    second = SkillRequirement.objects.create(unit=unit, ordinal=2, text_fi="ajaa trukkia")
    confirmed, suggested = skills(2)
    RequirementSkill.objects.create(
        requirement=first, uri=confirmed.uri, label="vastaanotto", status=MappingStatus.CONFIRMED
    )
    RequirementSkill.objects.create(
        requirement=first, uri=suggested.uri, label="ehdotus", status=MappingStatus.SUGGESTED
    )
    TrialUnit.objects.create(trial=trial, unit=unit)
    return [
        TrialRequirement.objects.create(trial=trial, requirement=first),
        TrialRequirement.objects.create(trial=trial, requirement=second),
    ]


def shown(trial: Trial, requirement: TrialRequirement, personas: Personas) -> None:
    day = max(trial.agreement.start_date, timezone.localdate() - dt.timedelta(days=1))
    day = min(day, timezone.localdate())
    wp.mark_evidence(
        requirement,
        shown_on=day,
        text="Otti vastaan kuorman itsenäisesti.",
        by=personas.workplace_mentor,
    )


def evaluated(personas: Personas) -> tuple[Trial, list[TrialRequirement]]:
    trial = make_trial(personas, state=TrialState.RUN)
    requirements = with_requirements(trial)
    shown(trial, requirements[0], personas)
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    return trial, requirements


# --- the certificate -------------------------------------------------------------------------


def test_certificate_before_evaluation_is_refused(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    shown(trial, with_requirements(trial)[0], personas)
    with pytest.raises(ValidationFailed):
        completion.prepare_certificate(trial, by=personas.coach)
    assert completion.certificate_of(trial) is None


def test_certificate_needs_something_shown(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.EVALUATE)
    with pytest.raises(ValidationFailed):
        completion.prepare_certificate(trial, by=personas.coach)


def test_only_staff_prepare(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    for user in (personas.participant_user, personas.workplace_mentor, personas.outsider):
        with pytest.raises(TrialNotFound):
            completion.prepare_certificate(trial, by=user)


def test_certificate_signed_by_both_then_issued(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    certificate = completion.prepare_certificate(trial, by=personas.coach)
    assert certificate.reference.startswith("OT-") and certificate.language == "fi"
    with pytest.raises(ValidationFailed):
        completion.issue_certificate(trial, by=personas.coach)
    completion.sign_certificate(trial, role=AuthorRole.COACH, by=personas.coach)
    with pytest.raises(ValidationFailed):
        completion.issue_certificate(trial, by=personas.coach)
    signed = completion.sign_certificate(
        trial, role=AuthorRole.WORKPLACE_MENTOR, by=personas.workplace_mentor
    )
    assert signed.mentor_signed_at is not None and signed.mentor_name
    issued = completion.issue_certificate(trial, by=personas.coach)
    assert issued.issued_at is not None
    with pytest.raises(ValidationFailed):
        completion.sign_certificate(trial, role=AuthorRole.COACH, by=personas.coach)


def test_mentor_signs_through_the_link_with_the_links_name(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    completion.prepare_certificate(trial, by=personas.coach)
    _link, token = wp.create_link(trial, by=personas.coach, mentor_name="Liisa Linkki")
    certificate = completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
    assert certificate.mentor_name == "Liisa Linkki"


def test_a_link_of_another_trial_cannot_sign(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    completion.prepare_certificate(trial, by=personas.coach)
    other = make_trial(personas, state=TrialState.RUN, participant=personas.caseload_participant)
    _link, token = wp.create_link(other, by=personas.coach)
    with pytest.raises(TrialNotFound):
        completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
    with pytest.raises(TrialNotFound):
        completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link="nonsense")
    assert completion.certificate_of(trial).mentor_signed_at is None  # type: ignore[union-attr]


def test_a_mentor_of_another_employer_gets_404(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    completion.prepare_certificate(trial, by=personas.coach)
    stranger = member(EmployerFactory(name="Muu Oy"), Role.WORKPLACE_MENTOR, username="wm2")
    for user in (stranger, personas.participant_user, personas.employer_contact):
        with pytest.raises(TrialNotFound):
            completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, by=user)
    with pytest.raises(TrialNotFound):
        completion.sign_certificate(trial, role=AuthorRole.COACH, by=personas.workplace_mentor)
    with pytest.raises(ValidationFailed):
        completion.sign_certificate(trial, role="boss", by=personas.coach)


def test_certificate_content_lists_shown_and_not_shown_honestly(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    certificate = completion.prepare_certificate(trial, by=personas.coach)
    content = completion.certificate_content(trial, certificate)
    assert content.person_name == trial.participant.full_name
    [unit] = content.units
    assert unit.name == "Varastotoiminnot" and unit.scope_points == 30
    assert unit.qualification_name == "Logistiikan perustutkinto"
    assert [s.requirement for s in unit.shown] == ["vastaanottaa tavaraa"]
    assert unit.shown[0].evidence[0].text == "Otti vastaan kuorman itsenäisesti."
    assert unit.not_shown == ["ajaa trukkia"]
    pdf = completion.certificate_pdf(trial, certificate)
    assert pdf.startswith(b"%PDF")


def test_an_issued_certificate_keeps_its_evidence(personas: Personas) -> None:
    trial, requirements = evaluated(personas)
    completion.prepare_certificate(trial, by=personas.coach)
    completion.sign_certificate(trial, role=AuthorRole.COACH, by=personas.coach)
    completion.sign_certificate(
        trial, role=AuthorRole.WORKPLACE_MENTOR, by=personas.workplace_mentor
    )
    certificate = completion.issue_certificate(trial, by=personas.coach)
    shown(trial, requirements[1], personas)  # marked after the issue
    content = completion.certificate_content(trial, certificate)
    assert content.units[0].not_shown == ["ajaa trukkia"]


# --- skills into the profile -----------------------------------------------------------------


def test_skills_shown_are_proposed_and_confirmed_into_the_profile(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    confirmed, suggested = skills(2)
    proposals = completion.skill_proposals(trial)
    assert [p.uri for p in proposals] == [confirmed.uri]  # the suggested mapping is not offered
    assert not proposals[0].in_profile
    [item] = completion.confirm_skills(trial, [confirmed.uri], by=personas.coach)
    item = ProfileItem.objects.get(pk=item.pk)
    assert item.status == ItemStatus.CONFIRMED and item.source == ItemSource.WORK_TRIAL
    [entry] = item.evidence
    assert entry["trial"] == trial.pk
    assert entry["text"].startswith(f"{trial.title}, {trial.organiser_name}: Otti vastaan")
    assert dt.date.fromisoformat(entry["shown_on"]) <= timezone.localdate()
    assert completion.skill_proposals(trial)[0].in_profile
    # Confirming again adds no second row and no second evidence entry.
    completion.confirm_skills(trial, [confirmed.uri], by=personas.coach)
    assert ProfileItem.objects.get(pk=item.pk).evidence == [entry]
    with pytest.raises(ValidationFailed):
        completion.confirm_skills(trial, [suggested.uri], by=personas.coach)
    with pytest.raises(ValidationFailed):
        completion.confirm_skills(trial, [], by=personas.coach)


def test_goals_rated_shown_in_the_final_assessment_are_proposed(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    skill = skills(1)[0]
    goal = trial.goals.first()
    goal.uri = skill.uri
    goal.save()
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    wp.submit_assessment(
        trial,
        "final",
        items=[
            (wp.item_key("goal", g.pk), "shown" if g.pk == goal.pk else "partly", "Hyvin meni")
            for g in trial.goals.all()
        ],
        summary="Oppi nopeasti.",
        by=personas.workplace_mentor,
    )
    [proposal] = completion.skill_proposals(trial)
    assert proposal.uri == skill.uri and proposal.reasons == [goal.text]
    # A final assessment is enough for the certificate.
    assert completion.prepare_certificate(trial, by=personas.coach)


def test_skills_only_by_staff_and_after_the_trial(personas: Personas) -> None:
    trial, _requirements = evaluated(personas)
    uri = skills(1)[0].uri
    with pytest.raises(TrialNotFound):
        completion.confirm_skills(trial, [uri], by=personas.participant_user)
    running = make_trial(personas, state=TrialState.RUN, participant=personas.caseload_participant)
    with pytest.raises(ValidationFailed):
        completion.confirm_skills(running, [uri], by=personas.coach)


def test_a_suggested_profile_item_confirmed_by_a_trial_takes_its_source(
    personas: Personas,
) -> None:
    trial, _requirements = evaluated(personas)
    uri = skills(1)[0].uri
    ProfileItem.objects.create(
        participant=trial.participant,
        uri=uri,
        kind="skill",
        group="work",
        label="x",
        source=ItemSource.RECOGNISED,
        evidence=[{"start": 0, "end": 1, "text": "x", "matched": "x"}],
    )
    [item] = completion.confirm_skills(trial, [uri], by=personas.coach)
    item.refresh_from_db()
    assert item.source == ItemSource.WORK_TRIAL and item.status == ItemStatus.CONFIRMED
    assert len(item.evidence) == 2


# --- what came next --------------------------------------------------------------------------


def test_outcome_moves_the_trial_on_and_feeds_the_journey_outcome(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.EVALUATE)
    trial = completion.record_outcome(
        trial, TrialOutcome.JOB_OFFER, "Työsopimus alkaa", by=personas.coach
    )
    assert trial.state == TrialState.CONTINUE and trial.outcome == TrialOutcome.JOB_OFFER
    assert trial.transitions.filter(action="continue").exists()
    assert completion.continuation_path_for(trial.outcome) == "employment"
    outcome = completion.end_service_from_outcome(
        trial, by=personas.coach, date=timezone.localdate()
    )
    stored = Outcome.objects.get(participant=trial.participant)
    assert stored.pk == outcome.pk and stored.outcome_type == "employment"
    assert stored.follow_up.due >= timezone.localdate()  # the journeys service made it
    # A correction of the outcome in the continued trial stays in "continue".
    trial = completion.record_outcome(trial, TrialOutcome.APPRENTICESHIP, by=personas.coach)
    assert trial.state == TrialState.CONTINUE
    assert completion.continuation_path_for(trial.outcome) == "apprenticeship"


@pytest.mark.parametrize(
    ("outcome", "path"),
    [
        (TrialOutcome.STUDY_PLACE, "education_training"),
        (TrialOutcome.ANOTHER_TRIAL, None),
        (TrialOutcome.NONE, None),
    ],
)
def test_outcome_paths(personas: Personas, outcome: str, path: str | None) -> None:
    trial = make_trial(personas, state=TrialState.EVALUATE)
    trial = completion.record_outcome(trial, outcome, by=personas.coach)
    assert completion.continuation_path_for(outcome) == path
    if path is None:
        with pytest.raises(ValidationFailed):
            completion.end_service_from_outcome(trial, by=personas.coach, date=timezone.localdate())
        assert not Outcome.objects.filter(participant=trial.participant).exists()


def test_outcome_bad_input(personas: Personas) -> None:
    running = make_trial(personas, state=TrialState.RUN)
    with pytest.raises(ValidationFailed):
        completion.record_outcome(running, TrialOutcome.JOB_OFFER, by=personas.coach)
    trial = make_trial(
        personas, state=TrialState.EVALUATE, participant=personas.caseload_participant
    )
    with pytest.raises(ValidationFailed) as error:
        completion.record_outcome(trial, "lottery", "x" * 2001, by=personas.coach)
    assert set(error.value.errors) == {"outcome", "note"}
    with pytest.raises(TrialNotFound):
        completion.record_outcome(trial, TrialOutcome.NONE, by=personas.workplace_mentor)
    trial.refresh_from_db()
    assert trial.state == TrialState.EVALUATE and not trial.outcome
