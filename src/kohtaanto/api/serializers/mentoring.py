"""Mentoring relationships (`kohtaanto.mentoring`) as the mentoring pages show them to each
side: the mentor sees the participant's first name, the proposal's goals only once they may
(`services.mentor_may_see_goals`) and only what the participant shared; a meeting's private
note only to the mentor who wrote it (`access.meetings_for`)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kohtaanto.mentoring.enums import MentoringStatus
from kohtaanto.mentoring.models import Mentoring


class SharedLanguageSerializer(serializers.Serializer[Any]):
    language = serializers.CharField()
    level = serializers.CharField()


class SharedWithMentorSerializer(serializers.Serializer[Any]):
    sections = serializers.ListField(child=serializers.CharField())
    goals = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    languages = SharedLanguageSerializer(many=True)
    email = serializers.CharField()
    phone = serializers.CharField()


class MentoringSerializer(serializers.ModelSerializer[Mentoring]):
    participant_name = serializers.SerializerMethodField(
        help_text="The first name for the mentor, else the full name."
    )
    mentor_name = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField(
        help_text="In the detail only; null for the mentor until they may see the goals."
    )
    shared = serializers.SerializerMethodField(
        help_text="In the detail, for the mentor only: what the participant chose to share."
    )

    class Meta:
        model = Mentoring
        fields = (
            "id",
            "status",
            "participant_name",
            "mentor_name",
            "proposed_at",
            "confirmed_at",
            "goals",
            "shared",
        )
        read_only_fields = fields

    def _side(self, mentoring: Mentoring) -> str:
        from kohtaanto.mentoring.services import side_of

        return side_of(self.context["request"].user, mentoring)

    def get_participant_name(self, mentoring: Mentoring) -> str:
        participant = mentoring.participant
        return (
            participant.first_name if self._side(mentoring) == "mentor" else participant.full_name
        )

    def get_mentor_name(self, mentoring: Mentoring) -> str:
        return mentoring.mentor.get_full_name() or mentoring.mentor.get_username()

    def get_goals(self, mentoring: Mentoring) -> str | None:
        from kohtaanto.mentoring.services import mentor_may_see_goals

        if not self.context.get("detail"):
            return None
        if self._side(mentoring) == "mentor" and not mentor_may_see_goals(mentoring):
            return None
        return mentoring.goals

    def get_shared(self, mentoring: Mentoring) -> dict[str, Any] | None:
        shared = self.context.get("shared")
        if shared is None:
            return None
        data = SharedWithMentorSerializer(
            {
                **shared.__dict__,
                "languages": [{"language": c, "level": v} for c, v in shared.languages],
            }
        ).data
        return dict(data)


class MentoringFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=MentoringStatus.choices, required=False)


class MeetingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    date = serializers.DateField()
    time = serializers.TimeField(allow_null=True)
    shared_note = serializers.CharField()
    private_note = serializers.CharField(help_text="Only for the mentor who wrote it, else empty.")
    cancelled = serializers.BooleanField()
