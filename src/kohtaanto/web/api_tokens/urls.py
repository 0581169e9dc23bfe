from django.urls import path

from kohtaanto.web.api_tokens import views

urlpatterns = [
    path("integrations/", views.credentials, name="api_credentials"),
    path("integrations/new/", views.create_credential, name="api_credential_create"),
    path(
        "integrations/tokens/<int:token_id>/revoke/",
        views.revoke_token,
        name="api_token_revoke",
    ),
    path(
        "integrations/clients/<int:client_id>/revoke/",
        views.revoke_client,
        name="api_client_revoke",
    ),
]
