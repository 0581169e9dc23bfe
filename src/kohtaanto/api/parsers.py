"""The API's JSON parser: a size limit (413), strict JSON (no NaN), and no control characters
in any key or string (400 naming the field; see `kohtaanto.core.control_chars`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers

from kohtaanto.api.limits import max_body_bytes
from kohtaanto.core.control_chars import MESSAGE, has_control_characters
from kohtaanto.core.errors import ValidationFailed

MAX_DEPTH = 32


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def _strings(value: Any, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """(field path, text) for every key and string in `value`."""
    if depth > MAX_DEPTH:
        raise exceptions.ParseError(_("The JSON document is nested too deeply."))
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, str(key)
            yield from _strings(item, child, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index), depth + 1)


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        limit = max_body_bytes()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_reject_constant)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise exceptions.ParseError(
                _("The request body is not valid JSON. Check the syntax and try again.")
            ) from None
        bad = sorted(
            {path or "" for path, text in _strings(data, "") if has_control_characters(text)}
        )
        if bad:
            raise ValidationFailed(errors={path: [MESSAGE] for path in bad})
        return data
