"""The participant's own "My next steps" (their home page): open tasks, the next planned
meeting, suggestions still waiting for their answer and new answers from employers.

Reads only the participant's own record (the caller passes the participant loaded with
`people.access.own_participant`), so nothing is audited. Journeys' tables are read here, not in
`journeys.selectors`, because "my path" there also builds the skills profile and DigComp
history, which the home page does not need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from kohtaanto.journeys.enums import SessionStatus
from kohtaanto.journeys.models import Session, Task
from kohtaanto.matches.interests import answers_by_target
from kohtaanto.matches.models import Proposal
from kohtaanto.matches.services import new_answers_for_participant
from kohtaanto.matches.suggestions import suggested_ids
from kohtaanto.people.models import Participant

MAX_TASKS = 5


@dataclass(frozen=True)
class NextSteps:
    open_tasks: list[Task] = field(default_factory=list)
    more_tasks: int = 0
    """Open tasks beyond the first `MAX_TASKS` shown."""
    next_meeting: Session | None = None
    matching_allowed: bool = False
    suggestions: int = 0
    """Suggestions shown on "Jobs and courses for me" now."""
    unanswered: int = 0
    """… of which the participant has not answered yet."""
    employer_answers: list[Proposal] = field(default_factory=list)

    @property
    def nothing(self) -> bool:
        """True only when there is truly nothing to do or to look forward to."""
        return not (
            self.open_tasks or self.next_meeting or self.unanswered or self.employer_answers
        )


def next_steps_of(participant: Participant) -> NextSteps:
    tasks = list(
        Task.objects.filter(participant=participant, done_at__isnull=True).order_by(
            "due", "created", "id"
        )
    )
    # Tasks without a due date come last (NULL sorts first in some databases).
    tasks.sort(key=lambda t: (t.due is None, t.due or timezone.localdate(), t.created, t.pk))
    meeting = (
        Session.objects.filter(
            participant=participant, status=SessionStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at", "id")
        .first()
    )
    # The same list as "Jobs and courses for me", counted without building its explanations.
    found = suggested_ids(participant)
    answered = answers_by_target(participant)
    unanswered = sum(1 for pk in found or () if ("opportunity", pk) not in answered)
    return NextSteps(
        open_tasks=tasks[:MAX_TASKS],
        more_tasks=max(0, len(tasks) - MAX_TASKS),
        next_meeting=meeting,
        matching_allowed=found is not None,
        suggestions=len(found or ()),
        unanswered=unanswered,
        employer_answers=new_answers_for_participant(participant),
    )
