"""An organisation's own synonyms: uploaded as a draft, reviewed by a coordinator, and only then
part of recognition; the provider's fingerprint (and so the engine cache) follows reviews."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import AuditEvent
from kohtaanto.profiles import adapters as profiles
from kohtaanto.vocabularies import provider
from kohtaanto.vocabularies.enums import SynonymSetStatus
from kohtaanto.vocabularies.models import Synonym, SynonymSet
from kohtaanto.vocabularies.services import (
    import_synonym_set,
    retire_synonym_set,
    review_synonym_set,
)

pytestmark = pytest.mark.django_db

FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
STORY = "Lavakiituri on minulle tuttu."
CSV = (
    "# version: 2\n"
    "label,concept_uri,lang,kind,note\n"
    f"lavakiituri,{FORKLIFT},fi,,oma sana\n"
    "kiituri,http://example.org/nothing,fi,,\n"
    f",{FORKLIFT},fi,,\n"
)


@pytest.fixture(autouse=True)
def fresh(settings, tmp_path: Path):
    settings.DATA_DIR = tmp_path
    settings.KOHTAANTO_TAXONOMY_FILE = ""
    provider.reset_engine()
    yield
    provider.reset_engine()


def recognised() -> set[str]:
    return {s.uri for s in profiles.recognise_story(STORY, "fi")}


def test_import_stores_a_draft_with_its_problems_and_an_audit_event(personas):
    synonym_set = import_synonym_set(
        CSV.encode(), organisation=personas.organisation, name=" Varasto ", actor=personas.coach
    )
    assert synonym_set.status == SynonymSetStatus.DRAFT
    assert (synonym_set.name, synonym_set.version) == ("Varasto", "2")
    rows = list(Synonym.objects.filter(synonym_set=synonym_set).values_list("line", "label"))
    assert rows == [(3, "lavakiituri"), (4, "kiituri")]
    assert synonym_set.problems == [
        {"line": 4, "message": "unknown concept http://example.org/nothing"},
        {"line": 5, "message": "empty label"},
    ]
    event = AuditEvent.objects.get(object_id=str(synonym_set.pk))
    assert event.action == AuditAction.CREATE
    assert event.organisation_id == personas.organisation.pk


def test_a_file_that_is_not_a_synonym_csv_is_refused(personas):
    with pytest.raises(ValidationFailed) as error:
        import_synonym_set(b"a,b\n1,2\n", organisation=personas.organisation, name="x")
    assert "file" in error.value.errors
    with pytest.raises(ValidationFailed) as error:
        import_synonym_set(CSV, organisation=personas.organisation, name="  ")
    assert "name" in error.value.errors
    assert not SynonymSet.objects.exists()


def test_only_reviewed_sets_reach_recognition_and_the_fingerprint_follows(personas):
    before = provider.fingerprint()
    assert FORKLIFT not in recognised()
    draft = import_synonym_set(CSV, organisation=personas.organisation, name="Varasto")
    assert provider.fingerprint() == before
    assert FORKLIFT not in recognised()

    reviewed = review_synonym_set(draft, actor=personas.coordinator)
    assert reviewed.status == SynonymSetStatus.REVIEWED
    assert reviewed.reviewed_by == personas.coordinator
    after = provider.fingerprint()
    assert after != before and after.startswith("starter-")
    assert FORKLIFT in recognised()
    label_set = provider.get_taxonomy().concepts[FORKLIFT].labels["fi"]
    assert "lavakiituri" in label_set.alternative
    # the cached starter set itself is not changed
    assert (
        "lavakiituri" not in provider._starter_taxonomy()[1].concepts[FORKLIFT].labels["fi"].all()
    )

    retire_synonym_set(reviewed, actor=personas.coordinator)
    assert provider.fingerprint() == before
    assert FORKLIFT not in recognised()


def test_reviewing_a_new_version_retires_the_earlier_one(personas):
    first = review_synonym_set(
        import_synonym_set(CSV, organisation=personas.organisation, name="Varasto"),
        actor=personas.coordinator,
    )
    second = review_synonym_set(
        import_synonym_set(
            CSV.replace("version: 2", "version: 3"),
            organisation=personas.organisation,
            name="Varasto",
        ),
        actor=personas.coordinator,
    )
    first.refresh_from_db()
    assert (first.status, second.status) == (SynonymSetStatus.RETIRED, SynonymSetStatus.REVIEWED)
    assert [s.version for s in provider.reviewed_synonym_sets()] == ["3"]
    with pytest.raises(ValidationFailed):
        review_synonym_set(second, actor=personas.coordinator)
    changes = AuditEvent.objects.filter(action=AuditAction.CHANGE, object_id=str(first.pk))
    assert changes.count() == 2  # reviewed, then retired


@pytest.mark.parametrize("who", ["coach", "outsider", "participant_user", "analyst"])
def test_only_the_organisations_coordinator_reviews(personas, who):
    draft = import_synonym_set(CSV, organisation=personas.organisation, name="Varasto")
    with pytest.raises(PermissionDenied):
        review_synonym_set(draft, actor=getattr(personas, who))
    with pytest.raises(PermissionDenied):
        retire_synonym_set(draft, actor=getattr(personas, who))
    draft.refresh_from_db()
    assert draft.status == SynonymSetStatus.DRAFT


def test_the_check_stays_one_query_with_reviewed_sets(personas, django_assert_num_queries):
    review_synonym_set(
        import_synonym_set(CSV, organisation=personas.organisation, name="Varasto"),
        actor=personas.coordinator,
    )
    provider.get_taxonomy()
    with django_assert_num_queries(1):
        provider.get_taxonomy()


def test_admin_upload_and_review(personas, client_for):
    client = client_for(personas.coordinator)
    add = reverse("admin:vocabularies_synonymset_add")
    assert client.get(add).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("varasto.csv", CSV.encode(), content_type="text/csv")
    response = client.post(
        add,
        {
            "organisation": personas.organisation.pk,
            "name": "Varasto",
            "version": "",
            "file": upload,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    synonym_set = SynonymSet.objects.get()
    assert synonym_set.file_name == "varasto.csv"
    assert synonym_set.status == SynonymSetStatus.DRAFT
    page = client.get(reverse("admin:vocabularies_synonymset_change", args=[synonym_set.pk]))
    assert page.status_code == 200
    assert "lavakiituri" in page.content.decode()
    changelist = reverse("admin:vocabularies_synonymset_changelist")
    response = client.post(
        changelist, {"action": "review_sets", "_selected_action": [synonym_set.pk]}
    )
    assert response.status_code == 302
    synonym_set.refresh_from_db()
    assert synonym_set.status == SynonymSetStatus.REVIEWED


def test_admin_shows_other_organisations_sets_to_nobody_but_their_coordinators(
    personas, client_for
):
    other = import_synonym_set(CSV, organisation=personas.other_organisation, name="Muut")
    client = client_for(personas.coordinator)
    changelist = client.get(reverse("admin:vocabularies_synonymset_changelist"))
    assert "Muut" not in changelist.content.decode()
    url = reverse("admin:vocabularies_synonymset_change", args=[other.pk])
    assert client.get(url).status_code in {302, 404}
    response = client.post(
        reverse("admin:vocabularies_synonymset_changelist"),
        {"action": "review_sets", "_selected_action": [other.pk]},
    )
    other.refresh_from_db()
    assert other.status == SynonymSetStatus.DRAFT
    assert response.status_code in {200, 302}
    coach = client_for(personas.coach)
    assert coach.get(reverse("admin:vocabularies_synonymset_changelist")).status_code in {302, 403}


ADMIN_PAGES = ("changelist", "add")


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_pages_open_only_for_coordinators(personas, client_for, page):
    """Access matrix of the synonym-set admin pages: the coordinator gets them, every other
    persona is sent to the admin login (they have no staff access) or refused."""
    url = reverse(f"admin:vocabularies_synonymset_{page}")
    for role, user in personas.users().items():
        status = client_for(user).get(url).status_code
        if role == "coordinator":
            assert status == 200, role
        else:
            assert status in {302, 403}, (role, status)


def test_admin_upload_of_a_wrong_file_shows_the_error_and_stores_nothing(personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(personas.coordinator)
    upload = SimpleUploadedFile("notes.csv", b"a,b\n1,2\n", content_type="text/csv")
    response = client.post(
        reverse("admin:vocabularies_synonymset_add"),
        {"organisation": personas.organisation.pk, "name": "Varasto", "file": upload},
    )
    assert response.status_code == 200
    assert "missing required column" in response.content.decode()
    assert not SynonymSet.objects.exists()
