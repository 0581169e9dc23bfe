"""Building foresight from the database: sources, consent, the stored result, the task, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from django.utils import timezone
from tests.factories import Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.foresight import selectors, services, sources
from kohtaanto.foresight.models import BuildStatus, Engine, ForesightBuild, Scope
from kohtaanto.foresight.tests.world import (
    CARE,
    CARE_OLD,
    LOGISTICS,
    PICK,
    TAMPERE,
    make_world,
)
from kohtaanto.matching import foresight as fs

pytestmark = pytest.mark.django_db


def _table(build: ForesightBuild, name: str) -> dict[tuple[str, ...], int]:
    return {tuple(r[:-1]): r[-1] for r in build.result[name]}


def test_build_counts_demand_and_only_consenting_supply(personas: Personas) -> None:
    make_world(personas.organisation)
    build = services.build_now(personas.organisation, by=personas.coordinator)
    assert build.status == BuildStatus.DONE and build.scope == Scope.ORGANISATION
    assert build.items == 5  # 3 jobs + the work trial + the imported posting (no draft)
    assert build.people == 9  # the person without the consent is not counted at all
    demand, supply = _table(build, "demand"), _table(build, "supply")
    assert demand[("skill", "06", LOGISTICS)] == 3
    assert demand[("skill", "06", CARE)] == 1
    assert supply[("skill", "06", LOGISTICS)] == 2
    assert supply[("skill", "06", CARE)] == 6
    assert supply[("skill", fs.ALL, CARE)] == 7
    assert _table(build, "skill_supply")[("06", PICK)] == 2
    items = _table(build, "items")
    assert items[("06", "opportunities")] == 4 and items[("01", "job_postings")] == 1
    assert demand[("occupation", "06", "isco:9")] == 3
    # "pick orders" is short of people in Tampere and a 16-hour course teaches it
    reachable = [r for r in build.result["reachable"] if r[0] == "06"]
    assert [r[1] for r in reachable] == [PICK]
    assert len(build.checksum) == 64
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(build.pk)).exists()


def test_the_same_data_give_the_same_checksum_and_withdrawing_consent_changes_it(
    personas: Personas,
) -> None:
    from tests.factories import ConsentEventFactory

    from kohtaanto.people.models import Participant

    make_world(personas.organisation)
    first = services.build_now(personas.organisation)
    again = services.build_now(personas.organisation)
    assert first.checksum == again.checksum
    someone = (
        Participant.objects.filter(
            intake__municipality_code=TAMPERE, consent_events__purpose="anonymised_statistics"
        )
        .order_by("pk")
        .first()
    )
    assert someone is not None
    ConsentEventFactory(participant=someone, purpose="anonymised_statistics", kind="withdrawn")
    after = services.build_now(personas.organisation)
    assert after.people == 8
    assert after.checksum != first.checksum


def test_another_organisation_counts_only_its_own(personas: Personas) -> None:
    make_world(personas.organisation)
    build = services.build_now(personas.other_organisation)
    assert (build.items, build.people) == (0, 0)
    national = services.build_now(None)
    assert national.scope == Scope.NATIONAL and national.organisation is None
    assert (national.items, national.people) == (5, 9)
    assert selectors.latest_build(None) == national


def test_dask_build_has_the_local_checksum(personas: Personas) -> None:
    pytest.importorskip("dask.distributed")
    make_world(personas.organisation)
    local = services.build_now(personas.organisation)
    distributed = services.build_now(personas.organisation, engine=Engine.DASK, workers=1)
    assert distributed.engine == Engine.DASK
    assert distributed.checksum == local.checksum


def test_interview_needs_are_a_demand_source(personas: Personas) -> None:
    keys = [s.key for s in sources.demand_sources()]
    assert keys == ["interview_needs", "job_postings", "opportunities"]
    months = sources.trend_months(timezone.localdate())
    assert len(months) == 12 and months == sorted(months)


def test_rebuild_runs_in_the_task_queue(personas: Personas) -> None:
    make_world(personas.organisation)
    from kohtaanto.foresight.tasks import run_foresight_build

    build = services.start_build(personas.organisation, by=personas.coordinator)
    assert build.status == BuildStatus.QUEUED and build.task_id
    run_foresight_build.call(build.pk)  # what the worker does
    build.refresh_from_db()
    assert build.status == BuildStatus.DONE
    assert build.people == 9 and build.done == build.total and build.total > 0


def test_a_second_click_while_waiting_gives_the_same_build(personas: Personas) -> None:
    waiting = ForesightBuild.objects.create(
        organisation=personas.organisation, scope=Scope.ORGANISATION
    )
    assert services.start_build(personas.organisation, by=personas.coordinator) == waiting


def test_cli_builds_and_prints_json(personas: Personas) -> None:
    from kohtaanto.cli.foresight import foresight

    make_world(personas.organisation)
    runner = CliRunner()
    result = runner.invoke(
        foresight, ["build", "--organisation", str(personas.organisation.pk), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)  # the log (stderr) may say the taxonomy was loaded
    assert summary["people"] == 9 and summary["scope"] == "organisation"
    assert ForesightBuild.objects.get(pk=summary["build"]).checksum == summary["checksum"]
    national = runner.invoke(foresight, ["build", "--national"])
    assert national.exit_code == 0 and "whole country" in national.output
    bad = runner.invoke(foresight, ["build"])
    assert bad.exit_code == 2
    unknown = runner.invoke(foresight, ["build", "--organisation", "999999"])
    assert unknown.exit_code == 2 and "no service organisation" in unknown.output


def test_watch_reads_the_region_demand(personas: Personas) -> None:
    from kohtaanto.foresight.tests.world import CLEANER
    from kohtaanto.outreach.models import Intervention

    make_world(personas.organisation)
    services.build_now(personas.organisation)
    intervention = Intervention.objects.create(
        organisation=personas.organisation,
        name="Siivousyhtiön irtisanomiset",
        municipality_code=TAMPERE,
        event_kind="layoff",
        company_name="Siivous Oy",
        event_date=timezone.localdate(),
        people_affected=30,
        affected_occupations=[CLEANER],
    )
    data = selectors.watch(intervention, "fi")
    assert data is not None and data["region"] == "06"
    missing = [uri for uri, _label, _n in data["missing"]]
    assert PICK in missing and CARE_OLD in missing  # cleaners' essential skills lack them
    assert [c.title for c in data["courses"]] == ["Varastotyön perusteet"]
    assert data["jobs"][0]["uri"].endswith("bea705fe-06ac-4147-b8e0-6e8ac1208d8f")
