"""The participant's answers to suggestions (`matches.interests`) and the proposal made from
one (`services.propose_from_interest`), the coach told of the employer's answer."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.factories import ParticipantFactory

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.matches import interests, services
from kohtaanto.matches.enums import InterestKind, InterestReason, ProposalStatus
from kohtaanto.matches.models import Interest

from .conftest import FORKLIFT, INVENTORY, MATCHING, make_opportunity, ready

pytestmark = pytest.mark.django_db


def test_participant_marks_changes_and_clears_an_answer_audited(matched, warehouse):
    user = matched.user
    first = interests.mark_interest(user, matched, warehouse, InterestKind.INTERESTED)
    assert first.kind == "interested" and first.seen_by_coach is None
    again = interests.mark_interest(
        user,
        matched,
        warehouse,
        InterestKind.NOT_FOR_ME,
        reason="Liian aikainen aamuvuoro",
        reason_code=InterestReason.HOURS,
    )
    assert again.pk == first.pk  # the same row changes
    assert Interest.objects.get().kind == "not_for_me"
    assert Interest.objects.get().reason_code == "hours"
    actions = list(
        AuditEvent.objects.filter(object_type="matches.interest")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.CREATE, AuditAction.CHANGE]
    assert interests.clear_interest(user, matched, warehouse) is True
    assert not Interest.objects.exists()
    assert AuditEvent.objects.filter(
        object_type="matches.interest", action=AuditAction.DELETE
    ).exists()
    assert interests.clear_interest(user, matched, warehouse) is False


def test_the_same_answer_again_changes_nothing(matched, warehouse, coach):
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    interests.mark_seen(coach, matched)
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    assert Interest.objects.get().seen_by_coach is not None
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.NOT_FOR_ME)
    assert Interest.objects.get().seen_by_coach is None  # a changed answer is new again


@pytest.mark.parametrize("who", ["coach", "coordinator", "outsider", "employer_contact"])
def test_only_the_participant_themself_may_answer(matched, warehouse, personas, who):
    with pytest.raises(interests.InterestNotFound):
        interests.mark_interest(personas.users()[who], matched, warehouse, InterestKind.INTERESTED)
    with pytest.raises(interests.InterestNotFound):
        interests.clear_interest(personas.users()[who], matched, warehouse)
    assert not Interest.objects.exists()


def test_only_visible_targets_can_be_answered(matched, personas, courses):
    other_org = make_opportunity(personas.other_organisation, None, title="Muualla")
    closed = make_opportunity(personas.organisation, None, title="Suljettu", status="closed")
    for target in (other_org, closed):
        with pytest.raises(interests.InterestNotFound):
            interests.mark_interest(matched.user, matched, target, InterestKind.INTERESTED)
    with pytest.raises(interests.InterestNotFound):
        interests.visible_opportunity(matched, other_org.pk)
    with pytest.raises(interests.InterestNotFound):
        interests.visible_opportunity(matched, "x")
    course = courses[0]  # the shared catalogue
    answer = interests.mark_interest(matched.user, matched, course, InterestKind.INTERESTED)
    assert answer.course == course and answer.opportunity is None


def test_reason_is_checked_not_cut(matched, warehouse):
    with pytest.raises(ValidationFailed) as error:
        interests.mark_interest(
            matched.user, matched, warehouse, InterestKind.NOT_FOR_ME, reason="x" * 501
        )
    assert "reason" in error.value.errors
    with pytest.raises(ValidationFailed) as error:
        interests.mark_interest(matched.user, matched, warehouse, "maybe")
    assert "kind" in error.value.errors
    with pytest.raises(ValidationFailed):
        interests.mark_interest(
            matched.user, matched, warehouse, InterestKind.NOT_FOR_ME, reason_code="weather"
        )
    ok = interests.mark_interest(
        matched.user, matched, warehouse, InterestKind.NOT_FOR_ME, reason="x" * 500
    )
    assert len(ok.reason) == 500


def test_unseen_counts_in_one_query_and_mark_seen(matched, warehouse, personas, coach, courses):
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    interests.mark_interest(matched.user, matched, courses[0], InterestKind.NOT_FOR_ME)
    others = [ParticipantFactory(organisation=personas.organisation) for _ in range(3)]
    ids = [matched.pk, *(p.pk for p in others)]
    with CaptureQueriesContext(connection) as queries:
        counts = interests.unseen_counts(ids)
    assert len(queries) == 1
    assert counts == {matched.pk: 2}
    annotated = interests.with_unseen_counts(
        type(matched).objects.filter(pk__in=ids).order_by("pk")
    )
    assert {p.pk: p.new_answers for p in annotated} == {
        i: (2 if i == matched.pk else 0) for i in ids
    }
    # The participant, an outsider or an employer cannot mark them seen.
    for user in (matched.user, personas.outsider, personas.employer_contact):
        with pytest.raises(interests.InterestNotFound):
            interests.mark_seen(user, matched)
    assert interests.mark_seen(coach, matched) == 2
    assert interests.unseen_counts(ids) == {}
    assert interests.mark_seen(coach, matched) == 0


def test_not_for_me_of_gives_only_not_for_me_answers_newest_first(matched, personas, warehouse):
    other = make_opportunity(
        personas.organisation, personas.employer_organisation, [FORKLIFT], title="Trukkikuski"
    )
    interests.mark_interest(matched.user, matched, warehouse, InterestKind.NOT_FOR_ME)
    interests.mark_interest(matched.user, matched, other, InterestKind.INTERESTED)
    found = interests.not_for_me_of(matched.pk)
    assert [i.opportunity for i in found] == [warehouse]
    assert all(isinstance(i, Interest) for i in found)
    interests.mark_interest(matched.user, matched, other, InterestKind.NOT_FOR_ME)
    assert [i.opportunity for i in interests.not_for_me_of(matched.pk)] == [other, warehouse]


def test_coach_proposes_from_interest_in_one_step(matched, warehouse, coach):
    answer = interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    proposal = services.propose_from_interest(coach, answer.pk)
    assert proposal.interest == answer and proposal.status == ProposalStatus.PROPOSED
    assert proposal.proposed_by == coach


def test_propose_from_interest_checks_consent_and_kind(personas, warehouse, coach, courses):
    participant = personas.participant
    ready(participant, [FORKLIFT, INVENTORY], purposes=MATCHING)  # not shown to employers
    answer = interests.mark_interest(
        participant.user, participant, warehouse, InterestKind.INTERESTED
    )
    with pytest.raises(ValidationFailed) as error:
        services.propose_from_interest(coach, answer.pk)
    assert error.value.code == "consent_missing"
    no = interests.mark_interest(participant.user, participant, courses[0], InterestKind.NOT_FOR_ME)
    with pytest.raises(ValidationFailed):
        services.propose_from_interest(coach, no.pk)


@pytest.mark.parametrize("who", ["outsider", "employer_contact", "participant", "analyst"])
def test_others_cannot_propose_from_interest(matched, warehouse, personas, who):
    answer = interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    with pytest.raises(services.MatchNotFound):
        services.propose_from_interest(personas.users()[who], answer.pk)


def test_employer_answer_tells_the_proposing_coach(matched, warehouse, coach, personas):
    coach.email = "coach@example.org"
    coach.first_name = "Kaisa"
    coach.preferred_language = "sv"
    coach.save()
    answer = interests.mark_interest(matched.user, matched, warehouse, InterestKind.INTERESTED)
    proposal = services.propose_from_interest(coach, answer.pk)
    assert services.employer_answers_for(coach) == []
    mail.outbox.clear()
    services.respond(personas.employer_contact, proposal.pk, accept=True)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coach@example.org"]
    assert matched.first_name in message.body
    assert matched.last_name not in message.body and matched.last_name not in message.subject
    assert "arbetsgivaren" in message.subject.lower()  # the coach's own language (Swedish)
    assert [p.pk for p in services.employer_answers_for(coach)] == [proposal.pk]
    # Others do not see it; marking it read removes it from the coach's list.
    assert services.employer_answers_for(personas.outsider) == []
    with pytest.raises(services.MatchNotFound):
        services.mark_answer_seen(personas.outsider, proposal.pk)
    services.mark_answer_seen(coach, proposal.pk)
    assert services.employer_answers_for(coach) == []


def test_participant_sees_new_employer_answers_once(matched, warehouse, coach, personas):
    proposal = services.propose(coach, matched.pk, warehouse.pk)
    services.respond(personas.employer_contact, proposal.pk, accept=False)
    assert [p.pk for p in services.new_answers_for_participant(matched)] == [proposal.pk]
    with pytest.raises(services.MatchNotFound):
        services.mark_answers_seen_by_participant(coach, matched)
    assert services.mark_answers_seen_by_participant(matched.user, matched) == 1
    assert services.new_answers_for_participant(matched) == []


def test_answers_are_in_the_participants_export(matched, warehouse, courses):
    from kohtaanto.people.exports import collect, present

    interests.mark_interest(
        matched.user,
        matched,
        warehouse,
        InterestKind.NOT_FOR_ME,
        reason="Liian kaukana",
        reason_code=InterestReason.TOO_FAR,
    )
    interests.mark_interest(matched.user, matched, courses[0], InterestKind.INTERESTED)
    rows = collect(matched)["interests"]
    assert [(r["target"], r["kind"]) for r in rows] == [
        ("Varastotyöntekijä", "not_for_me"),
        ("Työturvallisuuskortti", "interested"),
    ]
    assert rows[0]["employer"] == "Konepaja Virtanen Oy" and rows[1]["employer"] is None
    assert rows[0]["reason"] == "Liian kaukana" and rows[0]["reason_code"] == "too_far"
    shown = present(collect(matched), "fi")
    assert any("Vastaukseni ehdotuksiin" in str(section) for section in shown)
