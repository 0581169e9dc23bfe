"""CV drafts made together (prefilled from the confirmed profile, then edited) and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.journeys import rules
from kohtaanto.journeys.documents import CvContent, render_cv_docx, render_cv_pdf
from kohtaanto.journeys.documents.content import language_name
from kohtaanto.journeys.enums import DocumentFormat
from kohtaanto.journeys.models import CvDraft, Intake
from kohtaanto.journeys.services._common import clean, owned
from kohtaanto.people.access import require_writer
from kohtaanto.people.models import Participant
from kohtaanto.profiles.enums import ProfileGroup
from kohtaanto.profiles.selectors import profile_of

CV_FIELDS = frozenset(
    {
        "full_name",
        "contact",
        "headline",
        "summary",
        "experience",
        "education",
        "skills",
        "languages",
        "other",
    }
)
CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class RenderedDocument:
    filename: str
    content_type: str
    content: bytes


def _bullets(labels: list[str]) -> str:
    return "\n".join(f"- {label}" for label in labels)


def generated_sections(participant: Participant, lang: str) -> dict[str, str]:
    """The text a new draft starts with, from the confirmed profile and the intake."""
    profile = profile_of(participant, lang)
    groups = profile.groups
    work = [e.label for g in (ProfileGroup.WORK, ProfileGroup.KNOWLEDGE) for e in groups.get(g, [])]
    digital = [e.label for e in groups.get(ProfileGroup.DIGITAL, [])]
    levels = rules.language_levels()
    languages = [
        f"{language_name(entry.language, lang)} – "
        f"{levels[entry.level].label.get(lang) if entry.level in levels else entry.level}"
        for entry in profile.languages
    ]
    municipality = ""
    intake = Intake.objects.filter(participant=participant).first()
    if intake and intake.municipality_code in rules.municipalities():
        municipality = rules.municipalities()[intake.municipality_code].name(lang)
    contact = "\n".join(x for x in (participant.email, participant.phone, municipality) if x)
    occupations = [e.label for e in profile.occupations]
    return {
        "full_name": participant.full_name,
        "contact": contact,
        "headline": ", ".join(occupations[:2]),
        "experience": _bullets(occupations),
        "skills": _bullets(work + digital),
        "languages": _bullets(languages),
        "other": _bullets([e.label for e in groups.get(ProfileGroup.HOBBY, [])]),
    }


def prepare_cv_draft(participant: Participant, *, by: Any, language: str) -> CvDraft:
    """The draft in `language`; a new one is prefilled from the profile, an existing one is
    returned as the participant left it."""
    require_writer(by, participant)
    if language not in Language.values:
        raise ValidationFailed(errors={"language": [_("Choose Finnish, Swedish or English.")]})
    existing = CvDraft.objects.filter(participant=participant, language=language).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        draft = CvDraft.objects.create(
            participant=participant,
            language=language,
            **generated_sections(participant, language),
        )
        log_event(by, AuditAction.CREATE, draft)
    return draft


def refresh_cv_draft(
    by: Any, draft_id: object, fields: tuple[str, ...] = ("skills", "languages")
) -> CvDraft:
    """Fill `fields` again from the current confirmed profile (other edits are kept)."""
    draft = owned(by, CvDraft, draft_id)
    generated = generated_sections(draft.participant, draft.language)
    for name in fields:
        if name in generated:
            setattr(draft, name, generated[name])
    with transaction.atomic():
        draft.save()
        log_event(by, AuditAction.CHANGE, draft)
    return draft


def update_cv_draft(by: Any, draft_id: object, **fields: str) -> CvDraft:
    """Edit the text of a draft before export."""
    draft = owned(by, CvDraft, draft_id)
    unknown = set(fields) - CV_FIELDS
    if unknown:
        raise ValidationFailed(errors={n: [_("This field cannot be changed.")] for n in unknown})
    for name, value in fields.items():
        setattr(draft, name, (value or "").strip())
    if not draft.full_name:
        raise ValidationFailed(errors={"full_name": [_("Write your name.")]})
    clean(draft, exclude=["participant"])
    with transaction.atomic():
        draft.save()
        log_event(by, AuditAction.CHANGE, draft)
    return draft


def cv_content(draft: CvDraft) -> CvContent:
    return CvContent(
        language=draft.language,
        full_name=draft.full_name,
        headline=draft.headline,
        contact=draft.contact,
        summary=draft.summary,
        experience=draft.experience,
        education=draft.education,
        skills=draft.skills,
        languages=draft.languages,
        other=draft.other,
    )


def export_cv(by: Any, draft_id: object, fmt: str = DocumentFormat.PDF) -> RenderedDocument:
    """Render a draft as PDF or DOCX (audited as an export)."""
    draft = owned(by, CvDraft, draft_id)
    if fmt not in DocumentFormat.values:
        raise ValidationFailed(errors={"format": [_("Choose PDF or DOCX.")]})
    content = cv_content(draft)
    data = render_cv_pdf(content) if fmt == DocumentFormat.PDF else render_cv_docx(content)
    log_event(by, AuditAction.EXPORT, draft)
    return RenderedDocument(f"cv-{draft.language}.{fmt}", CONTENT_TYPES[DocumentFormat(fmt)], data)
