from django.apps import AppConfig


class MatchesConfig(AppConfig):
    name = "kohtaanto.matches"
    label = "matches"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.matches import exports  # noqa: F401  (registers export sections)
