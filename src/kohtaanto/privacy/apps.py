from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "kohtaanto.privacy"
    label = "privacy"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from kohtaanto.privacy import dispositions  # noqa: F401  (declares what erasure does)
