"""The outreach fixtures (a visit group, its members, a visit, the fixed clock) for the page
tests."""

from kohtaanto.outreach.tests.conftest import outreach_clock, second_member, visit, visit_group

__all__ = ["outreach_clock", "second_member", "visit", "visit_group"]
