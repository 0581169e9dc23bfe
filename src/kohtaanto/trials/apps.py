from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "kohtaanto.trials"
    label = "trials"
    default_auto_field = "django.db.models.BigAutoField"
