from django.apps import AppConfig


class QualificationsConfig(AppConfig):
    name = "kohtaanto.qualifications"
    label = "qualifications"
    default_auto_field = "django.db.models.BigAutoField"
