from django.apps import AppConfig


class ForesightConfig(AppConfig):
    name = "kohtaanto.foresight"
    label = "foresight"
    default_auto_field = "django.db.models.BigAutoField"
