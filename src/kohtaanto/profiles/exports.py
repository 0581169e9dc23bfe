"""What the skills profile adds to a person's data export (see `kohtaanto.people.exports`).

Imported from `ProfilesConfig.ready()`. The deciding coach (`decided_by`, `created_by`) and who
ran a recognition (`RecognitionRun.by`) are other people and are not exported.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kohtaanto.core.enums import Language
from kohtaanto.people import exports
from kohtaanto.people.exports import Field
from kohtaanto.profiles.models import ChangeRequest, ProfileItem, RecognitionRun


def _evidence(value: Any, lang: str) -> Any:
    """The words of the story that gave rise to a suggestion, in quotes."""
    texts = [
        f"“{span['text']}”" for span in value or [] if isinstance(span, dict) and span.get("text")
    ]
    return texts or exports.EMPTY


def _language(value: Any, lang: str) -> Any:
    return dict(Language.choices).get(value, value or exports.EMPTY)


exports.register(
    "skills_profile",
    model=ProfileItem,
    fields=(
        Field("uri", on_page=False),
        Field("label", label=_("Skill or occupation")),
        Field("kind", on_page=False),
        "group",
        "status",
        "source",
        Field("score", on_page=False),
        Field("evidence", label=_("Words in my story"), display=_evidence),
        "goal",
        "decided_at",
        "created",
    ),
    order_by=("group", "label", "id"),
    label=_("Skills profile"),
)
exports.register(
    "suggested_changes",
    model=ChangeRequest,
    fields=(
        "kind",
        Field("item_label", label=_("Skill to change")),
        Field("uri", on_page=False),
        Field("label", label=_("New skill")),
        "note",
        "status",
        "created",
        "decided_at",
    ),
    order_by=("created", "id"),
    label=_("My suggestions to the coach"),
)
exports.register(
    "recognition_runs",
    model=RecognitionRun,
    fields=(
        Field("at", label=_("Time")),
        Field("language", label=_("language of the story"), display=_language),
        Field("suggestions", label=_("Skills suggested")),
        Field("new_suggestions", label=_("New suggestions")),
    ),
    order_by=("at", "id"),
    label=_("Skills the service found in my story"),
)
