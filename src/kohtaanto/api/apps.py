from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kohtaanto.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.api import schema_extensions  # noqa: F401  (registers the schemes)
