from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "kohtaanto.profiles"
    label = "profiles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.profiles import exports  # noqa: F401  (registers export sections)
