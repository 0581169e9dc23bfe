"""Reminders (of group sessions, support-line shifts, …) by e-mail and text message.

Areas above `people` register a *source* (usually in their `AppConfig.ready()`):

    from kohtaanto.people.reminders import Reminder, register_source

    def session_reminders(now: datetime) -> Iterable[Reminder]:
        ...  # the reminders due at `now` (e.g. sessions starting within 24 h)

    register_source(session_reminders)

A source returns every reminder that is due at `now`, also those already sent: `send_due`
sends each `Reminder.key` once (the `SentReminder` log), so a source needs no state of its own
and running twice sends nothing new. A reminder that could not be sent on any channel (the
e-mail server or the SMS backend failed) is not logged, so the next run tries again while the
source still returns it.

Channels and opt-out: e-mail goes to the person's address (the user account's, else the
participant record's), a text message through `kohtaanto.core.sms.send_sms` (the same
pluggable backend as invitations) to the participant record's phone number or the phone the
source gives (`Reminder.phone`, e.g. a volunteer's). `ReminderOptOut` turns a channel off per
person: a user through their account (`/my/reminders/`), a participant without an account
through their record. The text is made in `Reminder.language`: `send_due` reads `subject`
and `text` inside `translation.override(language)`, so a source may also give lazy strings.

Running: the task `kohtaanto.people.tasks.send_due_reminders`, queued by
`kohtaanto reminders send` (a cron job or systemd timer every 15 minutes; see the README).
Logs carry counts and ids only, never an address, a number or a text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from kohtaanto.core.models import User
from kohtaanto.core.sms import SmsNotSent, send_sms
from kohtaanto.people.models import Participant, ReminderOptOut, SentReminder

logger = logging.getLogger(__name__)

EMAIL = "email"
SMS = "sms"


@dataclass(frozen=True)
class Reminder:
    """One message to one person. `key` is unique and stable (ids only), e.g.
    "session:12:user:5": the same reminder computed twice has the same key."""

    key: str
    user: User | None
    participant: Participant | None
    subject: Any  # str, or a lazy string read in `language`
    text: Any
    language: str
    phone: str = ""
    """A phone number the person gave for this (a volunteer's); else the participant record's."""


Source = Callable[[datetime], Iterable[Reminder]]
_SOURCES: list[Source] = []


def register_source(fn: Source) -> Source:
    """Add a source of reminders (once; usable as a decorator)."""
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def sources() -> list[Source]:
    return list(_SOURCES)


def language_of(user: User | None = None, participant: Participant | None = None) -> str:
    """The language a person reads: the participant record's service language, else the
    account's preferred language, else Finnish."""
    if participant is not None and participant.preferred_language:
        return str(participant.preferred_language)
    if user is not None and user.preferred_language:
        return str(user.preferred_language)
    return "fi"


def due_reminders(now: datetime) -> list[Reminder]:
    """Every reminder the sources give for `now` (the first of each key). A source that fails
    is skipped (logged with the kind of its error only); the others still run."""
    seen: set[str] = set()
    due: list[Reminder] = []
    for source in sources():
        try:
            items = list(source(now))
        except Exception as exc:
            logger.error(
                "reminder source failed source=%s error=%s",
                getattr(source, "__qualname__", "?"),
                type(exc).__name__,
            )
            continue
        for reminder in items:
            if reminder.key not in seen:
                seen.add(reminder.key)
                due.append(reminder)
    return due


# --- opt-out ---------------------------------------------------------------------------------


def _chooser(
    user: User | None, participant: Participant | None
) -> tuple[User | None, Participant | None]:
    """Whose choice counts: the account when there is one, else the participant record."""
    if user is None and participant is not None and participant.user_id is not None:
        user = participant.user
    if user is not None:
        return user, None
    return None, participant


def opt_out_of(user: User | None = None, participant: Participant | None = None) -> ReminderOptOut:
    """The person's current choice (an unsaved all-on row when they have made none)."""
    owner, record = _chooser(user, participant)
    if owner is not None:
        found = ReminderOptOut.objects.filter(user=owner).first()
        return found or ReminderOptOut(user=owner)
    if record is not None:
        found = ReminderOptOut.objects.filter(participant=record).first()
        return found or ReminderOptOut(participant=record)
    return ReminderOptOut()


def set_opt_out(
    *,
    user: User | None = None,
    participant: Participant | None = None,
    email: bool,
    sms: bool,
) -> ReminderOptOut:
    """Record whether the person gets reminders by e-mail (`email`) and by text message
    (`sms`). The one write path of `ReminderOptOut` (the page `/my/reminders/` for a user;
    staff tools for a participant without an account)."""
    owner, record = _chooser(user, participant)
    if owner is None and record is None:
        raise ValueError("a user or a participant is needed")
    with transaction.atomic():
        lookup: dict[str, Any] = {"user": owner} if owner is not None else {"participant": record}
        choice, _created = ReminderOptOut.objects.select_for_update().get_or_create(
            **lookup, defaults={"no_email": not email, "no_sms": not sms}
        )
        if choice.no_email != (not email) or choice.no_sms != (not sms):
            choice.no_email, choice.no_sms = not email, not sms
            choice.save(update_fields=["no_email", "no_sms", "updated"])
    return choice


# --- sending ---------------------------------------------------------------------------------


def _email_of(reminder: Reminder) -> str:
    if reminder.user is not None and (reminder.user.email or "").strip():
        return reminder.user.email.strip()
    if reminder.participant is not None:
        return (reminder.participant.email or "").strip()
    return ""


def _phone_of(reminder: Reminder) -> str:
    if reminder.phone.strip():
        return reminder.phone.strip()
    participant = reminder.participant
    if participant is None and reminder.user is not None:
        participant = Participant.objects.filter(user=reminder.user).first()
    return (participant.phone or "").strip() if participant is not None else ""


def _send_one(reminder: Reminder) -> tuple[list[str], int, bool]:
    """Send `reminder` on the channels the person has on. Returns the channels that went out,
    how many channels were off by the person's choice, and whether any channel failed."""
    choice = opt_out_of(reminder.user, reminder.participant)
    sent: list[str] = []
    opted_out = 0
    failed = False
    with translation.override(reminder.language or "fi"):
        subject = str(reminder.subject)
        text = str(reminder.text)
    email = _email_of(reminder)
    if choice.no_email:
        opted_out += 1
    elif email:
        try:
            if send_mail(subject, text, None, [email], fail_silently=False) == 1:
                sent.append(EMAIL)
            else:
                failed = True
        except Exception as exc:  # SMTP, socket, backend: all mean "not sent"
            logger.warning("reminder e-mail not sent: %s", type(exc).__name__)
            failed = True
    phone = _phone_of(reminder)
    if choice.no_sms:
        opted_out += 1
    elif phone:
        try:
            send_sms(phone, text)
            sent.append(SMS)
        except SmsNotSent:
            failed = True
    return sent, opted_out, failed


def send_due(now: datetime) -> dict[str, int]:
    """Send every due reminder not sent before. Returns counts (no personal data): `due`,
    `already_sent`, `sent` (reminders that went out on some channel), `email`, `sms`,
    `opted_out` (channels turned off by the person), `nothing_to_send` (no channel on, or no
    address), `failed` (not sent now; tried again on the next run)."""
    counts = dict.fromkeys(
        ("due", "already_sent", "sent", "email", "sms", "opted_out", "nothing_to_send", "failed"),
        0,
    )
    for reminder in due_reminders(now):
        counts["due"] += 1
        key = reminder.key[:200]
        if SentReminder.objects.filter(key=key).exists():
            counts["already_sent"] += 1
            continue
        try:
            # Claim the key first: two runs at once cannot both send it.
            with transaction.atomic():
                log = SentReminder.objects.create(key=key, sent_at=now)
        except IntegrityError:
            counts["already_sent"] += 1
            continue
        sent, opted_out, failed = _send_one(reminder)
        counts["opted_out"] += opted_out
        if sent:
            counts["sent"] += 1
            counts["email"] += EMAIL in sent
            counts["sms"] += SMS in sent
            SentReminder.objects.filter(pk=log.pk).update(channels=",".join(sent))
        elif failed:
            counts["failed"] += 1
            SentReminder.objects.filter(pk=log.pk).delete()  # try again on the next run
        else:
            counts["nothing_to_send"] += 1
    logger.info(
        "reminders due=%(due)s sent=%(sent)s email=%(email)s sms=%(sms)s "
        "already_sent=%(already_sent)s opted_out=%(opted_out)s failed=%(failed)s",
        counts,
    )
    return counts
