from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kohtaanto.mentoring"
    label = "mentoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.mentoring import exports  # noqa: F401  (registers export sections)
