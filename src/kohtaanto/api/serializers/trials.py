"""Work and education trials (`kohtaanto.trials`) as the trial pages show them to each party:
the trial, its agreement in short, the days and the weekly check-ins. The rule-book findings,
the note on what came next and the case file stay on the staff pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kohtaanto.trials.enums import AbsenceReason, TrialKind, TrialState
from kohtaanto.trials.models import Agreement, CheckIn, Trial, TrialDay


@extend_schema_field({"type": "string", "enum": ["fi", "sv", "en"]})
class LanguageCodeField(serializers.CharField):
    """A service language fi, sv or en (an inline enum: the same choices as a person's language have
    their own schema component already)."""


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    language = LanguageCodeField(read_only=True)

    class Meta:
        model = Agreement
        fields = (
            "status",
            "revision",
            "language",
            "tasks",
            "place",
            "start_date",
            "end_date",
            "days_per_week",
            "hours_per_day",
            "weekdays",
            "shift_or_weekend",
            "employment_authority",
            "insurance_note",
            "allowance_eur_per_day",
            "outside_commuting_area",
        )
        read_only_fields = fields


class TrialSerializer(serializers.ModelSerializer[Trial]):
    trialist = serializers.SerializerMethodField(help_text="The participant's name.")
    workplace_mentor_name = serializers.SerializerMethodField()
    agreement = AgreementSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Trial
        fields = (
            "id",
            "kind",
            "state",
            "title",
            "trialist",
            "organiser_name",
            "organiser_business_id",
            "workplace_mentor_name",
            "created",
            "agreement",
        )
        read_only_fields = fields

    def get_trialist(self, trial: Trial) -> str:
        return f"{trial.participant.first_name} {trial.participant.last_name}".strip()

    def get_workplace_mentor_name(self, trial: Trial) -> str:
        if trial.workplace_mentor_name:
            return trial.workplace_mentor_name
        mentor = trial.workplace_mentor
        return mentor.get_full_name() if mentor else ""


class TrialFilterSerializer(serializers.Serializer[Any]):
    state = serializers.ChoiceField(choices=TrialState.choices, required=False)
    kind = serializers.ChoiceField(choices=TrialKind.choices, required=False)


class TrialDaySerializer(serializers.ModelSerializer[TrialDay]):
    absence_reason = serializers.ChoiceField(
        choices=AbsenceReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty unless absent.",
    )
    absence_note = serializers.SerializerMethodField(
        help_text="Only for staff, the participant and the person who marked the day."
    )

    class Meta:
        model = TrialDay
        fields = ("id", "date", "status", "hours", "absence_reason", "absence_note")
        read_only_fields = fields

    def get_absence_note(self, day: TrialDay) -> str:
        if self.context.get("sees_notes") or day.marked_by_id == self.context.get("user_id"):
            return day.absence_note
        return ""


class CheckInSerializer(serializers.ModelSerializer[CheckIn]):
    class Meta:
        model = CheckIn
        fields = (
            "id",
            "week_start",
            "mood",
            "learnt",
            "concern",
            "wants_coach_contact",
            "author_name",
            "created",
        )
        read_only_fields = fields
