"""Start Django for CLI commands that need the database (imported lazily)."""

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kohtaanto.config.settings")
    import django

    django.setup()
