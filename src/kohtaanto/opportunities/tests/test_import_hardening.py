"""Import hardening (issue 18, probe 4): a dry run that checks without writing gives the
same report as the import itself; strict CSV; every truncation reported; size limits."""

from __future__ import annotations

import pytest
from django.utils import translation

from kohtaanto.opportunities.importers.apply import import_opportunities
from kohtaanto.opportunities.importers.csv_opportunities import parse_csv
from kohtaanto.opportunities.models import Opportunity
from kohtaanto.opportunities.tests.conftest import FORKLIFT

pytestmark = pytest.mark.django_db

MIXED = (
    "external_id,title,required_skills,employer,employer_business_id,start_date,end_date,"
    "municipality\n"
    "a,OK,,,,,,Helsinki\n"
    f"b,With a skill,{FORKLIFT},Konepaja Virtanen Oy,1572860-0,1.9.2026,,Helsingfors\n"
    "c,Bad skill,http://example.com/nope,,,,,\n"
    "d,Bad Y-tunnus,,Väärä Oy,1234567-8,,,\n"
    "e,Ends before start,,,,2025-05-01,2025-04-01,\n"
    "a,Duplicate id,,,,,,\n"
    f"f,New employer,{FORKLIFT},Uusi Firma Oy,,,,091\n"
    "g,Again the new employer,,Uusi Firma Oy,,,,\n"
)


def _summary(report):
    return report.created, report.updated, [(e.line, e.reason) for e in report.errors]


@pytest.mark.parametrize("valid_only", [False, True])
def test_a_dry_run_reports_what_the_import_does(personas, valid_only) -> None:
    with translation.override("en"):
        dry = import_opportunities(
            parse_csv(MIXED), organisation=personas.organisation, dry_run=True, valid_only=True
        )
        assert not Opportunity.objects.exists()
        real = import_opportunities(
            parse_csv(MIXED), organisation=personas.organisation, valid_only=valid_only
        )
    if valid_only:
        assert _summary(dry) == _summary(real)
        assert (dry.created, dry.updated) == (4, 0)
    else:
        assert not real.applied and [e.line for e in dry.errors] == [e.line for e in real.errors]


def test_a_dry_run_after_an_import_counts_updates(personas) -> None:
    import_opportunities(parse_csv(MIXED), organisation=personas.organisation, valid_only=True)
    again = import_opportunities(
        parse_csv(MIXED), organisation=personas.organisation, dry_run=True, valid_only=True
    )
    assert (again.created, again.updated) == (0, 4)
