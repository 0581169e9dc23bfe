"""The fairness audit on a synthetic organisation's real rows, and `kohtaanto audit fairness`.

24 participants, half women and half men, half of each 55+. In the fair organisation 8 of
them (2 of each gender × age band) have all four skills of each job and the others two of
four (still in the similar-skills pool, ≥ ½), and the top list has 8 places, so no tie is
broken by chance. In the biased one the women have three of four skills and the men all
four, so the top 10 are always men — the audit flags it. ESF+ data counts only with the
anonymised-statistics consent.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from tests.factories import ParticipantFactory

from kohtaanto.cli.main import cli
from kohtaanto.journeys.models import EsfEntryData
from kohtaanto.matches.audit import fairness_report
from kohtaanto.matching.fairness import AuditParameters
from kohtaanto.people.enums import ConsentPurpose

from .conftest import EXCEL, FORKLIFT, INVENTORY, MATCHING, SAFETY, make_opportunity, ready

pytestmark = pytest.mark.django_db

JOB = [FORKLIFT, INVENTORY, SAFETY, EXCEL]
STATS = (*MATCHING, ConsentPurpose.ANONYMISED_STATISTICS)


def organisation_with(personas, *, biased: bool, statistics: bool = True, people: int = 24):
    organisation = personas.organisation
    for j in range(3):
        make_opportunity(organisation, personas.employer_organisation, JOB, title=f"Työ {j}")
    for i in range(people):
        participant = ParticipantFactory(organisation=organisation)
        woman = i % 2 == 1
        skills = (JOB[:3] if woman else JOB) if biased else JOB if i < 8 else JOB[:2]
        ready(participant, skills, purposes=STATS if statistics else MATCHING)
        EsfEntryData.objects.create(
            participant=participant,
            entry_date=dt.date(2026, 1, 1),
            age_band="55_plus" if (i // 2) % 2 else "30_54",
            gender_category="women" if woman else "men",
        )
    return organisation


def groups(report, attribute):
    (result,) = [a for a in report.attributes if a.attribute == attribute]
    return {g.group: g for g in result.groups}


def test_a_biased_organisation_is_flagged(personas):
    report = fairness_report(organisation_with(personas, biased=True))
    gender = groups(report, "gender")
    assert gender["women"].appearances == 0 and gender["women"].flagged
    assert gender["men"].ratio == 1.0
    assert report.any_flagged


def test_a_fair_organisation_is_not_flagged(personas):
    report = fairness_report(organisation_with(personas, biased=False), AuditParameters(k=8))
    assert report.opportunities_with_pool == 3 and report.people_in_pools == 24
    assert set(groups(report, "gender")) == {"women", "men"}
    assert set(groups(report, "age_band")) == {"30_54", "55_plus"}
    assert {g.rate for a in report.attributes for g in a.groups} == {8 / 24}
    assert not report.any_flagged, report.to_dict()


def test_esf_data_counts_only_with_the_statistics_consent(personas):
    report = fairness_report(organisation_with(personas, biased=True, statistics=False))
    assert all(not a.groups and a.not_stated == 24 for a in report.attributes)
    assert not report.any_flagged


def test_small_groups_are_suppressed(personas):
    organisation = organisation_with(personas, biased=True, people=8)
    report = fairness_report(organisation, AuditParameters(min_group_size=5))
    assert all(g.suppressed for g in groups(report, "gender").values())


def test_cli_json_and_exit_code(personas):
    organisation = organisation_with(personas, biased=True)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["audit", "fairness", "--organisation", str(organisation.pk), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["organisation"] == organisation.pk and data["any_flagged"] is True
    assert data["method"] == "fairness-v1"
    text = runner.invoke(cli, ["audit", "fairness", "--organisation", str(organisation.pk)])
    assert "FLAG" in text.output and "women" in text.output
    failing = runner.invoke(
        cli, ["audit", "fairness", "--organisation", str(organisation.pk), "--fail-on-flag"]
    )
    assert failing.exit_code == 1


def test_cli_unknown_organisation():
    result = CliRunner().invoke(cli, ["audit", "fairness", "--organisation", "999999"])
    assert result.exit_code == 1 and "no organisation" in result.output


def test_fairness_page_shows_the_flag(personas, coordinator_client):
    organisation_with(personas, biased=True)
    from django.urls import reverse

    html = coordinator_client.get(reverse("matches:fairness")).content.decode()
    assert "fairness-flag" in html


def test_batch_rankings_equal_the_pairwise_candidates(personas):
    """The audit ranks with the batch kernel; it must be the candidates page's ranking."""
    from kohtaanto.matches import adapters
    from kohtaanto.matches.audit import rankings_for
    from kohtaanto.matches.services import matcher, open_opportunities
    from kohtaanto.people.models import Participant

    organisation = organisation_with(personas, biased=True)
    make_opportunity(organisation, None, [FORKLIFT, "http://example.org/skill/other"])
    profiles = list(adapters.consented_profiles(Participant.objects.all()).values())
    opportunities = [adapters.opportunity_of(o) for o in open_opportunities(organisation.pk)]
    got = rankings_for(profiles, opportunities, 10)
    scorer = matcher()
    for opportunity in opportunities:
        expected = [e.profile_id for e in scorer.suggest_candidates(opportunity, profiles, 10)]
        assert got[opportunity.id] == expected


def test_cli_all_organisations(personas):
    organisation_with(personas, biased=False)
    result = CliRunner().invoke(cli, ["audit", "fairness", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    ids = [row["organisation"] for row in data]
    assert personas.organisation.pk in ids and personas.employer_organisation.pk not in ids
