from __future__ import annotations

import io

import pytest
from docx import Document

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import selectors, services
from kohtaanto.journeys.documents import CvContent, render_cv_pdf
from kohtaanto.profiles.services import add_item
from kohtaanto.taxonomy.model import ConceptKind
from kohtaanto.vocabularies import provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(participant, coach):
    taxonomy = provider.get_taxonomy()
    skill = next(
        c
        for c in taxonomy
        if c.kind is ConceptKind.SKILL
        and not c.collections & {"language", "digital", "hobby", "digcomp"}
    )
    occupation = next(iter(taxonomy.of_kind(ConceptKind.OCCUPATION)))
    add_item(participant, by=coach, uri=skill.uri)
    add_item(participant, by=coach, uri=occupation.uri)
    services.set_languages(participant, by=coach, languages=[("fi", "native"), ("sv", "B1")])
    return skill, occupation


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_cv_draft_prefilled_and_exported(participant, coach, profile, lang):
    skill, occupation = profile
    draft = services.prepare_cv_draft(participant, by=coach, language=lang)
    assert skill.label(lang) in draft.skills and occupation.label(lang) in draft.experience
    draft = services.update_cv_draft(coach, draft.pk, summary="Täsmällinen ja ahkera. Åbo.")
    pdf = services.export_cv(coach, draft.pk, "pdf")
    assert pdf.content.startswith(b"%PDF") and pdf.content_type == "application/pdf"
    docx = services.export_cv(coach, draft.pk, "docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert skill.label(lang) in text and "Täsmällinen ja ahkera. Åbo." in text


def test_pdf_contains_text():
    cv = CvContent("fi", "Äijä Öörni", skills="- Trukin ajaminen\n- Kassatyö")
    pdf = render_cv_pdf(cv)
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf  # embedded TrueType font
    plain = render_cv_pdf(cv, unicode_font=False, compress=False)
    assert b"(Trukin ajaminen)" in plain
    assert rb"(\304ij\344 \326\366rni) Tj" in plain  # "Äijä Öörni", octal-escaped Latin-1
    assert b"(Osaaminen) Tj" in plain and b"/Title (Ansioluettelo" in plain


def test_edits_survive_prepare_and_refresh(participant, coach, profile):
    draft = services.prepare_cv_draft(participant, by=coach, language="fi")
    services.update_cv_draft(coach, draft.pk, summary="Oma teksti")
    again = services.prepare_cv_draft(participant, by=coach, language="fi")
    assert again.pk == draft.pk and again.summary == "Oma teksti"
    refreshed = services.refresh_cv_draft(coach, draft.pk)
    assert refreshed.summary == "Oma teksti"
    with pytest.raises(ValidationFailed):
        services.update_cv_draft(coach, draft.pk, full_name="")
    with pytest.raises(ValidationFailed):
        services.prepare_cv_draft(participant, by=coach, language="de")
    with pytest.raises(ValidationFailed):
        services.export_cv(coach, draft.pk, "odt")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_job_search_profile_is_plain_text_with_labels(participant, coach, profile, lang):
    skill, occupation = profile
    text = selectors.job_search_profile(coach, participant.pk, lang)
    lines = text.splitlines()
    assert skill.label(lang) in lines and occupation.label(lang) in lines
    assert lines.index(occupation.label(lang)) < lines.index(skill.label(lang))
    assert "http" not in text and "<" not in text and ">" not in text
    assert not any(line.startswith(("-", "*", "#")) for line in lines)


def test_job_search_profile_text_deduplicates_and_handles_empty():
    from kohtaanto.journeys.documents import JobSearchProfile, job_search_profile_text

    text = job_search_profile_text(
        JobSearchProfile(
            "fi",
            occupations=[],
            skills=[("keräily", "http://data.europa.eu/esco/skill/x"), ("Keräily ", "u2")],
        )
    )
    assert text == "Osaaminen:\nkeräily\n"
    assert job_search_profile_text(JobSearchProfile("fi", [], [])) == ""
