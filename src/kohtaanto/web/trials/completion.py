"""(being written)"""

from typing import Any

urlpatterns: list[Any] = []


def panel_context(request: Any, trial: Any, roles: set[str]) -> dict[str, Any]:
    """Context for `trials/_completion_panel.html` on the trial page (certificate, skills shown,
    learning plan, reference, what came next). Filled in by the completion part."""
    return {}
