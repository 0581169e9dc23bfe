"""Choices of peer groups, their members, sessions and attendance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    HOBBY = "hobby", _("Hobby group")
    LEARNING = "learning", _("Learning group")
    JOB_SEARCH = "job_search", _("Job search group")
    LANGUAGE_PRACTICE = "language_practice", _("Language practice group")
    TEAM_COACHING = "team_coaching", _("Team coaching")
    COMPANY_VISITS = "company_visits", _("Company visit group")


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REQUESTED = "requested", _("Asked to join")
    MEMBER = "member", _("Member")
    WAITING = "waiting", _("On the waiting list")
    LEFT = "left", _("Left the group")


class AttendanceMark(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Absent with notice")
