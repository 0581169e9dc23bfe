"""Mentoring relationships: the list (coordinator, coach, mentor), the relationship page
(goals, what the participant shared, meetings with shared notes, the mentor's private notes
for the mentor only, accept/decline/confirm, closing with feedback), a meeting's notes, and
the participant's "my mentor" page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_list_read
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.mentoring import access, services
from kohtaanto.mentoring.enums import MentoringStatus, SharedSection
from kohtaanto.mentoring.models import Mentoring
from kohtaanto.mentoring.selectors import language_labels, next_meeting_of
from kohtaanto.people.access import own_participant
from kohtaanto.people.consent import may_use_for_matching
from kohtaanto.web.mentoring.forms import (
    CloseForm,
    FeedbackForm,
    MeetingForm,
    MeetingNotesForm,
    PlanForm,
    ShareForm,
)
from kohtaanto.web.pages import add_service_errors, lang, user_roles

LIST_ROLES = frozenset({"coordinator", "coach", "mentor"})


def _shared_labels_for_others() -> dict[str, str]:
    """What the participant shared, as others read it (the choices say "my goals")."""
    return {
        SharedSection.GOALS: _("The participant's goals"),
        SharedSection.SKILLS: _("The participant's confirmed skills"),
        SharedSection.LANGUAGES: _("The participant's languages"),
        SharedSection.CONTACT: _("The participant's e-mail and phone"),
    }


def mentor_contact(mentoring: Mentoring) -> str:
    """The contact the mentor chose to show their mentees (active mentorings only)."""
    if mentoring.status != MentoringStatus.ACTIVE:
        return ""
    profile = access.own_volunteer_profile(mentoring.mentor)
    return profile.contact_for_mentees if profile else ""


@never_cache
@login_required
@require_safe
def mentoring_list(request: HttpRequest) -> HttpResponse:
    """Mentorings of the current organisation that the user may see."""
    if not LIST_ROLES & user_roles(request):
        raise Http404
    organisation = getattr(request, "organisation", None)
    mentorings = (
        access.mentorings_visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("participant", "mentor")
        .order_by("status", "-proposed_at", "id")
    )
    rows = []
    for mentoring in mentorings:
        side = services.side_of(request.user, mentoring)
        participant = (
            mentoring.participant.first_name
            if side == "mentor"
            else mentoring.participant.full_name
        )
        rows.append((mentoring, participant))
    # The mentees' names: one audit event per list read (issue 18).
    log_list_read(
        request.user,
        Mentoring,
        count=len(rows),
        filters={"list": "mentorings"},
        organisation=organisation,
    )
    return render(request, "mentoring/list.html", {"rows": rows})


def _detail_context(request: HttpRequest, mentoring: Mentoring, **forms: Any) -> dict[str, Any]:
    side = services.side_of(request.user, mentoring)
    user: Any = request.user
    shared = access.shared_with_mentor(user, mentoring)
    staff_roles = roles_of(user, mentoring.organisation_id)
    is_coordinator = Role.COORDINATOR in staff_roles
    open_states = (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED)
    goals_visible = side != "mentor" or services.mentor_may_see_goals(mentoring)
    consent_missing = mentoring.status in open_states and not may_use_for_matching(
        mentoring.participant
    )
    context: dict[str, Any] = {
        "goals_visible": goals_visible,
        "consent_missing": consent_missing,
        "mentoring": mentoring,
        "side": side,
        "participant_name": mentoring.participant.first_name
        if side == "mentor"
        else mentoring.participant.full_name,
        "mentor_name": mentoring.mentor.get_full_name() or mentoring.mentor.get_username(),
        "meetings": access.meetings_for(user, mentoring),
        "shared": shared,
        "shared_languages": language_labels(shared.languages, lang()) if shared else [],
        "shared_labels": [
            label
            for value, label in _shared_labels_for_others().items()
            if value in mentoring.shared
        ],
        "mentor_contact": mentor_contact(mentoring) if side == "participant" else "",
        "next_meeting": next_meeting_of(mentoring)
        if mentoring.status == MentoringStatus.ACTIVE
        else None,
        "can_accept": side
        and not consent_missing
        and mentoring.status in open_states
        and getattr(mentoring, f"{side}_accepted_at") is None,
        "can_decline": mentoring.status in open_states,
        "can_confirm": is_coordinator
        and not consent_missing
        and mentoring.status == MentoringStatus.PROPOSED,
        "can_meet": side == "mentor" and mentoring.status == MentoringStatus.ACTIVE,
        "can_close": mentoring.status == MentoringStatus.ACTIVE and (side or is_coordinator),
        "can_give_feedback": services.may_give_feedback(user, mentoring),
        "can_share": side == "participant"
        and mentoring.status not in (MentoringStatus.DECLINED, MentoringStatus.CANCELLED),
        "meeting_form": MeetingForm(initial={"date": timezone.localdate()}),
        "close_form": CloseForm(with_feedback=bool(side)),
        "feedback_form": FeedbackForm(),
        "share_form": ShareForm(initial={"shared": list(mentoring.shared)}),
        "can_plan": goals_visible
        and mentoring.status in (*open_states, MentoringStatus.ACTIVE)
        and (side or is_coordinator),
        "plan_form": PlanForm(
            initial={
                "goals": mentoring.goals if goals_visible else "",
                "planned_end": mentoring.planned_end,
            }
        ),
        "today": timezone.localdate(),
    }
    context.update(forms)
    return context


@never_cache
@login_required
@require_safe
def mentoring_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    return render(request, "mentoring/detail.html", _detail_context(request, mentoring))


def _is_state_error(error: ValidationFailed) -> bool:
    """An error about the mentoring's state (not about what was written in the form)."""
    return set(error.errors) <= {""}


def _save_form(
    request: HttpRequest,
    mentoring: Mentoring,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    *,
    field: str,
    done: str,
    target: str,
    context_key: str,
) -> HttpResponse:
    """The one POST path of the mentoring page's forms: a valid form is saved through
    `save(cleaned_data)` and the page opens again at `target` with `done`; an error about the
    mentoring's state is a message, an error about the input stays on the form (default
    `field`) and the page is shown again with what was written (400)."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationFailed as error:
            if _is_state_error(error):
                messages.error(request, str(error.message))
                return redirect("mentoring:mentoring", mentoring.pk)
            add_service_errors(form, error, field)
        else:
            messages.success(request, done)
            return redirect(reverse("mentoring:mentoring", args=[mentoring.pk]) + target)
    context = _detail_context(request, mentoring, **{context_key: form})
    return render(request, "mentoring/detail.html", context, status=400)


def _act(
    request: HttpRequest,
    pk: int,
    action: Callable[[Mentoring], object],
    done: str,
    anchor: str = "",
) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    try:
        action(mentoring)
    except PermissionDenied:
        raise Http404 from None
    except ValidationFailed as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect(reverse("mentoring:mentoring", args=[mentoring.pk]) + anchor)


@never_cache
@login_required
@require_POST
def mentoring_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda m: services.accept_mentoring(m, request.user),
        _("You have accepted the mentoring."),
    )


@never_cache
@login_required
@require_POST
def mentoring_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda m: services.decline_mentoring(m, request.user),
        _("The mentoring will not start."),
    )


@never_cache
@login_required
@require_POST
def mentoring_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda m: services.confirm_mentoring(m, request.user),
        _("The mentoring is confirmed. It starts when both have accepted."),
    )


@never_cache
@login_required
@require_POST
def mentoring_share(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.set_shared(mentoring, request.user, form.cleaned_data["shared"])
        except PermissionDenied:
            raise Http404 from None
        except ValidationFailed as error:
            add_service_errors(form, error, "shared")
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect(reverse("mentoring:mentoring", args=[mentoring.pk]) + "#sharing")
    context = _detail_context(request, mentoring, share_form=form)
    return render(request, "mentoring/detail.html", context, status=400)


@never_cache
@login_required
@require_POST
def mentoring_plan(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    form = PlanForm(request.POST)
    return _save_form(
        request,
        mentoring,
        form,
        lambda data: services.update_plan(
            mentoring, request.user, goals=data["goals"], planned_end=data["planned_end"]
        ),
        field="goals",
        done=_("The goals are saved."),
        target="#goals",
        context_key="plan_form",
    )


@never_cache
@login_required
@require_POST
def mentoring_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    if services.side_of(request.user, mentoring) != "mentor":
        raise Http404
    form = MeetingForm(request.POST)
    return _save_form(
        request,
        mentoring,
        form,
        lambda data: services.add_meeting(
            mentoring,
            request.user,
            data["date"],
            shared_note=data["shared_note"],
            private_note=data["private_note"],
            time=data["time"],
        ),
        field="date",
        done=_("The meeting is saved."),
        target="#meetings",
        context_key="meeting_form",
    )


@never_cache
@login_required
@require_POST
def mentoring_close(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    form = CloseForm(request.POST, with_feedback=bool(services.side_of(request.user, mentoring)))
    return _save_form(
        request,
        mentoring,
        form,
        lambda data: services.close_mentoring(mentoring, request.user, data.get("feedback", "")),
        field="feedback",
        done=_("The mentoring is closed. Thank you!"),
        target="",
        context_key="close_form",
    )


@never_cache
@login_required
@require_POST
def mentoring_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    mentoring = access.access_mentoring(request.user, pk)
    form = FeedbackForm(request.POST)
    return _save_form(
        request,
        mentoring,
        form,
        lambda data: services.give_feedback(mentoring, request.user, data["feedback"]),
        field="feedback",
        done=_("Thank you for your feedback."),
        target="",
        context_key="feedback_form",
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor who wrote a meeting changes its notes."""
    meeting = access.access_own_meeting(request.user, pk)
    if request.method == "POST":
        form = MeetingNotesForm(request.POST)
        if form.is_valid():
            try:
                services.update_meeting(
                    meeting,
                    request.user,
                    shared_note=form.cleaned_data["shared_note"],
                    private_note=form.cleaned_data["private_note"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationFailed as error:
                add_service_errors(form, error, "shared_note")
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect(
                    reverse("mentoring:mentoring", args=[meeting.mentoring_id]) + "#meetings"
                )
        status = 400
    else:
        form = MeetingNotesForm(
            initial={"shared_note": meeting.shared_note, "private_note": meeting.private_note}
        )
        status = 200
    return render(
        request, "mentoring/meeting.html", {"meeting": meeting, "form": form}, status=status
    )


@never_cache
@login_required
@require_safe
def my_mentor(request: HttpRequest) -> HttpResponse:
    """The participant's mentorings, newest first, with the shared notes of meetings."""
    if Role.PARTICIPANT not in user_roles(request):
        raise Http404
    participant = own_participant(request.user)
    mentorings = list(
        access.mentorings_visible_to(request.user)
        .filter(participant=participant)
        .select_related("mentor")
        .order_by("-proposed_at", "-id")
    )
    current = [
        m
        for m in mentorings
        if m.status in (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED, MentoringStatus.ACTIVE)
    ]
    earlier = [m for m in mentorings if m not in current]
    cards = [
        {
            "mentoring": m,
            "mentor_name": m.mentor.get_full_name() or m.mentor.get_username(),
            "mentor_first_name": m.mentor.first_name or m.mentor.get_username(),
            "next_meeting": next_meeting_of(m) if m.status == MentoringStatus.ACTIVE else None,
            "contact": mentor_contact(m),
            "meetings": [x for x in access.meetings_for(request.user, m) if x.shared_note][-3:],
            "can_accept": m.status in (MentoringStatus.PROPOSED, MentoringStatus.CONFIRMED)
            and m.participant_accepted_at is None,
        }
        for m in current
    ]
    return render(request, "mentoring/my_mentor.html", {"cards": cards, "earlier": earlier})
