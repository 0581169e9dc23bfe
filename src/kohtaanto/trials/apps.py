from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "kohtaanto.trials"
    label = "trials"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.trials import exports  # noqa: F401  (registers export sections)
