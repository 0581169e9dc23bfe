"""First login from an invitation (no namespace: `invitation_open`, `invitation_accept`, …).

The token is in a URL only once (`invitation/<token>/`); see `web/accounts/invitations.py`."""

from django.urls import path

from kohtaanto.web.accounts import invitations, login_link

urlpatterns = [
    path("invitation/", invitations.invitation_accept, name="invitation_accept"),
    path("invitation/code/", invitations.invitation_code, name="invitation_code"),
    path("invitation/new-link/", invitations.invitation_new_link, name="invitation_new_link"),
    path("invitation/<str:token>/", invitations.invitation_open, name="invitation_open"),
    path("welcome/", invitations.welcome, name="welcome"),
    # Passwordless login, where the organisation allows it.
    path("login/link/", login_link.login_link_request, name="login_link"),
    path("login/link/<str:token>/", login_link.login_link_use, name="login_link_use"),
]
