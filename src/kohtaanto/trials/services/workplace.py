"""The workplace side of a trial: the workplace mentor's signed link, weekly check-ins, the
mid-point and final assessments, requirement evidence and the participant's choice to tell the
work community who they are. The one write path for these (pages and commands call it).

Who writes what:
- a check-in: the workplace mentor named on the trial (logged in), or the holder of the
  trial's signed link; one per ISO week, only for weeks of the agreed period up to this week,
  while the trial runs (and for its last week while it is being evaluated);
- an assessment or requirement evidence: the workplace mentor (logged in or by link) or staff
  (written as the coach's);
- the link: staff only; a new link revokes the old one; only a hash of it is stored, and it is
  signed, so a tampered token is refused before the database is asked;
- community sharing: the participant only.

Every write is audited on the trial (ids only). A link holder is not a user: their writes are
audited without an actor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import KohtaantoError, PermissionDenied, ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.trials.access import PARTICIPANT, STAFF, WORKPLACE_MENTOR, viewer_roles
from kohtaanto.trials.enums import AssessmentKind, AuthorRole, CheckInMood, Rating, TrialState
from kohtaanto.trials.models import (
    Assessment,
    AssessmentItem,
    Certificate,
    CheckIn,
    CheckInLink,
    Evidence,
    Trial,
    TrialRequirement,
)

logger = logging.getLogger(__name__)

LINK_SALT = "kohtaanto.trials.checkin-link"
LINK_GRACE = dt.timedelta(days=14)
"""A link works until the end of the trial plus this (the final assessment comes after)."""
DEFAULT_LINK_DAYS = 90
"""A link's life when the trial has no end date yet."""
MAX_TOKEN = 200
TEXT_MAX = 2000
LINKABLE_STATES = (TrialState.AGREE, TrialState.RUN, TrialState.EVALUATE)
WRITABLE_STATES = (TrialState.RUN, TrialState.EVALUATE)
CERTIFICATE_STATES = (TrialState.EVALUATE, TrialState.CONTINUE)
"""States in which the link still opens the competence certificate to sign (until issued)."""

GOAL_KEY = "goal"
REQUIREMENT_KEY = "requirement"


# --- errors of a link ------------------------------------------------------------------------


class LinkError(KohtaantoError):
    """A check-in link that does not work (the page says why; nothing is saved)."""

    status = 410
    code = "link_not_valid"


class LinkUnknown(LinkError):
    status = 404
    code = "link_unknown"
    default_message = gettext_lazy(
        "This link does not work. Check that you copied the whole link, or ask the coach for a "
        "new one."
    )


class LinkExpired(LinkError):
    code = "link_expired"
    default_message = gettext_lazy(
        "This link is no longer valid. Ask the coach for a new link if you still need it."
    )


class LinkRevoked(LinkError):
    code = "link_revoked"
    default_message = gettext_lazy(
        "The coach has replaced this link with a new one. Use the newest link you got."
    )


class TrialNotRunning(LinkError):
    code = "trial_not_running"
    default_message = gettext_lazy(
        "The work trial is not going on now, so there is nothing to fill in. Thank you!"
    )


# --- small helpers ---------------------------------------------------------------------------


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _signer() -> signing.Signer:
    return signing.Signer(salt=LINK_SALT, sep=".")


def _clean(text: Any, limit: int = TEXT_MAX) -> str:
    return str(text or "").strip()[:limit]


def _period(trial: Trial) -> tuple[dt.date | None, dt.date | None]:
    agreement = getattr(trial, "agreement", None)
    if agreement is None:
        return None, None
    return agreement.start_date, agreement.end_date


def _author(trial: Trial, by: Any, link: CheckInLink | None, author_role: str | None) -> str:
    """The author role of a write by `by` or through `link` (else PermissionDenied)."""
    if (by is None) == (link is None):
        raise PermissionDenied
    if link is not None:
        check_link(link, trial)
        return AuthorRole.WORKPLACE_MENTOR
    roles = viewer_roles(by, trial)
    if author_role is None:
        author_role = AuthorRole.WORKPLACE_MENTOR if WORKPLACE_MENTOR in roles else AuthorRole.COACH
    if author_role == AuthorRole.WORKPLACE_MENTOR and WORKPLACE_MENTOR in roles:
        return AuthorRole.WORKPLACE_MENTOR
    if author_role == AuthorRole.COACH and STAFF in roles:
        return AuthorRole.COACH
    raise PermissionDenied


def _author_name(by: Any, link: CheckInLink | None) -> str:
    if link is not None:
        return link.mentor_name or link.trial.workplace_mentor_name
    return str(by.get_full_name() or by.get_username())


def _require_writable(trial: Trial) -> None:
    if trial.state not in WRITABLE_STATES:
        raise ValidationFailed(
            _("This can be filled in only while the trial is going on."), code="not_running"
        )


def _touch(link: CheckInLink | None) -> None:
    if link is not None:
        CheckInLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())


# --- the link --------------------------------------------------------------------------------


def link_expiry(trial: Trial, days_valid: int | None = None) -> dt.datetime:
    """The end of the trial plus `LINK_GRACE` (end of that day), or `days_valid` from now."""
    now = timezone.now()
    _start, end = _period(trial)
    if days_valid is None and end is not None:
        last = dt.datetime.combine(end + LINK_GRACE, dt.time(23, 59, 59))
        expires = timezone.make_aware(last)
        if expires > now:
            return expires
    return now + dt.timedelta(days=days_valid or DEFAULT_LINK_DAYS)


@transaction.atomic
def create_link(
    trial: Trial, *, by: Any, mentor_name: str = "", days_valid: int | None = None
) -> tuple[CheckInLink, str]:
    """A new signed link for the workplace mentor (the previous one stops working). Returns
    the link and its token; the token is shown once and only its hash is kept."""
    if STAFF not in viewer_roles(by, trial):
        raise PermissionDenied
    if trial.state not in LINKABLE_STATES:
        raise ValidationFailed(
            _("A link can be made only for a trial that is agreed on or going on.")
        )
    if days_valid is not None and not 1 <= days_valid <= 365:
        raise ValidationFailed(errors={"days_valid": [_("Give 1–365 days.")]})
    name = _clean(mentor_name, 200) or trial.workplace_mentor_name
    if not name:
        raise ValidationFailed(errors={"mentor_name": [_("Write the workplace mentor's name.")]})
    now = timezone.now()
    CheckInLink.objects.filter(trial=trial, revoked_at__isnull=True).update(revoked_at=now)
    raw = secrets.token_urlsafe(24)
    link = CheckInLink.objects.create(
        trial=trial,
        token_hash=_hash(raw),
        mentor_name=name,
        created=now,
        created_by=by,
        expires=link_expiry(trial, days_valid),
    )
    log_event(by, AuditAction.CREATE, trial)
    log_after_commit(logger, "check-in link created id=%s trial=%s", link.pk, trial.pk)
    return link, _signer().sign(raw)


def revoke_link(link: CheckInLink, *, by: Any) -> None:
    """Stop a link from working (staff)."""
    if STAFF not in viewer_roles(by, link.trial):
        raise PermissionDenied
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        log_event(by, AuditAction.CHANGE, link.trial)


def active_link(trial: Trial) -> CheckInLink | None:
    """The trial's link that still works (not revoked, not expired), if any."""
    return (
        CheckInLink.objects.filter(trial=trial, revoked_at__isnull=True, expires__gt=timezone.now())
        .order_by("-created", "-id")
        .first()
    )


def check_link(link: CheckInLink, trial: Trial | None = None, *, certificate: bool = False) -> None:
    """Raise the `LinkError` that stops `link` now (for `trial`, when given). With
    `certificate`, the link also works for the certificate page while the trial is evaluated or
    has continued and its certificate is not issued yet (check-ins and the rest do not)."""
    if trial is not None and link.trial_id != trial.pk:
        raise LinkUnknown
    if link.revoked_at is not None:
        raise LinkRevoked
    if link.expires <= timezone.now():
        raise LinkExpired
    state = link.trial.state
    if state in WRITABLE_STATES:
        return
    if (
        certificate
        and state in CERTIFICATE_STATES
        and not Certificate.objects.filter(trial_id=link.trial_id, issued_at__isnull=False).exists()
    ):
        return
    raise TrialNotRunning


def resolve_link(token: str, *, certificate: bool = False) -> CheckInLink:
    """The working link of `token`, or the `LinkError` that says why not (`certificate`: for
    the certificate page, see `check_link`). A token whose signature does not hold is refused
    without asking the database."""
    if not token or len(token) > MAX_TOKEN:
        raise LinkUnknown
    try:
        raw = _signer().unsign(token)
    except signing.BadSignature:
        raise LinkUnknown from None
    link = (
        CheckInLink.objects.select_related("trial__participant", "trial__agreement")
        .filter(token_hash=_hash(raw))
        .first()
    )
    if link is None:
        raise LinkUnknown
    check_link(link, certificate=certificate)
    return link


def email_link(trial: Trial, url: str, *, by: Any) -> bool:
    """Send the link's address to the workplace mentor's e-mail on the trial (staff). True
    when the e-mail server took it. The address is never logged."""
    if STAFF not in viewer_roles(by, trial):
        raise PermissionDenied
    email = trial.workplace_mentor_email.strip()
    if not email:
        raise ValidationFailed(
            _("The trial has no e-mail address for the workplace mentor. Copy the link instead.")
        )
    language = trial.agreement.language if hasattr(trial, "agreement") else "fi"
    with translation.override(language or "fi"):
        subject = _("Weekly check-ins of a work trial")
        body = "\n\n".join(
            [
                _(
                    "Hello! You are the workplace mentor of a work trial. Once a week, tell us "
                    "in a minute how the week went. Open this link on your phone:"
                ),
                url,
                _("Keep the link to yourself. It works until the trial has ended."),
            ]
        )
    try:
        sent = send_mail(str(subject), body, None, [email], fail_silently=False) == 1
    except Exception as exc:  # the coach copies the link instead
        logger.warning("check-in link e-mail not sent: %s", type(exc).__name__)
        return False
    log_event(by, AuditAction.CHANGE, trial)
    return sent


# --- weeks -----------------------------------------------------------------------------------


def open_weeks(trial: Trial, today: dt.date | None = None) -> list[dt.date]:
    """The Mondays of the weeks a check-in may be written for now, newest first: the agreed
    period's weeks up to this week while the trial runs; its last week while it is evaluated."""
    today = today or timezone.localdate()
    start, end = _period(trial)
    if start is None or end is None or trial.state not in WRITABLE_STATES:
        return []
    last = monday_of(min(end, today))
    first = monday_of(start)
    if last < first:
        return []
    if trial.state == TrialState.EVALUATE:
        return [last]
    weeks, week = [], last
    while week >= first:
        weeks.append(week)
        week -= dt.timedelta(days=7)
    return weeks


def current_week(trial: Trial, today: dt.date | None = None) -> dt.date | None:
    """The week a new check-in is for: the newest open week."""
    weeks = open_weeks(trial, today)
    return weeks[0] if weeks else None


# --- check-ins -------------------------------------------------------------------------------


def submit_checkin(
    trial: Trial,
    *,
    week_start: dt.date | None,
    mood: str,
    learnt: str = "",
    concern: str = "",
    wants_coach_contact: bool = False,
    by: Any = None,
    link: CheckInLink | None = None,
) -> CheckIn:
    """The workplace mentor's check-in of one week (logged in as the trial's workplace mentor,
    or through the trial's link). A week already written, a week outside the period or ahead,
    or a trial that is not going on: `ValidationFailed`, nothing saved. A concern or a request
    to talk is e-mailed to the coach."""
    if _author(trial, by, link, AuthorRole.WORKPLACE_MENTOR) != AuthorRole.WORKPLACE_MENTOR:
        raise PermissionDenied
    _require_writable(trial)
    errors: dict[str, list[str]] = {}
    if mood not in CheckInMood.values:
        errors["mood"] = [_("Choose how the week went.")]
    week = monday_of(week_start) if isinstance(week_start, dt.date) else None
    if week is None or week not in open_weeks(trial):
        errors["week_start"] = [_("Choose a week of the trial, this week or before.")]
    if errors or week is None:
        raise ValidationFailed(errors=errors)
    if CheckIn.objects.filter(trial=trial, week_start=week).exists():
        raise _week_used()
    try:
        with transaction.atomic():
            checkin = CheckIn.objects.create(
                trial=trial,
                week_start=week,
                mood=mood,
                learnt=_clean(learnt),
                concern=_clean(concern),
                wants_coach_contact=bool(wants_coach_contact),
                author_name=_author_name(by, link)[:200],
                by=by,
                link=link,
            )
    except IntegrityError:
        raise _week_used() from None
    _touch(link)
    log_event(by, AuditAction.CREATE, trial)
    if checkin.wants_coach_contact or checkin.concern:
        _tell_coach(trial, checkin)
    return checkin


def _week_used() -> ValidationFailed:
    return ValidationFailed(
        errors={"week_start": [_("This week's check-in has already been done. Thank you!")]},
        code="week_used",
    )


def _tell_coach(trial: Trial, checkin: CheckIn) -> None:
    """E-mail the trial's coach that the workplace mentor asked to talk or wrote a concern
    (the trial's number only; the text is read in Kohtaanto)."""
    coach = trial.coach
    if coach is None or not coach.email:
        return
    with translation.override(getattr(coach, "preferred_language", "") or "fi"):
        subject = (
            _("A workplace mentor would like to talk with you")
            if checkin.wants_coach_contact
            else _("A workplace mentor wrote a concern")
        )
        body = _(
            "The workplace mentor of work trial number %(id)s wrote a weekly check-in that "
            "needs your attention. Log in to Kohtaanto and open the trial to read it."
        ) % {"id": trial.pk}
    send_mail(str(subject), body, None, [coach.email], fail_silently=True)


def needs_attention(checkin: CheckIn) -> bool:
    return bool(checkin.wants_coach_contact or checkin.concern or checkin.mood == CheckInMood.HARD)


def mark_checkins_seen(trial: Trial, *, by: Any) -> int:
    """Staff mark the trial's unseen check-ins seen; returns how many."""
    if STAFF not in viewer_roles(by, trial):
        raise PermissionDenied
    count = CheckIn.objects.filter(trial=trial, seen_by_coach__isnull=True).update(
        seen_by_coach=timezone.now()
    )
    if count:
        log_event(by, AuditAction.CHANGE, trial)
    return count


# --- assessments -----------------------------------------------------------------------------


def item_key(kind: str, pk: int) -> str:
    """The key of an assessment item: "goal-<id>" or "requirement-<id>"."""
    return f"{kind}-{pk}"


def submit_assessment(
    trial: Trial,
    kind: str,
    *,
    items: Iterable[tuple[str, str, str]],
    summary: str = "",
    by: Any = None,
    link: CheckInLink | None = None,
    author_role: str | None = None,
) -> Assessment:
    """The mid-point or final assessment of one author (the workplace mentor or the coach):
    a rating and a comment for every goal and every skill requirement of the trial. `items` are
    (key, rating, comment) with keys from `item_key`. Once per kind and author."""
    role = _author(trial, by, link, author_role)
    if kind not in AssessmentKind.values:
        raise ValidationFailed(_("Unknown assessment."))
    _require_writable(trial)
    if kind == AssessmentKind.MIDPOINT and trial.state != TrialState.RUN:
        raise ValidationFailed(
            _("The mid-point assessment is done while the trial is going on."), code="not_running"
        )
    if Assessment.objects.filter(trial=trial, kind=kind, author_role=role).exists():
        raise ValidationFailed(_("This assessment has already been done."), code="already_done")
    wanted = {
        item_key(GOAL_KEY, pk): ("goal", pk) for pk in trial.goals.values_list("pk", flat=True)
    }
    wanted.update(
        {
            item_key(REQUIREMENT_KEY, pk): ("requirement", pk)
            for pk in trial.requirements.values_list("pk", flat=True)
        }
    )
    given: dict[str, tuple[str, str]] = {}
    errors: dict[str, list[str]] = {}
    for key, rating, comment in items:
        if key not in wanted:
            errors[""] = [_("The assessment has something that is not in this trial.")]
        elif rating not in Rating.values:
            errors[key] = [_("Choose one.")]
        else:
            given[key] = (rating, _clean(comment, 1000))
    for key in wanted.keys() - given.keys():
        errors.setdefault(key, [_("Choose one.")])
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                trial=trial,
                kind=kind,
                summary=_clean(summary, 4000),
                author_role=role,
                author_name=_author_name(by, link)[:200],
                by=by,
                link=link,
            )
            AssessmentItem.objects.bulk_create(
                AssessmentItem(
                    assessment=assessment,
                    goal_id=pk if what == "goal" else None,
                    requirement_id=pk if what == "requirement" else None,
                    rating=given[key][0],
                    comment=given[key][1],
                )
                for key, (what, pk) in wanted.items()
            )
    except IntegrityError:
        raise ValidationFailed(
            _("This assessment has already been done."), code="already_done"
        ) from None
    _touch(link)
    log_event(by, AuditAction.CREATE, trial)
    return assessment


# --- evidence --------------------------------------------------------------------------------


def mark_evidence(
    trial_requirement: TrialRequirement,
    *,
    shown_on: dt.date | None,
    text: str,
    by: Any = None,
    link: CheckInLink | None = None,
    author_role: str | None = None,
) -> Evidence:
    """Mark a skill requirement shown: on which day and how (the workplace mentor, logged in
    or by link, or the coach). A day outside the trial or ahead is refused."""
    trial = trial_requirement.trial
    role = _author(trial, by, link, author_role)
    _require_writable(trial)
    errors: dict[str, list[str]] = {}
    start, end = _period(trial)
    today = timezone.localdate()
    if not isinstance(shown_on, dt.date):
        errors["shown_on"] = [_("Give the day.")]
    elif shown_on > today:
        errors["shown_on"] = [_("The day cannot be in the future.")]
    elif (start and shown_on < start) or (end and shown_on > end):
        errors["shown_on"] = [_("The day must be during the trial.")]
    text = _clean(text)
    if not text:
        errors["text"] = [_("Write in a few words how it was shown.")]
    if errors or not isinstance(shown_on, dt.date):
        raise ValidationFailed(errors=errors)
    evidence = Evidence.objects.create(
        trial_requirement=trial_requirement,
        shown_on=shown_on,
        text=text,
        author_role=role,
        author_name=_author_name(by, link)[:200],
        by=by,
        link=link,
    )
    _touch(link)
    log_event(by, AuditAction.CREATE, trial)
    return evidence


# --- the work community ----------------------------------------------------------------------


def set_community_sharing(trial: Trial, share: bool, *, by: Any) -> None:
    """The participant's choice: may the work community be told their first name and who
    their workplace mentor is."""
    if PARTICIPANT not in viewer_roles(by, trial):
        raise PermissionDenied
    share = bool(share)
    if trial.share_with_community != share:
        trial.share_with_community = share
        trial.save(update_fields=["share_with_community", "updated"])
        log_event(by, AuditAction.CHANGE, trial)
