"""Template helper of the suggestion results: near-misses, restricted misses (coach only) and
the "not for me" note, as `web.matches.presenters.results_view` shapes them (the views pass the
`Suggestions` result as `result`). What limits on work changed is shown only to readers who may
see restricted data (`people.access.may_see_restricted`)."""

from __future__ import annotations

from typing import Any

from django import template

from kohtaanto.matches.suggestions import Suggestions
from kohtaanto.people.access import may_see_restricted
from kohtaanto.web.matches import presenters
from kohtaanto.web.pages import lang

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestion_extras(context: dict[str, Any], result: Suggestions) -> dict[str, Any]:
    """`results_view` plus `limits_visible`: whether this reader may see what limits on work
    changed (the participant themself or one of their own coaches; not a coordinator)."""
    extra = presenters.results_view(result, lang())
    request, participant = context.get("request"), context.get("participant")
    extra["limits_visible"] = bool(
        request is not None
        and participant is not None
        and may_see_restricted(request.user, participant)
    )
    return extra
