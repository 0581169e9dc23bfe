"""Read-only admin: a vocabulary changes only through `kohtaanto taxonomy import`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

from kohtaanto.vocabularies.models import Concept, ConceptLabel, Vocabulary

if TYPE_CHECKING:  # the stubs make the admin classes generic; at run time they are not
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[ConceptLabel, Concept]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ConceptLabelInline(TabularInline):
    model = ConceptLabel
    fields = ("language", "label_type", "text")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Vocabulary)
class VocabularyAdmin(ReadOnlyAdmin):
    list_display = ("name", "active", "version", "concept_count", "imported_at")


@admin.register(Concept)
class ConceptAdmin(ReadOnlyAdmin):
    list_display = ("uri", "kind", "code", "vocabulary")
    list_filter = ("vocabulary", "kind")
    search_fields = ("uri", "code", "labels__search_text")
    inlines = (ConceptLabelInline,)
    list_select_related = ("vocabulary",)


@admin.register(ConceptLabel)
class ConceptLabelAdmin(ReadOnlyAdmin):
    list_display = ("text", "language", "label_type", "concept")
    list_filter = ("language", "label_type")
    search_fields = ("search_text",)
    list_select_related = ("concept",)
