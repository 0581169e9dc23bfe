"""Admin: vocabularies are read only (they change only through `kohtaanto taxonomy import`);
an organisation's synonym sets are uploaded as drafts and reviewed here by its coordinators
(or a superuser). Every change goes through `services`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.admin import OrganisationScopedAdmin, _adopt
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.vocabularies import services
from kohtaanto.vocabularies.enums import SynonymSetStatus
from kohtaanto.vocabularies.models import Concept, ConceptLabel, Synonym, SynonymSet, Vocabulary

if TYPE_CHECKING:  # the stubs make the admin classes generic; at run time they are not
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[ConceptLabel, Concept]
    SynonymInlineBase = admin.TabularInline[Synonym, SynonymSet]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline
    SynonymInlineBase = admin.TabularInline


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


MAX_FILE_BYTES = 5_000_000


class SynonymSetUploadForm(forms.ModelForm):  # type: ignore[type-arg]
    file = forms.FileField(
        label=_("Synonym file (CSV)"),
        help_text=_(
            "Columns: label, concept_uri, lang, and optionally kind (alternative or hidden) "
            "and note. A line '# version: …' before the header names the version."
        ),
    )

    class Meta:
        model = SynonymSet
        fields = ("organisation", "name", "version")

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        data: bytes = upload.read()
        from kohtaanto.taxonomy.errors import TaxonomyFormatError
        from kohtaanto.taxonomy.synonyms import parse_synonyms

        try:
            parsed = parse_synonyms(data, getattr(upload, "name", "") or "synonyms.csv")
        except TaxonomyFormatError as error:
            raise forms.ValidationError(
                _("The file is not a synonym CSV: %(error)s") % {"error": error}
            ) from None
        if not parsed.rows:
            raise forms.ValidationError(_("The file has no usable rows."))
        return data


class SynonymInline(SynonymInlineBase):
    model = Synonym
    fields = ("line", "label", "language", "kind", "concept_uri", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


@admin.register(SynonymSet)
class SynonymSetAdmin(OrganisationScopedAdmin):
    """Upload a synonym CSV as a draft; a coordinator reviews it (only reviewed sets reach
    recognition) or retires it."""

    list_display = ("name", "version", "organisation", "status", "row_count", "created")
    list_filter = ("status",)
    search_fields = ("name",)
    actions = ("review_sets", "retire_sets")
    inlines = (SynonymInline,)
    readonly_fields = (
        "organisation",
        "name",
        "version",
        "status",
        "file_name",
        "problem_list",
        "created",
        "reviewed_at",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset(request)
        annotated: QuerySet[Any] = queryset.annotate(row_total=Count("rows"))
        return annotated

    @admin.display(description=_("rows"), ordering="row_total")
    def row_count(self, obj: Any) -> int:
        return int(getattr(obj, "row_total", 0))

    @admin.display(description=_("problems"))
    def problem_list(self, obj: SynonymSet) -> str:
        problems = list(obj.problems or [])
        if not problems:
            return "—"
        lines = [(p.get("line", ""), p.get("message", "")) for p in problems[:200]]
        if len(problems) > 200:
            lines.append(("…", f"+{len(problems) - 200}"))
        return format_html_join(mark_safe("<br>"), "{}: {}", lines)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = SynonymSetUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ("organisation", "name", "version", "file")
        return self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else ()

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        upload = form.files.get("file")
        created = services.import_synonym_set(
            form.cleaned_data["file"],
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
            version=form.cleaned_data.get("version") or "",
            file_name=getattr(upload, "name", "") or "",
            actor=request.user,
        )
        _adopt(obj, created)
        if created.problems:
            self.message_user(
                request,
                _("Rows not taken: %(count)d. See the problems of the set.")
                % {"count": len(created.problems)},
                messages.WARNING,
            )

    def _each(self, request: HttpRequest, queryset: QuerySet[Any], action: Any) -> int:
        done = 0
        for synonym_set in queryset:
            try:
                action(synonym_set, actor=request.user)
                done += 1
            except ValidationFailed as error:
                for field_errors in error.errors.values():
                    for message in field_errors:
                        self.message_user(request, f"{synonym_set}: {message}", messages.ERROR)
            except KohtaantoError as error:
                self.message_user(request, f"{synonym_set}: {error.message}", messages.ERROR)
        return done

    @admin.action(description=_("Mark as reviewed: use these synonyms in recognition"))
    def review_sets(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        done = self._each(
            request, queryset.filter(status=SynonymSetStatus.DRAFT), services.review_synonym_set
        )
        if done:
            self.message_user(
                request, _("Synonym sets reviewed: %(count)d.") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Retire: stop using these synonyms"))
    def retire_sets(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        done = self._each(request, queryset, services.retire_synonym_set)
        if done:
            self.message_user(
                request, _("Synonym sets retired: %(count)d.") % {"count": done}, messages.SUCCESS
            )
