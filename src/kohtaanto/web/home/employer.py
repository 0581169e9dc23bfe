"""The employer contact's section of the home page: the work waiting for them.

- their employer's open opportunities;
- skills recognised automatically that wait for their review (`Opportunity.skills_awaiting_review`);
- proposed candidates waiting for their answer (proposed or seen, not yet answered), counted per
  opportunity through `matches.services.employer_proposal_counts` (the states and consent
  filter of `employer_proposals`, as on the candidates page, in two queries for all the
  opportunities: a withdrawn consent hides the candidate here too);
- upcoming work trials: accepted candidates of work-trial opportunities that start today or
  later, and open work trials starting within `TRIAL_SOON_DAYS`.
- what the company told company-visit groups about its future skill needs: confirmed demand
  signals by time horizon (`outreach.selectors.company_needs_for_contact`), never who visited.

Only counts and the employer's own opportunities are shown: no participant's name or data is
read here (the candidates page shows them, and audits every view). None when the user is not
the contact of any employer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kohtaanto.core.models import Organisation
from kohtaanto.matches.enums import ProposalStatus
from kohtaanto.matches.services import employer_proposal_counts
from kohtaanto.opportunities import access, selectors
from kohtaanto.opportunities.enums import OpportunityKind, OpportunityStatus
from kohtaanto.outreach.selectors import company_needs_for_contact
from kohtaanto.web.home import workplace
from kohtaanto.web.pages import lang

LIMIT = 10
"""At most this many rows per list (the counts are complete, and each list has a link to all)."""
TRIAL_SOON_DAYS = 30
WAITING = (ProposalStatus.PROPOSED, ProposalStatus.EMPLOYER_VIEWED)


def _employer(request: HttpRequest, organisation: Any) -> Organisation | None:
    employers = access.employer_organisations(request.user)
    current = getattr(organisation, "pk", None)
    if current is not None:
        found = employers.filter(pk=current).first()
        if found is not None:
            return found
    return employers.order_by("name", "id").first()


def section(request: HttpRequest, organisation: Any) -> dict[str, Any] | None:
    employer = _employer(request, organisation)
    if employer is None:
        return None
    today = timezone.localdate()
    own = access.opportunities_visible_to(request.user).filter(employer=employer)

    open_opportunities = own.filter(status=OpportunityStatus.OPEN).order_by("-created", "-id")
    review = selectors.awaiting_skill_review(own)

    waiting = list(
        own.filter(proposals__status__in=WAITING).distinct().order_by("start_date", "id")
    )
    trial_opportunities = list(
        own.filter(kind=OpportunityKind.WORK_TRIAL, start_date__gte=today)
        .exclude(status=OpportunityStatus.CLOSED)
        .order_by("start_date", "id")
    )
    # What the employer may see of each (states and consents), in two queries for all of them.
    counts = employer_proposal_counts(o.pk for o in (*waiting, *trial_opportunities))
    answers = []
    for opportunity in waiting:
        seen = counts.get(opportunity.pk, Counter())
        count = sum(seen[state] for state in WAITING)
        if count:
            answers.append({"opportunity": opportunity, "count": count})

    trials = []
    for opportunity in trial_opportunities:
        accepted = counts.get(opportunity.pk, Counter())[ProposalStatus.ACCEPTED]
        start = opportunity.start_date
        soon = (
            opportunity.status == OpportunityStatus.OPEN
            and start is not None
            and start <= today + dt.timedelta(days=TRIAL_SOON_DAYS)
        )
        if accepted or soon:
            trials.append({"opportunity": opportunity, "accepted": accepted})

    return {
        "organisation": employer,
        "open": list(open_opportunities[:LIMIT]),
        "open_count": open_opportunities.count(),
        "review": list(review[:LIMIT]),
        "review_count": review.count(),
        "answers": answers[:LIMIT],
        "answer_count": sum(row["count"] for row in answers),
        "trials": trials[:LIMIT],
        "trial_soon_days": TRIAL_SOON_DAYS,
        # Trials agreed at the workplace, with their check-ins and requests to talk.
        "workplace_trials": workplace.employer_trials(request, employer),
        # What the company told a visit group about future skill needs (confirmed only; no
        # word of who visited: outreach.selectors.company_needs_for_contact).
        "future_needs": company_needs_for_contact(employer, lang()),
    }
