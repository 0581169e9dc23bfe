"""The workplace side of a trial's pages: the workplace mentor's weekly check-in, the mid-point
and final assessments and requirement evidence, each also through the mentor's signed link
(`/t/<token>/…`, no login), the staff's link and "seen" actions, the participant's choice to
tell the work community, the workplace's list of trials, and the panel on the trial page
(`panel_context`, rendered by `trials/_workplace_panel.html`).

Logged-in pages load the trial through `trials.access.get_trial` (audited; 404 for anyone
else, also a workplace mentor of another employer). A link page loads only its own trial: the
link holder sees the trialist's first name, the trial's title, its goals and requirements. A
link that does not work answers with a translated page (404 unknown, 410 expired, replaced or
the trial not going on) and saves nothing. Writes go through `trials.services.workplace`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kohtaanto.core.access import get_visible_or_404
from kohtaanto.core.audit import log_event, log_list_read
from kohtaanto.core.enums import AuditAction
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.trials.access import (
    EMPLOYER,
    PARTICIPANT,
    STAFF,
    WORKPLACE_MENTOR,
    employer_trials,
    get_trial,
    mentored_trials,
    require,
)
from kohtaanto.trials.enums import AssessmentKind, CheckInMood, Rating, TrialState
from kohtaanto.trials.models import CheckInLink, Trial
from kohtaanto.trials.services import workplace as service
from kohtaanto.web.pages import add_service_errors, lang

SESSION_TOKEN = "trials-new-link-{pk}"  # noqa: S105 (a session key, not a secret)
"""Where a new link's token waits for the trial page to show it once."""


# --- forms -----------------------------------------------------------------------------------


def week_label(monday: dt.date) -> str:
    sunday = monday + dt.timedelta(days=6)
    return _("Week %(number)s (%(start)s–%(end)s)") % {
        "number": monday.isocalendar()[1],
        "start": date_format(monday, "j.n."),
        "end": date_format(sunday, "j.n.Y"),
    }


class CheckInForm(forms.Form):
    week_start = forms.TypedChoiceField(
        label=gettext_lazy("Week"),
        coerce=dt.date.fromisoformat,
        empty_value=None,
        required=False,
    )
    mood = forms.ChoiceField(
        label=gettext_lazy("How did the week go?"),
        choices=CheckInMood.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    learnt = forms.CharField(
        label=gettext_lazy("What did they learn?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    concern = forms.CharField(
        label=gettext_lazy("Anything worrying? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    wants_coach_contact = forms.BooleanField(
        label=gettext_lazy("I would like to talk with the coach"), required=False
    )

    def __init__(self, *args: Any, weeks: list[dt.date], done: set[dt.date], **kwargs: Any):
        super().__init__(*args, **kwargs)
        open_weeks = [week for week in weeks if week not in done]
        field = self.fields["week_start"]
        field.choices = [(week.isoformat(), week_label(week)) for week in open_weeks]  # type: ignore[attr-defined]
        if open_weeks and not self.is_bound:
            self.initial["week_start"] = open_weeks[0].isoformat()


class LinkForm(forms.Form):
    mentor_name = forms.CharField(label=gettext_lazy("Workplace mentor's name"), max_length=200)
    send_email = forms.BooleanField(
        label=gettext_lazy("Send the link by e-mail too"), required=False
    )


class EvidenceForm(forms.Form):
    shown_on = forms.DateField(
        label=gettext_lazy("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text = forms.CharField(
        label=gettext_lazy("How was it shown?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- what the pages show ---------------------------------------------------------------------


def trial_page_url(trial: Trial) -> str:
    """The trial's own page (the coach part's), or "" while it does not exist."""
    try:
        return reverse("trials:detail", args=[trial.pk])
    except NoReverseMatch:
        return ""


def _requirements(trial: Trial) -> list[dict[str, Any]]:
    language = lang()
    rows = []
    for item in trial.requirements.select_related("requirement__unit").prefetch_related("evidence"):
        requirement = item.requirement
        rows.append(
            {
                "item": item,
                "key": service.item_key(service.REQUIREMENT_KEY, item.pk),
                "unit": requirement.unit.name(language),
                "text": requirement.text(language),
                "evidence": list(item.evidence.all()),
            }
        )
    return rows


def _goals(trial: Trial) -> list[dict[str, Any]]:
    return [
        {"goal": goal, "key": service.item_key(service.GOAL_KEY, goal.pk), "text": goal.text}
        for goal in trial.goals.all()
    ]


def _base(trial: Trial, link: CheckInLink | None, token: str = "") -> dict[str, Any]:
    """What every workplace page shows of the trial: for a link holder the trialist's first
    name only."""
    participant = trial.participant
    name = participant.first_name if link else f"{participant.first_name} {participant.last_name}"
    if link is not None:
        urls = {
            "checkin": reverse("trials:link-checkin", args=[token]),
            "evidence": reverse("trials:link-evidence", args=[token]),
            "midpoint": reverse("trials:link-assessment", args=[token, "midpoint"]),
            "final": reverse("trials:link-assessment", args=[token, "final"]),
            "back": "",
        }
    else:
        urls = {
            "checkin": reverse("trials:checkin", args=[trial.pk]),
            "evidence": reverse("trials:evidence", args=[trial.pk]),
            "midpoint": reverse("trials:assessment", args=[trial.pk, "midpoint"]),
            "final": reverse("trials:assessment", args=[trial.pk, "final"]),
            "back": trial_page_url(trial),
        }
    return {"trial": trial, "trialist": name, "via_link": link is not None, "urls": urls}


def _invalid(request: HttpRequest, error: KohtaantoError) -> HttpResponse:
    return render(
        request,
        "trials/checkin_invalid.html",
        {"message": str(error.message)},
        status=error.status,
    )


def _resolve(token: str) -> CheckInLink:
    """The working link of `token`. Opening a trial through it is audited like any other
    person's read of the trial (without an actor: the link holder is not a user)."""
    link = service.resolve_link(token)
    log_event(None, AuditAction.VIEW, link.trial)
    return link


def _certificate_waits(token: str) -> bool:
    """The link still opens the certificate page and the certificate waits for the workplace
    mentor's signature."""
    try:
        link = service.resolve_link(token, certificate=True)
    except service.LinkError:
        return False
    certificate = getattr(link.trial, "certificate", None)
    return certificate is not None and certificate.mentor_signed_at is None


# --- the check-in ----------------------------------------------------------------------------


def _checkin(
    request: HttpRequest, trial: Trial, *, by: Any, link: CheckInLink | None, token: str = ""
) -> HttpResponse:
    weeks = service.open_weeks(trial)
    done = set(trial.checkins.values_list("week_start", flat=True))
    form = CheckInForm(request.POST or None, weeks=weeks, done=done)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.submit_checkin(
                trial,
                week_start=data["week_start"],
                mood=data["mood"],
                learnt=data["learnt"],
                concern=data["concern"],
                wants_coach_contact=data["wants_coach_contact"],
                by=by,
                link=link,
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you! The check-in was saved."))
            return redirect(request.path)
    this_week = service.current_week(trial)
    context = {
        **_base(trial, link, token),
        "form": form,
        "this_week": week_label(this_week) if this_week else "",
        "this_week_done": this_week in done if this_week else False,
        "open": [week for week in weeks if week not in done],
        "running": trial.state in service.WRITABLE_STATES,
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "trials/checkin_form.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    require(request.user, trial, WORKPLACE_MENTOR)
    return _checkin(request, trial, by=request.user, link=None)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def link_checkin(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = _resolve(token)
    except service.LinkError as error:
        # After the trial, the same link still leads to the certificate to sign (if any).
        if request.method != "POST" and _certificate_waits(token):
            return redirect("trials:certificate_link", token=token)
        return _invalid(request, error)
    try:
        return _checkin(request, link.trial, by=None, link=link, token=token)
    except service.LinkError as error:
        return _invalid(request, error)


# --- assessments -----------------------------------------------------------------------------


def _assessment(
    request: HttpRequest,
    trial: Trial,
    kind: str,
    *,
    by: Any,
    link: CheckInLink | None,
    token: str = "",
    author_role: str | None = None,
) -> HttpResponse:
    if kind not in AssessmentKind.values:
        raise Http404
    goals, requirements = _goals(trial), _requirements(trial)
    errors: dict[str, list[str]] = {}
    posted = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        items = [
            (row["key"], posted.get(row["key"], ""), posted.get(f"{row['key']}-comment", ""))
            for row in [*goals, *requirements]
        ]
        try:
            service.submit_assessment(
                trial,
                kind,
                items=items,
                summary=posted.get("summary", ""),
                by=by,
                link=link,
                author_role=author_role,
            )
        except ValidationFailed as error:
            errors = dict(error.errors) or {"": [str(error.message)]}
        else:
            messages.success(request, _("Thank you! The assessment was saved."))
            return redirect(request.path)
    for row in [*goals, *requirements]:
        row["value"] = posted.get(row["key"], "")
        row["comment"] = posted.get(f"{row['key']}-comment", "")
        row["errors"] = errors.get(row["key"], [])
    role = "workplace_mentor" if link is not None or author_role is None else author_role
    done = trial.assessments.filter(kind=kind, author_role=role).first()
    context = {
        **_base(trial, link, token),
        "kind": kind,
        "kind_label": AssessmentKind(kind).label,
        "goals": goals,
        "requirements": requirements,
        "ratings": Rating.choices,
        "summary": posted.get("summary", ""),
        "errors": errors.get("", []),
        "has_errors": bool(errors),
        "done": done,
        "open": trial.state == TrialState.RUN
        or (trial.state == TrialState.EVALUATE and kind == AssessmentKind.FINAL),
    }
    return render(
        request, "trials/workplace_assessment.html", context, status=400 if errors else 200
    )


def _author_role(request: HttpRequest, roles: set[str]) -> str:
    return "workplace_mentor" if WORKPLACE_MENTOR in roles else "coach"


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assessment(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    trial = get_trial(request.user, pk)
    roles = require(request.user, trial, WORKPLACE_MENTOR, STAFF)
    return _assessment(
        request, trial, kind, by=request.user, link=None, author_role=_author_role(request, roles)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def link_assessment(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    try:
        link = _resolve(token)
        return _assessment(request, link.trial, kind, by=None, link=link, token=token)
    except service.LinkError as error:
        return _invalid(request, error)


# --- evidence --------------------------------------------------------------------------------


def _evidence(
    request: HttpRequest,
    trial: Trial,
    *,
    by: Any,
    link: CheckInLink | None,
    token: str = "",
    author_role: str | None = None,
) -> HttpResponse:
    requirements = _requirements(trial)
    posted_id = request.POST.get("requirement", "") if request.method == "POST" else ""
    status = 200
    for row in requirements:
        bound = posted_id == str(row["item"].pk)
        row["form"] = EvidenceForm(
            request.POST if bound else None,
            initial={"shown_on": timezone.localdate()},
            prefix=f"r{row['item'].pk}",
        )
        if not bound:
            continue
        form = row["form"]
        if form.is_valid():
            try:
                service.mark_evidence(
                    row["item"],
                    shown_on=form.cleaned_data["shown_on"],
                    text=form.cleaned_data["text"],
                    by=by,
                    link=link,
                    author_role=author_role,
                )
            except ValidationFailed as error:
                add_service_errors(form, error, default="text")
            else:
                messages.success(request, _("Saved: the skill was marked shown."))
                return redirect(request.path)
        status = 400
    if request.method == "POST" and not any(
        posted_id == str(row["item"].pk) for row in requirements
    ):
        raise Http404
    context = {
        **_base(trial, link, token),
        "requirements": requirements,
        "open": trial.state in service.WRITABLE_STATES,
    }
    return render(request, "trials/workplace_evidence.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    roles = require(request.user, trial, WORKPLACE_MENTOR, STAFF)
    return _evidence(
        request, trial, by=request.user, link=None, author_role=_author_role(request, roles)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def link_evidence(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = _resolve(token)
        return _evidence(request, link.trial, by=None, link=link, token=token)
    except service.LinkError as error:
        return _invalid(request, error)


# --- staff's and the participant's actions on the trial page --------------------------------


def _back(trial: Trial) -> HttpResponse:
    url = trial_page_url(trial)
    return redirect(f"{url}#workplace" if url else "home")


@login_required
@require_POST
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    require(request.user, trial, STAFF)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the workplace mentor's name."))
        return _back(trial)
    try:
        _link, token = service.create_link(
            trial, by=request.user, mentor_name=form.cleaned_data["mentor_name"]
        )
    except ValidationFailed as error:
        messages.error(request, str(next(iter(error.errors.values()), [error.message])[0]))
        return _back(trial)
    request.session[SESSION_TOKEN.format(pk=trial.pk)] = token
    messages.success(request, _("A new link was made. Any earlier link no longer works."))
    if form.cleaned_data["send_email"]:
        url = request.build_absolute_uri(reverse("trials:link-checkin", args=[token]))
        try:
            sent = service.email_link(trial, url, by=request.user)
        except ValidationFailed as error:
            messages.error(request, str(error.message))
        else:
            if sent:
                messages.success(request, _("The link was sent to the workplace mentor."))
            else:
                messages.error(request, _("The e-mail could not be sent. Copy the link instead."))
    return _back(trial)


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    require(request.user, trial, STAFF)
    link = get_visible_or_404(CheckInLink.objects.filter(trial=trial), request.POST.get("link"))
    service.revoke_link(link, by=request.user)
    messages.success(request, _("The link no longer works."))
    return _back(trial)


@login_required
@require_POST
def checkins_seen(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    require(request.user, trial, STAFF)
    service.mark_checkins_seen(trial, by=request.user)
    return _back(trial)


@login_required
@require_POST
def community(request: HttpRequest, pk: int) -> HttpResponse:
    trial = get_trial(request.user, pk)
    require(request.user, trial, PARTICIPANT)
    share = request.POST.get("share") == "yes"
    service.set_community_sharing(trial, share, by=request.user)
    messages.success(
        request,
        _("Saved: the work community may know your first name and your mentor.")
        if share
        else _("Saved: the work community is not told who you are."),
    )
    return _back(trial)


# --- the workplace's list of trials ----------------------------------------------------------


def trial_rows(trials: Any, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Rows of a workplace list: running first, with this week's check-in due or done and the
    check-ins that ask the coach to call."""
    today = today or timezone.localdate()
    order = {TrialState.RUN: 0, TrialState.EVALUATE: 1, TrialState.AGREE: 2}
    rows = []
    for trial in trials.select_related("participant", "agreement").prefetch_related("checkins"):
        checkins = list(trial.checkins.all())
        week = service.current_week(trial, today)
        rows.append(
            {
                "trial": trial,
                "name": f"{trial.participant.first_name} {trial.participant.last_name}",
                "week": week_label(week) if week else "",
                "due": week is not None and all(c.week_start != week for c in checkins),
                "done": week is not None and any(c.week_start == week for c in checkins),
                "checkins": len(checkins),
                "latest": checkins[0] if checkins else None,
                "wants_contact": sum(1 for c in checkins if c.wants_coach_contact),
                "page": trial_page_url(trial),
            }
        )
    rows.sort(key=lambda row: (order.get(row["trial"].state, 3), -row["trial"].pk))
    return rows


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def workplace_list(request: HttpRequest) -> HttpResponse:
    mentored = mentored_trials(request.user)
    employer = employer_trials(request.user).exclude(pk__in=mentored.values("pk"))
    if not mentored.exists() and not employer.exists() and not _workplace_person(request):
        raise Http404
    rows = {"mentored": trial_rows(mentored), "employer": trial_rows(employer)}
    # The trialists' names: one audit event per list read (issue 18).
    log_list_read(
        request.user,
        Trial,
        count=len(rows["mentored"]) + len(rows["employer"]),
        filters={"list": "trials_at_work"},
        organisation=getattr(request, "organisation", None),
    )
    return render(request, "trials/workplace_list.html", rows)


def _workplace_person(request: HttpRequest) -> bool:
    from kohtaanto.web.pages import user_roles

    return bool({"workplace_mentor", "employer_contact"} & user_roles(request))


# --- the panel on the trial page -------------------------------------------------------------


def panel_context(request: Any, trial: Any, roles: set[str]) -> dict[str, Any]:
    """Context for `trials/_workplace_panel.html` on the trial page (check-ins, assessments,
    evidence, links, the work community)."""
    staff = STAFF in roles
    checkins = list(trial.checkins.all())
    for item in checkins:
        item.week_label = week_label(item.week_start)
        item.attention = service.needs_attention(item)
    assessments = list(
        trial.assessments.prefetch_related("items__goal", "items__requirement__requirement")
    )
    language = lang()
    for assessment in assessments:
        assessment.rows = [
            {
                "text": item.goal.text
                if item.goal_id
                else item.requirement.requirement.text(language),
                "rating": item.get_rating_display(),
                "comment": item.comment,
            }
            for item in assessment.items.all()
        ]
    context: dict[str, Any] = {
        "trial": trial,
        "staff": staff,
        "is_mentor": WORKPLACE_MENTOR in roles,
        "is_participant": PARTICIPANT in roles,
        "is_employer": EMPLOYER in roles,
        "checkins": checkins,
        "unseen": [c for c in checkins if c.seen_by_coach is None],
        "attention": [c for c in checkins if service.needs_attention(c)],
        "assessments": assessments,
        "requirements": _requirements(trial),
        "running": trial.state in service.WRITABLE_STATES,
        "this_week": service.current_week(trial),
        "urls": _base(trial, None)["urls"],
        "mentor_name": trial.workplace_mentor_name
        or (trial.workplace_mentor.get_full_name() if trial.workplace_mentor_id else ""),
    }
    context["this_week_done"] = any(c.week_start == context["this_week"] for c in checkins)
    if staff:
        token = request.session.pop(SESSION_TOKEN.format(pk=trial.pk), "")
        context["link"] = service.active_link(trial)
        context["new_link"] = (
            request.build_absolute_uri(reverse("trials:link-checkin", args=[token]))
            if token
            else ""
        )
        context["link_form"] = LinkForm(initial={"mentor_name": context["mentor_name"]})
        context["can_link"] = trial.state in service.LINKABLE_STATES
        context["has_email"] = bool(trial.workplace_mentor_email)
    return context


urlpatterns = [
    path("trials/at-work/", workplace_list, name="workplace-list"),
    path("trials/<int:pk>/checkin/", checkin, name="checkin"),
    path("trials/<int:pk>/assessment/<str:kind>/", assessment, name="assessment"),
    path("trials/<int:pk>/evidence/", evidence, name="evidence"),
    path("trials/<int:pk>/link/", link_create, name="link-create"),
    path("trials/<int:pk>/link/revoke/", link_revoke, name="link-revoke"),
    path("trials/<int:pk>/checkins/seen/", checkins_seen, name="checkins-seen"),
    path("trials/<int:pk>/community/", community, name="community"),
    path("t/<str:token>/", link_checkin, name="link-checkin"),
    path("t/<str:token>/assessment/<str:kind>/", link_assessment, name="link-assessment"),
    path("t/<str:token>/evidence/", link_evidence, name="link-evidence"),
]
