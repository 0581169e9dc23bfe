"""Statistics of the support line per ISO week and region, for the coordinators (exact) and
the analysts (aggregated, per-region-per-week cells with fewer than 5 contacts hidden)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.supportline import access, selectors
from kohtaanto.supportline.regions import region_name
from kohtaanto.web.pages import lang

WEEK_CHOICES = (4, 8, 12, 26, 52)


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
    weeks_rows = [
        {
            "stats": week,
            "topics": [week.topics.get(code, 0) for code, _label in stats.topic_codes],
            "referrals": [week.referrals.get(code, 0) for code, _label in stats.referral_codes],
            "groups": [
                week.caller_groups.get(code, 0) for code, _label in stats.caller_group_codes
            ],
            "regions": stats.region_row(week.week),
        }
        for week in stats.weeks
    ]
    context = {
        "line": line,
        "stats": stats,
        "weeks_rows": weeks_rows,
        "region_labels": [region_name(code, language) if code else "" for code in stats.regions],
        "weeks": weeks,
        "week_choices": WEEK_CHOICES,
        "since": since,
        "until": today,
        "exact": exact,
        "small": selectors.SMALL_CELL,
        "total_topics": [stats.total.topics.get(c, 0) for c, _l in stats.topic_codes],
        "total_referrals": [stats.total.referrals.get(c, 0) for c, _l in stats.referral_codes],
        "total_groups": [stats.total.caller_groups.get(c, 0) for c, _l in stats.caller_group_codes],
    }
    return render(request, "supportline/statistics.html", context)
