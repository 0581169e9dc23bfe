"""Honest skill review: nothing preselected as required, the ad's words decide and are shown;
imported jobs get their skills recognised in the background as pending suggestions, listed for
review; saving the skills page is the review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kohtaanto.opportunities import services, tasks
from kohtaanto.opportunities.enums import OpportunityStatus, SkillImportance, SkillSource
from kohtaanto.opportunities.models import ImportJob, Opportunity, OpportunitySkill
from kohtaanto.opportunities.recognition import opportunity_text, recognise_skills
from kohtaanto.opportunities.selectors import awaiting_skill_review

from .conftest import FORKLIFT, PICKING

pytestmark = pytest.mark.django_db

AD = "Teet keräilyä varastossa. Trukkikortti on eduksi."
AD_REQUIRED = "Teet keräilyä varastossa. Edellytämme trukkikorttia."
IMPORT_CSV = (
    "external_id,title,description,kind,municipality,required_skills\n"
    "J1,Varastotyöntekijä,Teet keräilyä. Trukkikortti on eduksi.,job,Helsinki,\n"
    "J2,Varastotyöntekijä,Teet keräilyä. Edellytämme trukkikorttia.,job,Helsinki,\n"
    f"J3,Trukinkuljettaja,Trukilla ajoa.,job,Helsinki,{FORKLIFT}\n"
)


def _hits(text: str) -> dict[str, object]:
    return {h.uri: h for h in recognise_skills(opportunity_text("Varastotyöntekijä", text), "fi")}


def test_recognition_carries_what_the_ad_says() -> None:
    nice = _hits(AD)
    assert nice[FORKLIFT].requirement == "nice_to_have"  # type: ignore[attr-defined]
    assert nice[FORKLIFT].cue == "on eduksi"  # type: ignore[attr-defined]
    assert nice[PICKING].requirement == "undecided"  # type: ignore[attr-defined]
    required = _hits(AD_REQUIRED)
    assert required[FORKLIFT].requirement == "required"  # type: ignore[attr-defined]
    assert required[FORKLIFT].cue == "Edellytämme"  # type: ignore[attr-defined]


def test_skills_page_preselects_only_what_the_ad_says(employer_contact_client, opportunity) -> None:
    services.update_opportunity(opportunity, description=AD)
    page = employer_contact_client.get(reverse("opportunities:skills", args=[opportunity.pk]))
    body = page.content.decode()
    rows = {row.uri: row for _, row in page.context["suggestions"]}
    assert rows[FORKLIFT].importance == "nice_to_have"
    assert rows[PICKING].importance == ""  # undecided: nothing checked but "decide later"
    assert all(row.importance != "required" for row in rows.values())
    assert "on eduksi" in body  # the reason is shown
    assert 'value="" checked' in body  # "decide later" is the undecided rows' choice


def test_saving_leaves_undecided_skills_out_and_marks_reviewed(
    employer_contact_client, opportunity
) -> None:
    services.update_opportunity(opportunity, description=AD)
    url = reverse("opportunities:skills", args=[opportunity.pk])
    response = employer_contact_client.post(
        url,
        {
            "count": "2",
            "uri_0": FORKLIFT,
            "importance_0": "nice_to_have",
            "recognised_0": "1",
            "uri_1": PICKING,
            "importance_1": "",
            "recognised_1": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    opportunity.refresh_from_db()
    assert list(opportunity.skills.values_list("uri", "importance")) == [(FORKLIFT, "nice_to_have")]
    assert opportunity.skills_reviewed_at is not None
    messages = [str(m) for m in response.context["messages"]]
    assert any("1" in m and ("undecided" in m or "päättämättä" in m) for m in messages)


def test_stored_suggestions_and_the_awaiting_review_property(opportunity) -> None:
    assert not opportunity.skills_awaiting_review
    stored = services.store_skill_suggestions(
        opportunity,
        [
            services.SkillSuggestionRow(FORKLIFT, "trukin ajo", "skill", "nice_to_have", "eduksi"),
            services.SkillSuggestionRow(PICKING, "keräily", "skill", "undecided"),
        ],
    )
    assert stored == 2
    opportunity.refresh_from_db()
    assert opportunity.skills_awaiting_review
    rows = {s.uri: s for s in opportunity.skills.all()}
    assert all(s.pending and s.source == SkillSource.RECOGNISED for s in rows.values())
    # undecided ones are never required; meanwhile they count as nice to have in matching
    assert rows[PICKING].importance == SkillImportance.NICE_TO_HAVE
    assert opportunity.required_skill_uris() == frozenset()
    assert awaiting_skill_review(Opportunity.objects.all()).get().suggestion_count == 2

    services.set_skills(
        opportunity,
        [services.SkillDecision(FORKLIFT, SkillImportance.REQUIRED)],
        review=True,
    )
    opportunity.refresh_from_db()
    assert not opportunity.skills_awaiting_review
    assert not awaiting_skill_review(Opportunity.objects.all()).exists()
    # the decided one stays; the one left undecided is gone
    assert list(opportunity.skills.values_list("uri", "importance", "pending")) == [
        (FORKLIFT, "required", False)
    ]


def test_required_suggestion_only_when_the_ad_says_so(opportunity) -> None:
    services.store_skill_suggestions(
        opportunity,
        [services.SkillSuggestionRow(FORKLIFT, "", "skill", "required", "Edellytämme")],
    )
    assert opportunity.required_skill_uris() == frozenset({FORKLIFT})


def test_a_later_edit_keeps_the_review_state(opportunity) -> None:
    stale = Opportunity.objects.get(pk=opportunity.pk)
    services.store_skill_suggestions(
        opportunity, [services.SkillSuggestionRow(FORKLIFT, "", "skill", "undecided")]
    )
    services.update_opportunity(stale, title="Varastotyöntekijä (kesä)")
    stale.refresh_from_db()
    assert stale.skills_awaiting_review


def test_decided_skills_are_not_suggested_again(opportunity) -> None:
    services.set_skills(opportunity, [services.SkillDecision(FORKLIFT, SkillImportance.IGNORED)])
    services.store_skill_suggestions(
        opportunity,
        [
            services.SkillSuggestionRow(FORKLIFT, "", "skill", "required", "Edellytämme"),
            services.SkillSuggestionRow(PICKING, "", "skill", "undecided"),
        ],
    )
    rows = {s.uri: s for s in opportunity.skills.all()}
    assert rows[FORKLIFT].importance == SkillImportance.IGNORED and not rows[FORKLIFT].pending
    assert rows[PICKING].pending


def _import(client, organisation_id: int) -> object:
    url = reverse("opportunities:import")
    preview = client.post(
        url,
        {
            "action": "check",
            "organisation": organisation_id,
            "target": "opportunities",
            "file_format": "csv",
            "file": SimpleUploadedFile("o.csv", IMPORT_CSV.encode()),
        },
    )
    return client.post(url, {"action": "import_all", "token": preview.context["token"]})


def test_an_import_recognises_skills_in_the_background_and_points_to_the_review(
    coordinator_client, personas, settings, tmp_path
) -> None:
    settings.DATA_DIR = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    done = _import(coordinator_client, personas.organisation.pk)
    assert done.status_code == 200
    job = done.context["skills_job"]
    assert job is not None and job.kind == ImportJob.Kind.SKILLS
    body = done.content.decode()
    assert reverse("opportunities:review-list") in body
    assert reverse("opportunities:import-job", args=[job.pk]) in body

    j1, j2, j3 = (Opportunity.objects.get(external_id=i) for i in ("J1", "J2", "J3"))
    # J3 came with its skills from the file: not recognised, not awaiting review
    assert not j3.skills_awaiting_review and job.total == 2
    assert j1.skills_awaiting_review and j2.skills_awaiting_review
    j1_skills = {s.uri: s for s in j1.skills.all()}
    assert j1_skills[FORKLIFT].pending and j1_skills[FORKLIFT].cue == "on eduksi"
    assert j1_skills[FORKLIFT].importance == SkillImportance.NICE_TO_HAVE
    assert j2.skills.get(uri=FORKLIFT).importance == SkillImportance.REQUIRED
    assert not j1.skills.filter(importance=SkillImportance.REQUIRED).exists()

    # the progress page of the recognition turns into its result
    page = coordinator_client.get(reverse("opportunities:import-job", args=[job.pk]))
    assert page.status_code == 200
    result = page.context["result"]
    assert result["opportunities"] == 2 and result["with_suggestions"] == 2
    assert result["suggested"] == OpportunitySkill.objects.filter(pending=True).count() >= 4

    listed = coordinator_client.get(reverse("opportunities:review-list"))
    assert listed.status_code == 200
    assert {o.pk for o in listed.context["page"]} == {j1.pk, j2.pk}
    assert reverse("opportunities:skills", args=[j1.pk]) in listed.content.decode()

    # reviewing one removes it from the list
    coordinator_client.post(
        reverse("opportunities:skills", args=[j1.pk]),
        {"count": "1", "uri_0": FORKLIFT, "importance_0": "nice_to_have", "recognised_0": "1"},
    )
    j1.refresh_from_db()
    assert not j1.skills_awaiting_review
    listed = coordinator_client.get(reverse("opportunities:review-list"))
    assert {o.pk for o in listed.context["page"]} == {j2.pk}


def test_the_background_import_starts_the_recognition_too(
    coordinator_client, personas, settings, tmp_path, monkeypatch
) -> None:
    settings.DATA_DIR = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(tasks, "INLINE_ROWS", 1)
    url = reverse("opportunities:import")
    check = coordinator_client.post(
        url,
        {
            "action": "check",
            "organisation": personas.organisation.pk,
            "target": "opportunities",
            "file_format": "csv",
            "file": SimpleUploadedFile("o.csv", IMPORT_CSV.encode()),
        },
    )
    token = check["Location"].rstrip("/").rsplit("/", 1)[-1]
    started = coordinator_client.post(url, {"action": "import_all", "token": token})
    import_job = ImportJob.objects.get(kind=ImportJob.Kind.IMPORT)
    assert started["Location"].endswith(f"/{import_job.pk}/")
    skills_job = ImportJob.objects.get(kind=ImportJob.Kind.SKILLS)
    assert import_job.meta["skills_job"] == skills_job.pk
    assert skills_job.status == ImportJob.Status.DONE
    result = coordinator_client.get(started["Location"])
    assert result.context["skills_job"].pk == skills_job.pk
    assert reverse("opportunities:import-job", args=[skills_job.pk]) in result.content.decode()
    assert Opportunity.objects.filter(skills__pending=True).distinct().count() == 2


def test_a_failed_recognition_says_so_and_can_start_again(
    coordinator_client, personas, opportunity, settings, monkeypatch
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = tasks.start_skill_recognition(
        user=personas.coordinator,
        organisation_id=personas.organisation.pk,
        opportunity_ids=[opportunity.pk],
    )
    assert job is not None and job.status == ImportJob.Status.QUEUED
    # the worker died in the middle
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING,
        heartbeat_at=timezone.now() - dt.timedelta(hours=1),
    )
    page = coordinator_client.get(reverse("opportunities:import-job", args=[job.pk]))
    assert page.context["failed"].error == tasks.WORKER_LOST
    assert page.context["can_retry"]
    assert "saved" in page.context["failure"] or "tallessa" in page.context["failure"]
    assert tasks.retry(ImportJob.objects.get(pk=job.pk))
    tasks.run_skills_job.call(job.pk, 2)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    opportunity.refresh_from_db()
    assert opportunity.skills_awaiting_review


def test_nothing_to_recognise_when_every_opportunity_has_skills(personas, opportunity) -> None:
    OpportunitySkill.objects.create(
        opportunity=opportunity, uri=FORKLIFT, importance=SkillImportance.REQUIRED
    )
    assert (
        tasks.start_skill_recognition(
            user=personas.coordinator,
            organisation_id=personas.organisation.pk,
            opportunity_ids=[opportunity.pk],
        )
        is None
    )


def test_review_list_scope(
    client_for, personas, opportunity, other_opportunity, foreign_opportunity
) -> None:
    for o in (opportunity, other_opportunity, foreign_opportunity):
        services.store_skill_suggestions(
            o, [services.SkillSuggestionRow(FORKLIFT, "", "skill", "undecided")]
        )
    url = reverse("opportunities:review-list")
    seen = {
        name: {o.pk for o in client_for(user).get(url).context["page"]}
        for name, user in (
            ("coordinator", personas.coordinator),
            ("employer_contact", personas.employer_contact),
        )
    }
    assert seen["coordinator"] == {opportunity.pk, other_opportunity.pk}
    assert seen["employer_contact"] == {opportunity.pk}  # only their own employer's
    services.close_opportunity(other_opportunity)
    assert {o.pk for o in client_for(personas.coordinator).get(url).context["page"]} == {
        opportunity.pk
    }


def test_review_list_is_paginated(client_for, personas, partner) -> None:
    for n in range(30):
        o = services.create_opportunity(
            organisation=personas.organisation,
            employer=personas.employer_organisation,
            title=f"Työ {n}",
            status=OpportunityStatus.OPEN,
        )
        services.store_skill_suggestions(
            o, [services.SkillSuggestionRow(FORKLIFT, "", "skill", "undecided")]
        )
    client = client_for(personas.employer_contact)
    first = client.get(reverse("opportunities:review-list"))
    assert len(first.context["page"]) == 25 and first.context["total"] == 30
    second = client.get(reverse("opportunities:review-list") + "?page=2")
    assert len(second.context["page"]) == 5


def test_candidates_pages_mark_unreviewed_skills(
    coach_client, employer_contact_client, opportunity
) -> None:
    url = reverse("matches:candidates", args=[opportunity.pk])
    assert 'id="skills-not-reviewed"' not in coach_client.get(url).content.decode()
    services.store_skill_suggestions(
        opportunity, [services.SkillSuggestionRow(FORKLIFT, "", "skill", "undecided")]
    )
    for client in (coach_client, employer_contact_client):
        body = client.get(url).content.decode()
        assert 'id="skills-not-reviewed"' in body
        assert reverse("opportunities:skills", args=[opportunity.pk]) in body
    services.set_skills(opportunity, [], review=True)
    assert 'id="skills-not-reviewed"' not in coach_client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "reason", "later"),
    [
        ("fi", "Ehdotetaan eduksi, koska ilmoituksessa lukee ”on eduksi”.", "Päätän myöhemmin"),
        ("sv", "Föreslås som meriterande eftersom annonsen säger ”on eduksi”.", "Bestäm senare"),
        ("en", "Suggested as nice to have because the ad says “on eduksi”.", "Decide later"),
    ],
)
def test_the_reason_in_the_readers_language(
    employer_contact_client, opportunity, language, reason, later
) -> None:
    from django.conf import settings

    services.update_opportunity(opportunity, description=AD)
    employer_contact_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = employer_contact_client.get(
        reverse("opportunities:skills", args=[opportunity.pk])
    ).content.decode()
    import html

    text = html.unescape(body)
    assert reason in text
    assert later in text
