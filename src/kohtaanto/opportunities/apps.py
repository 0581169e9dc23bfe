from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "kohtaanto.opportunities"
    label = "opportunities"
    default_auto_field = "django.db.models.BigAutoField"
