"""`access.own_trials_of` (the home page's and the menu's "my trials") is exactly the user's own
part of `trials_visible_to`, for every persona, also one who sees others' trials."""

from __future__ import annotations

import pytest
from tests.factories import ParticipantFactory, Personas
from tests.factories_trials import make_trial

from kohtaanto.trials import access, selectors

pytestmark = pytest.mark.django_db


def test_own_trials_are_the_own_part_of_the_visible_ones(personas: Personas) -> None:
    mine = make_trial(personas)
    other = make_trial(
        personas,
        participant=ParticipantFactory(
            organisation=personas.organisation, coaches=[personas.coach]
        ),
    )
    for name, user in personas.users().items():
        expected = set(
            access.trials_visible_to(user)
            .filter(participant__user_id=user.pk)
            .values_list("pk", flat=True)
        )
        got = set(access.own_trials_of(user).values_list("pk", flat=True))
        assert got == expected, name
        assert [t.pk for t in selectors.own_trials(user)] == sorted(got, key=lambda pk: -pk), name
    assert set(access.own_trials_of(personas.participant_user)) == {mine}
    assert set(access.own_trials_of(personas.coach)) == set()  # sees both, owns neither
    assert {mine, other} <= set(access.trials_visible_to(personas.coach))
