"""Writes of the participant journey (the only write path), one module per area:

- `intake`: new participant with intake, basic data, languages, story + recognition,
  restricted constraints, ESF+ entry data;
- `plan`: goals and steps, session log and planned meetings, tasks;
- `digcomp`: DigComp 2.2 self-assessment;
- `cv`: CV drafts and their PDF/DOCX export;
- `outcomes`: end of service, continuation path, follow-up at six months.

Everything is re-exported here: `from kohtaanto.journeys import services`.
"""

from kohtaanto.journeys.services.cv import (
    RenderedDocument,
    export_cv,
    prepare_cv_draft,
    refresh_cv_draft,
    update_cv_draft,
)
from kohtaanto.journeys.services.digcomp import (
    answer_digcomp,
    complete_digcomp,
    start_digcomp,
    submit_digcomp,
)
from kohtaanto.journeys.services.intake import (
    StorySaved,
    create_participant_with_intake,
    recognise_again,
    save_esf_entry_data,
    save_story,
    set_languages,
    set_restricted_constraints,
    update_intake,
)
from kohtaanto.journeys.services.outcomes import end_service, record_follow_up
from kohtaanto.journeys.services.plan import (
    add_goal,
    add_goal_step,
    add_task,
    cancel_session,
    log_session,
    plan_session,
    record_session_held,
    set_step_done,
    set_task_done,
    update_goal,
    update_task,
)

__all__ = [
    "RenderedDocument",
    "StorySaved",
    "add_goal",
    "add_goal_step",
    "add_task",
    "answer_digcomp",
    "cancel_session",
    "complete_digcomp",
    "create_participant_with_intake",
    "end_service",
    "export_cv",
    "log_session",
    "plan_session",
    "prepare_cv_draft",
    "recognise_again",
    "record_follow_up",
    "record_session_held",
    "refresh_cv_draft",
    "save_esf_entry_data",
    "save_story",
    "set_languages",
    "set_restricted_constraints",
    "set_step_done",
    "set_task_done",
    "start_digcomp",
    "submit_digcomp",
    "update_cv_draft",
    "update_goal",
    "update_intake",
    "update_task",
]
