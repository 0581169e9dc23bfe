"""The insights pages and their files: coordinators see exact figures, analysts and every
downloaded file of figures see small numbers hidden; the monitoring file is for coordinators;
the funder report PDF is made by the background task, read back as text and as an image;
every download is audited; bad input gives a translated error and no file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.factories import ParticipantFactory, Personas

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.models import AuditEvent
from kohtaanto.insights.models import ExportStatus, Project, ProjectEnrolment, ReportExport
from kohtaanto.journeys.models import EsfEntryData, Intake, Outcome

IMMEDIATE = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
#: Those who ended, by continuation path: 12 to work, 3 to education (a small cell), 7 none.
PATHS = {"employment": 12, "education_training": 3, "no_continuation_yet": 7}


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.TASKS = IMMEDIATE
    return tmp_path


def _period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=400), today


def _query(**extra: str) -> dict[str, str]:
    start, end = _period()
    return {"period": "custom", "start": start.isoformat(), "end": end.isoformat(), **extra}


@pytest.fixture
def people(personas: Personas) -> list[Any]:
    return make_people(personas)


def make_people(personas: Personas) -> list[Any]:
    """30 participants of the personas' organisation who started 300…271 days ago; 22 of them
    ended 30 days ago (PATHS), 8 are still in service."""
    today = timezone.localdate()
    made = []
    kinds = [kind for kind, count in PATHS.items() for _ in range(count)]
    for index in range(30):
        participant = ParticipantFactory(
            organisation=personas.organisation, coaches=[personas.coach]
        )
        Intake.objects.create(
            participant=participant,
            service_start=today - dt.timedelta(days=300 - index),
            municipality_code="091",
        )
        EsfEntryData.objects.create(
            participant=participant,
            entry_date=today - dt.timedelta(days=300 - index),
            labour_market_status="unemployed" if index % 3 else "long_term_unemployed",
            gender_category="women" if index % 2 else "men",
            age_band="18_29",
        )
        if index < len(kinds):
            Outcome.objects.create(
                participant=participant,
                outcome_type=kinds[index],
                date=today - dt.timedelta(days=30),
            )
        made.append(participant)
    return made


def _html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html)]


@pytest.mark.django_db
def test_coordinator_sees_exact_figures_marked_internal(
    coordinator_client: Client, people: list[Any]
) -> None:
    html = _html(coordinator_client.get("/insights/", _query()))
    assert "Tarkat luvut sisäiseen käyttöön." in html
    cells = _cells(html)
    assert (
        "3 (14\u00a0%)" in cells
        or "3 (13.6\u00a0%)" in cells
        or any(c.startswith("3 (") for c in cells)
    )
    assert "12" in " ".join(cells)
    assert 'role="img"' in html and "Näytä samat luvut taulukkona" in html


@pytest.mark.django_db
def test_analyst_never_sees_a_small_cell(analyst_client: Client, people: list[Any]) -> None:
    html = _html(analyst_client.get("/insights/", _query()))
    assert "Tarkat luvut sisäiseen käyttöön." not in html
    assert "alle 5 henkilön" in html
    cells = _cells(html)
    assert "&lt; 5" in cells or "< 5" in cells
    for cell in cells:
        number = re.match(r"^(\d+)", cell)
        assert number is None or not 0 < int(number.group(1)) < 5, cell
    # The chart writes "< 5" for the education path, never a bar of 3
    assert "Koulutus 3" not in html and "education 3" not in html.lower()


@pytest.mark.django_db
def test_esf_page_shows_codes_and_unverified_mark(
    coordinator_client: Client, people: list[Any]
) -> None:
    html = _html(coordinator_client.get("/insights/esf/", _query()))
    assert "EECO02" in html
    assert "koodia ei tarkistettu" in html  # EECO01 is not verified in the data
    assert re.search(r"EECO02</span>(?!\s*<a class=\"unverified\")", html)


@pytest.mark.django_db
def test_csv_and_xlsx_are_suppressed_and_audited(
    coordinator_client: Client, people: list[Any]
) -> None:
    from openpyxl import load_workbook

    response = coordinator_client.get("/insights/download/outcomes/csv/", _query())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    flat = [cell for row in rows for cell in row]
    assert "< 5" in flat
    assert not any(re.fullmatch(r"[1-4]", cell) for cell in flat)
    response = coordinator_client.get("/insights/download/esf/xlsx/", _query())
    book = load_workbook(io.BytesIO(response.content))
    values = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert any(isinstance(v, int) and v >= 5 for v in values)
    assert not any(isinstance(v, int) and 0 < v < 5 for v in values)
    # sheets named as the tables are, in Finnish; the figures right under their header
    assert {"Osallistujat aloittaessa", "Tulokset"} <= set(book.sheetnames)
    sheet = book["Osallistujat aloittaessa"]
    rows_ = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows_) if row[0] == "Koodi")
    assert rows_[header_at + 1][0] == "EECO01"
    assert sheet.freeze_panes == f"A{header_at + 2}"
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert events.count() == 2
    assert all(e.participant_id is None for e in events)


@pytest.mark.django_db
def test_bad_period_is_an_error_in_finnish_and_no_file(
    coordinator_client: Client, people: list[Any]
) -> None:
    start, end = _period()
    query = {"period": "custom", "start": end.isoformat(), "end": start.isoformat()}
    response = coordinator_client.get(
        "/insights/download/outcomes/csv/", query, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 400
    assert "attachment" not in response.get("Content-Disposition", "")
    html = response.content.decode()
    assert "Ajanjakso päättyy ennen kuin se alkaa. Tarkista päivämäärät." in html
    assert "Tiedostoa ei tehty." in html
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.django_db
def test_unknown_project_and_another_organisations_project(
    coordinator_client: Client, personas: Personas, people: list[Any]
) -> None:
    other = Project.objects.create(
        organisation=personas.other_organisation, name="Muu", starts=_period()[0]
    )
    for project in ("999999", str(other.pk)):
        response = coordinator_client.get("/insights/download/esf/csv/", _query(project=project))
        assert response.status_code == 400
        assert "attachment" not in response.get("Content-Disposition", "")


@pytest.mark.django_db
def test_monitoring_file_for_coordinators_only(
    coordinator_client: Client, analyst_client: Client, people: list[Any]
) -> None:
    page = _html(coordinator_client.get("/insights/monitoring/"))
    assert "Tiedosto sisältää henkilötietoja." in page
    assert analyst_client.get("/insights/monitoring/").status_code == 404
    start, end = _period()
    response = coordinator_client.post(
        "/insights/monitoring/",
        {"period": "custom", "start": start, "end": end, "format": "csv", "project": ""},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "Osallistujan numero"  # the default language is Finnish
    ids = {str(p.pk) for p in people}
    assert ids <= {row[0] for row in rows[2:]}  # the personas' own participants may be there too
    text = response.content.decode("utf-8-sig")
    assert all(p.last_name not in text and p.email not in text for p in people)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_funder_report_pdf_in_the_background(
    analyst_client: Client, personas: Personas, people: list[Any], data_dir: Path
) -> None:
    start, end = _period()
    response = analyst_client.post(
        "/insights/reports/",
        {
            "organisation": personas.organisation.pk,
            "period": "custom",
            "start": start,
            "end": end,
            "project": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.DONE and export.suppressed
    page = _html(analyst_client.get(response["Location"]))
    assert "Raportti on valmis." in page
    download = analyst_client.get(f"/insights/reports/{export.pk}/download/")
    assert download.status_code == 200
    pdf = data_dir / "report.pdf"
    pdf.write_bytes(b"".join(download.streaming_content))
    text = _pdf_text(pdf)
    assert personas.organisation.name in text
    assert re.search(r"<\s?5", text)  # pdftotext may drop the narrow space
    # The education path (3 people) is "< 5" on its line, never 3
    education = [line for line in text.splitlines() if line.strip().startswith("Koulutus ")]
    assert education
    assert all(re.search(r"<\s?5", line) and " 3 " not in f"{line} " for line in education)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(data_dir / "page")],
        check=True,
    )
    assert (data_dir / "page-1.png").stat().st_size > 5000


@pytest.mark.django_db
def test_funder_report_for_another_organisation_is_refused(
    coordinator_client: Client, personas: Personas
) -> None:
    start, end = _period()
    response = coordinator_client.post(
        "/insights/reports/",
        {
            "organisation": personas.other_organisation.pk,
            "period": "custom",
            "start": start,
            "end": end,
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 400
    assert not ReportExport.objects.exists()


@pytest.mark.django_db
def test_report_ordered_for_another_own_organisation_can_be_followed(
    coordinator_client: Client, personas: Personas
) -> None:
    """A coordinator of two organisations orders the other one's report and follows it on its
    page (not a 404 because the current organisation is the first one); an outsider of that
    organisation still gets 404."""
    from kohtaanto.core.enums import Role
    from kohtaanto.core.models import Membership

    Membership.objects.create(
        user=personas.coordinator, organisation=personas.other_organisation, role=Role.COORDINATOR
    )
    start, end = _period()
    response = coordinator_client.post(
        "/insights/reports/",
        {
            "organisation": personas.other_organisation.pk,
            "period": "custom",
            "start": start,
            "end": end,
            "project": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    export = ReportExport.objects.get()
    assert export.organisation == personas.other_organisation
    assert coordinator_client.get(response["Location"]).status_code == 200
    assert coordinator_client.get(f"/insights/reports/{export.pk}/download/").status_code == 200
    analyst = Client()
    analyst.force_login(personas.analyst)
    assert analyst.get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_projects_create_and_enrol(
    coordinator_client: Client, analyst_client: Client, people: list[Any]
) -> None:
    start, _end = _period()
    assert analyst_client.get("/insights/projects/").status_code == 404
    response = coordinator_client.post(
        "/insights/projects/new/",
        {"name": "Kohti töitä", "code": "S30123", "funder": "ESR+", "start": start},
    )
    assert response.status_code == 302
    project = Project.objects.get()
    response = coordinator_client.post(
        f"/insights/projects/{project.pk}/enrol/", {"action": "started"}
    )
    assert response.status_code == 302
    assert ProjectEnrolment.objects.filter(project=project).count() == 30
    # a long list folds away, with its count, and a link to the form under it
    html = _html(coordinator_client.get(f"/insights/projects/{project.pk}/"))
    assert "Hankkeen osallistujat (30)" in html
    assert "Näytä kaikki 30 osallistujaa" in html and 'href="#add"' in html
    bad = coordinator_client.post(
        "/insights/projects/new/",
        {"name": "X", "start": start, "end": start - dt.timedelta(days=1)},
    )
    assert bad.status_code == 400


@pytest.mark.django_db
def test_report_pages_have_the_same_tabs_and_number_columns(
    coordinator_client: Client, analyst_client: Client, people: list[Any]
) -> None:
    # walkthrough: the PDF order page lost the coordinator's tabs (monitoring file, projects)
    for url in ("/insights/", "/insights/reports/"):
        html = _html(coordinator_client.get(url, _query()))
        assert "/insights/monitoring/" in html and "/insights/projects/" in html, url
    html = _html(analyst_client.get("/insights/reports/"))
    assert "/insights/monitoring/" not in html
    # numbers under right-aligned headers; the "code not checked" mark in the code cell
    html = _html(coordinator_client.get("/insights/esf/", _query()))
    assert '<th scope="col" class="stat-table__num">' in html
    assert '<td class="stat-table__code"' in html
    assert '<td class="stat-table__num"' in html and "Koodia ei ole tarkistettu" not in html


@pytest.mark.django_db
def test_a_waiting_report_says_what_to_do(coordinator_client: Client, personas: Personas) -> None:
    # walkthrough: "waiting for the background worker" and nothing more
    start, end = _period()
    export = ReportExport.objects.create(
        organisation=personas.organisation,
        kind="pdf",
        report="funder",
        period_start=start,
        period_end=end,
        language="fi",
        created_by=personas.coordinator,
    )
    html = _html(coordinator_client.get(f"/insights/reports/{export.pk}/"))
    assert "Voit poistua sivulta" in html and "taustatyö on käynnissä" in html


@pytest.mark.django_db
def test_a_period_with_nobody_says_so_instead_of_zeros(
    coordinator_client: Client, people: list[Any]
) -> None:
    # walkthrough: a period before anyone started showed tiles, charts and files of zeros
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=7300), today - dt.timedelta(days=6900)
    query = {"period": "custom", "start": start.isoformat(), "end": end.isoformat()}
    html = _html(coordinator_client.get("/insights/", query))
    assert "Kukaan ei ollut palvelussa tällä jaksolla" in html
    assert "/insights/download/" not in html and 'role="img"' not in html
    html = _html(coordinator_client.get("/insights/", _query()))
    assert "Kukaan ei ollut palvelussa" not in html and "/insights/download/" in html


@pytest.mark.django_db
def test_a_funders_figures_count_the_people_of_all_its_projects(
    coordinator_client: Client, personas: Personas, people: list[Any]
) -> None:
    """The scope picker offers each funder named on the organisation's projects; the figures
    then count the people enrolled in any of that funder's projects, once each, and the
    download links keep the scope."""
    from kohtaanto.insights import services

    today = timezone.localdate()
    start = today - dt.timedelta(days=400)
    first = services.create_project(
        personas.coordinator, personas.organisation, name="A", starts=start, funder="ESR+"
    )
    second = services.create_project(
        personas.coordinator, personas.organisation, name="B", starts=start, funder="ESR+"
    )
    services.create_project(
        personas.coordinator, personas.organisation, name="C", starts=start, funder="Säätiö"
    )
    for person in people[:4]:
        services.enrol(personas.coordinator, first, person)
    for person in people[2:7]:  # two people in both projects
        services.enrol(personas.coordinator, second, person)
    page = coordinator_client.get("/insights/", _query())
    assert "Kaikki rahoittajan ESR+ hankkeet" in _html(page)
    response = coordinator_client.get("/insights/", _query(project="funder:ESR+"))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.funder == "ESR+" and report.project_id is None
    assert report.headline.cell("active").value == 7
    assert "project=funder%3AESR%2B" in _html(response)
    unknown = coordinator_client.get("/insights/", _query(project="funder:Muu"))
    assert unknown.status_code == 200 and "report" not in unknown.context
