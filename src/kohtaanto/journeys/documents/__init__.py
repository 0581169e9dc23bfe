"""Documents made together with the participant: the CV (PDF, DOCX) and the job-search
profile text. Renderers are pure functions of plain data (`CvContent`), so they are easy to
test and reuse from the CLI."""

from kohtaanto.journeys.documents.content import HEADINGS, CvContent, heading
from kohtaanto.journeys.documents.cv_docx import render_cv_docx
from kohtaanto.journeys.documents.cv_pdf import render_cv_pdf
from kohtaanto.journeys.documents.jobsearch import JobSearchProfile, job_search_profile_text

__all__ = [
    "HEADINGS",
    "CvContent",
    "JobSearchProfile",
    "heading",
    "job_search_profile_text",
    "render_cv_docx",
    "render_cv_pdf",
]
