from django.apps import AppConfig


class SupportlineConfig(AppConfig):
    name = "kohtaanto.supportline"
    label = "supportline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.people.reminders import register_source
        from kohtaanto.supportline.reminders import shift_reminders, uncovered_shift_reminders

        register_source(shift_reminders)
        register_source(uncovered_shift_reminders)
