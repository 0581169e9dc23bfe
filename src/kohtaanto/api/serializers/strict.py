"""Write serializers refuse fields they do not know (a typo or a field that is read-only
elsewhere must not be dropped silently): 400 naming each unknown field.

Use `StrictSerializer` / `StrictModelSerializer` (or `StrictFieldsMixin` first in the bases)
for every serializer that reads a request body; `tests/test_strict_writes.py` checks every
write operation of the API does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

UNKNOWN_FIELD = _("Unknown field.")


class StrictFieldsMixin:
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            known = set(self.fields)  # type: ignore[attr-defined]
            unknown = sorted(str(key) for key in data if key not in known)
            if unknown:
                raise serializers.ValidationError({key: [UNKNOWN_FIELD] for key in unknown})
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictSerializer(StrictFieldsMixin, serializers.Serializer[Any]):
    pass


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer[Any]):
    pass
