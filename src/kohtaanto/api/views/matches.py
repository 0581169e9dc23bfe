"""`GET /api/v1/participants/{id}/matches/`: the open opportunities suggested for a participant,
best first, explained (`matches.services.suggestions_for`), as on the suggestion pages.

Who: the participant's coaches and the coordinators of the organisation (the case file's
"Suggested opportunities" tab, audited `view`) and the participant themself ("my
suggestions"). The person's limits on work are used only for readers who may see them
(`people.access.may_see_restricted`), as on the pages. Without the matching consents the list
is empty. Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from kohtaanto.api.serializers.matches import MatchFilterSerializer, MatchSerializer
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.participant_scope import lang, record_participant
from kohtaanto.matches import adapters, services
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.opportunities.enums import OpportunityKind
from kohtaanto.people.access import may_see_restricted


def concepts(uris: Any, labels: dict[str, str]) -> list[dict[str, str]]:
    return [{"uri": uri, "label": labels.get(uri, uri)} for uri in uris]


class MatchListView(generics.ListAPIView[Any]):
    serializer_class = MatchSerializer

    @extend_schema(
        operation_id="participants_matches_list",
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=OpportunityKind.values,
                many=True,
                explode=True,
                description="Only these kinds of opportunity (repeat the parameter).",
            )
        ],
        responses={200: MatchSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = MatchFilterSerializer(data={"kind": self.request.query_params.getlist("kind")})
        filters.is_valid(raise_exception=True)
        user = self.request.user
        participant, _staff = record_participant(user, self.kwargs["participant_id"])
        result = services.suggestions_for(
            participant,
            kinds=filters.validated_data.get("kind", []),
            limits=may_see_restricted(user, participant),
        )
        uris: set[str] = set()
        for item in result.items:
            uris |= {m.skill for m in item.explanation.matched}
            uris |= set(item.explanation.missing_essential)
        labels = adapters.labels(uris, lang()) if uris else {}
        proposals = {
            p.opportunity_id: p
            for p in participant.proposals.exclude(status=ProposalStatus.WITHDRAWN)
        }
        return [
            {
                "opportunity": item.opportunity,
                "score": round(item.explanation.score * 100),
                "rules_version": item.explanation.rules_version,
                "matched": concepts([m.skill for m in item.explanation.matched], labels),
                "missing_essential": concepts(item.explanation.missing_essential, labels),
                "proposal": proposals.get(item.opportunity.pk),
            }
            for item in result.items
        ]
