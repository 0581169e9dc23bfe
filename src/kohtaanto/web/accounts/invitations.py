"""First login from an invitation: open the link (or type the letter's code), make a password
(or log in with the account the person already has), then choose the consents on the welcome
page. A link that no longer works gets a page that explains why and offers a new link.

The link's token is in the URL only once: opening it keeps the token's hash in the session and
redirects to `/invitation/`, so the token is not repeated in later requests or referrers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kohtaanto.core.errors import ValidationFailed
from kohtaanto.people import invitations
from kohtaanto.people.access import ParticipantNotFound, own_participant
from kohtaanto.people.consent import consent_form_version, current_consents
from kohtaanto.people.enums import ConsentChannel
from kohtaanto.people.invitations import Problem
from kohtaanto.people.models import Invitation
from kohtaanto.web.accounts.forms import (
    InvitationCodeForm,
    InvitationPasswordForm,
    LoginForm,
    NewLinkForm,
)
from kohtaanto.web.pages import add_service_errors
from kohtaanto.web.people.consent_choices import record_answers
from kohtaanto.web.people.forms import ConsentChoicesForm

SESSION_KEY = "kohtaanto_invitation"
BACKEND = "django.contrib.auth.backends.ModelBackend"
TRIES_PER_HOUR = 10
"""Wrong codes and new-link requests per address and hour (codes are short)."""


def link_for(request: HttpRequest) -> invitations.LinkFor:
    """Turns a token into the absolute link of this site (for messages and the letter)."""
    return lambda token: request.build_absolute_uri(reverse("invitation_open", args=[token]))


def _tries_key(request: HttpRequest) -> str:
    return f"kohtaanto:invitation-tries:{request.META.get('REMOTE_ADDR', '')}"


def too_many_tries(request: HttpRequest) -> bool:
    return int(cache.get(_tries_key(request), 0)) >= TRIES_PER_HOUR


def count_try(request: HttpRequest) -> None:
    key = _tries_key(request)
    if not cache.add(key, 1, 3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 3600)


def _invalid(
    request: HttpRequest, problem: Problem, invitation: Invitation | None = None
) -> HttpResponse:
    """Why the link does not work, and what to do now. Nothing is created."""
    can_renew = invitation is not None and problem in (Problem.EXPIRED, Problem.REPLACED)
    if can_renew:
        assert invitation is not None
        request.session[SESSION_KEY] = invitation.token_hash
    else:
        request.session.pop(SESSION_KEY, None)
    context = {
        "problem": problem.value,
        "can_renew": can_renew,
        "form": NewLinkForm(),
        "days": invitations.invitation_days(),
    }
    status = 404 if problem == Problem.UNKNOWN else 410
    return render(request, "accounts/invitation_invalid.html", context, status=status)


@never_cache
@require_safe
def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the message or the QR code."""
    invitation = invitations.find_by_token(token)
    if invitation is None:
        return _invalid(request, Problem.UNKNOWN)
    request.session[SESSION_KEY] = invitation.token_hash
    return redirect("invitation_accept")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_code(request: HttpRequest) -> HttpResponse:
    """ "I have an invitation code": the code printed on the letter."""
    form = InvitationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if too_many_tries(request):
            form.add_error(
                "code", _("Too many tries. Wait an hour, or call your coach for a new code.")
            )
        else:
            invitation = invitations.find_by_code(form.cleaned_data["code"])
            if invitation is None:
                count_try(request)
                form.add_error(
                    "code",
                    _("We did not find this code. Check the letters and numbers and try again."),
                )
            else:
                request.session[SESSION_KEY] = invitation.token_hash
                return redirect("invitation_accept")
    return render(request, "accounts/invitation_code.html", {"form": form})


def _log_in(request: HttpRequest, user: Any) -> None:
    request.session.pop(SESSION_KEY, None)
    login(request, user, backend=BACKEND)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest) -> HttpResponse:
    """Make a password (a new account), or log in with the account that has this e-mail."""
    invitation = invitations.find_by_hash(request.session.get(SESSION_KEY, ""))
    problem = invitations.problem_of(invitation)
    if problem is not None or invitation is None:
        return _invalid(request, problem or Problem.UNKNOWN, invitation)
    participant = invitation.participant
    if invitations.existing_account(invitation) is not None:
        return _accept_existing(request, invitation)
    form = InvitationPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept_with_password(
                invitation, password=form.cleaned_data["password1"]
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="password1")
        else:
            _log_in(request, user)
            messages.success(request, _("Your account is ready. You are now logged in."))
            return redirect("welcome")
    context = {
        "form": form,
        "first_name": participant.first_name,
        "organisation": participant.organisation.name,
        "username": invitations.suggested_username(participant),
    }
    return render(request, "accounts/invitation_accept.html", context)


def _accept_existing(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """The invited e-mail already has an account: log in with it, and it is linked."""
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        try:
            invitations.accept_with_existing_user(invitation, user)
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            _log_in(request, user)
            messages.success(request, _("Your account is now connected to the service."))
            return redirect("welcome")
    context = {"form": form, "first_name": invitation.participant.first_name}
    return render(request, "accounts/invitation_existing.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_new_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link. The answer is the same whether or not anyone was found."""
    if request.method == "GET":
        return render(request, "accounts/invitation_new_link.html", {"form": NewLinkForm()})
    if "contact" in request.POST:
        form = NewLinkForm(request.POST)
        if not form.is_valid():
            return render(request, "accounts/invitation_new_link.html", {"form": form})
        if not too_many_tries(request):
            count_try(request)
            invitations.request_new_link_by_contact(
                form.cleaned_data["contact"], link_for=link_for(request)
            )
    else:
        invitation = invitations.find_by_hash(request.session.pop(SESSION_KEY, ""))
        if invitation is not None and invitations.problem_of(invitation) in (
            Problem.EXPIRED,
            Problem.REPLACED,
        ):
            invitations.request_new_link(invitation, link_for=link_for(request))
    return render(request, "accounts/invitation_new_link_sent.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest) -> HttpResponse:
    """The first page after the password: the person chooses each consent themselves."""
    try:
        participant = own_participant(request.user)
    except ParticipantNotFound:
        raise Http404 from None
    form = ConsentChoicesForm(request.POST or None, states=current_consents(participant))
    if request.method == "POST" and form.is_valid():
        record_answers(
            participant,
            form,
            by=request.user,
            channel=ConsentChannel.ONLINE,
            form_version=consent_form_version(),
        )
        messages.success(
            request,
            _("Thank you. Your choices are saved. You can change them on the page My consents."),
        )
        return redirect("home")
    return render(
        request, "accounts/welcome.html", {"form": form, "first_name": participant.first_name}
    )
