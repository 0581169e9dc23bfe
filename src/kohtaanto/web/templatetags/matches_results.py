"""Template helper of the suggestion results: near-misses, restricted misses (coach only) and
the "not for me" note, as `web.matches.presenters.results_view` shapes them (the views pass the
`Suggestions` result as `result`)."""

from __future__ import annotations

from typing import Any

from django import template

from kohtaanto.matches.suggestions import Suggestions
from kohtaanto.web.matches import presenters
from kohtaanto.web.pages import lang

register = template.Library()


@register.simple_tag
def suggestion_extras(result: Suggestions) -> dict[str, Any]:
    return presenters.results_view(result, lang())
