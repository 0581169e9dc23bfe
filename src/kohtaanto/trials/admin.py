"""Admin of trials, scoped like `core/admin.py`: a coordinator sees the trials of the
organisations they coordinate, read only. Trials are written on the trial pages through
`trials/services/` (one write path); signed link tokens are never shown (only their hashes are
stored, and not even those are listed here). Opening a trial here is audited like a read on
the trial page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kohtaanto.core.admin import OrganisationScopedAdmin
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction
from kohtaanto.trials.models import Agreement, Confirmation, Trial, TrialDay, TrialTransition

if TYPE_CHECKING:
    _TabularInline = admin.TabularInline[Any, Any]
    _StackedInline = admin.StackedInline[Any, Any]
else:
    _TabularInline = admin.TabularInline
    _StackedInline = admin.StackedInline


class _ReadOnly:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgreementInline(_ReadOnly, _StackedInline):
    model = Agreement
    fields = (
        "status",
        "revision",
        "language",
        "tasks",
        "tasks_key",
        "place",
        "start_date",
        "end_date",
        "days_per_week",
        "weekdays",
        "hours_per_day",
        "shift_or_weekend",
        "employment_authority",
        "insurance_note",
        "allowance_eur_per_day",
        "outside_commuting_area",
        "updated",
    )
    readonly_fields = fields


class TransitionInline(_ReadOnly, _TabularInline):
    model = TrialTransition
    fields = ("at", "action", "from_state", "to_state", "by", "note")
    readonly_fields = fields
    verbose_name = _("step")
    verbose_name_plural = _("steps")


class ConfirmationInline(_ReadOnly, _TabularInline):
    model = Confirmation
    fields = ("party", "revision", "method", "signer_name", "confirmed_by", "recorded_by", "at")
    readonly_fields = fields


class DayInline(_ReadOnly, _TabularInline):
    model = TrialDay
    fields = ("date", "status", "hours", "absence_reason", "marked_at")
    readonly_fields = fields


@admin.register(Trial)
class TrialAdmin(OrganisationScopedAdmin):
    read_only = True
    list_display = ("pk", "kind", "state", "organisation", "organiser_name", "rules_version")
    list_filter = ("kind", "state")
    search_fields = ("organiser_name", "title")
    fields = (
        "page",
        "organisation",
        "participant_number",
        "kind",
        "state",
        "title",
        "opportunity",
        "sme_need",
        "employer",
        "organiser_name",
        "organiser_kind",
        "organiser_business_id",
        "coach",
        "workplace_mentor",
        "workplace_mentor_name",
        "share_with_community",
        "rules_version",
        "rules_checked_at",
        "rule_findings",
        "outcome",
        "outcome_recorded_at",
        "created",
        "updated",
    )
    readonly_fields = fields
    inlines = (AgreementInline, ConfirmationInline, TransitionInline, DayInline)

    @admin.display(description=_("trial page"))
    def page(self, obj: Trial) -> str:
        url = reverse("trials:detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open the trial's page"))

    @admin.display(description=_("participant number"))
    def participant_number(self, obj: Trial) -> int:
        return int(obj.participant_id)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        trial = self.get_queryset(request).filter(pk=object_id).first()
        if trial is not None:
            log_event(request.user, AuditAction.VIEW, trial)
        return super().change_view(request, object_id, form_url, extra_context)
