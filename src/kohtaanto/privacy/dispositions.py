"""What erasing a participant does to each model about a participant (`privacy.registry`).

Held fields are copied into the hold's `HeldRecord` before the rows go; everything else is
deleted. A new model about a participant must be added here (the registry test fails until
it is), like it must be added to the person's data export."""

from __future__ import annotations

from kohtaanto.privacy.registry import erase, hold

ESF = "esf_audit"

# The participant record: the name stays with a funded project's audit record.
hold("people.Participant", ESF, ("first_name", "last_name", "created"))
hold(
    "people.ConsentEvent",
    ESF,
    ("purpose", "kind", "at", "channel", "form_version"),
    note="proof that special-category answers were given with consent",
)
hold("journeys.Intake", ESF, ("birth_date", "service_start"), note="the story is not kept")
hold(
    "journeys.EsfEntryData",
    ESF,
    (
        "entry_date",
        "labour_market_status",
        "isced_level",
        "age_band",
        "gender_category",
        "disability",
        "minority",
        "third_country_national",
        "foreign_background",
        "homeless",
        "rural_area",
    ),
)
hold("journeys.Outcome", ESF, ("outcome_type", "date", "qualification_gained"))
hold("journeys.FollowUp", ESF, ("due", "done_at", "result", "outcome_type"))
hold(
    "insights.ProjectEnrolment",
    ESF,
    ("project__name", "project__code", "project__funder", "entered", "left"),
)

for label in (
    "people.Participant_coaches",
    "people.Invitation",
    "people.ReminderOptOut",
    "profiles.ProfileItem",
    "profiles.ChangeRequest",
    "profiles.RecognitionRun",
    "journeys.SpokenLanguage",
    "journeys.RestrictedConstraints",
    "journeys.Goal",
    "journeys.GoalStep",
    "journeys.Task",
    "journeys.Session",
    "journeys.Session_coaches",
    "journeys.DigCompAttempt",
    "journeys.DigCompAnswer",
    "journeys.CvDraft",
    "matches.Interest",
    "matches.Proposal",
    "mentoring.MentorRequest",
    "mentoring.Mentoring",
    "mentoring.MentoringMeeting",
    "groups.GroupMember",
    "groups.Attendance",
    "outreach.CompanyVisit_visitors",
    "trials.Trial",
    "trials.TrialTransition",
    "trials.TrialUnit",
    "trials.TrialRequirement",
    "trials.TrialDay",
    "trials.Goal",
    "trials.Agreement",
    "trials.Assessment",
    "trials.AssessmentItem",
    "trials.Certificate",
    "trials.CheckIn",
    "trials.CheckInLink",
    "trials.Confirmation",
    "trials.Evidence",
    "trials.LearningPlan",
    "trials.LearningItem",
    "trials.ReferenceLetter",
):
    erase(label)

erase("achievements.CourseCompletion")
erase(
    "achievements.IssuedCredential",
    note="the badge's public page and status end; a copy the person downloaded stays theirs",
)
