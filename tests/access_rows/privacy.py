# ruff: noqa: E501
"""Access-matrix rows of the personal-data lifecycle pages (read with tests/test_access_matrix.py).

Coordinators of the current organisation only (retention periods, run reports, erasures, what
legal holds keep); everyone else 404, never 403 — the outsider too (a coach, not a
coordinator), and a participant of any organisation. The erasure page of a participant of
another organisation is 404 even for the coordinator.
The erasure form posted without its confirmation shows the form again (200, nothing erased);
confirmed, it erases `{plpart}`, a participant of the organisation made for that row (the
personas after the coordinator then get 404).
{run}: a dry run of the retention rules started by the coordinator; {held}: what the funder's
hold keeps of an erased participant of the organisation (each made only for its rows).
(Rows merged from the MAT helper's version and the LIFE helper's.)
"""

from __future__ import annotations

from tests.factories import ParticipantFactory, Personas

# fmt: off
# method  url                                              anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/privacy/",                                  302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/",                                  302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/runs/",                             302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/privacy/runs/",                             302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/runs/{run}/",                       302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/runs/{run}/",                       302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/privacy/runs/{missing}/",                   302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/privacy/erasures/",                         302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/erasures/",                         302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{own}/",      302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/erasures/participants/{own}/",      302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{unassigned}/", 302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/erasures/participants/{plpart}/",   302, 404, 404, 404, 404, 404, 302, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{other}/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("POST", "/privacy/erasures/participants/{other}/",    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/privacy/erasures/participants/{missing}/",  302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/privacy/held/{held}/",                      302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/privacy/held/{held}/",                      302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/privacy/held/{missing}/",                   302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

_CONFIRMED = {"reason": "request", "confirm": "on"}


def _retention_defaults() -> dict[str, object]:
    from kohtaanto.privacy import rules

    return {rule.id: rule.default for rule in rules.rules().values()}


POST_DATA: dict[str, dict[str, object]] = {
    "/privacy/": _retention_defaults(),  # unchanged lengths: saved, back to the page
    "/privacy/runs/": {},
    "/privacy/erasures/": {"participant": 999_999},  # to the review page (404 there)
    "/privacy/erasures/participants/{own}/": {"reason": ""},  # unconfirmed: nothing erased
    "/privacy/erasures/participants/{plpart}/": _CONFIRMED,
    "/privacy/erasures/participants/{other}/": _CONFIRMED,
}


def placeholders(personas: Personas) -> dict[str, object]:
    def run() -> int:
        from kohtaanto.privacy import retention

        return retention.enforce(dry_run=True, trigger="page", by=personas.coordinator).pk

    def held() -> int:
        from kohtaanto.privacy import erasure
        from kohtaanto.privacy.models import ErasureReason, HeldRecord
        from kohtaanto.privacy.tests import rich

        erased = personas.caseload_participant
        rich.fill(personas, erased, funded=rich.project(personas))
        record = erasure.erase_participant(
            personas.coordinator, erased, reason=ErasureReason.REQUEST
        )
        return HeldRecord.objects.filter(erasure=record).first().pk  # type: ignore[union-attr]

    def plpart() -> int:
        return int(ParticipantFactory(organisation=personas.organisation).pk)

    return {"run": run, "held": held, "plpart": plpart}
