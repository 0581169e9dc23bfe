"""The outreach fixtures (a visit group, its members, a visit) for the page tests."""

from kohtaanto.outreach.tests.conftest import second_member, visit, visit_group

__all__ = ["second_member", "visit", "visit_group"]
