"""Plain-language texts for roles and consent purposes (shown on several pages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kohtaanto.people.enums import ConsentPurpose

# What each role will find here later. Honest: these parts are not built yet. (A peer mentor's
# home has its own empty state: the mentoring, groups and support-line parts are built.)
ROLE_COMING = {
    "employer_contact": (
        _("Employer contact"),
        _(
            "Here you will see your company's profile, your needs for skills and your work "
            "trial places. You will see only candidates who have agreed to be proposed to you."
        ),
    ),
    "workplace_mentor": (
        _("Workplace mentor"),
        _(
            "Here you will see the person whose work trial you guide, your check-ins with them "
            "and the evaluation at the end of the trial."
        ),
    ),
    "analyst": (
        _("Analyst"),
        _(
            "Here you will see statistics about the service. They are anonymised: you will "
            "never see information about one person."
        ),
    ),
}

# What each consent means, in plain language (selkokieli in Finnish).
CONSENT_EXPLANATIONS = {
    ConsentPurpose.SERVICE_PROCESSING: _(
        "We keep your information so that your coach can help you. "
        "Without this consent we cannot give you the service."
    ),
    ConsentPurpose.MATCHING: _(
        "The service looks for jobs, work trials, courses and mentors that suit you."
    ),
    ConsentPurpose.SHARE_PROFILE_WITH_EMPLOYERS: _(
        "Employers can see your skills and your work wishes. They do not see your contact details."
    ),
    ConsentPurpose.FOLLOW_UP_CONTACT: _(
        "We may contact you after the service ends and ask how you are doing."
    ),
    ConsentPurpose.ANONYMISED_STATISTICS: _(
        "Your information is used in statistics. Nobody can recognise you in them."
    ),
    ConsentPurpose.SPECIAL_CATEGORIES: _(
        "We may keep sensitive information, for example about your health, "
        "if it helps your coach to help you."
    ),
    ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS: _(
        "We may write down what work your health does not allow, so that you get suitable tasks."
    ),
}
