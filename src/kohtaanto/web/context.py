"""Template context shared by every page: site name, languages and the navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kohtaanto.web import facts
from kohtaanto.web.pages import user_roles

SERVICE_NAME = "Kohtaanto"

# Each language is named in its own language, so that anyone can find theirs.
LANGUAGE_NAMES = (("fi", "suomi"), ("sv", "svenska"), ("en", "English"))


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str] | None = None  # None: every logged-in user
    shown: Callable[[HttpRequest], bool] | None = None
    """For a role only some of whose members use the page: whether this user does."""


def _on_a_line(request: HttpRequest) -> bool:
    """A support-line volunteer, its coordinator or an analyst of its statistics (in any of
    their organisations; the home page's section asks the same sets)."""
    return bool(facts.support_lines(request).any(user_roles(request)))


def _peer_volunteer(request: HttpRequest) -> bool:
    """Groups, mentoring and the volunteer profile for anyone but a peer mentor who only
    answers the support line (they see the shift calendar and the contact log only). Three
    menu items ask it: worked out once per request."""
    known = getattr(request, "_kohtaanto_peer_volunteer", None)
    if known is None:
        known = _is_peer_volunteer(request)
        request._kohtaanto_peer_volunteer = known  # type: ignore[attr-defined]
    return known


def _is_peer_volunteer(request: HttpRequest) -> bool:
    roles = user_roles(request)
    if "mentor" not in roles or roles & {"participant", "coach", "coordinator"}:
        return True
    from kohtaanto.mentoring.access import mentorings_visible_to

    # Any one answers yes; the cheapest and most common (a peer mentor's engagement) first.
    user = request.user
    profile = facts.volunteer_profile(request)
    engagements = list(profile.engagements.filter(active=True)) if profile is not None else []
    if any(set(engagement.roles) - {"support_line"} for engagement in engagements):
        return True
    return (
        bool(facts.led_groups(request))
        or not facts.support_lines(request).shifts()
        or mentorings_visible_to(user).filter(mentor_id=user.pk).exists()
    )


def _visits(request: HttpRequest) -> bool:
    """Company visits: staff, and a volunteer who leads a company-visit group."""
    if user_roles(request) & {"coach", "coordinator"}:
        return True
    return any(group.kind == "company_visits" for group in facts.led_groups(request))


def _has_a_mentor(request: HttpRequest) -> bool:
    """A mentoring of one's own participant record, in any state ("My mentor" lists them)."""
    return bool(facts.own_mentorings(request))


def _has_trials(request: HttpRequest) -> bool:
    return bool(facts.own_trials(request))


def _has_badge_wallet(request: HttpRequest) -> bool:
    """A participant record or a volunteer profile (`achievements.selectors.has_wallet`); a
    peer mentor's profile is the one the page has already read."""
    from kohtaanto.achievements.selectors import has_wallet

    roles = user_roles(request)
    if "participant" in roles and facts.own_participant(request) is not None:
        return True
    if "mentor" in roles and facts.volunteer_profile(request) is not None:
        return True
    return has_wallet(request.user)


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
    NavItem("qualifications:list", _("Qualifications"), frozenset({"coach", "coordinator"})),
    # Work trials (issue 15).
    NavItem("trials:list", _("Trials"), frozenset({"coach", "coordinator"})),
    NavItem("trials:my", _("My trials"), frozenset({"participant"}), _has_trials),
    # Work trials (issue 15): the workplace's side.
    NavItem(
        "trials:workplace-list",
        _("Work trials"),
        frozenset({"workplace_mentor", "employer_contact"}),
    ),
    # Peer work (issue 14): groups, mentoring, company visits, the support line.
    NavItem(
        "groups:list",
        _("Groups"),
        frozenset({"participant", "mentor", "coach", "coordinator"}),
        _peer_volunteer,
    ),
    NavItem("mentoring:my-mentor", _("My mentor"), frozenset({"participant"}), _has_a_mentor),
    NavItem(
        "mentoring:mentorings",
        _("Mentoring"),
        frozenset({"mentor", "coach", "coordinator"}),
        _peer_volunteer,
    ),
    NavItem("mentoring:pool", _("Volunteers"), frozenset({"coordinator"})),
    NavItem(
        "outreach:index",
        _("Company visits"),
        frozenset({"mentor", "coach", "coordinator"}),
        _visits,
    ),
    NavItem(
        "supportline:index",
        _("Support line"),
        frozenset({"mentor", "coordinator", "analyst"}),
        _on_a_line,
    ),
    NavItem(
        "mentoring:my-profile", _("My volunteer profile"), frozenset({"mentor"}), _peer_volunteer
    ),
    NavItem("insights:outcomes", _("Outcomes"), frozenset({"coordinator", "analyst"})),
    NavItem("foresight:index", _("Regional foresight"), frozenset({"coordinator", "analyst"})),
    # Open Badges (issue 17).
    NavItem(
        "achievements:my_badges",
        _("My badges"),
        frozenset({"participant", "mentor"}),
        _has_badge_wallet,
    ),
    NavItem("achievements:manage", _("Badges of the organisation"), frozenset({"coordinator"})),
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
        if item.shown is not None and not item.shown(request):
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
