"""Statistics of the support line per ISO week and region, for the coordinators (exact) and
the analysts (counts under 5 hidden, and any count that would give one of them away; topics,
referrals, caller groups and follow-ups for the whole period only: `selectors.statistics`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.supportline import access, selectors
from kohtaanto.supportline.regions import region_name
from kohtaanto.web.pages import lang

WEEK_CHOICES = (4, 8, 12, 26, 52)


def week_label(week: str, language: str) -> str:
    """An ISO week "2026-W42" as people read it: "vk 42 (12.–18.10.)" in Finnish,
    "v. 42 (12–18.10)" in Swedish, "week 42 (12–18 Oct)" in English."""
    monday = selectors.parse_week(week, dt.date.min)
    sunday = monday + dt.timedelta(days=6)
    same_month = monday.month == sunday.month
    if language == "en":
        start = date_format(monday, "j" if same_month else "j M")
        end = date_format(sunday, "j M")
    else:
        dot = "." if language == "fi" else ""
        start = f"{monday.day}{dot}" if same_month else f"{monday.day}.{monday.month}{dot}"
        end = f"{sunday.day}.{sunday.month}{dot}"
    return _("week %(number)d (%(start)s–%(end)s)") % {
        "number": monday.isocalendar().week,
        "start": start,
        "end": end,
    }


def _cells(codes: list[tuple[str, str]], values: list[selectors.Cell]) -> list[tuple[str, Any]]:
    """Each value with its column's label (shown beside it when a table is stacked on a
    phone)."""
    return [(label, value) for (_code, label), value in zip(codes, values, strict=True)]


def _breakdown(row: selectors.StatRow, key: str) -> list[selectors.Cell]:
    return {"topics": row.topics, "referrals": row.referrals, "callers": row.caller_groups}[key]


@never_cache
@login_required
@require_safe
def statistics(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.access_line_statistics(request.user, line_id)
    try:
        weeks = int(request.GET.get("weeks", "8"))
    except ValueError:
        weeks = 8
    if weeks not in WEEK_CHOICES:
        weeks = 8
    today = timezone.localdate()
    since = selectors.week_start(today) - dt.timedelta(days=7 * (weeks - 1))
    exact = access.is_coordinator(request.user, line)
    stats = selectors.statistics(line, since=since, until=today, suppress_small=not exact)
    language = lang()
    region_labels = [region_name(code, language) if code else "" for code in stats.regions]
    region_headings = [label or _("Region not known") for label in region_labels]
    labels = {row.week: week_label(row.week, language) for row in stats.weeks}
    tables = (
        ("topics", _("Topics per week"), _("Topics in the period"), stats.topic_codes),
        ("referrals", _("Referrals per week"), _("Referrals in the period"), stats.referral_codes),
        (
            "callers",
            _("Who got in touch, per week"),
            _("Who got in touch in the period"),
            stats.caller_group_codes,
        ),
    )
    breakdowns = [
        {
            "id": key,
            "title": per_week if exact else period,
            "codes": codes,
            # Analysts' rows have no per-week breakdowns: only the period's (protected) total.
            "rows": [(labels[row.week], _cells(codes, _breakdown(row, key))) for row in stats.weeks]
            if exact
            else [],
            "total": _cells(codes, _breakdown(stats.total, key)),
        }
        for key, per_week, period, codes in tables
    ]
    context = {
        "breakdowns": breakdowns,
        "line": line,
        "stats": stats,
        "week_rows": [
            {
                "label": labels[row.week],
                "row": row,
                "regions": list(zip(region_headings, row.regions, strict=True)),
            }
            for row in stats.weeks
        ],
        "region_labels": region_labels,
        "weeks": weeks,
        "week_choices": WEEK_CHOICES,
        "since": since,
        "until": today,
        "exact": exact,
        "small": selectors.SMALL_CELL,
        "SMALL": selectors.SMALL,
        "HIDDEN": selectors.HIDDEN,
    }
    return render(request, "supportline/statistics.html", context)
