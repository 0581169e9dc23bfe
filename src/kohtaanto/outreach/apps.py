from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "kohtaanto.outreach"
    label = "outreach"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.outreach import exports  # noqa: F401  (registers export sections)
