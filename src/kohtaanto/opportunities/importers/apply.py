"""Writing parsed rows through the services, in one transaction.

All or nothing: if any row is bad, nothing is written, unless `valid_only` is set, in which case
the good rows are written and the bad ones reported (each row runs in its own savepoint).
A dry run reports what would happen and writes nothing. Re-importing the same external id (per
organisation and source) updates the earlier row instead of adding another.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kohtaanto.core.enums import OrganisationKind
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.core.validators import is_valid_business_id
from kohtaanto.opportunities import services
from kohtaanto.opportunities.enums import SkillImportance, SkillSource
from kohtaanto.opportunities.importers.types import (
    EmployerRef,
    ImportReport,
    ParsedCourse,
    ParsedOpportunity,
    ParseResult,
    RowError,
)
from kohtaanto.opportunities.models import Course, ImportRun, Opportunity
from kohtaanto.opportunities.recognition import concept_info

Progress = Callable[[int, int], None]


class _Rollback(Exception):
    pass


def _reason(exc: KohtaantoError) -> str:
    errors = getattr(exc, "errors", None) or {}
    parts = [
        f"{field}: {msg}" if field and field != "__all__" else msg
        for field, msgs in errors.items()
        for msg in msgs
    ]
    return "; ".join(parts) or str(exc.message)


def _check_uris(uris: Sequence[str]) -> None:
    unknown = [u for u in uris if not concept_info(u).known]
    if unknown:
        raise ValidationFailed(
            errors={"skills": [_("Unknown concept: %(uri)s") % {"uri": unknown[0][:120]}]}
        )


def _employer(ref: EmployerRef | None, organisation: Organisation, by: Any) -> Organisation | None:
    if ref is None:
        return None
    employers = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
    if ref.business_id:
        if not is_valid_business_id(ref.business_id):
            raise ValidationFailed(
                errors={
                    "employer_business_id": [
                        _("%(value)s is not a valid Finnish business id (Y-tunnus).")
                        % {"value": ref.business_id[:20]}
                    ]
                }
            )
        found = employers.filter(business_id=ref.business_id).first()
        if found is not None:
            return found
    elif ref.name:
        found = employers.filter(name__iexact=ref.name).order_by("id").first()
        if found is not None:
            return found
    return services.create_employer(
        name=ref.name or ref.business_id,
        business_id=ref.business_id,
        by=by,
        service_organisation=organisation,
    )


def _write_opportunity(
    row: ParsedOpportunity,
    organisation: Organisation,
    source: str,
    by: Any,
    written: list[int] | None = None,
) -> bool:
    """Create or update one opportunity; True when created. Its id is added to `written`."""
    _check_uris((*row.required_skills, *row.nice_to_have_skills))
    if row.fields.get("occupation_uri"):
        _check_uris((row.fields["occupation_uri"],))
    employer = _employer(row.employer, organisation, by)
    existing = Opportunity.objects.filter(
        organisation=organisation, source=source, external_id=row.external_id
    ).first()
    fields = {**row.fields, "employer": employer}
    if existing is None:
        opportunity = services.create_opportunity(
            organisation=organisation, by=by, external_id=row.external_id, source=source, **fields
        )
    else:
        opportunity = services.update_opportunity(existing, by=by, **fields)
    decisions = [
        services.SkillDecision(uri, SkillImportance.REQUIRED, source=SkillSource.IMPORTED)
        for uri in row.required_skills
    ] + [
        services.SkillDecision(uri, SkillImportance.NICE_TO_HAVE, source=SkillSource.IMPORTED)
        for uri in row.nice_to_have_skills
    ]
    stale = opportunity.skills.filter(source=SkillSource.IMPORTED).exclude(
        uri__in={d.uri for d in decisions}
    )
    if decisions or stale.exists():
        services.set_skills(opportunity, decisions, by=by, replace_source=SkillSource.IMPORTED)
    if written is not None:
        written.append(opportunity.pk)
    return existing is None


class _KnownUris:
    """`_check_uris` with each concept looked up once per import."""

    def __init__(self) -> None:
        self.known: dict[str, bool] = {}

    def __call__(self, uris: Sequence[str]) -> None:
        for uri in uris:
            known = self.known.get(uri)
            if known is None:
                known = self.known[uri] = concept_info(uri).known
            if not known:
                _check_uris((uri,))  # raises with the message of the write path


class _OpportunityCheck:
    """A dry run of opportunities that writes nothing: the checks of `_write_opportunity`
    (concept URIs, the employer's Y-tunnus and name, every field through
    `services.check_opportunity`) with what already exists read in a few queries, not one
    write path per row. Created or updated follows from the ids already imported."""

    def __init__(
        self, rows: Sequence[ParsedOpportunity], organisation: Organisation, source: str
    ) -> None:
        self.organisation = organisation
        ids = sorted({row.external_id for row in rows})
        self.existing: set[str] = set()
        for start in range(0, len(ids), 500):
            self.existing.update(
                Opportunity.objects.filter(
                    organisation=organisation,
                    source=source,
                    external_id__in=ids[start : start + 500],
                ).values_list("external_id", flat=True)
            )
        self.employers: dict[EmployerRef, ValidationFailed | None] = {}
        self._uris = _KnownUris()

    def _employer(self, ref: EmployerRef | None) -> None:
        if ref is None:
            return
        if ref not in self.employers:
            self.employers[ref] = _employer_problem(ref)
        problem = self.employers[ref]
        if problem is not None:
            raise problem

    def __call__(self, row: ParsedOpportunity) -> bool:
        self._uris((*row.required_skills, *row.nice_to_have_skills))
        if row.fields.get("occupation_uri"):
            self._uris((row.fields["occupation_uri"],))
        self._employer(row.employer)
        services.check_opportunity(organisation=self.organisation, **row.fields)
        return row.external_id not in self.existing


def _employer_problem(ref: EmployerRef) -> ValidationFailed | None:
    """What `_employer` would refuse for `ref` (found employers are fine; a new one must make a
    valid organisation)."""
    from django.core.exceptions import ValidationError

    if ref.business_id and not is_valid_business_id(ref.business_id):
        return ValidationFailed(
            errors={
                "employer_business_id": [
                    _("%(value)s is not a valid Finnish business id (Y-tunnus).")
                    % {"value": ref.business_id[:20]}
                ]
            }
        )
    candidate = Organisation(
        name=ref.name or ref.business_id,
        kind=OrganisationKind.EMPLOYER,
        business_id=ref.business_id,
    )
    try:
        candidate.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return ValidationFailed(errors=exc.message_dict)
    return None


def _write_course(row: ParsedCourse, organisation: Organisation | None, by: Any) -> bool:
    _check_uris(row.skills)
    existing = Course.objects.filter(organisation=organisation, external_id=row.external_id).first()
    fields = {k: v for k, v in row.fields.items() if v is not None}
    if existing is None:
        services.create_course(
            organisation=organisation,
            by=by,
            skills=row.skills,
            external_id=row.external_id,
            source="csv",
            **fields,
        )
        return True
    services.update_course(existing, by=by, skills=row.skills, **fields)
    return False


class _CourseCheck:
    """A dry run of courses that writes nothing: the checks of `_write_course` (concept URIs,
    every field through `services.check_course`, on the stored course for an update) with the
    courses already imported read in a few queries, not one write path per row."""

    def __init__(self, rows: Sequence[ParsedCourse], organisation: Organisation | None) -> None:
        self.organisation = organisation
        ids = sorted({row.external_id for row in rows})
        self.existing: dict[str, Course] = {}
        for start in range(0, len(ids), 500):
            for course in Course.objects.filter(
                organisation=organisation, external_id__in=ids[start : start + 500]
            ):
                self.existing.setdefault(course.external_id, course)
        self._uris = _KnownUris()

    def __call__(self, row: ParsedCourse) -> bool:
        self._uris(row.skills)
        fields = {k: v for k, v in row.fields.items() if v is not None}
        existing = self.existing.get(row.external_id)
        if existing is None:
            services.check_course(
                organisation=self.organisation, external_id=row.external_id, source="csv", **fields
            )
            return True
        services.check_course(organisation=self.organisation, existing=existing, **fields)
        return False


def _run(
    rows: Sequence[ParsedOpportunity | ParsedCourse],
    parse_errors: Sequence[RowError],
    write: Callable[[Any], bool],
    *,
    valid_only: bool,
    dry_run: bool,
    progress: Progress | None,
    checking: bool = False,
    warnings: Sequence[RowError] = (),
) -> ImportReport:
    report = ImportReport(
        total=len(rows) + len(parse_errors), dry_run=dry_run, warnings=list(warnings)
    )
    errors = list(parse_errors)
    seen: dict[str, int] = {}
    # A checking function (a dry run) writes nothing: no transaction, no savepoints.
    atomic = transaction.atomic if not checking else contextlib.nullcontext
    step = max(1, len(rows) // 200)  # progress at most ~200 times, and at the end
    try:
        with atomic():
            for done, row in enumerate(rows, start=1):
                first = seen.setdefault(row.external_id, row.line)
                if first != row.line:
                    errors.append(
                        RowError(
                            row.line,
                            _("The id %(id)s is already on line %(line)s.")
                            % {"id": row.external_id[:60], "line": first},
                            row.external_id,
                        )
                    )
                else:
                    try:
                        with atomic():
                            created = write(row)
                    except KohtaantoError as exc:
                        errors.append(RowError(row.line, _reason(exc), row.external_id))
                    else:
                        if created:
                            report.created += 1
                        else:
                            report.updated += 1
                if progress is not None and (done % step == 0 or done == len(rows)):
                    progress(done, len(rows))
            report.errors = sorted(errors, key=lambda e: e.line)
            if dry_run or (errors and not valid_only):
                raise _Rollback
    except _Rollback:
        report.applied = False
        if errors and not valid_only and not dry_run:
            report.created = report.updated = 0
        return report
    report.applied = True
    return report


def import_opportunities(
    parsed: ParseResult[ParsedOpportunity],
    *,
    organisation: Organisation,
    by: Any = None,
    source: str = "",
    valid_only: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    file_format: str = "",
) -> ImportReport:
    """Import parsed opportunities into the service organisation `organisation`. An applied
    report lists the ids of the opportunities written (`opportunity_ids`), e.g. for the
    background recognition of their skills (`tasks.start_skill_recognition`)."""
    written: list[int] = []
    write: Callable[[Any], bool]
    if dry_run:
        write = _OpportunityCheck(parsed.rows, organisation, source or file_format)
    else:
        write = lambda row: _write_opportunity(  # noqa: E731
            row, organisation, source or file_format, by, written
        )
    report = _run(
        parsed.rows,
        parsed.errors,
        write,
        valid_only=valid_only,
        dry_run=dry_run,
        progress=progress,
        checking=dry_run,
        warnings=parsed.warnings,
    )
    if report.applied:
        # A row that failed in its savepoint may have been appended before it failed.
        report.opportunity_ids = list(dict.fromkeys(written))
    _record(report, organisation, by, "opportunities", file_format)
    return report


def import_courses(
    parsed: ParseResult[ParsedCourse],
    *,
    organisation: Organisation | None,
    by: Any = None,
    valid_only: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import parsed courses into `organisation`'s list (None: the shared catalogue)."""
    write: Callable[[Any], bool]
    if dry_run:
        write = _CourseCheck(parsed.rows, organisation)
    else:
        write = lambda row: _write_course(row, organisation, by)  # noqa: E731
    report = _run(
        parsed.rows,
        parsed.errors,
        write,
        valid_only=valid_only,
        dry_run=dry_run,
        progress=progress,
        checking=dry_run,
        warnings=parsed.warnings,
    )
    if organisation is not None:
        _record(report, organisation, by, "courses", "csv")
    return report


def _record(
    report: ImportReport, organisation: Organisation, by: Any, target: str, file_format: str
) -> None:
    if not report.applied:
        return
    ImportRun.objects.create(
        organisation=organisation,
        by=by if getattr(by, "is_authenticated", False) else None,
        target=target,
        format=file_format[:10],
        rows=report.total,
        created_count=report.created,
        updated_count=report.updated,
        error_count=len(report.errors),
    )
