from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "kohtaanto.insights"
    label = "insights"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The person's data export (the `exports` package is the funder's files).
        from kohtaanto.insights import participant_export  # noqa: F401  (registers sections)
