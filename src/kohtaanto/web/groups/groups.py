"""Group list, detail, create/edit, and the POST actions on a group: joining and leaving (a
participant), members (leaders, coaches, coordinators), materials and interim tasks (leaders).

Who sees what is decided in `kohtaanto.groups.access`; every write goes through
`kohtaanto.groups.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import roles_of
from kohtaanto.core.audit import log_list_read
from kohtaanto.core.enums import Role
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.core.models import Organisation
from kohtaanto.groups import access, selectors, services
from kohtaanto.groups.enums import MemberStatus
from kohtaanto.groups.models import Group
from kohtaanto.people.models import Participant
from kohtaanto.web.groups.forms import GROUP_FIELDS, GroupForm, InviteForm, MaterialForm, TaskForm
from kohtaanto.web.pages import add_service_errors, current_organisation_id

LEADER_VIEW_STATUSES = (
    MemberStatus.MEMBER,
    MemberStatus.WAITING,
    MemberStatus.REQUESTED,
    MemberStatus.INVITED,
)


def _own_participant(request: HttpRequest) -> Participant | None:
    organisation_id = current_organisation_id(request)
    if organisation_id is None:
        return None
    return access.own_participant_in(request.user, organisation_id)


@never_cache
@login_required
@require_safe
def group_list(request: HttpRequest) -> HttpResponse:
    if not access.can_use_groups(request.user):
        raise Http404
    participant = _own_participant(request)
    managed = access.manager_organisations(request.user)
    current = current_organisation_id(request)
    is_coach = Role.COACH in roles_of(request.user, current) if current is not None else False
    organisation_groups = (
        selectors.with_member_counts(
            access.groups_visible_to(request.user).filter(organisation__in=managed),
            coach=request.user if is_coach else None,
        ).order_by("archived", "name", "id")
        if managed.exists()
        else None
    )
    if organisation_groups is not None and current is not None:
        organisation_groups = organisation_groups.filter(organisation_id=current)
    led = selectors.with_member_counts(access.led_groups(request.user)).order_by("name", "id")
    context: dict[str, Any] = {
        "led": list(led),
        "organisation_groups": organisation_groups,
        "can_create": _manager_organisation(request) is not None,
        "is_coach": is_coach,
        "own": selectors.own_groups(participant) if participant else None,
        "to_join": list(selectors.open_groups_to_join(participant)) if participant else None,
    }
    return render(request, "groups/list.html", context)


def _manager_organisation(request: HttpRequest) -> Organisation | None:
    managed = access.manager_organisations(request.user)
    current = current_organisation_id(request)
    if current is None:
        return None
    return managed.filter(pk=current).first()


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    organisation = _manager_organisation(request)
    if organisation is None:
        raise Http404
    form = GroupForm(
        request.POST or None,
        leader_choices=selectors.leader_candidates(organisation.pk),
        initial={"is_open": True, "language": "fi"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = services.create_group(
                organisation=organisation,
                by=request.user,
                leaders=form.leader_ids(),
                **form.service_fields(),
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was saved. Now add its sessions."))
            return redirect("groups:schedule", group.pk)
    return render(request, "groups/form.html", {"form": form, "group": None})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.manage_group(request.user, pk)
    initial = {name: getattr(group, name) for name in GROUP_FIELDS}
    initial["leaders"] = [str(pk) for pk in group.leaders.values_list("pk", flat=True)]
    form = GroupForm(
        request.POST or None,
        leader_choices=selectors.leader_candidates(group.organisation_id),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(
                group, by=request.user, leaders=form.leader_ids(), **form.service_fields()
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("groups:detail", group.pk)
    return render(request, "groups/form.html", {"form": form, "group": group})


def _leader_context(request: HttpRequest, group: Group) -> dict[str, Any]:
    members = selectors.members_of(group, LEADER_VIEW_STATUSES)
    access.audit_member_read(request.user, members)
    caseload = access.caseload_ids(request.user, group)
    by_status: dict[str, list[selectors.RosterRow]] = {
        status: [] for status in LEADER_VIEW_STATUSES
    }
    names = access.member_names(request.user, [m.participant for m in members])
    for row in selectors.roster(group, members, caseload=caseload, names=names):
        by_status[row.member.status].append(row)
    # The waiting list in its own order: first come, first served.
    by_status[MemberStatus.WAITING].sort(key=lambda r: (r.member.since, r.member.pk))
    invitable = [
        (p.pk, p.full_name)
        for p in access.invitable_participants(request.user, group).order_by(
            "last_name", "first_name", "pk"
        )
    ]
    if invitable:  # the invitation's choice names people: one audit event per list read
        log_list_read(
            request.user,
            Participant,
            count=len(invitable),
            filters={"list": "group_invite", "group": group.pk},
            organisation=group.organisation,
        )
    coming = selectors.schedule(group)[1]
    return {
        "members": by_status[MemberStatus.MEMBER],
        "waiting": by_status[MemberStatus.WAITING],
        "requests": by_status[MemberStatus.REQUESTED],
        "invited": by_status[MemberStatus.INVITED],
        "invite_form": InviteForm(participant_choices=invitable) if invitable else None,
        "material_form": MaterialForm(prefix="material"),
        "task_form": TaskForm(
            prefix="task",
            due_choices=[
                (s.pk, date_format(localtime(s.starts), "D j.n.Y"))
                for s in coming
                if s.cancelled_at is None
            ],
        ),
        "is_manager": access.is_manager(request.user, group),
    }


@never_cache
@login_required
@require_safe
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.access_group(request.user, pk)
    leading = access.can_lead(request.user, group)
    participant = access.own_participant_in(request.user, group.organisation_id)
    membership = selectors.membership_of(group, participant)
    is_member = membership is not None and membership.status == MemberStatus.MEMBER
    earlier, coming = selectors.schedule(group)
    now = timezone.now()
    member_count, waiting_count = selectors.member_counts(group)
    context: dict[str, Any] = {
        "group": group,
        "leading": leading,
        "participant": participant,
        "membership": membership,
        "is_member": is_member,
        "earlier": earlier if leading else [],
        "coming": coming,
        # The link says "roll call" only once attendance can be taken.
        "roll_call_open": {s.pk for s in coming if services.roll_call_open(s, now)},
        "member_count": member_count,
        "waiting_count": waiting_count,
        "leaders": list(group.leaders.order_by("first_name", "last_name")),
        "show_materials": leading or is_member,
        "materials": list(group.materials.all()) if leading or is_member else [],
        "tasks": list(group.tasks.select_related("due")) if leading or is_member else [],
        "full": services.is_full(group),
        "status_label": (
            selectors.participant_status_label(membership.status) if membership else ""
        ),
    }
    if leading:
        context.update(_leader_context(request, group))
    return render(request, "groups/detail.html", context)


@login_required
@require_POST
def group_join(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant's own answer: join an open group, accept or decline an invitation,
    leave (or cancel a request made earlier)."""
    group = access.access_group(request.user, pk)
    participant = access.own_participant_in(request.user, group.organisation_id)
    if participant is None:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action in ("join", "request"):
            member = services.join(group, participant, by=request.user)
            _joined_message(request, member.status)
        elif action in ("accept", "decline"):
            member = services.answer_invitation(
                group, participant, accept=action == "accept", by=request.user
            )
            if action == "accept":
                _joined_message(request, member.status)
            else:
                messages.success(request, _("You said no to the invitation."))
        elif action == "leave":
            services.leave(group, participant, by=request.user)
            messages.success(request, _("You left the group."))
        else:
            messages.error(request, _("Choose what to do."))
    except ValidationFailed as error:
        messages.error(request, _first(error))
    return redirect("groups:detail", group.pk)


def _joined_message(request: HttpRequest, status: str) -> None:
    if status == MemberStatus.WAITING:
        messages.success(
            request,
            _("The group is full. You are on the waiting list and get a place when one frees up."),
        )
    else:
        messages.success(request, _("You are now a member of the group."))


@login_required
@require_POST
def group_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Leaders, coaches and coordinators: invite, accept or decline a request, take in from
    the waiting list, remove."""
    group = access.lead_group(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "admit":
            member = access.member_in(group, request.POST.get("member", ""))
            services.admit_from_waiting_list(
                group,
                member.participant,
                by=request.user,
                over_capacity=request.POST.get("over_capacity") == "1",
            )
            messages.success(request, _("The person is now a member."))
        elif action == "invite":
            participant = access.invitable_participant(
                request.user, group, request.POST.get("participant", "")
            )
            services.invite(group, participant, by=request.user)
            messages.success(request, _("The invitation was sent."))
        elif action in ("accept", "decline", "remove"):
            member = access.member_in(group, request.POST.get("member", ""))
            if action == "remove":
                services.leave(group, member.participant, by=request.user)
                messages.success(request, _("The person was removed from the group."))
            else:
                answered = services.answer_request(
                    group, member.participant, accept=action == "accept", by=request.user
                )
                if action == "decline":
                    messages.success(request, _("The request was declined."))
                elif answered.status == MemberStatus.WAITING:
                    messages.success(
                        request, _("The group is full: the person is on the waiting list.")
                    )
                else:
                    messages.success(request, _("The person is now a member."))
        else:
            messages.error(request, _("Choose what to do."))
    except ValidationFailed as error:
        messages.error(request, str(error.message) if not error.errors else _first(error))
    return redirect("groups:detail", group.pk)


def _first(error: ValidationFailed) -> str:
    for values in error.errors.values():
        if values:
            return values[0]
    return str(error.message)


@login_required
@require_POST
def group_materials(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.lead_group(request.user, pk)
    if request.POST.get("action") == "remove":
        services.remove_material(
            access.material_in(group, request.POST.get("material", "")), by=request.user
        )
        messages.success(request, _("The material was removed."))
        return redirect("groups:detail", group.pk)
    form = MaterialForm(request.POST, prefix="material")
    if form.is_valid():
        try:
            services.add_material(group, by=request.user, **form.cleaned_data)
        except ValidationFailed as error:
            messages.error(request, _first(error))
        else:
            messages.success(request, _("The material was added."))
    else:
        messages.error(request, _("Give the material a title and a text or a link."))
    return redirect("groups:detail", group.pk)


@login_required
@require_POST
def group_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.lead_group(request.user, pk)
    if request.POST.get("action") == "remove":
        services.remove_task(access.task_in(group, request.POST.get("task", "")), by=request.user)
        messages.success(request, _("The task was removed."))
        return redirect("groups:detail", group.pk)
    coming = [s for s in selectors.schedule(group)[1] if s.cancelled_at is None]
    form = TaskForm(request.POST, prefix="task", due_choices=[(s.pk, str(s.pk)) for s in coming])
    if form.is_valid():
        due = (
            access.session_in(group, form.cleaned_data["due"]) if form.cleaned_data["due"] else None
        )
        try:
            services.add_task(
                group,
                by=request.user,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                due=due,
            )
        except ValidationFailed as error:
            messages.error(request, _first(error))
        else:
            messages.success(request, _("The task was added."))
    else:
        messages.error(request, _("Give the task a title."))
    return redirect("groups:detail", group.pk)
