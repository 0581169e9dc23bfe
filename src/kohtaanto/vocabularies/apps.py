from django.apps import AppConfig


class VocabulariesConfig(AppConfig):
    name = "kohtaanto.vocabularies"
    label = "vocabularies"
    default_auto_field = "django.db.models.BigAutoField"
