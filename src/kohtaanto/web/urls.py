"""URLs of the server-rendered pages, each area's own `urls.py` included here. Ids only in
URLs, never names or e-mail addresses."""

from django.urls import include, path

from kohtaanto.web.accounts import auth, language
from kohtaanto.web.audit import views as audit
from kohtaanto.web.home import views as home
from kohtaanto.web.organisations import views as organisations
from kohtaanto.web.people import consents, participants

urlpatterns = [
    path("", home.home, name="home"),
    path("i18n/setlang/", language.set_language, name="set_language"),
    # Authentication (Django's views, our templates and forms).
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/", auth.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Pages.
    path(
        "participants/<int:participant_id>/",
        participants.participant_detail,
        name="participant_detail",
    ),
    path("my/consents/", consents.my_consents, name="my_consents"),
    path("my/consents/<slug:purpose>/", consents.change_consent, name="change_consent"),
    path("audit/", audit.audit_log, name="audit_log"),
    path("organisation/", organisations.switch_organisation, name="switch_organisation"),
    path("", include("kohtaanto.web.accounts.urls")),
    path("", include("kohtaanto.web.people.urls")),
    path("", include("kohtaanto.web.opportunities.urls")),
    path("", include("kohtaanto.web.matches.urls")),
    path("", include("kohtaanto.web.journeys.urls")),
    path("", include("kohtaanto.web.mentoring.urls")),
    path("", include("kohtaanto.web.groups.urls")),
    path("", include("kohtaanto.web.outreach.urls")),
    path("", include("kohtaanto.web.supportline.urls")),
    path("", include("kohtaanto.web.qualifications.urls")),
    path("", include("kohtaanto.web.trials.urls")),
    path("", include("kohtaanto.web.insights.urls")),
    path("", include("kohtaanto.web.foresight.urls")),
    path("", include("kohtaanto.web.achievements.urls")),
    path("", include("kohtaanto.web.api_tokens.urls")),
    path("", include("kohtaanto.web.privacy.urls")),
]
