# ruff: noqa: E501
"""Access-matrix rows of the privacy pages (issue 18: erasure, legal holds, retention), read
with tests/test_access_matrix.py.

Coordinators of the personas' organisation only; everyone else gets 404 (the pages say
nothing about whether a record exists) and anonymous users the login page. `{plpart}` is a
participant of the organisation made for the erasure row (the coordinator's POST erases it,
so the personas after the coordinator get 404), `{plheld}` a held record of the
organisation, `{plrun}` a retention run with counts for the organisation."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.factories import ParticipantFactory, Personas

# fmt: off
# method  url                                              anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/privacy/",                                  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/",                                  302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/runs/",                             302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/privacy/runs/",                             302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/runs/{plrun}/",                     302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/privacy/runs/{missing}/",                   302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/privacy/runs/{plrun}/",                     302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/privacy/erasures/",                         302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/erasures/",                         302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{own}/",      302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{unassigned}/", 302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{other}/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{missing}/",  302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/privacy/erasures/participants/{plpart}/",   302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("POST", "/privacy/erasures/participants/{other}/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/privacy/held/{plheld}/",                    302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/privacy/held/{missing}/",                   302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/privacy/held/{plheld}/",                    302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
]
# fmt: on

_ERASE = {"reason": "request", "confirm": "on"}


def _retention_defaults() -> dict[str, object]:
    from kohtaanto.privacy import rules

    return {rule.id: rule.default for rule in rules.rules().values()}


POST_DATA: dict[str, dict[str, object]] = {
    "/privacy/": _retention_defaults(),
    "/privacy/runs/": {},
    "/privacy/erasures/": {"participant": 999_999},
    "/privacy/erasures/participants/{plpart}/": _ERASE,
    "/privacy/erasures/participants/{other}/": _ERASE,
}


def placeholders(personas: Personas) -> dict[str, Any]:
    from kohtaanto.privacy.models import HeldRecord, RetentionCount, RetentionRun

    person = ParticipantFactory(organisation=personas.organisation)
    held = HeldRecord.objects.create(
        organisation=personas.organisation,
        hold="esf_audit",
        until=timezone.localdate(),
        data={"people.Participant": [{"first_name": "Testi", "last_name": "Säilytys"}]},
    )
    run = RetentionRun.objects.create(trigger="task", finished=timezone.now())
    RetentionCount.objects.create(
        run=run, organisation=personas.organisation, rule="case_files", count=0
    )
    return {"plpart": person.pk, "plheld": held.pk, "plrun": run.pk}
