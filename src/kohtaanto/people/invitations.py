"""Invitations: how a participant the coach added gets their own account (the one write path).

A coach or coordinator invites a participant by e-mail, by text message (`core.sms`) or with a
printed letter that carries a QR code of the link and a short one-time code for people without
e-mail. Rules:

- The link's token (and the letter's code) is random and stored only as a keyed hash
  (`salted_hmac` with the site's secret key); the plain values exist once, in the message or on
  the letter, and never go into logs or the audit trail (ids only).
- An invitation works once, for `settings.KOHTAANTO_INVITATION_DAYS` days (default 14), and only
  while it is the latest: sending a new one revokes the earlier ones.
- Sending happens inside the transaction: if the e-mail or SMS backend fails, nothing is
  recorded (the earlier invitation stays valid) and `InvitationNotSent` is raised.
- Accepting sets a password (Django's password validators) and creates the user with the
  participant membership (`core.services.add_membership`), linked as `Participant.user`. If the
  invited e-mail already belongs to a user, that account is linked after the person has logged
  in with it (`accept_with_existing_user`), never duplicated.
- A person whose link no longer works can ask for a new one (`request_new_link`,
  `request_new_link_by_contact`): a new link goes through the same channel, or the coaches are
  told for a letter. The answer never reveals whether an account or a person exists.
"""

from __future__ import annotations

import logging
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Role
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.core.logs import log_after_commit
from kohtaanto.core.models import User
from kohtaanto.core.services import add_membership, create_user
from kohtaanto.core.sms import SmsNotSent, send_sms
from kohtaanto.people.enums import InvitationChannel
from kohtaanto.people.models import Invitation, Participant

logger = logging.getLogger(__name__)

LinkFor = Callable[[str], str]
"""Turns a token into the absolute link the person opens (given by the page)."""

CODE_ALPHABET = "ACDEFHJKLMNPRTUVWXY3479"  # no look-alikes: 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B
CODE_LENGTH = 8
RESEND_PAUSE = timedelta(minutes=10)
"""A person's own request makes at most one new invitation in this time."""
_HMAC_SALT = "kohtaanto.people.invitations"


class InvitationNotSent(KohtaantoError):
    """The e-mail or text message could not be sent; nothing was recorded."""

    status = 503
    code = "invitation_not_sent"
    default_message = _("The message was not sent. Nothing was changed. Try again later.")


class Problem(StrEnum):
    """Why a link or code does not work (the page explains each in plain words)."""

    UNKNOWN = "unknown"  # no such link: mistyped, cut or tampered with
    EXPIRED = "expired"
    USED = "used"
    REPLACED = "replaced"  # a newer invitation was sent
    HAS_ACCOUNT = "has_account"  # the person got an account another way meanwhile


class AccountState(StrEnum):
    NONE = "none"
    INVITED = "invited"
    EXPIRED = "expired"
    HAS_ACCOUNT = "has_account"


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation and its plain secrets (only in memory, for the message or letter)."""

    invitation: Invitation
    link: str
    code: str = ""

    @property
    def code_display(self) -> str:
        return format_code(self.code)


@dataclass(frozen=True)
class AccountStatus:
    state: AccountState
    invitation: Invitation | None = None


def _hash(value: str) -> str:
    return salted_hmac(_HMAC_SALT, value, algorithm="sha256").hexdigest()


def normalise_code(code: str) -> str:
    """What the person typed, as stored: capitals, no spaces or dashes."""
    return re.sub(r"[^0-9A-Z]", "", (code or "").upper())


def format_code(code: str) -> str:
    """ABCD-EFGH: easier to read aloud and to type."""
    code = normalise_code(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def invitation_days() -> int:
    return int(getattr(settings, "KOHTAANTO_INVITATION_DAYS", 14))


# --- reads ------------------------------------------------------------------------------------


def latest_invitation(participant: Participant) -> Invitation | None:
    return participant.invitations.order_by("-created", "-id").first()


def account_status(participant: Participant) -> AccountStatus:
    """No account / invited (waiting since …) / expired / has an account."""
    if participant.user_id is not None:
        return AccountStatus(AccountState.HAS_ACCOUNT)
    latest = latest_invitation(participant)
    if latest is None or latest.used_at is not None:
        return AccountStatus(AccountState.NONE, latest)
    if latest.revoked_at is not None or latest.expires <= timezone.now():
        return AccountStatus(AccountState.EXPIRED, latest)
    return AccountStatus(AccountState.INVITED, latest)


def problem_of(invitation: Invitation | None) -> Problem | None:
    """None when the invitation can be accepted now."""
    if invitation is None:
        return Problem.UNKNOWN
    if invitation.used_at is not None:
        return Problem.USED
    if invitation.participant.user_id is not None:
        return Problem.HAS_ACCOUNT
    if invitation.revoked_at is not None:
        return Problem.REPLACED
    if invitation.expires <= timezone.now():
        return Problem.EXPIRED
    return None


def find_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 128:
        return None
    return (
        Invitation.objects.select_related("participant", "participant__organisation")
        .filter(token_hash=_hash(token))
        .first()
    )


def find_by_code(code: str) -> Invitation | None:
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return (
        Invitation.objects.select_related("participant", "participant__organisation")
        .filter(code_hash=_hash(code))
        .order_by("-created", "-id")
        .first()
    )


def find_by_hash(token_hash: str) -> Invitation | None:
    """The invitation a page keeps in the session (the hash, never the token)."""
    if not token_hash:
        return None
    return (
        Invitation.objects.select_related("participant", "participant__organisation")
        .filter(token_hash=token_hash)
        .first()
    )


def existing_account(invitation: Invitation) -> User | None:
    """A user who already has the invited e-mail address (then that account is linked)."""
    email = invitation.participant.email.strip()
    if not email:
        return None
    return User.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()


def suggested_username(participant: Participant) -> str:
    """The username a new account gets: the e-mail address, else first.last (+ a number)."""
    email = participant.email.strip().lower()
    if email and not User.objects.filter(username__iexact=email).exists() and len(email) <= 150:
        return email
    base = f"{participant.first_name}.{participant.last_name}".lower()
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9.]", "", base).strip(".")[:140] or "osallistuja"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


# --- writes -----------------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _message(participant: Participant, channel: str, link: str) -> tuple[str, str]:
    """Subject and text in the participant's own language (plain words, what happens next)."""
    days = invitation_days()
    with translation.override(participant.preferred_language or "fi"):
        organisation = participant.organisation.name
        if channel == InvitationChannel.SMS:
            body = gettext(
                "%(organisation)s invites you to Kohtaanto. Open the link and make a password: "
                "%(link)s The link works for %(days)d days."
            ) % {"organisation": organisation, "link": link, "days": days}
            return "", body
        subject = gettext("Your invitation to Kohtaanto")
        body = "\n\n".join(
            [
                gettext("Hello %(name)s,") % {"name": participant.first_name},
                gettext(
                    "%(organisation)s invites you to use Kohtaanto. In Kohtaanto you see your "
                    "own plan, your skills and jobs and courses that suit you."
                )
                % {"organisation": organisation},
                gettext("Open this link and make a password for yourself:"),
                link,
                gettext(
                    "The link works once and for %(days)d days. If it does not work, "
                    "ask your coach for a new link."
                )
                % {"days": days},
                gettext("If you did not expect this message, you can ignore it."),
            ]
        )
        return str(subject), body


def _send(participant: Participant, channel: str, link: str) -> None:
    subject, body = _message(participant, channel, link)
    if channel == InvitationChannel.SMS:
        try:
            send_sms(participant.phone, body)
        except SmsNotSent as exc:
            raise InvitationNotSent() from exc
    elif channel == InvitationChannel.EMAIL:
        try:
            sent = send_mail(subject, body, None, [participant.email], fail_silently=False)
        except Exception as exc:  # SMTP, socket, backend errors: all mean "not sent"
            logger.warning("invitation e-mail not sent: %s", type(exc).__name__)
            raise InvitationNotSent() from exc
        if sent != 1:
            raise InvitationNotSent()


def _check_can_invite(participant: Participant, channel: str) -> InvitationChannel:
    try:
        chosen = InvitationChannel(channel)
    except ValueError:
        raise ValidationFailed(
            errors={"channel": [_("Choose how to send the invitation.")]}
        ) from None
    if participant.user_id is not None:
        raise ValidationFailed(errors={"": [_("This person already has an account.")]})
    if chosen == InvitationChannel.EMAIL and not participant.email.strip():
        raise ValidationFailed(
            errors={"email": [_("Add the person's e-mail address first, or print a letter.")]}
        )
    if chosen == InvitationChannel.SMS and not participant.phone.strip():
        raise ValidationFailed(
            errors={"phone": [_("Add the person's phone number first, or print a letter.")]}
        )
    return chosen


def invite(
    participant: Participant, channel: InvitationChannel | str, *, by: Any, link_for: LinkFor
) -> IssuedInvitation:
    """Invite `participant` through `channel` (e-mail, SMS, or a letter to print).

    Revokes every earlier open invitation. For e-mail and SMS the message is sent before the
    transaction commits: `InvitationNotSent` leaves everything as it was. A letter gets a
    one-time code besides the link (the page prints both; nothing is sent)."""
    chosen = _check_can_invite(participant, channel)
    token = secrets.token_urlsafe(32)
    code = _new_code() if chosen == InvitationChannel.LETTER else ""
    link = link_for(token)
    now = timezone.now()
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        for earlier in participant.invitations.filter(used_at=None, revoked_at=None):
            earlier.revoked_at = now
            earlier.save(update_fields=["revoked_at"])
            log_event(by, AuditAction.CHANGE, earlier, organisation=participant.organisation)
        invitation = Invitation.objects.create(
            participant=participant,
            channel=chosen,
            token_hash=_hash(token),
            code_hash=_hash(code) if code else "",
            created=now,
            expires=now + timedelta(days=invitation_days()),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        log_event(by, AuditAction.CREATE, invitation, organisation=participant.organisation)
        _send(participant, chosen, link)  # raises InvitationNotSent: the transaction rolls back
    log_after_commit(
        logger,
        "invitation created id=%s participant=%s channel=%s",
        invitation.pk,
        participant.pk,
        chosen.value,
    )
    return IssuedInvitation(invitation, link, code)


def _lock_usable(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update()
        .select_related("participant", "participant__organisation")
        .get(pk=invitation.pk)
    )
    if problem_of(locked) is not None:
        raise ValidationFailed(
            errors={"": [_("This invitation does not work any more. Ask for a new link.")]}
        )
    return locked


def _link(invitation: Invitation, user: User) -> None:
    participant = invitation.participant
    now = timezone.now()
    add_membership(user, participant.organisation, Role.PARTICIPANT, by=user)
    participant.user = user
    participant.save(update_fields=["user", "updated"])
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    log_event(user, AuditAction.CHANGE, invitation, organisation=participant.organisation)
    log_event(user, AuditAction.CHANGE, participant)


def accept_with_password(invitation: Invitation, *, password: str) -> User:
    """Create the person's account with `password` and link it; the invitation is used up.

    Refused (`ValidationFailed`) when the invitation no longer works, when the invited e-mail
    already has an account (log in with it instead), or when the password is too weak."""
    with transaction.atomic():
        invitation = _lock_usable(invitation)
        participant = invitation.participant
        if existing_account(invitation) is not None:
            raise ValidationFailed(errors={"": [_("You already have an account. Log in with it.")]})
        username = suggested_username(participant)
        candidate = User(
            username=username,
            email=participant.email,
            first_name=participant.first_name,
            last_name=participant.last_name,
        )
        try:
            password_validation.validate_password(password, user=candidate)
        except ValidationError as exc:
            raise ValidationFailed(errors={"password": list(exc.messages)}) from None
        user = create_user(
            username=username,
            password=password,
            email=participant.email,
            first_name=participant.first_name,
            last_name=participant.last_name,
            preferred_language=participant.preferred_language,
        )
        log_event(user, AuditAction.CREATE, user, organisation=participant.organisation)
        _link(invitation, user)
    log_after_commit(logger, "invitation accepted id=%s user=%s", invitation.pk, user.pk)
    return user


def accept_with_existing_user(invitation: Invitation, user: User) -> None:
    """Link the account the person already has (they have just logged in with it)."""
    with transaction.atomic():
        invitation = _lock_usable(invitation)
        participant = invitation.participant
        email = participant.email.strip().lower()
        if not email or (user.email or "").strip().lower() != email:
            raise ValidationFailed(
                errors={"": [_("This account is not the one the invitation was sent to.")]}
            )
        if Participant.objects.filter(user=user).exclude(pk=participant.pk).exists():
            raise ValidationFailed(
                errors={"": [_("This account already belongs to another record. Ask your coach.")]}
            )
        _link(invitation, user)
    log_after_commit(
        logger, "invitation accepted id=%s user=%s (existing account)", invitation.pk, user.pk
    )


def _notify_coaches(participant: Participant) -> None:
    """Tell the coaches (ids only) that the person asked for a new invitation."""
    for coach in participant.coaches.exclude(email=""):
        with translation.override(coach.preferred_language or "fi"):
            subject = gettext("A participant asked for a new invitation")
            body = gettext(
                "Participant number %(id)s asked for a new invitation link. Open their basic "
                "information in Kohtaanto and send a new invitation."
            ) % {"id": participant.pk}
        send_mail(str(subject), body, None, [coach.email], fail_silently=True)


def _renew(participant: Participant, channel: str, *, link_for: LinkFor) -> None:
    """A new link through `channel` after the person's own request, quietly."""
    if participant.user_id is not None:
        return
    latest = latest_invitation(participant)
    if latest is not None and timezone.now() - latest.created < RESEND_PAUSE:
        return  # one request is enough; no flood of messages
    contact = {
        InvitationChannel.EMAIL: participant.email,
        InvitationChannel.SMS: participant.phone,
    }.get(InvitationChannel(channel), "")
    if not contact.strip():
        _notify_coaches(participant)
        return
    try:
        invite(participant, channel, by=None, link_for=link_for)
    except (InvitationNotSent, ValidationFailed) as exc:
        logger.warning("new invitation on request not sent: %s", type(exc).__name__)
        _notify_coaches(participant)


def request_new_link(invitation: Invitation, *, link_for: LinkFor) -> None:
    """The person opened a link that no longer works and asks for a new one."""
    _renew(invitation.participant, invitation.channel, link_for=link_for)


def _phone_key(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("358"):
        digits = "0" + digits[3:]
    return digits


def request_new_link_by_contact(contact: str, *, link_for: LinkFor) -> None:
    """The person typed their e-mail address or phone number: if it belongs to someone who
    was invited and has no account, a new link goes there. Nothing tells whether it did."""
    contact = (contact or "").strip()
    if not contact:
        return
    invited = Participant.objects.filter(user=None, invitations__isnull=False).distinct()
    if "@" in contact:
        matches = list(invited.filter(email__iexact=contact)[:3])
        channel = InvitationChannel.EMAIL
    else:
        key = _phone_key(contact)
        if len(key) < 6:
            return
        matches = [p for p in invited.exclude(phone="") if _phone_key(p.phone) == key][:3]
        channel = InvitationChannel.SMS
    for participant in matches:
        _renew(participant, channel, link_for=link_for)
