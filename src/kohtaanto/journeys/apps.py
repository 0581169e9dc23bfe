from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "kohtaanto.journeys"
    label = "journeys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.journeys import exports  # noqa: F401  (registers export sections)
