from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "kohtaanto.groups"
    label = "groups"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kohtaanto.groups import exports  # noqa: F401  (registers export sections)
        from kohtaanto.groups.reminders import session_reminders
        from kohtaanto.people.reminders import register_source

        register_source(session_reminders)
