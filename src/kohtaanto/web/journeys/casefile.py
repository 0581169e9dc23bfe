"""The participant's case file: loading it for a staff page (audited) and its tabs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kohtaanto.matches.interests import unseen_count
from kohtaanto.people.access import access_participant
from kohtaanto.people.models import Participant
from kohtaanto.profiles.selectors import pending_change_count
from kohtaanto.web.pages import require_staff


def staff_participant(request: HttpRequest, participant_id: int) -> Participant:
    """The participant for a coach's or coordinator's page (audited `view`), else 404.

    Participants use their own pages ("my path"), so they get 404 here even for themselves.
    """
    require_staff(request)
    return access_participant(request.user, participant_id)


def casefile_url(participant_id: int) -> str:
    """The case file's first tab (Basic information): where every link to a person leads."""
    from django.urls import reverse

    return reverse("participant_detail", args=[participant_id])


def participant_nav(participant: Participant, current: str) -> list[dict[str, Any]]:
    """The tabs of a participant's case file (links, `aria-current` on the open one)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    items = [
        ("participant_detail", _("Basic information"), "web"),
        ("story", _("Story and skills"), "journeys"),
        ("profile", _("Skills profile"), "journeys"),
        ("plan", _("Plan and meetings"), "journeys"),
        ("digcomp", _("Digital skills"), "journeys"),
        ("documents", _("CV and documents"), "journeys"),
        ("participant_suggestions", _("Suggested opportunities"), "matches"),
        ("end", _("End of service"), "journeys"),
    ]
    from django.utils.html import format_html
    from django.utils.translation import ngettext

    waiting = pending_change_count(participant)
    new_answers = unseen_count(participant)
    result = []
    for name, label, namespace in items:
        url_name = name if namespace == "web" else f"{namespace}:{name}"
        shown: Any = label
        if name == "participant_suggestions" and new_answers:
            # The header template words `badge` as suggested changes, so this tab carries its
            # own badge in the label ("2 new answers" from the participant).
            text = ngettext("%(count)s new answer", "%(count)s new answers", new_answers) % {
                "count": new_answers
            }
            shown = format_html('{} <span class="tag tag--wish">{}</span>', label, text)
        result.append(
            {
                "url": reverse(url_name, args=[participant.pk]),
                "label": shown,
                "current": name == current,
                "badge": waiting if name == "profile" else 0,
                "new_answers": new_answers if name == "participant_suggestions" else 0,
            }
        )
    return result
