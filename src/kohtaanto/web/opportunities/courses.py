"""Course and learning material list (filters, htmx) and detail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kohtaanto.opportunities import access, selectors
from kohtaanto.web.opportunities.forms import CourseFilterForm
from kohtaanto.web.pages import is_htmx

PAGE_SIZE = 50


@never_cache
@login_required
@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    courses = access.courses_visible_to(request.user)
    if not access.can_see_opportunities(request.user):
        raise Http404
    form = CourseFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        courses = selectors.filter_courses(courses, form.cleaned_data)
    elif form.is_bound:
        courses = courses.none()
    else:
        courses = selectors.filter_courses(courses, {})
    page = Paginator(courses.prefetch_related("skills"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "total": page.paginator.count}
    template = (
        "opportunities/_course_results.html" if is_htmx(request) else "opportunities/courses.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@never_cache
@login_required
@require_safe
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_see_opportunities(request.user):
        raise Http404
    course = access.access_course(request.user, pk)
    return render(
        request,
        "opportunities/course_detail.html",
        {"course": course, "skills": list(course.skills.all())},
    )
