"""Pseudonymised statistics survive the erasure: a report's figures are the same before and
after erasing participants (the 60-person fixture of insights, every group represented)."""

from __future__ import annotations

import datetime as dt

import pytest

from kohtaanto.insights import selectors
from kohtaanto.insights.models import ProjectEnrolment, PseudonymisedRecord
from kohtaanto.insights.tests import fixture60
from kohtaanto.privacy.erasure import erase_participant
from kohtaanto.privacy.models import ErasureReason
from kohtaanto.stats.periods import Period

pytestmark = pytest.mark.django_db


def _reports(fx, period, **scope):
    user = fx.coordinator
    org = fx.organisation
    exact = (
        selectors.report_as_dict(
            selectors.outcome_report(user, org, period, suppress=False, **scope)
        ),
        selectors.report_as_dict(selectors.esf_report(user, org, period, suppress=False, **scope)),
    )
    protected = tuple(
        selectors.report_as_dict(r)
        for r in selectors.funder_reports(user, org, period, suppress=True, **scope)
    )
    return exact, protected


def test_reports_are_the_same_after_erasing_people():
    fx = fixture60.build()
    period = Period(fixture60.period_start(), fixture60.period_end())
    project = fx.organisation.projects.create(
        name="Polku töihin", code="S3", funder="ESR+", starts=fixture60.period_start()
    )
    # half of each group in the project, entering on a day of their own
    for people in fx.people.values():
        for number, person in enumerate(people[::2]):
            ProjectEnrolment.objects.create(
                project=project,
                participant=person,
                entered=fixture60.period_start() + dt.timedelta(days=number),
            )
    scopes = [{}, {"project": project}, {"funder": "ESR+"}]
    before = [_reports(fx, period, **scope) for scope in scopes]
    monitoring_before = selectors.monitoring_rows(fx.coordinator, fx.organisation, period)

    # one or two of every group: consent and not, groups, coaches, follow-ups, no coach
    erased = [
        fx.people["A"][0],  # consent, disability yes, peer group 1, enrolled
        fx.people["B"][1],  # left a group, third-country national
        fx.people["C"][5],  # non-binary, path recorded late
        fx.people["D"][0],  # still in service
        fx.people["E"][3],  # follow-up improved
        fx.people["F"][0],  # no municipality, no coach
    ]
    for person in erased:
        erase_participant(fx.coordinator, person, reason=ErasureReason.REQUEST)
    assert PseudonymisedRecord.objects.count() == len(erased)

    after = [_reports(fx, period, **scope) for scope in scopes]
    for scope, old, new in zip(scopes, before, after, strict=True):
        assert new == old, scope
    # the monitoring file has as many rows, the erased ones under their pseudonym
    monitoring_after = selectors.monitoring_rows(fx.coordinator, fx.organisation, period)
    assert len(monitoring_after) == len(monitoring_before)
    ids = [row["participant_id"] for row in monitoring_after]
    assert all(p.pk not in ids for p in erased)
    pseudonyms = set(PseudonymisedRecord.objects.values_list("pseudonym", flat=True))
    assert {i for i in ids if isinstance(i, str)} <= pseudonyms
    strip = ("participant_id",)
    assert sorted(
        tuple(v for k, v in row.items() if k not in strip) for row in monitoring_after
    ) == sorted(tuple(v for k, v in row.items() if k not in strip) for row in monitoring_before)


def test_other_organisations_do_not_count_the_kept_rows():
    fx = fixture60.build()
    period = Period(fixture60.period_start(), fixture60.period_end())
    erase_participant(fx.coordinator, fx.people["A"][0], reason=ErasureReason.REQUEST)
    from tests.factories import OrganisationFactory, member

    from kohtaanto.core.enums import Role

    other = OrganisationFactory()
    coordinator = member(other, Role.COORDINATOR)
    report = selectors.outcome_report(coordinator, other, period, suppress=False)
    assert report.headline.cell("started").value == 0


def test_an_answer_stored_without_consent_is_not_kept():
    """The one difference: a special-category answer stored without the consent is never
    copied into the pseudonymised row, so its data-quality finding goes with the record;
    every figure stays."""
    fx = fixture60.build()
    period = Period(fixture60.period_start(), fixture60.period_end())
    (outcomes, esf), _protected = _reports(fx, period)
    erase_participant(fx.coordinator, fx.people["A"][8], reason=ErasureReason.UNLAWFUL)
    (outcomes_after, esf_after), _protected = _reports(fx, period)
    assert outcomes_after == outcomes
    assert {k: v for k, v in esf_after.items() if k != "findings"} == {
        k: v for k, v in esf.items() if k != "findings"
    }
    kinds = [f["kind"] for f in esf["findings"]]
    kinds_after = [f["kind"] for f in esf_after["findings"]]
    assert "special_without_consent" in kinds and "special_without_consent" not in kinds_after
    assert PseudonymisedRecord.objects.get().disability is None
