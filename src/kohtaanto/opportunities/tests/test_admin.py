"""Admin: coordinators see their organisations' rows only; saving goes through the services."""

from __future__ import annotations

import pytest

from kohtaanto.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db


def test_coordinator_sees_own_organisations_opportunities(
    coordinator_client, opportunity, foreign_opportunity
) -> None:
    response = coordinator_client.get("/admin/opportunities/opportunity/")
    assert response.status_code == 200
    body = response.content.decode()
    assert opportunity.title in body and foreign_opportunity.title not in body
    assert coordinator_client.get(
        f"/admin/opportunities/opportunity/{foreign_opportunity.pk}/change/"
    ).status_code in (302, 404)


def test_coordinator_edits_through_the_service(coordinator_client, opportunity) -> None:
    url = f"/admin/opportunities/opportunity/{opportunity.pk}/change/"
    page = coordinator_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        organisation=opportunity.organisation_id,
        employer=opportunity.employer_id,
        title="Muutettu admin-näkymässä",
        municipality_code="853",
        languages='{"fi": "B1"}',
        physical_demands="[]",
        hours_per_week="37.5",
        **{"skills-TOTAL_FORMS": "0", "skills-INITIAL_FORMS": "0"},
    )
    data.pop("start_date", None)
    data.pop("end_date", None)
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    opportunity.refresh_from_db()
    assert opportunity.title == "Muutettu admin-näkymässä"
    assert opportunity.region_code == "02"  # set by the service


def test_coach_has_no_admin(coach_client, opportunity) -> None:
    response = coach_client.get("/admin/opportunities/opportunity/")
    assert response.status_code in (302, 403)
    assert Opportunity.objects.count() == 1


def test_coordinator_edits_an_employer_profile(coordinator_client, partner) -> None:
    url = f"/admin/opportunities/employerprofile/{partner.pk}/change/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "industry": "Konepajat",
            "contact_name": "",
            "contact_email": "rekry@example.invalid",
            "contact_phone": "",
            "website": "",
            "service_organisation": partner.service_organisation_id,
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.industry == "Konepajat"
