"""What matching adds to a person's data export (see `kohtaanto.people.exports`): the
proposals of the participant to employers and the participant's own answers to suggestions
("I'm interested" / "Not for me", with their reason). Imported from `MatchesConfig.ready()`.

A proposal has no message or note; the proposing coach appears by name only. The score is the
match when proposed (shown as a percentage on the page); the rules version stays in the file.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.matches.models import Interest, Proposal
from kohtaanto.people import exports
from kohtaanto.people.exports import Field, person_name


def _percent(value: Any, lang: str) -> Any:
    return f"{round(float(value) * 100)} %" if value is not None else exports.EMPTY


def _proposed_by(proposal: Proposal) -> str | None:
    return person_name(proposal.proposed_by)


exports.register(
    "proposals",
    model=Proposal,
    fields=(
        Field("opportunity", source="opportunity.title", label=_("Job or trial")),
        Field("opportunity_kind", source="opportunity.kind", label=_("type")),
        Field("employer", source="opportunity.employer.name", label=_("employer")),
        "status",
        "created",
        "status_changed",
        Field("score", label=_("How well my skills matched"), display=_percent),
        Field("rules_version", on_page=False),
        Field("proposed_by", get=_proposed_by, label=_("proposed by")),
    ),
    order_by=("created", "id"),
    label=_("Jobs and trials I was proposed for"),
)


def _interest_target(interest: Interest) -> str | None:
    target = interest.opportunity or interest.course
    return target.title if target is not None else None


exports.register(
    "interests",
    model=Interest,
    fields=(
        Field("target", get=_interest_target, label=_("Job, trial or course")),
        Field("employer", source="opportunity.employer.name", label=_("employer")),
        "kind",
        "reason_code",
        "reason",
        "created",
        "updated",
        "seen_by_coach",
    ),
    order_by=("created", "id"),
    label=_("My answers to suggestions"),
)
