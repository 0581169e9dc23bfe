"""Documents of a work trial: the agreement, the competence certificate and the reference
letter, as PDF. Renderers are pure functions of plain data (no Django), in the document's own
language (fi, sv or en), so they are easy to test and can render in a background task."""

from kohtaanto.trials.documents.agreement_pdf import render_agreement_pdf
from kohtaanto.trials.documents.certificate_pdf import render_certificate_pdf
from kohtaanto.trials.documents.content import (
    TEXTS,
    AgreementContent,
    CertificateContent,
    CertificateUnit,
    Confirmation,
    EvidenceEntry,
    ReferenceContent,
    RulesCheck,
    ShownRequirement,
    UnitAim,
    text,
)
from kohtaanto.trials.documents.reference_pdf import render_reference_pdf

__all__ = [
    "TEXTS",
    "AgreementContent",
    "CertificateContent",
    "CertificateUnit",
    "Confirmation",
    "EvidenceEntry",
    "ReferenceContent",
    "RulesCheck",
    "ShownRequirement",
    "UnitAim",
    "render_agreement_pdf",
    "render_certificate_pdf",
    "render_reference_pdf",
    "text",
]
