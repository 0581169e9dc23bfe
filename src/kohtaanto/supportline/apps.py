from django.apps import AppConfig


class SupportlineConfig(AppConfig):
    name = "kohtaanto.supportline"
    label = "supportline"
    default_auto_field = "django.db.models.BigAutoField"
