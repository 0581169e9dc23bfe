"""Unknown `/api/…` paths answer with problem+json 404, never Django's HTML page."""

from __future__ import annotations

from django.http import Http404
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request: Request, /, *args: object, **kwargs: object) -> Response:
    raise Http404
