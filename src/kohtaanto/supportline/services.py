"""The one write path of the support line: lines and volunteers, shifts (single or
recurring), sign-ups and swaps, the anonymous contact log and call-back requests.

Every function checks its input first and writes in one transaction: a refused request
(`ValidationFailed` with translated messages) saves nothing. Writes are audited with ids only;
a call-back's phone number never goes to a log or the audit trail.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import Organisation, User
from kohtaanto.supportline import access
from kohtaanto.supportline.enums import (
    COVERING,
    CallerGroup,
    ContactChannel,
    FollowUp,
    Referral,
    SignupStatus,
    Topic,
)
from kohtaanto.supportline.models import (
    CALLBACK_KEEP_DAYS,
    CallbackRequest,
    Line,
    LineVolunteer,
    Shift,
    ShiftSignup,
    SupportContact,
)
from kohtaanto.supportline.regions import region_codes

logger = logging.getLogger(__name__)

MAX_SHIFT_HOURS = 12
MAX_NEEDED = 20
MIN_DURATION, MAX_DURATION = 1, 600
RECURRING_DAYS = 31
"""A recurring shift is repeated for at most this many days (about a month)."""


class Repeat:
    NONE = "none"
    WEEKLY = "weekly"
    WEEKDAYS = "weekdays"
    CHOICES = (NONE, WEEKLY, WEEKDAYS)


def _fail(field: str, message: Any) -> ValidationFailed:
    return ValidationFailed(errors={field: [message]})


# --- lines and volunteers ------------------------------------------------------------------


def create_line(
    organisation: Organisation,
    *,
    name: str,
    regions: Sequence[str] = (),
    description: str = "",
    by: Any = None,
) -> Line:
    if not name.strip():
        raise _fail("name", _("Give the line a name."))
    unknown = [code for code in regions if code not in region_codes()]
    if unknown:
        raise _fail("regions", _("Choose regions from the list."))
    with transaction.atomic():
        line = Line.objects.create(
            organisation=organisation,
            name=name.strip(),
            regions=sorted(set(regions)),
            description=description.strip(),
        )
        log_event(by, AuditAction.CREATE, line)
    return line


def check_can_volunteer(line: Line, user: User) -> None:
    """Only a peer mentor (`Role.MENTOR`) of the line's organisation answers the line."""
    if Role.MENTOR not in roles_of(user, line.organisation_id):
        raise _fail(
            "user", _("Only a volunteer (peer mentor) of the organisation can answer the line.")
        )


def add_volunteer(
    line: Line,
    user: User,
    *,
    trained_on: dt.date | None = None,
    phone: str = "",
    by: Any = None,
) -> LineVolunteer:
    """Make `user` (a peer mentor of the line's organisation) a volunteer of `line`, or
    activate them again."""
    check_can_volunteer(line, user)
    with transaction.atomic():
        volunteer, created = LineVolunteer.objects.get_or_create(
            line=line, user=user, defaults={"trained_on": trained_on, "phone": phone.strip()}
        )
        if not created:
            volunteer.active = True
            volunteer.trained_on = trained_on or volunteer.trained_on
            volunteer.phone = phone.strip() or volunteer.phone
            volunteer.save()
        log_event(
            by,
            AuditAction.CREATE if created else AuditAction.CHANGE,
            volunteer,
            organisation=line.organisation,
        )
    return volunteer


def update_line(
    line: Line,
    *,
    by: Any = None,
    name: str | None = None,
    regions: Sequence[str] | None = None,
    description: str | None = None,
) -> Line:
    if name is not None and not name.strip():
        raise _fail("name", _("Give the line a name."))
    if regions is not None and any(code not in region_codes() for code in regions):
        raise _fail("regions", _("Choose regions from the list."))
    with transaction.atomic():
        if name is not None:
            line.name = name.strip()
        if regions is not None:
            line.regions = sorted(set(regions))
        if description is not None:
            line.description = description.strip()
        line.save()
        log_event(by, AuditAction.CHANGE, line)
    return line


def update_volunteer(
    volunteer: LineVolunteer,
    *,
    by: Any = None,
    trained_on: dt.date | None = None,
    phone: str | None = None,
    active: bool | None = None,
) -> LineVolunteer:
    """Change a volunteer's training date, reminder phone, or take them off the line
    (`active=False`: they no longer see the line; their sign-ups stay for the coordinator)."""
    with transaction.atomic():
        if trained_on is not None:
            volunteer.trained_on = trained_on
        if phone is not None:
            volunteer.phone = phone.strip()
        if active is not None:
            volunteer.active = active
        volunteer.save()
        log_event(by, AuditAction.CHANGE, volunteer, organisation=volunteer.line.organisation)
    return volunteer


# --- shifts ----------------------------------------------------------------------------------


def _check_shift(starts: dt.datetime, ends: dt.datetime, needed: int, region: str) -> None:
    errors: dict[str, list[Any]] = {}
    if ends <= starts:
        errors["ends"] = [_("The shift must end after it starts.")]
    elif ends - starts > dt.timedelta(hours=MAX_SHIFT_HOURS):
        errors["ends"] = [_("A shift can be at most 12 hours long.")]
    if not 1 <= needed <= MAX_NEEDED:
        errors["needed"] = [_("A shift needs from 1 to 20 volunteers.")]
    if region and region not in region_codes():
        errors["region"] = [_("Choose a region from the list.")]
    if errors:
        raise ValidationFailed(errors=errors)


def _days(first: dt.date, repeat: str, until: dt.date | None) -> list[dt.date]:
    if repeat not in Repeat.CHOICES:
        raise _fail("repeat", _("Choose how the shift repeats."))
    if repeat == Repeat.NONE:
        return [first]
    if until is None or until < first:
        raise _fail("until", _("Give the last day of the repeat, on or after the first day."))
    if (until - first).days > RECURRING_DAYS:
        raise _fail("until", _("Shifts can be repeated for at most a month at a time."))
    days = []
    day = first
    while day <= until:
        weekly = repeat == Repeat.WEEKLY and day.weekday() == first.weekday()
        if weekly or (repeat == Repeat.WEEKDAYS and day.weekday() < 5):
            days.append(day)
        day += dt.timedelta(days=1)
    if not days:
        raise _fail("until", _("No weekday falls between these days."))
    return days


def create_shifts(
    line: Line,
    *,
    day: dt.date,
    start: dt.time,
    end: dt.time,
    needed: int = 2,
    region: str = "",
    remote: bool = True,
    repeat: str = Repeat.NONE,
    until: dt.date | None = None,
    by: Any = None,
) -> list[Shift]:
    """One shift on `day` from `start` to `end` (local time; an end at or before the start is
    on the next day), or the same on every weekday / every week until `until` (at most a
    month). All or none are created."""
    tz = timezone.get_current_timezone()
    days = _days(day, repeat, until)
    planned = []
    for date in days:
        starts = dt.datetime.combine(date, start, tzinfo=tz)
        ends = dt.datetime.combine(date, end, tzinfo=tz)
        if ends <= starts:
            ends += dt.timedelta(days=1)
        _check_shift(starts, ends, needed, region)
        planned.append((starts, ends))
    if planned[0][0] < timezone.now() - dt.timedelta(hours=1):
        raise _fail("day", _("A shift cannot start in the past."))
    with transaction.atomic():
        shifts = []
        for starts, ends in planned:
            shift = Shift.objects.create(
                line=line,
                starts=starts,
                ends=ends,
                needed=needed,
                region=region,
                remote=remote,
                created_by=by if getattr(by, "is_authenticated", False) else None,
            )
            log_event(by, AuditAction.CREATE, shift, organisation=line.organisation)
            shifts.append(shift)
    return shifts


def record_past_shift(
    line: Line,
    *,
    starts: dt.datetime,
    ends: dt.datetime,
    volunteers: Sequence[User],
    needed: int = 2,
    region: str = "",
    remote: bool = True,
    by: Any = None,
) -> Shift:
    """A shift that has already been held, with the volunteers who answered it: the line's
    history when it starts using Kohtaanto (and the demo's past weeks). Sign-ups and new
    shifts through the calendar are for the future only; this is the one way to write a past
    shift. Refused for a shift not over yet, more volunteers than needed, or someone who is
    not the line's volunteer."""
    _check_shift(starts, ends, needed, region)
    if ends > timezone.now():
        raise _fail("ends", _("A past shift must be over."))
    if len(volunteers) > needed or len({user.pk for user in volunteers}) < len(volunteers):
        raise _fail("", _("A shift has at most as many volunteers as it needs, each once."))
    with transaction.atomic():
        shift = Shift.objects.create(
            line=line,
            starts=starts,
            ends=ends,
            needed=needed,
            region=region,
            remote=remote,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        log_event(by, AuditAction.CREATE, shift, organisation=line.organisation)
        for user in volunteers:
            _require_volunteer(shift, user)
            signup = ShiftSignup.objects.create(shift=shift, user=user)
            log_event(by, AuditAction.CREATE, signup, organisation=line.organisation)
    return shift


def covering(shift: Shift) -> int:
    return shift.signups.filter(status__in=COVERING).count()


def _lock(shift: Shift) -> Shift:
    return (
        Shift.objects.select_for_update()
        .select_related("line", "line__organisation")
        .get(pk=shift.pk)
    )


def _own_signup(shift: Shift, user: User) -> ShiftSignup | None:
    return shift.signups.filter(user=user, status__in=COVERING).first()


def _require_volunteer(shift: Shift, user: User) -> None:
    if not access.is_volunteer(user, shift.line):
        raise _fail("", _("Only the line's volunteers can sign up for shifts."))


def sign_up(shift: Shift, user: User) -> ShiftSignup:
    """Sign `user` up for `shift`. Refused when the shift is over, full, or they are on it."""
    with transaction.atomic():
        shift = _lock(shift)
        _require_volunteer(shift, user)
        if shift.ends <= timezone.now():
            raise _fail("", _("This shift is over."))
        if _own_signup(shift, user) is not None:
            raise _fail("", _("You are already signed up for this shift."))
        if covering(shift) >= shift.needed:
            raise _fail("", _("This shift is full. Choose another shift."))
        signup = ShiftSignup.objects.create(shift=shift, user=user)
        log_event(user, AuditAction.CREATE, signup, organisation=shift.line.organisation)
    return signup


def cancel_signup(shift: Shift, user: User) -> ShiftSignup:
    """Take `user` off `shift` (also an offered swap nobody took)."""
    with transaction.atomic():
        shift = _lock(shift)
        signup = _own_signup(shift, user)
        if signup is None:
            raise _fail("", _("You are not signed up for this shift."))
        if shift.starts <= timezone.now():
            raise _fail("", _("The shift has started. Ask the coordinator."))
        signup.status = SignupStatus.CANCELLED
        signup.save(update_fields=["status", "updated"])
        log_event(user, AuditAction.CHANGE, signup, organisation=shift.line.organisation)
    return signup


def offer_swap(shift: Shift, user: User) -> ShiftSignup:
    """Offer `user`'s place on `shift` to another volunteer. They stay on the shift (it stays
    covered) until someone takes it."""
    with transaction.atomic():
        shift = _lock(shift)
        signup = shift.signups.filter(user=user, status=SignupStatus.SIGNED_UP).first()
        if signup is None:
            raise _fail("", _("You are not signed up for this shift."))
        if shift.starts <= timezone.now():
            raise _fail("", _("The shift has started. Ask the coordinator."))
        signup.status = SignupStatus.SWAP_OFFERED
        signup.save(update_fields=["status", "updated"])
        log_event(user, AuditAction.CHANGE, signup, organisation=shift.line.organisation)
    return signup


def take_swap(shift: Shift, user: User) -> ShiftSignup:
    """`user` takes over the earliest offered place on `shift`: the one who offered it is off
    the shift, `user` is on it, in one step (the shift never loses its cover)."""
    with transaction.atomic():
        shift = _lock(shift)
        _require_volunteer(shift, user)
        if shift.starts <= timezone.now():
            raise _fail("", _("The shift has started. Ask the coordinator."))
        if _own_signup(shift, user) is not None:
            raise _fail("", _("You are already signed up for this shift."))
        offered = (
            shift.signups.filter(status=SignupStatus.SWAP_OFFERED)
            .exclude(user=user)
            .order_by("updated", "id")
            .first()
        )
        if offered is None:
            raise _fail("", _("Nobody offers a swap on this shift any more."))
        offered.status = SignupStatus.CANCELLED
        offered.swapped_to = user
        offered.save(update_fields=["status", "swapped_to", "updated"])
        signup = ShiftSignup.objects.create(shift=shift, user=user)
        log_event(user, AuditAction.CHANGE, offered, organisation=shift.line.organisation)
        log_event(user, AuditAction.CREATE, signup, organisation=shift.line.organisation)
    return signup


# --- the anonymous contact log -----------------------------------------------------------


def _codes(values: Iterable[str], allowed: type[Any]) -> list[str] | None:
    """The codes in `values` in the enum's order, or None when one is unknown."""
    chosen = set(values)
    known = [str(choice.value) for choice in allowed]
    if not chosen <= set(known):
        return None
    return [code for code in known if code in chosen]


_PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
_FIRST_NAME = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*(?: [^\W\d_]+(?:[-'’][^\W\d_]+)*)?$")
"""One or two words of letters (hyphens and apostrophes inside a word): a first name, no more."""
FIRST_NAME_MAX = 30


def log_contact(
    line: Line,
    *,
    by: User,
    channel: str,
    duration_minutes: int,
    topics: Iterable[str],
    started_at: dt.datetime | None = None,
    region: str = "",
    caller_group: str = "",
    referred_to: Iterable[str] = (),
    follow_up: str = FollowUp.NONE,
    callback_phone: str = "",
    callback_name: str = "",
) -> SupportContact:
    """Record one answered contact, anonymously. A call-back request (a phone number and an
    optional first name: one or two words, at most `FIRST_NAME_MAX` characters, nothing else)
    is stored apart, only when the caller asked to be called back."""
    errors: dict[str, list[Any]] = {}
    if channel not in ContactChannel.values:
        errors["channel"] = [_("Choose how the person contacted the line.")]
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        errors["duration_minutes"] = [_("The duration is from 1 to 600 minutes.")]
    topic_codes = _codes(topics, Topic)
    if not topic_codes:
        errors["topics"] = [_("Choose at least one topic.")]
    referral_codes = _codes(referred_to, Referral)
    if referral_codes is None:
        errors["referred_to"] = [_("Choose referrals from the list.")]
    if caller_group and caller_group not in CallerGroup.values:
        errors["caller_group"] = [_("Choose who contacted from the list.")]
    if region and region not in region_codes():
        errors["region"] = [_("Choose a region from the list.")]
    if follow_up not in FollowUp.values:
        errors["follow_up"] = [_("Choose whether the person wants follow-up.")]
    phone = callback_phone.strip()
    name = " ".join(callback_name.split())
    if follow_up == FollowUp.CALLBACK:
        if not phone:
            errors["callback_phone"] = [_("Write the phone number to call back.")]
        elif not _PHONE.match(phone):
            errors["callback_phone"] = [_("Write the phone number in digits, e.g. 040 123 4567.")]
        if name and (len(name) > FIRST_NAME_MAX or not _FIRST_NAME.match(name)):
            errors["callback_name"] = [
                _("Write only a first name (one or two words, at most 30 letters), or nothing.")
            ]
    now = timezone.now()
    started = started_at or now - dt.timedelta(minutes=max(duration_minutes, 0))
    if started > now + dt.timedelta(minutes=5):
        errors["started_at"] = [_("The contact cannot be in the future.")]
    if errors:
        raise ValidationFailed(errors=errors)
    if not (access.is_volunteer(by, line) or access.is_coordinator(by, line)):
        raise _fail("", _("Only the line's volunteers and coordinators can log contacts."))
    with transaction.atomic():
        contact = SupportContact.objects.create(
            line=line,
            started_at=started,
            duration_minutes=duration_minutes,
            channel=channel,
            topics=topic_codes,
            region=region,
            caller_group=caller_group,
            referred_to=referral_codes or [],
            follow_up_requested=follow_up != FollowUp.NONE,
            logged_by=by,
        )
        log_event(by, AuditAction.CREATE, contact, organisation=line.organisation)
        if follow_up == FollowUp.CALLBACK:
            callback = CallbackRequest.objects.create(contact=contact, phone=phone, name=name)
            log_event(by, AuditAction.CREATE, callback, organisation=line.organisation)
    log_after_commit(logger, "support contact logged id=%s line=%s", contact.pk, line.pk)
    return contact


def complete_callback(callback: CallbackRequest, *, by: User) -> None:
    """The caller was called back: the request (their number) is deleted; the contact keeps
    only the time it was done."""
    with transaction.atomic():
        contact = callback.contact
        contact.callback_done_at = timezone.now()
        contact.save(update_fields=["callback_done_at"])
        log_event(by, AuditAction.DELETE, callback, organisation=contact.line.organisation)
        callback.delete()


def delete_expired_callbacks(now: dt.datetime | None = None) -> int:
    """Delete call-back requests older than `CALLBACK_KEEP_DAYS` (never called back: the
    number is not kept longer). Returns how many."""
    now = now or timezone.now()
    old = CallbackRequest.objects.filter(created__lt=now - dt.timedelta(days=CALLBACK_KEEP_DAYS))
    count = old.count()
    if count:
        old.delete()
        log_after_commit(logger, "expired call-back requests deleted count=%s", count)
    return count
