"""Proposals of participants to employers (`matches.services`, the only writes):

- `GET /participants/{id}/proposals/`: the participant's proposals — their coaches and the
  coordinators of the organisation (audited `view`) and the participant themself;
- `POST /participants/{id}/proposals/` `{"opportunity": id}`: a coach or coordinator proposes
  the participant (`propose`: same access and consent checks as the page; 409 if already
  proposed, 400 without the consents or for a closed opportunity);
- `POST /proposals/{id}/withdraw/`: the participant themself or staff who see them (`withdraw`);
- `GET /opportunities/{id}/proposals/`: the employer contact of the opportunity's employer sees
  the proposed candidates as on their candidates page (`employer_candidates`: first name,
  confirmed skills, languages, the match and the coach; each candidate an audited `view`, and a
  first view marks the proposal seen by the employer); everyone else 404;
- `POST /proposals/{id}/accept/` and `/decline/`: that employer contact answers (`respond`).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kohtaanto.api.serializers.matches import (
    ProposalFilterSerializer,
    ProposalSerializer,
    ProposeSerializer,
    SharedCandidateSerializer,
)
from kohtaanto.api.serializers.problems import problem_responses
from kohtaanto.api.views.matches import concepts
from kohtaanto.api.views.participant_scope import (
    lang,
    plain,
    record_participant,
    staff_participant,
)
from kohtaanto.matches import adapters, services


class ParticipantProposalListView(generics.ListCreateAPIView[Any]):
    serializer_class = ProposalSerializer

    @extend_schema(
        operation_id="participants_proposals_list",
        parameters=[ProposalFilterSerializer],
        responses={200: ProposalSerializer(many=True), **problem_responses(400, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = ProposalFilterSerializer(data=plain(self.request.query_params))
        filters.is_valid(raise_exception=True)
        participant, _staff = record_participant(self.request.user, self.kwargs["participant_id"])
        return services.participant_proposals(participant, filters.validated_data.get("status"))

    @extend_schema(
        operation_id="participants_proposals_create",
        request=ProposeSerializer,
        responses={201: ProposalSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        participant = staff_participant(request.user, self.kwargs["participant_id"])
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = services.propose(
            request.user, participant.pk, body.validated_data["opportunity"]
        )
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalWithdrawView(APIView):
    @extend_schema(
        operation_id="proposals_withdraw",
        request=None,
        responses={200: ProposalSerializer, **problem_responses(403, 404, 409)},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        return Response(ProposalSerializer(services.withdraw(request.user, proposal_id)).data)


class _RespondView(APIView):
    accept = True

    def post(self, request: Request, proposal_id: int) -> Response:
        proposal = services.respond(request.user, proposal_id, accept=self.accept)
        return Response(ProposalSerializer(proposal).data)


class ProposalAcceptView(_RespondView):
    accept = True

    @extend_schema(
        operation_id="proposals_accept",
        request=None,
        responses={200: ProposalSerializer, **problem_responses(403, 404, 409)},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        return super().post(request, proposal_id)


class ProposalDeclineView(_RespondView):
    accept = False

    @extend_schema(
        operation_id="proposals_decline",
        request=None,
        responses={200: ProposalSerializer, **problem_responses(403, 404, 409)},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        return super().post(request, proposal_id)


class OpportunityProposalListView(generics.ListAPIView[Any]):
    serializer_class = SharedCandidateSerializer

    @extend_schema(
        operation_id="opportunities_proposals_list",
        responses={200: SharedCandidateSerializer(many=True), **problem_responses(403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        user = self.request.user
        opportunity = services.employer_opportunity(user, self.kwargs["opportunity_id"])
        shared = services.employer_candidates(user, opportunity)
        uris: set[str] = set()
        for candidate in shared:
            uris |= set(candidate.skills) | set(candidate.occupations)
        labels = adapters.labels(uris, lang()) if uris else {}
        return [
            {
                "proposal": c.proposal,
                "first_name": c.first_name,
                "skills": concepts(c.skills, labels),
                "occupations": concepts(c.occupations, labels),
                "languages": [{"language": code, "level": level} for code, level in c.languages],
                "score": round(c.explanation.score * 100),
                "coach_name": c.coach_name,
                "coach_email": c.coach_email,
            }
            for c in shared
        ]
