"""Template context shared by every page: site name, languages and the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kohtaanto.web.pages import user_roles

SERVICE_NAME = "Kohtaanto"

# Each language is named in its own language, so that anyone can find theirs.
LANGUAGE_NAMES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str] | None = None  # None: every logged-in user


NAV_ITEMS = (
    NavItem("home", _("Home")),
    NavItem("journeys:caseload", _("Caseload"), frozenset({"coach", "coordinator"})),
    NavItem("journeys:my_path", _("My path"), frozenset({"participant"})),
    NavItem("matches:my_suggestions", _("Jobs and courses for me"), frozenset({"participant"})),
    NavItem("my_consents", _("My consents"), frozenset({"participant"})),
    NavItem(
        "opportunities:list",
        _("Opportunities"),
        frozenset({"coach", "coordinator", "employer_contact"}),
    ),
    NavItem("opportunities:courses", _("Courses"), frozenset({"coach", "coordinator"})),
    NavItem("matches:fairness", _("Fairness audit"), frozenset({"coordinator"})),
    NavItem("audit_log", _("Audit log"), frozenset({"coordinator"})),
)


def navigation(request: HttpRequest) -> list[dict[str, object]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = user_roles(request)
    items: list[dict[str, object]] = []
    for item in NAV_ITEMS:
        if item.roles is not None and not (item.roles & roles):
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": item.label, "current": current})
    return items


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": SERVICE_NAME,
        "language_names": LANGUAGE_NAMES,
        "current_language": get_language() or "fi",
        "nav_items": navigation(request),
    }
