"""The rule book page (/trials/rules/): every version of the work-trial rules with the day it
is valid from (and until), the day its content was checked against its sources, the sources
and each rule's title in the reader's language. Coaches and coordinators read it; the trial
page's "Rules checked" line links to the version the trial was checked against.

The rules are public law, not personal data: nothing is audited here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from kohtaanto.trials import rulebook
from kohtaanto.web.pages import lang, require_staff


@dataclass(frozen=True)
class RuleRow:
    id: str
    title: str
    source: str
    url: str


@dataclass(frozen=True)
class VersionView:
    version: str
    valid_from: dt.date
    valid_until: dt.date | None
    """The day before the next version is valid (None: no newer version)."""
    checked_on: dt.date
    current: bool
    month_counting: str
    sources: list[tuple[str, str]]
    rules: list[RuleRow]


def versions(code: str, today: dt.date) -> list[VersionView]:
    """The rule sets, newest first, in language `code`."""
    sets = [rulebook.load_rules(version) for version in rulebook.available_versions()]
    current = next((r.version for r in reversed(sets) if r.valid_from <= today), None)
    views = []
    for i, rules in enumerate(sets):
        newer = sets[i + 1] if i + 1 < len(sets) else None
        views.append(
            VersionView(
                version=rules.version,
                valid_from=rules.valid_from,
                valid_until=newer.valid_from - dt.timedelta(days=1) if newer else None,
                checked_on=rules.checked_on,
                current=rules.version == current,
                month_counting=rules.month_counting.get(code) or rules.month_counting.get("fi", ""),
                sources=[(source.title, source.url) for source in rules.sources],
                rules=[
                    RuleRow(rule_id, rules.title(rule_id, code), rule.source_title, rule.source.url)
                    for rule_id, rule in rules.rules.items()
                ],
            )
        )
    return list(reversed(views))


@login_required
@require_safe
def rule_book(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    return render(
        request,
        "trials/rules.html",
        {"versions": versions(lang(), timezone.localdate())},
    )


urlpatterns: list[URLPattern] = [
    path("trials/rules/", rule_book, name="rules"),
]
