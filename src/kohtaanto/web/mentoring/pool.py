"""The volunteer pool: the coordinator's list and a volunteer's page (roles, profile,
training, background check), and the volunteer's own profile page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.groups.access import led_groups
from kohtaanto.mentoring import access, selectors, services
from kohtaanto.mentoring.models import Mentoring, VolunteerProfile
from kohtaanto.web.mentoring.forms import (
    AddVolunteerForm,
    BackgroundCheckForm,
    CourseForm,
    EngagementForm,
    PoolFilterForm,
    ProfileForm,
    TrainingForm,
    towns_text,
)
from kohtaanto.web.pages import add_service_errors, lang, role_required, user_roles


def _organisation(request: HttpRequest) -> Organisation:
    organisation: Organisation | None = getattr(request, "organisation", None)
    if organisation is None:
        raise Http404
    return organisation


def _candidates(request: HttpRequest, organisation: Organisation) -> list[tuple[int, str]]:
    """Members with the peer-mentor role who are not yet in the organisation's pool."""
    return [
        (u.pk, u.get_full_name() or u.get_username())
        for u in access.pool_candidates(request.user, organisation)
    ]


def _audit_pool(
    request: HttpRequest, organisation: Organisation, rows: list[Any], filters: dict[str, Any]
) -> None:
    """The pool lists volunteers' names, towns, languages and checks: one audit event per
    list read, with the filters (a municipality code, a role, a language) and the count."""
    log_list_read(
        request.user,
        VolunteerProfile,
        count=len(rows),
        filters={"list": "volunteers", **{k: str(v) for k, v in filters.items() if v}},
        organisation=organisation,
    )


@never_cache
@role_required(Role.COORDINATOR)
@require_safe
def pool_list(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = PoolFilterForm(request.GET or None, lang=lang())
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.pool(
        access.volunteers_visible_to(request.user, organisation), organisation, filters, lang()
    )
    if form.is_bound and not form.is_valid():
        rows = []
    _audit_pool(request, organisation, rows, filters)
    return render(
        request,
        "mentoring/pool.html",
        {
            "form": form,
            "rows": rows,
            "groups_over": _groups_over_rows(rows),
            "add_form": AddVolunteerForm(users=_candidates(request, organisation)),
            "has_candidates": bool(_candidates(request, organisation)),
            "course_form": CourseForm(),
            "courses": list(selectors.courses_for(organisation).order_by("name")),
        },
    )


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def pool_add(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    candidates = _candidates(request, organisation)
    form = AddVolunteerForm(request.POST, users=candidates)
    if form.is_valid():
        user = access.pool_candidates(request.user, organisation).get(pk=form.cleaned_data["user"])
        try:
            profile = services.add_volunteer(
                request.user, user, organisation, form.cleaned_data["roles"]
            )
        except ValidationFailed as error:
            add_service_errors(form, error, "user")
        else:
            messages.success(request, _("The volunteer is now in the pool."))
            return redirect("mentoring:volunteer", profile.pk)
    rows = selectors.pool(
        access.volunteers_visible_to(request.user, organisation), organisation, {}, lang()
    )
    _audit_pool(request, organisation, rows, {})
    return render(
        request,
        "mentoring/pool.html",
        {
            "form": PoolFilterForm(lang=lang()),
            "rows": rows,
            "add_form": form,
            "has_candidates": bool(candidates),
            "course_form": CourseForm(),
            "courses": list(selectors.courses_for(organisation).order_by("name")),
        },
        status=400,
    )


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def course_add(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = CourseForm(request.POST)
    if form.is_valid():
        try:
            services.create_course(
                request.user,
                organisation,
                form.cleaned_data["name"],
                form.cleaned_data["hours"],
                form.cleaned_data["valid_months"],
            )
        except ValidationFailed as error:
            add_service_errors(form, error, "name")
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The course is added."))
            return redirect(reverse("mentoring:pool") + "#courses")
    rows = selectors.pool(
        access.volunteers_visible_to(request.user, organisation), organisation, {}, lang()
    )
    candidates = _candidates(request, organisation)
    return render(
        request,
        "mentoring/pool.html",
        {
            "form": PoolFilterForm(lang=lang()),
            "rows": rows,
            "add_form": AddVolunteerForm(users=candidates),
            "has_candidates": bool(candidates),
            "course_form": form,
            "courses": list(selectors.courses_for(organisation).order_by("name")),
        },
        status=400,
    )


def _profile_initial(profile: VolunteerProfile) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "towns": towns_text(list(profile.regions), lang()),
        "remote_ok": profile.remote_ok,
        "interests": profile.interests,
        "availability": profile.availability,
        "capacity_mentees": profile.capacity_mentees,
        "capacity_groups": profile.capacity_groups,
        "contact_for_mentees": profile.contact_for_mentees,
        "skills": list(profile.skills.values_list("uri", flat=True)),
    }
    for row, (code, level) in enumerate(profile.languages.values_list("language", "level")):
        initial[f"language_{row}"] = code
        initial[f"level_{row}"] = level
    return initial


def _save_profile(by: Any, profile: VolunteerProfile, form: ProfileForm) -> bool:
    """Write the profile form through the services in one transaction; errors onto the form."""
    data = form.cleaned_data
    fields: dict[str, Any] = {
        "regions": data["towns"],
        "remote_ok": data["remote_ok"],
        "interests": data["interests"],
        "availability": data["availability"],
        "capacity_mentees": data["capacity_mentees"],
        "capacity_groups": data["capacity_groups"],
    }
    if "contact_for_mentees" in form.fields:  # only on the volunteer's own page
        fields["contact_for_mentees"] = data["contact_for_mentees"]
    try:
        with transaction.atomic():
            services.update_profile(by, profile, **fields)
            services.set_languages(by, profile, form.languages())
            services.set_skills(by, profile, data["skills"])
    except ValidationFailed as error:
        add_service_errors(form, error, "towns")
        return False
    return True


def groups_over_capacity(profile: VolunteerProfile | None) -> tuple[int, int] | None:
    """(groups led now, groups at most) when the volunteer leads more groups than their
    profile allows, else None. Counted here in the web layer: mentoring is below groups."""
    if profile is None:
        return None
    led = led_groups(profile.user).filter(archived=False).count()
    return (led, profile.capacity_groups) if led > profile.capacity_groups else None


def _groups_over_rows(rows: list[Any]) -> list[tuple[int, int, int]]:
    """(profile id, groups led, groups at most) of the listed volunteers who lead too many."""
    found = []
    for row in rows:
        over = groups_over_capacity(row.profile)
        if over is not None:
            found.append((row.profile.pk, *over))
    return found


def _volunteer_context(
    request: HttpRequest, profile: VolunteerProfile, organisation: Organisation, **forms: Any
) -> dict[str, Any]:
    engagement = access.engagement_in(profile, organisation)
    own_skills = list(profile.skills.values_list("uri", flat=True))
    context: dict[str, Any] = {
        "profile": profile,
        "name": profile.user.get_full_name() or profile.user.get_username(),
        "engagement": engagement,
        "taken": services.mentor_load(profile.user),
        "training": selectors.training_of(profile),
        "today": timezone.localdate(),
        "profile_form": ProfileForm(
            initial=_profile_initial(profile), lang=lang(), own_skills=own_skills, own=False
        ),
        "groups_over": groups_over_capacity(profile),
        "engagement_form": EngagementForm(
            initial={
                "roles": engagement.roles if engagement else [],
                "active": engagement.active if engagement else False,
            }
        ),
        "training_form": TrainingForm(courses=selectors.courses_for(organisation)),
        "check_form": BackgroundCheckForm(
            initial={
                "checked_on": profile.background_check_on,
                "result": ""
                if profile.background_check_ok is None
                else ("yes" if profile.background_check_ok else "no"),
            }
        ),
        "mentorings": list(
            access.mentorings_visible_to(request.user)
            .filter(mentor=profile.user, organisation=organisation)
            .select_related("participant")
        ),
    }
    if context["mentorings"]:  # the mentees by name: one audit event per list read
        log_list_read(
            request.user,
            Mentoring,
            count=len(context["mentorings"]),
            filters={"list": "volunteer_mentorings", "volunteer": profile.pk},
            organisation=organisation,
        )
    context.update(forms)
    return context


@never_cache
@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request)
    profile = access.access_volunteer(request.user, organisation, pk)
    if request.method == "POST":
        profile_form = ProfileForm(
            request.POST,
            lang=lang(),
            own_skills=list(profile.skills.values_list("uri", flat=True)),
            own=False,
        )
        engagement_form = EngagementForm(request.POST)
        if profile_form.is_valid() and engagement_form.is_valid():
            try:
                with transaction.atomic():
                    services.set_engagement(
                        request.user,
                        profile,
                        organisation,
                        engagement_form.cleaned_data["roles"],
                        active=engagement_form.cleaned_data["active"],
                    )
                    if not _save_profile(request.user, profile, profile_form):
                        raise _Rollback
            except ValidationFailed as error:
                add_service_errors(engagement_form, error, "roles")
            except _Rollback:
                pass
            else:
                messages.success(request, _("The volunteer's information is saved."))
                return redirect("mentoring:volunteer", profile.pk)
        context = _volunteer_context(
            request,
            profile,
            organisation,
            profile_form=profile_form,
            engagement_form=engagement_form,
        )
        return render(request, "mentoring/volunteer.html", context, status=400)
    return render(
        request, "mentoring/volunteer.html", _volunteer_context(request, profile, organisation)
    )


class _Rollback(Exception):
    """Undo the transaction after errors that are already on a form."""


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def volunteer_training(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request)
    profile = access.access_volunteer(request.user, organisation, pk)
    form = TrainingForm(request.POST, courses=selectors.courses_for(organisation))
    if form.is_valid():
        try:
            services.add_training_record(
                request.user,
                profile,
                form.cleaned_data["course"],
                form.cleaned_data["completed_on"],
                hours=form.cleaned_data["hours"],
                trainer=form.cleaned_data["trainer"],
            )
        except ValidationFailed as error:
            add_service_errors(form, error, "course")
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The training is recorded."))
            return redirect(reverse("mentoring:volunteer", args=[profile.pk]) + "#training")
    context = _volunteer_context(request, profile, organisation, training_form=form)
    return render(request, "mentoring/volunteer.html", context, status=400)


@never_cache
@role_required(Role.COORDINATOR)
@require_POST
def volunteer_check(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request)
    profile = access.access_volunteer(request.user, organisation, pk)
    form = BackgroundCheckForm(request.POST)
    if form.is_valid():
        try:
            services.record_background_check(
                request.user, profile, form.cleaned_data["checked_on"], form.result_value()
            )
        except ValidationFailed as error:
            add_service_errors(form, error, "checked_on")
            if "background_check_ok" in error.errors:
                form.add_error("result", error.errors["background_check_ok"][0])
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("The background check is recorded."))
            return redirect(reverse("mentoring:volunteer", args=[profile.pk]) + "#check")
    context = _volunteer_context(request, profile, organisation, check_form=form)
    return render(request, "mentoring/volunteer.html", context, status=400)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    """The volunteer's own profile (members with the peer-mentor role, or anyone who already
    has a volunteer profile)."""
    user: Any = request.user
    existing = access.own_volunteer_profile(user)
    if existing is None and Role.MENTOR not in user_roles(request):
        raise Http404
    own_skills = list(existing.skills.values_list("uri", flat=True)) if existing else []
    if request.method == "POST":
        form = ProfileForm(request.POST, lang=lang(), own_skills=own_skills)
        if form.is_valid():
            try:
                with transaction.atomic():
                    profile = services.own_profile(user)
                    if not _save_profile(request.user, profile, form):
                        raise _Rollback
            except _Rollback:
                pass
            else:
                messages.success(request, _("Your volunteer profile is saved."))
                return redirect("mentoring:my-profile")
        status = 400
    else:
        initial = (
            _profile_initial(existing)
            if existing
            else {"capacity_mentees": 2, "capacity_groups": 1}
        )
        form = ProfileForm(initial=initial, lang=lang(), own_skills=own_skills)
        status = 200
    engagements = (
        list(existing.engagements.select_related("organisation").order_by("organisation__name"))
        if existing
        else []
    )
    return render(
        request,
        "mentoring/my_profile.html",
        {
            "form": form,
            "profile": existing,
            "engagements": [
                (e.organisation.name, selectors.role_labels(list(e.roles)), e.active)
                for e in engagements
            ],
            "training": selectors.training_of(existing) if existing else [],
            "taken": services.mentor_load(user.pk) if existing else 0,
            "today": timezone.localdate(),
            "groups_over": groups_over_capacity(existing),
        },
        status=status,
    )
