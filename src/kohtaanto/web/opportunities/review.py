"""The skill review list: opportunities whose skills were recognised in the background (after an
import) and wait for a person's review. Coordinators see their organisations' opportunities,
employer contacts their employer's; anyone else gets 404. Each row links to the skills page,
where saving the choices is the review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.opportunities import access, selectors

PAGE_SIZE = 25


@never_cache
@login_required
@require_safe
def review_list(request: HttpRequest) -> HttpResponse:
    if not access.can_review_skills(request.user):
        raise Http404
    waiting = selectors.awaiting_skill_review(access.review_opportunities_visible_to(request.user))
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opportunities/review_list.html",
        {"page": page, "total": page.paginator.count},
    )
