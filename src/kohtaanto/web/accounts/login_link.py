"""Logging in without a password: a one-time link by e-mail (only where the organisation
allows it; see `people.login_links`). Opening the link shows a button: the login happens on
POST, so that a mail scanner that opens links does not use it up."""

from __future__ import annotations

from django import forms
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.people import login_links
from kohtaanto.web.accounts.invitations import BACKEND, count_try, too_many_tries


class LoginLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


def _require_enabled() -> None:
    if not login_links.is_enabled():
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_request(request: HttpRequest) -> HttpResponse:
    _require_enabled()
    form = LoginLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not too_many_tries(request):
            count_try(request)
            login_links.send_login_link(
                form.cleaned_data["email"],
                link_for=lambda token: request.build_absolute_uri(
                    reverse("login_link_use", args=[token])
                ),
            )
        return render(request, "accounts/login_link_sent.html")
    return render(request, "accounts/login_link_request.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def login_link_use(request: HttpRequest, token: str) -> HttpResponse:
    _require_enabled()
    if request.method == "POST":
        user = login_links.use_login_link(token)
        if user is not None:
            login(request, user, backend=BACKEND)
            return redirect("home")
    elif login_links.find_usable(token) is not None:
        return render(request, "accounts/login_link_use.html")
    return render(request, "accounts/login_link_invalid.html", status=410)
