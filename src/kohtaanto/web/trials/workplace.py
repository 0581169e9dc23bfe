"""(being written)"""

from typing import Any

urlpatterns: list[Any] = []


def panel_context(request: Any, trial: Any, roles: set[str]) -> dict[str, Any]:
    """Context for `trials/_workplace_panel.html` on the trial page (check-ins, assessments,
    evidence, links). Filled in by the workplace part."""
    return {}
