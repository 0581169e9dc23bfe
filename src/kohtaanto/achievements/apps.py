from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "kohtaanto.achievements"
    label = "achievements"
    verbose_name = _("Open Badges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.achievements import checks, exports  # noqa: F401  (registers checks, exports)
