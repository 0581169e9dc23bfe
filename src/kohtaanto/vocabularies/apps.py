from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VocabulariesConfig(AppConfig):
    name = "kohtaanto.vocabularies"
    label = "vocabularies"
    verbose_name = _("Vocabularies")
    default_auto_field = "django.db.models.BigAutoField"
