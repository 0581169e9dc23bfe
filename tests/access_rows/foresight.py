# ruff: noqa: E501
"""Access-matrix rows of the foresight pages (issue 16), read with tests/test_access_matrix.py.

The organisation's foresight is built once (`{b}`, from one open job asking "pick orders", so
the logistics group `{grp}` exists); `{iv}` is a regional intervention (a layoff of cleaners)
of the organisation. Coordinators (exact figures) and analysts (suppressed) read everything and
the whole country's figures; only coordinators start a rebuild. Everyone else: 404 (anonymous:
302 to the login). A region code that does not exist: 400 on the page (a form error), 404 for
the CSV (no file).
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                        anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET", "/foresight/",                           302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/?scope=national&mode=occupation",
     302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/?region=06&sort=label&dir=asc",
     302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/?region=99",                 302, 404, 404, 404, 404, 404, 400, 400, 404, 404),
    ("POST", "/foresight/",                          302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET", "/foresight/group/?region=06&group={grp}", 302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/group/?region=06&group=nothing",
     302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET", "/foresight/export.csv?region=06",       302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/export.csv?region=06&group={grp}",
     302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/export.csv?region=99",       302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET", "/foresight/rebuild/",                   302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/foresight/rebuild/",                  302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET", "/foresight/builds/{b}/",                302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/builds/{missing}/",          302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET", "/foresight/watch/{iv}/",                302, 404, 404, 404, 404, 404, 200, 200, 404, 404),
    ("GET", "/foresight/watch/{missing}/",           302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {"/foresight/rebuild/": {}}

GROUP = "collection:sector:logistics"


def placeholders(personas: Personas) -> dict[str, object]:
    from django.utils import timezone

    from kohtaanto.foresight import services
    from kohtaanto.foresight.models import ForesightBuild
    from kohtaanto.foresight.tests.world import CLEANER, PICK, TAMPERE
    from kohtaanto.opportunities.models import Opportunity, OpportunitySkill
    from kohtaanto.outreach.models import Intervention

    build = ForesightBuild.objects.filter(organisation=personas.organisation).first()
    if build is None:
        job = Opportunity.objects.create(
            organisation=personas.organisation,
            kind="job",
            status="open",
            title="Varastotyöntekijä",
            municipality_code=TAMPERE,
            region_code="06",
        )
        OpportunitySkill.objects.create(opportunity=job, uri=PICK, importance="required")
        build = services.build_now(personas.organisation)
        services.build_now(None)
        Intervention.objects.create(
            organisation=personas.organisation,
            name="Siivousyhtiön irtisanomiset",
            municipality_code=TAMPERE,
            event_kind="layoff",
            company_name="Siivous Oy",
            event_date=timezone.localdate(),
            people_affected=30,
            affected_occupations=[CLEANER],
        )
    intervention = Intervention.objects.filter(organisation=personas.organisation).first()
    assert intervention is not None
    return {"b": build.pk, "iv": intervention.pk, "grp": GROUP}
