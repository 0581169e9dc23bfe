"""Admin: proposals are shown read-only to coordinators of the participant's organisation.

A proposal changes state only through `kohtaanto.matches.services` (the coach proposes or
withdraws, the employer accepts or declines, each with its consent checks and audit events), so
the admin offers no add, change or delete.
"""

from __future__ import annotations

from django.contrib import admin

from kohtaanto.core.admin import OrganisationScopedAdmin
from kohtaanto.matches.models import Interest, Proposal


@admin.register(Proposal)
class ProposalAdmin(OrganisationScopedAdmin):
    organisation_field = "participant__organisation"
    read_only = True
    list_display = ("id", "participant_id", "opportunity", "status", "score", "created")
    list_filter = ("status",)
    list_select_related = ("opportunity",)
    search_fields = ("opportunity__title",)
    # The participant by id only: the admin is not a way to read a person's record.
    fields = readonly_fields = (
        "participant_id",
        "opportunity",
        "status",
        "score",
        "rules_version",
        "proposed_by",
        "created",
        "status_changed",
        "interest",
        "answer_seen_by_coach",
    )


@admin.register(Interest)
class InterestAdmin(OrganisationScopedAdmin):
    """The participant's answers, read-only (written only by `matches.interests`)."""

    organisation_field = "participant__organisation"
    read_only = True
    list_display = ("id", "participant_id", "opportunity", "course", "kind", "updated")
    list_filter = ("kind",)
    list_select_related = ("opportunity", "course")
    # The participant by id only; the reason is the person's own words and stays out.
    fields = readonly_fields = (
        "participant_id",
        "opportunity",
        "course",
        "kind",
        "reason_code",
        "created",
        "updated",
        "seen_by_coach",
    )
