"""Fixed codes of the support line: contact channels, topics, caller groups, referrals and
the states of a shift sign-up. The contact log stores these codes only (never free text), so
that nothing in it can name the caller."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("Signed up")
    SWAP_OFFERED = "swap_offered", _("Swap offered")
    CANCELLED = "cancelled", _("Cancelled")


COVERING = (SignupStatus.SIGNED_UP, SignupStatus.SWAP_OFFERED)
"""Sign-ups that cover the shift (an offered swap still does, until someone takes it)."""


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")


class Topic(models.TextChoices):
    JOB_LOSS = "job_loss", _("Losing one's job")
    CHANGE_NEGOTIATIONS = "change_negotiations", _("Change negotiations")
    MONEY = "money", _("Money and livelihood")
    BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    COPING = "coping", _("Coping and mental load")
    JOB_SEARCH = "job_search", _("Job search")
    EDUCATION = "education", _("Education and training")
    FAMILY = "family", _("Family")
    OTHER = "other", _("Something else")


class CallerGroup(models.TextChoices):
    DISMISSED = "dismissed", _("A person who lost or is losing their job")
    DISMISSING_STAFF = "dismissing_staff", _("Staff of a company that dismisses people")
    RELATIVE = "relative", _("A relative or friend")
    OTHER = "other", _("Someone else")


class Referral(models.TextChoices):
    EMPLOYMENT_SERVICES = "employment_services", _("Employment services (TE services)")
    KELA = "kela", _("Kela")
    UNION = "union", _("Trade union or unemployment fund")
    HEALTH_CARE = "health_care", _("Health care")
    CRISIS_HELP = "crisis_help", _("Crisis help")
    COACHING = "coaching", _("Kohtaanto coaching")
    OTHER = "other", _("Somewhere else")


class FollowUp(models.TextChoices):
    NONE = "none", _("No follow-up")
    CALLBACK = "callback", _("Yes, a call back by phone")
    OTHER = "other", _("Yes, in another way")
