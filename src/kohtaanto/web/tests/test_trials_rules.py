"""The rule book page: every version of the work-trial rules with its dates, sources and rule
titles in the reader's language; staff only; linked from the trial page."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from tests.factories import Personas
from tests.factories_trials import make_trial

from kohtaanto.trials import rulebook
from kohtaanto.trials.enums import TrialState
from kohtaanto.web.trials.rules import versions

pytestmark = pytest.mark.django_db


def test_rule_book_lists_every_version_with_its_rules_in_finnish(
    client: Client, personas: Personas
) -> None:
    client.force_login(personas.coach)
    response = client.get("/trials/rules/")
    assert response.status_code == 200
    html = response.content.decode()
    for version in rulebook.available_versions():
        rules = rulebook.load_rules(version)
        assert f'id="{version}"' in html
        assert rules.valid_from.strftime("%-d.%-m.%Y") in html
        for rule_id in rules.rules:
            assert rules.title(rule_id, "fi") in html
        for source in rules.sources:
            assert source.url in html
    assert "Voimassa nyt" in html
    assert html.count("Voimassa nyt") == 1


def test_rule_book_in_swedish(client: Client, personas: Personas) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(personas.coordinator)
    html = client.get("/trials/rules/").content.decode()
    newest = rulebook.load_rules()
    assert newest.title(rulebook.TOTAL, "sv") in html
    assert newest.title(rulebook.TOTAL, "fi") not in html


def test_versions_newest_first_and_one_valid_today() -> None:
    today = timezone.localdate()
    views = versions("fi", today)
    assert [v.version for v in views] == list(reversed(rulebook.available_versions()))
    assert [v.version for v in views if v.current] == [rulebook.rules_for(today).version]
    # Each older version ends the day before the next one starts.
    for newer, older in itertools.pairwise(views):
        assert older.valid_until == newer.valid_from - dt.timedelta(days=1)
    assert views[0].valid_until is None


def test_participant_and_employer_do_not_see_the_rule_book(
    client: Client, personas: Personas
) -> None:
    for user in (personas.participant_user, personas.employer_contact):
        client.force_login(user)
        assert client.get("/trials/rules/").status_code == 404


def test_trial_page_links_to_the_version_it_was_checked_against(
    client: Client, personas: Personas
) -> None:
    trial = make_trial(personas, state=TrialState.RUN)
    client.force_login(personas.coach)
    html = client.get(f"/trials/{trial.pk}/").content.decode()
    assert trial.rules_version
    assert f'href="/trials/rules/#{trial.rules_version}"' in html
