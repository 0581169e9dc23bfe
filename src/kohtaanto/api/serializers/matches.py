"""Suggested opportunities of a participant (`matches.services.suggestions_for`) and
proposals to employers (`matches.models.Proposal`), in the shapes the pages show them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kohtaanto.api.serializers.strict import StrictSerializer
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.models import Proposal
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.opportunities.models import Opportunity


@extend_schema_field({"type": "string", "enum": OpportunityKind.values})
class OpportunityKindField(serializers.ChoiceField):
    """Inline enum in the schema: `OpportunityKind` is also a component of `Opportunity`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=OpportunityKind.choices, **kwargs)


@extend_schema_field({"type": "string", "enum": ProposalStatus.values})
class ProposalStatusField(serializers.ChoiceField):
    """The proposal's state, for `ProposalRef` (a schema of its own: the full `Proposal`
    has its enum component already, beside other "status" enums)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ProposalStatus.choices, **kwargs)


class OpportunityRefSerializer(serializers.ModelSerializer[Opportunity]):
    kind = OpportunityKindField(read_only=True)

    class Meta:
        model = Opportunity
        fields = ("id", "title", "kind")
        read_only_fields = fields


class ConceptSerializer(serializers.Serializer[Any]):
    uri = serializers.CharField()
    label: Any = serializers.CharField()


class ProposalRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = ProposalStatusField()


class MatchSerializer(serializers.Serializer[Any]):
    opportunity = OpportunityRefSerializer()
    score = serializers.IntegerField(help_text="The match in per cent (0–100), as on the page.")
    rules_version = serializers.CharField()
    matched = ConceptSerializer(many=True, help_text="Skills of the profile the opportunity asks.")
    missing_essential = ConceptSerializer(many=True)
    proposal = ProposalRefSerializer(
        allow_null=True, help_text="The proposal to the employer, unless withdrawn."
    )


class MatchFilterSerializer(serializers.Serializer[Any]):
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=OpportunityKind.choices), required=False
    )


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    opportunity = OpportunityRefSerializer(read_only=True)

    class Meta:
        model = Proposal
        fields = ("id", "participant", "opportunity", "status", "created", "status_changed")
        read_only_fields = fields


class ProposalFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ProposalStatus.choices, required=False)


class ProposeSerializer(StrictSerializer):
    opportunity = serializers.IntegerField(min_value=1, help_text="The opportunity's id.")


class SpokenLanguageSerializer(serializers.Serializer[Any]):
    language = serializers.CharField(help_text="ISO 639-1 code.")
    level = serializers.CharField(help_text="An id of the language levels (CEFR or native).")


class SharedCandidateSerializer(serializers.Serializer[Any]):
    """What an employer contact sees of a proposed candidate (the candidates page): the first
    name, confirmed skills and occupations, languages, the match and the proposing coach as
    the contact; never the participant's contact details."""

    proposal = ProposalRefSerializer()
    first_name = serializers.CharField()
    skills = ConceptSerializer(many=True)
    occupations = ConceptSerializer(many=True)
    languages = SpokenLanguageSerializer(many=True)
    score = serializers.IntegerField(help_text="The match in per cent (0–100).")
    coach_name = serializers.CharField()
    coach_email = serializers.CharField()
