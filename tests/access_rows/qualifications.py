# ruff: noqa: E501 (one row per request, aligned like a table)
"""Access-matrix rows of the qualification pages (read with tests/test_access_matrix.py).

Qualifications are national reference data without personal data: every coach and
coordinator sees them, whatever their organisation (the outsider is a coach of another
service organisation); only coordinators import. {qualification}, {unit}, {requirement} and
{mapping} (a suggested ESCO skill of the requirement) come from the demo file of the logistics
qualification, imported through the service.
"""

from __future__ import annotations

from tests.factories import Personas

# fmt: off
# method  url                                                    anon coach part ment empl wpm  coor anal outs othp
ROWS: list[tuple[object, ...]] = [
    ("GET",  "/qualifications/",                                    302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",  "/qualifications/?q=varasto",                          302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("POST", "/qualifications/",                                    302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("GET",  "/qualifications/import/",                             302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("POST", "/qualifications/import/",                             302, 404, 404, 404, 404, 404, 200, 404, 404, 404),
    ("GET",  "/qualifications/{qualification}/",                    302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",  "/qualifications/{missing}/",                          302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/qualifications/units/{unit}/",                       302, 200, 404, 404, 404, 404, 200, 404, 200, 404),
    ("GET",  "/qualifications/units/{missing}/",                    302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/qualifications/units/{unit}/suggest/",               302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/qualifications/units/{unit}/suggest/",               302, 302, 404, 404, 404, 404, 302, 404, 302, 404),
    ("POST", "/qualifications/units/{missing}/suggest/",            302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/qualifications/requirements/{requirement}/skills/",  302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/qualifications/requirements/{requirement}/skills/",  302, 302, 404, 404, 404, 404, 302, 404, 302, 404),
    ("POST", "/qualifications/requirements/{missing}/skills/",      302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("GET",  "/qualifications/skills/{mapping}/decide/",            302, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("POST", "/qualifications/skills/{mapping}/decide/",            302, 302, 404, 404, 404, 404, 302, 404, 302, 404),
    ("POST", "/qualifications/skills/{missing}/decide/",            302, 404, 404, 404, 404, 404, 404, 404, 404, 404),
]
# fmt: on

POST_DATA: dict[str, dict[str, object]] = {
    "/qualifications/import/": {},
    "/qualifications/units/{unit}/suggest/": {},
    "/qualifications/units/{missing}/suggest/": {},
    "/qualifications/requirements/{requirement}/skills/": {"uri": ""},
    "/qualifications/requirements/{missing}/skills/": {"uri": ""},
    "/qualifications/skills/{mapping}/decide/": {"status": "rejected"},
    "/qualifications/skills/{missing}/decide/": {"status": "rejected"},
}


def placeholders(personas: Personas) -> dict[str, int]:
    from pathlib import Path

    from kohtaanto.qualifications import services
    from kohtaanto.qualifications.models import QualificationUnit, RequirementSkill

    data = Path(services.__file__).parent / "data" / "logistiikka.json"
    report = services.import_document(data.read_bytes(), by=personas.coordinator)
    unit = QualificationUnit.objects.get(pk=report.unit_ids[0])
    requirement = unit.requirements.order_by("ordinal").first()
    assert requirement is not None
    mapping = RequirementSkill.objects.create(
        requirement=requirement, uri="http://example.org/esco/skill", label="Varastointi"
    )
    return {
        "qualification": report.qualification_ids[0],
        "unit": unit.pk,
        "requirement": requirement.pk,
        "mapping": mapping.pk,
    }
