"""Issued badges (`achievements.IssuedCredential`) as the wallet and the coach's badges page
list them: the badge's name in the request's language, its state, evidence kind and dates.
The signed credential, the share link and the recipient identifier stay on the pages."""

from __future__ import annotations

from rest_framework import serializers

from kohtaanto.achievements.models import IssuedCredential


class BadgeSerializer(serializers.ModelSerializer[IssuedCredential]):
    name = serializers.SerializerMethodField()
    failure_reason = serializers.SerializerMethodField(
        help_text="Why it was left unsigned: for the issuing staff only, else empty."
    )

    class Meta:
        model = IssuedCredential
        fields = (
            "id",
            "name",
            "state",
            "failure_reason",
            "source",
            "issued_at",
            "hidden",
            "revoked_at",
        )
        read_only_fields = fields

    def get_name(self, badge: IssuedCredential) -> str:
        return badge.version.text("name", self.context.get("lang", "fi"))

    def get_failure_reason(self, badge: IssuedCredential) -> str:
        return badge.failure_reason if self.context.get("staff") else ""
