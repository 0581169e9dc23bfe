"""Every API operation that reads a body refuses unknown fields (a typo, or a field that is
read-only elsewhere, must not be dropped silently): its request serializer derives from
`serializers.strict.StrictFieldsMixin`."""

from __future__ import annotations

from typing import Any

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings
from rest_framework import serializers

from kohtaanto.api.serializers.strict import StrictFieldsMixin


def _write_serializers() -> list[tuple[str, str, Any]]:
    generator = SchemaGenerator()  # type: ignore[no-untyped-call]
    generator._initialise_endpoints()
    found = []
    for path, path_regex, method, view in generator._get_paths_and_endpoints():
        if method not in ("POST", "PUT", "PATCH"):
            continue
        view.request = spectacular_settings.GET_MOCK_REQUEST(method, path, view, None)
        view.schema.method, view.schema.path, view.schema.path_regex = method, path, path_regex
        request = view.schema.get_request_serializer()
        found.append((method, path, request))
    return found


def test_there_are_write_operations() -> None:
    assert any(path.endswith("/consents/") for _m, path, _s in _write_serializers())


def test_every_write_serializer_is_strict() -> None:
    lax = []
    for method, path, request in _write_serializers():
        if request is None:
            continue  # no body (an action such as accept/withdraw)
        serializer = request if isinstance(request, type) else type(request)
        if not isinstance(request, (serializers.BaseSerializer, type)):
            continue
        if not issubclass(serializer, StrictFieldsMixin):
            lax.append(f"{method} {path}: {serializer.__name__}")
    assert not lax, "use StrictSerializer / StrictModelSerializer:\n" + "\n".join(lax)
