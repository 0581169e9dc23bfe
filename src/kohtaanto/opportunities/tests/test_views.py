"""The pages: who gets what, forms go through the services, skills confirmation, import page,
course pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kohtaanto.opportunities.enums import OpportunityStatus, SkillImportance, SkillSource
from kohtaanto.opportunities.models import Course, Opportunity
from kohtaanto.opportunities.services import create_course

from .conftest import FORKLIFT, PICKING

pytestmark = pytest.mark.django_db


def test_coach_sees_list_and_filters(coach_client, opportunity, other_opportunity) -> None:
    response = coach_client.get(reverse("opportunities:list"))
    assert response.status_code == 200
    assert opportunity.title in response.content.decode()
    assert other_opportunity.title in response.content.decode()
    filtered = coach_client.get(reverse("opportunities:list"), {"q": "Siivo"})
    body = filtered.content.decode()
    assert other_opportunity.title in body and opportunity.title not in body


def test_list_filters_by_municipality_and_status_as_htmx_fragment(
    coach_client, opportunity, other_opportunity
) -> None:
    response = coach_client.get(
        reverse("opportunities:list"),
        {"municipality": "109", "status": "open"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert opportunity.title in body and other_opportunity.title not in body


def test_employer_contact_sees_only_own(
    employer_contact_client, opportunity, other_opportunity
) -> None:
    body = employer_contact_client.get(reverse("opportunities:list")).content.decode()
    assert opportunity.title in body
    assert other_opportunity.title not in body
    detail = employer_contact_client.get(
        reverse("opportunities:detail", args=[other_opportunity.pk])
    )
    assert detail.status_code == 404


@pytest.mark.parametrize("persona", ["mentor", "participant", "analyst", "workplace_mentor"])
def test_other_roles_get_404(request, persona, opportunity) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(reverse("opportunities:list")).status_code == 404
    assert client.get(reverse("opportunities:detail", args=[opportunity.pk])).status_code == 404
    assert client.get(reverse("opportunities:edit", args=[opportunity.pk])).status_code == 404


def test_coach_of_another_organisation_gets_404(outsider_client, opportunity) -> None:
    assert (
        outsider_client.get(reverse("opportunities:detail", args=[opportunity.pk])).status_code
        == 404
    )
    response = outsider_client.post(
        reverse("opportunities:status", args=[opportunity.pk]), {"action": "close"}
    )
    assert response.status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.OPEN


def test_anonymous_is_sent_to_login(client, opportunity) -> None:
    response = client.get(reverse("opportunities:detail", args=[opportunity.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_employer_contact_creates_then_confirms_skills(
    employer_contact_client, partner, personas
) -> None:
    response = employer_contact_client.post(
        reverse("opportunities:create"),
        {
            "kind": "work_trial",
            "title": "Varaston työkokeilu",
            "description": "Keräilyä ja trukilla ajoa. Asiakaspalvelu puhelimessa.",
            "description_language": "fi",
            "municipality_code": "837",
            "remote": "none",
            "languages": "fi:A2",
            "hours_per_week": "30",
            "physical_demands": ["heavy_lifting"],
            "status": "draft",
        },
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get(title="Varaston työkokeilu")
    assert opportunity.employer == personas.employer_organisation
    assert opportunity.organisation == personas.organisation  # the partner service organisation
    assert opportunity.languages == {"fi": "A2"}
    assert opportunity.region_code == "06"  # Tampere → Pirkanmaa
    assert response["Location"] == reverse("opportunities:skills", args=[opportunity.pk])

    page = employer_contact_client.get(response["Location"])
    body = page.content.decode()
    assert "trukin ajaminen" in body and "keräily" in body
    assert FORKLIFT in body

    saved = employer_contact_client.post(
        response["Location"],
        {
            "count": "3",
            "uri_0": FORKLIFT,
            "importance_0": "required",
            "recognised_0": "1",
            "uri_1": PICKING,
            "importance_1": "nice_to_have",
            "uri_2": "http://example.com/not-a-concept",
            "importance_2": "required",
        },
    )
    assert saved.status_code == 302
    skills = {s.uri: s for s in opportunity.skills.all()}
    assert set(skills) == {FORKLIFT, PICKING}
    assert skills[FORKLIFT].importance == SkillImportance.REQUIRED
    assert skills[FORKLIFT].source == SkillSource.RECOGNISED
    assert skills[PICKING].importance == SkillImportance.NICE_TO_HAVE
    assert skills[FORKLIFT].decided_by == personas.employer_contact
    # Decided skills are not suggested again as new.
    again = employer_contact_client.get(response["Location"]).content.decode()
    assert "Skills chosen earlier" in again or "Aiemmin valitut taidot" in again


def test_employer_without_partner_sees_an_explanation(employer_contact_client) -> None:
    response = employer_contact_client.post(
        reverse("opportunities:create"),
        {
            "kind": "job",
            "title": "X",
            "description_language": "fi",
            "remote": "none",
            "status": "draft",
        },
    )
    assert response.status_code == 200
    assert not Opportunity.objects.exists()


def test_form_errors_are_shown(coach_client) -> None:
    response = coach_client.post(
        reverse("opportunities:create"),
        {
            "kind": "job",
            "title": "",
            "description_language": "fi",
            "remote": "none",
            "status": "draft",
            "languages": "suomi hyvin",
        },
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Opportunity.objects.exists()


def test_coach_edits_and_closes(coach_client, opportunity) -> None:
    response = coach_client.post(
        reverse("opportunities:edit", args=[opportunity.pk]),
        {
            "kind": "job",
            "title": "Varastotyöntekijä (muutettu)",
            "description_language": "fi",
            "remote": "hybrid",
            "status": "open",
            "employer": str(opportunity.employer_id),
            "municipality_code": "091",
        },
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title.endswith("(muutettu)") and opportunity.region_code == "01"
    coach_client.post(reverse("opportunities:status", args=[opportunity.pk]), {"action": "close"})
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.CLOSED and opportunity.closed_at


def test_skill_search_adds_a_skill(coach_client, opportunity) -> None:
    url = reverse("opportunities:skills", args=[opportunity.pk])
    fragment = coach_client.get(url, {"q": "siivo"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "siivous" in fragment
    coach_client.post(url, {"add_uri": FORKLIFT, "add_importance": "required"})
    assert opportunity.skills.get(uri=FORKLIFT).importance == SkillImportance.REQUIRED


IMPORT_CSV = (
    "external_id,title,kind,municipality,required_skills\n"
    f"A1,Siivooja,job,Helsinki,{FORKLIFT}\n"
    "A2,,job,Helsinki,\n"
    "A3,Kokki,työkokeilu,Espoo,\n"
)


def test_coordinator_import_preview_then_valid_rows(coordinator_client, personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("opportunities:import")
    assert coordinator_client.get(url).status_code == 200
    preview = coordinator_client.post(
        url,
        {
            "action": "check",
            "organisation": personas.organisation.pk,
            "target": "opportunities",
            "file_format": "csv",
            "file": SimpleUploadedFile("o.csv", IMPORT_CSV.encode()),
        },
    )
    body = preview.content.decode()
    assert preview.status_code == 200
    assert not Opportunity.objects.exists()  # the check writes nothing
    assert "<td>3</td>" in body  # line of the bad row
    token = preview.context["token"]
    done = coordinator_client.post(url, {"action": "import_valid", "token": token})
    assert done.status_code == 200
    assert done.context["report"].applied
    assert sorted(Opportunity.objects.values_list("external_id", flat=True)) == ["A1", "A3"]
    # The token was used up.
    again = coordinator_client.post(url, {"action": "import_valid", "token": token})
    assert again.context["expired"]


def test_import_all_or_nothing_refuses_bad_files(coordinator_client, personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("opportunities:import")
    preview = coordinator_client.post(
        url,
        {
            "action": "check",
            "organisation": personas.organisation.pk,
            "target": "opportunities",
            "file_format": "csv",
            "file": SimpleUploadedFile("o.csv", IMPORT_CSV.encode()),
        },
    )
    done = coordinator_client.post(url, {"action": "import_all", "token": preview.context["token"]})
    assert not done.context["report"].applied
    assert not Opportunity.objects.exists()


def test_import_page_unreadable_file(coordinator_client, personas) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = coordinator_client.post(
        reverse("opportunities:import"),
        {
            "action": "check",
            "organisation": personas.organisation.pk,
            "target": "opportunities",
            "file_format": "jsonld",
            "file": SimpleUploadedFile("o.json", b"{\n  nope"),
        },
    )
    assert response.status_code == 200
    assert response.context["file_error"].line == 2


@pytest.mark.parametrize("persona", ["coach", "employer_contact", "mentor", "outsider"])
def test_only_coordinators_import(request, persona) -> None:
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(reverse("opportunities:import")).status_code == 404


def test_course_pages(coach_client, personas) -> None:
    shared = create_course(organisation=None, title="Hygieniapassi", hours="4", cost_eur="25")
    own = create_course(organisation=personas.organisation, title="Oma kurssi")
    foreign = create_course(organisation=personas.other_organisation, title="Vieras kurssi")
    body = coach_client.get(reverse("opportunities:courses")).content.decode()
    assert shared.title in body and own.title in body and foreign.title not in body
    assert (
        coach_client.get(reverse("opportunities:course-detail", args=[shared.pk])).status_code
        == 200
    )
    assert (
        coach_client.get(reverse("opportunities:course-detail", args=[foreign.pk])).status_code
        == 404
    )
    assert Course.objects.count() == 3


def test_detail_shows_facts_in_the_users_language(coach_client, opportunity) -> None:
    body = coach_client.get(
        reverse("opportunities:detail", args=[opportunity.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    assert "suomi B1" in body and "Hämeenlinna" in body and "Konepaja Virtanen Oy" in body
    sv = coach_client.get(
        reverse("opportunities:detail", args=[opportunity.pk]) + "?lang=sv"
    ).content.decode()
    assert "finska B1" in sv and "Tavastehus" in sv


def test_an_employer_without_a_service_organisation_is_told_so_not_a_500(
    employer_contact_client, personas
) -> None:
    # The employer of the contact has no partner service organisation (no `partner` fixture).
    response = employer_contact_client.get(reverse("opportunities:create"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "ei vielä tee yhteistyötä minkään palveluorganisaation kanssa" in body or (
        "does not yet work with a service organisation" in body  # the client's language
    )
    assert not Opportunity.objects.exists()
