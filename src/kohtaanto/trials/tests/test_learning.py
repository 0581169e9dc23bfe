"""Puuttuva palanen: the learning plan from a company's need, the sparring partner, the need's
skills as goals, and the company's reference letter."""

from __future__ import annotations

import pytest
from tests.factories import Personas, member
from tests.factories_trials import make_trial

from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.mentoring.models import VolunteerEngagement, VolunteerProfile, VolunteerSkill
from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus, SkillImportance
from kohtaanto.opportunities.models import Course, CourseSkill, Opportunity, OpportunitySkill
from kohtaanto.trials.access import TrialNotFound
from kohtaanto.trials.enums import GoalSource, OrganiserKind, TrialState
from kohtaanto.trials.models import Trial
from kohtaanto.trials.services import learning, lifecycle
from kohtaanto.trials.services import workplace as wp

pytestmark = pytest.mark.django_db

PYTHON = "http://data.europa.eu/esco/skill/python"
SQL = "http://data.europa.eu/esco/skill/sql"
GIT = "http://data.europa.eu/esco/skill/git"


def need(personas: Personas) -> Opportunity:
    opportunity = Opportunity.objects.create(
        organisation=personas.organisation,
        employer=personas.employer_organisation,
        kind=OpportunityKind.SME_NEED,
        status=OpportunityStatus.OPEN,
        title="Tilausjärjestelmän uudistus",
        description="Excel-tilaukset tietokantaan.",
    )
    for uri, label, importance, pending in (
        (PYTHON, "Python", SkillImportance.REQUIRED, False),
        (SQL, "SQL", SkillImportance.REQUIRED, False),
        (GIT, "Git", SkillImportance.NICE_TO_HAVE, False),
        ("http://example.org/pending", "Odottaa", SkillImportance.REQUIRED, True),
    ):
        OpportunitySkill.objects.create(
            opportunity=opportunity, uri=uri, label=label, importance=importance, pending=pending
        )
    return opportunity


def course(title: str, uri: str, *, open_material: bool, organisation=None) -> Course:  # type: ignore[no-untyped-def]
    row = Course.objects.create(
        title=title,
        url=f"https://example.org/{title.lower()}",
        open_material=open_material,
        organisation=organisation,
    )
    CourseSkill.objects.create(course=row, uri=uri, label=uri.rsplit("/", 1)[-1])
    return row


def project(personas: Personas) -> Trial:
    return lifecycle.create_trial(
        by=personas.coach,
        participant=personas.participant,
        title="Kehittämisprojekti",
        sme_need=need(personas),
        organiser_kind=OrganiserKind.COMPANY,
    )


def volunteer(personas: Personas, username: str, uris: list[str], roles: list[str]):  # type: ignore[no-untyped-def]
    user = member(personas.organisation, Role.MENTOR, username=username)
    profile = VolunteerProfile.objects.create(user=user)
    VolunteerEngagement.objects.create(
        volunteer=profile, organisation=personas.organisation, roles=roles
    )
    for uri in uris:
        VolunteerSkill.objects.create(volunteer=profile, uri=uri, label=uri.rsplit("/", 1)[-1])
    return user


def test_need_goals_are_the_required_skills_with_their_uris(personas: Personas) -> None:
    trial = project(personas)
    goals = learning.need_goals(trial, by=personas.coach)
    assert [(g.text, g.uri, g.source) for g in goals] == [
        ("Python", PYTHON, GoalSource.SME_NEED),
        ("SQL", SQL, GoalSource.SME_NEED),
    ]
    assert learning.need_goals(trial, by=personas.coach) == []  # each once
    lifecycle.set_goals(trial, ["Oppii tiimityötä"], by=personas.coach)
    assert trial.goals.count() == 3  # written goals do not replace the need's skills
    with pytest.raises(TrialNotFound):
        learning.need_goals(trial, by=personas.participant_user)


def test_a_trial_without_a_need_has_no_plan(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    with pytest.raises(ValidationFailed):
        learning.build_learning_plan(trial, by=personas.coach)
    with pytest.raises(ValidationFailed):
        learning.need_goals(trial, by=personas.coach)


def test_plan_has_a_skill_per_need_skill_open_materials_first(personas: Personas) -> None:
    trial = project(personas)
    course("Maksullinen", PYTHON, open_material=False)
    mooc = course("Mooc", PYTHON, open_material=True)
    course("Muiden", SQL, open_material=True, organisation=personas.other_organisation)
    plan = learning.build_learning_plan(trial, by=personas.coach)
    items = {item.uri: item for item in plan.items.all()}
    assert set(items) == {PYTHON, SQL}
    assert items[PYTHON].course == mooc and items[PYTHON].material_url == mooc.url
    assert items[SQL].course is None  # another organisation's course is not offered
    assert [c.title for c in learning.courses_for(trial, PYTHON)] == ["Mooc", "Maksullinen"]
    # Building again keeps the items (and what was learnt).
    learning.mark_learnt(items[PYTHON], by=personas.participant_user)
    plan = learning.build_learning_plan(trial, by=personas.coach)
    assert plan.items.count() == 2
    assert plan.items.get(uri=PYTHON).done_at is not None


def test_update_item_and_mark_learnt_rules(personas: Personas) -> None:
    trial = project(personas)
    paid = course("Maksullinen", PYTHON, open_material=False)
    other = course("Muu", SQL, open_material=True)
    plan = learning.build_learning_plan(trial, by=personas.coach)
    item = plan.items.get(uri=PYTHON)
    learning.update_item(item, by=personas.coach, course=paid)
    assert item.material_title == "Maksullinen"
    with pytest.raises(ValidationFailed):
        learning.update_item(item, by=personas.coach, course=other)  # teaches another skill
    with pytest.raises(ValidationFailed):
        learning.update_item(item, by=personas.coach, material_url="javascript:alert(1)")
    learning.update_item(
        item, by=personas.coach, material_title="Oma opas", material_url="https://opas.example"
    )
    assert (item.course, item.material_url) == (None, "https://opas.example")
    with pytest.raises(TrialNotFound):
        learning.update_item(item, by=personas.participant_user)
    for user in (personas.workplace_mentor, personas.employer_contact, personas.outsider):
        with pytest.raises(TrialNotFound):
            learning.mark_learnt(item, by=user)
    learning.mark_learnt(item, by=personas.coach)
    learning.mark_learnt(item, by=personas.participant_user, learnt=False)
    item.refresh_from_db()
    assert item.done_at is None


def test_sparring_partner_from_the_pool_overlapping_first(personas: Personas) -> None:
    trial = project(personas)
    plan = learning.build_learning_plan(trial, by=personas.coach)
    both = volunteer(personas, "both", [PYTHON, SQL], ["sparring_partner"])
    none = volunteer(personas, "none", [GIT], ["sparring_partner"])
    group_leader = volunteer(personas, "leader", [PYTHON, SQL], ["group_leader"])
    candidates = learning.sparring_candidates(trial)
    assert [c.user for c in candidates] == [both, none]
    assert candidates[0].shared == ("Python", "SQL") and candidates[1].shared == ()
    learning.choose_sparring_partner(plan, both, by=personas.coach)
    assert learning.plan_of(trial).sparring_partner == both  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed):
        learning.choose_sparring_partner(plan, group_leader, by=personas.coach)
    with pytest.raises(TrialNotFound):
        learning.choose_sparring_partner(plan, none, by=personas.participant_user)
    learning.choose_sparring_partner(plan, None, by=personas.coach)
    plan.refresh_from_db()
    assert plan.sparring_partner is None


def _at_the_end(personas: Personas) -> Trial:
    """The development project as a work trial, agreed, run and being evaluated."""
    from tests.factories_trials import make_trial as base

    trial = base(personas, state=TrialState.RUN)
    trial.sme_need = need(personas)
    trial.save(update_fields=["sme_need"])
    return lifecycle.transition(trial, "finish", by=personas.coach)


def test_reference_by_the_employer_contact_at_the_end(personas: Personas) -> None:
    trial = _at_the_end(personas)
    letter = learning.write_reference(
        trial,
        by=personas.employer_contact,
        writer_name="Ville Virtanen",
        writer_title="toimitusjohtaja",
        text="Hoiti projektin erinomaisesti.",
        language="fi",
    )
    assert letter.written_by == personas.employer_contact
    content = learning.reference_content(trial, letter)
    assert content.company_name == "Konepaja Virtanen Oy"
    assert content.project_title == "Tilausjärjestelmän uudistus"
    assert learning.reference_pdf(trial, letter).startswith(b"%PDF")
    # Staff may record it too; writing again replaces it.
    learning.write_reference(
        trial, by=personas.coach, writer_name="Ville Virtanen", text="Uusi teksti.", language="sv"
    )
    assert learning.reference_of(trial).text == "Uusi teksti."  # type: ignore[union-attr]


def test_reference_bad_input_and_wrong_people(personas: Personas) -> None:
    trial = _at_the_end(personas)
    with pytest.raises(ValidationFailed) as error:
        learning.write_reference(
            trial, by=personas.employer_contact, writer_name=" ", text="", language="de"
        )
    assert set(error.value.errors) == {"writer_name", "text", "language"}
    for user in (personas.workplace_mentor, personas.participant_user, personas.outsider):
        with pytest.raises(TrialNotFound):
            learning.write_reference(trial, by=user, writer_name="X", text="Y")
    running = project(personas)
    with pytest.raises(ValidationFailed):
        learning.write_reference(running, by=personas.coach, writer_name="X", text="Y")
    assert learning.reference_of(trial) is None


def test_reference_lists_the_need_skills_shown(personas: Personas) -> None:
    trial = make_trial(personas, state=TrialState.AGREE)
    trial.sme_need = need(personas)
    trial.save(update_fields=["sme_need"])
    learning.need_goals(trial, by=personas.coach)
    from kohtaanto.trials.enums import ConfirmationMethod, Party

    for party in Party.values:
        lifecycle.confirm(
            trial, party, by=personas.coach, method=ConfirmationMethod.PAPER, signer_name="N"
        )
    trial = lifecycle.transition(trial, "start", by=personas.coach)
    trial = lifecycle.transition(trial, "finish", by=personas.coach)
    wp.submit_assessment(
        trial,
        "final",
        items=[
            (wp.item_key("goal", g.pk), "shown" if g.uri == PYTHON else "partly", "")
            for g in trial.goals.all()
        ],
        by=personas.workplace_mentor,
    )
    assert learning.skills_shown(trial) == ["Python"]
