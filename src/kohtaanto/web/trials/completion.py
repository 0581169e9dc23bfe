"""How a trial ends (certificate, skills into the profile, what came next) and Puuttuva
palanen (the learning plan, the company's reference letter).

Who may do what is decided by `trials.access` (the trial loaded with `get_trial`, audited);
every write goes through `trials.services.completion` or `.learning`. Ids only in URLs; the
workplace mentor's signed link carries a token, no personal data.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.access import get_visible_or_404, visible_or_none
from kohtaanto.core.audit import log_event
from kohtaanto.core.enums import AuditAction, Language
from kohtaanto.core.errors import KohtaantoError, ValidationFailed
from kohtaanto.journeys import rules as journey_rules
from kohtaanto.trials.access import (
    EMPLOYER,
    PARTICIPANT,
    STAFF,
    WORKPLACE_MENTOR,
    TrialNotFound,
    get_trial,
    require,
)
from kohtaanto.trials.enums import AuthorRole, TrialOutcome, TrialState
from kohtaanto.trials.models import LearningItem, Trial
from kohtaanto.trials.services import completion, learning
from kohtaanto.trials.services import workplace as wp
from kohtaanto.web.pages import add_service_errors, lang

CERTIFICATE_READERS = (STAFF, PARTICIPANT, WORKPLACE_MENTOR)
REFERENCE_READERS = (STAFF, PARTICIPANT, EMPLOYER)


# --- forms -----------------------------------------------------------------------------------


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What came after the trial?"),
        choices=TrialOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndServiceForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Last day of the service"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    qualification_gained = forms.BooleanField(
        label=gettext_lazy("The person gained a qualification or a part of one"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferenceForm(forms.Form):
    writer_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    writer_title = forms.CharField(
        label=gettext_lazy("Your title (optional)"), max_length=200, required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the reference"), choices=Language.choices
    )
    text = forms.CharField(
        label=gettext_lazy("The reference"),
        max_length=6000,
        help_text=gettext_lazy(
            "How the project went and what the person did well. This is printed as a letter."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class PlanNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note on the plan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- helpers ---------------------------------------------------------------------------------


def _trial(request: HttpRequest, pk: int, *kinds: str) -> tuple[Trial, set[str]]:
    trial = get_trial(request.user, pk)
    return trial, require(request.user, trial, *kinds)


def _service_error(request: HttpRequest, error: ValidationFailed) -> None:
    texts = [m for messages_ in error.errors.values() for m in messages_] or [str(error.message)]
    for text in texts:
        messages.error(request, text)


def _user_name(user: Any) -> str:
    return str(user.get_full_name() or "")


def _certificate_state(trial: Trial) -> dict[str, Any]:
    certificate = completion.certificate_of(trial)
    return {
        "certificate": certificate,
        "can_prepare": trial.state in completion.ENDING_STATES
        and completion.has_something_shown(trial),
        "both_signed": bool(
            certificate and certificate.mentor_signed_at and certificate.coach_signed_at
        ),
    }


def _outcome_context(trial: Trial, form: OutcomeForm | None = None) -> dict[str, Any]:
    path = completion.continuation_path_for(trial.outcome) if trial.outcome else None
    catalogue = journey_rules.outcomes()
    found = catalogue.get(path) if path else None
    service_outcome = completion.service_outcome_of(trial)
    recorded = catalogue.get(service_outcome.outcome_type) if service_outcome else None
    return {
        "outcome_form": form
        or OutcomeForm(initial={"outcome": trial.outcome, "note": trial.outcome_note}),
        "continuation_path": path,
        "continuation_label": found.label.get(lang()) if found else "",
        "end_form": EndServiceForm(initial={"date": timezone.localdate()}),
        "service_outcome": service_outcome,
        "service_outcome_label": recorded.label.get(lang()) if recorded else "",
        "can_record_outcome": trial.state in completion.ENDING_STATES,
    }


def panel_context(request: Any, trial: Any, roles: set[str]) -> dict[str, Any]:
    """Context for `trials/_completion_panel.html` on the trial page (certificate, skills shown,
    learning plan, reference, what came next)."""
    context: dict[str, Any] = {"completion_roles": roles, "completion_trial": trial}
    if roles & set(CERTIFICATE_READERS):
        context.update(_certificate_state(trial))
        context["show_certificate"] = True
    if STAFF in roles:
        context["proposals"] = (
            completion.skill_proposals(trial, lang())
            if trial.state in completion.ENDING_STATES
            else []
        )
        context["proposals_open"] = any(not p.in_profile for p in context["proposals"])
        context.update(_outcome_context(trial))
    if trial.sme_need_id is not None:
        if roles & {STAFF, PARTICIPANT}:
            plan = learning.plan_of(trial)
            items = list(plan.items.all()) if plan else []
            context["plan"] = plan
            context["show_plan"] = True
            context["plan_done"] = sum(1 for item in items if item.done_at)
            context["plan_total"] = len(items)
        if roles & set(REFERENCE_READERS):
            context["reference"] = learning.reference_of(trial)
            context["show_reference"] = True
    return context


# --- the certificate -------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def certificate_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = _trial(request, pk, *CERTIFICATE_READERS)
    context = {"trial": trial, "roles": roles, **_certificate_state(trial)}
    if context["certificate"] is not None:
        context["content"] = completion.certificate_content(trial, context["certificate"])
    if STAFF in roles:
        context["proposals"] = (
            completion.skill_proposals(trial, lang())
            if trial.state in completion.ENDING_STATES
            else []
        )
        context["proposals_open"] = any(not p.in_profile for p in context["proposals"])
    return render(request, "trials/completion_certificate.html", context)


@login_required
@require_POST
def certificate_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF)
    try:
        completion.prepare_certificate(trial, by=request.user)
    except ValidationFailed as error:
        _service_error(request, error)
    else:
        messages.success(
            request, _("The certificate is ready for signing by the workplace mentor and you.")
        )
    return redirect("trials:certificate", trial.pk)


@login_required
@require_POST
def certificate_sign(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = _trial(request, pk, STAFF, WORKPLACE_MENTOR)
    role = AuthorRole.COACH if STAFF in roles else AuthorRole.WORKPLACE_MENTOR
    if request.POST.get("as") == AuthorRole.WORKPLACE_MENTOR and WORKPLACE_MENTOR in roles:
        role = AuthorRole.WORKPLACE_MENTOR
    try:
        completion.sign_certificate(trial, role=role, by=request.user)
    except ValidationFailed as error:
        _service_error(request, error)
    else:
        messages.success(request, _("You have signed the certificate."))
    return redirect("trials:certificate", trial.pk)


@login_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF)
    try:
        completion.issue_certificate(trial, by=request.user)
    except ValidationFailed as error:
        _service_error(request, error)
    else:
        messages.success(request, _("The certificate has been issued."))
    return redirect("trials:certificate", trial.pk)


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, *CERTIFICATE_READERS)
    certificate = completion.certificate_of(trial)
    if certificate is None:
        raise Http404
    return _pdf(
        completion.certificate_pdf(trial, certificate), completion.certificate_filename(certificate)
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def certificate_link(request: HttpRequest, token: str) -> HttpResponse:
    """The workplace mentor without an account reads and signs the certificate through the
    trial's signed link (a bad, expired or replaced link: a translated page, nothing saved)."""
    try:
        link = wp.resolve_link(token, certificate=True)
    except KohtaantoError as error:
        return render(
            request, "trials/completion_link_error.html", {"message": error.message}, status=404
        )
    trial = link.trial
    log_event(None, AuditAction.VIEW, trial)  # a read by the link holder (not a user)
    certificate = completion.certificate_of(trial)
    if request.method == "POST":
        try:
            completion.sign_certificate(trial, role=AuthorRole.WORKPLACE_MENTOR, link=token)
        except (ValidationFailed, TrialNotFound) as error:
            messages.error(request, str(getattr(error, "message", error)))
        else:
            messages.success(request, _("Thank you. You have signed the certificate."))
        certificate = completion.certificate_of(trial)
    # The page is shown again after signing (no redirect: the link holder is not logged in).
    context = {
        "trial": trial,
        "certificate": certificate,
        "mentor_name": link.mentor_name,
        "content": completion.certificate_content(trial, certificate) if certificate else None,
        "token": token,
    }
    return render(request, "trials/completion_certificate_link.html", context)


# --- skills into the profile -----------------------------------------------------------------


@login_required
@require_POST
def skills_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF)
    try:
        items = completion.confirm_skills(
            trial, request.POST.getlist("uri"), by=request.user, lang=lang()
        )
    except ValidationFailed as error:
        _service_error(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d skill added to the profile as shown in a work trial.",
                "%(count)d skills added to the profile as shown in a work trial.",
                len(items),
            )
            % {"count": len(items)},
        )
    return redirect("trials:certificate", trial.pk)


# --- what came next --------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcome_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF)
    form = OutcomeForm(request.POST or None) if request.method == "POST" else None
    if form is not None and form.is_valid():
        try:
            trial = completion.record_outcome(
                trial, form.cleaned_data["outcome"], form.cleaned_data["note"], by=request.user
            )
        except ValidationFailed as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("What came after the trial is recorded."))
            return redirect("trials:outcome", trial.pk)
    context = {"trial": trial, **_outcome_context(trial, form)}
    return render(request, "trials/completion_outcome.html", context)


@login_required
@require_POST
def end_service(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF)
    form = EndServiceForm(request.POST)
    if form.is_valid():
        try:
            completion.end_service_from_outcome(
                trial,
                by=request.user,
                date=form.cleaned_data["date"],
                note=form.cleaned_data["note"],
                qualification_gained=form.cleaned_data["qualification_gained"],
            )
        except ValidationFailed as error:
            _service_error(request, error)
        else:
            messages.success(
                request, _("The end of the service and the continuation path are recorded.")
            )
            return redirect("trials:outcome", trial.pk)
    else:
        for field_errors in form.errors.values():
            for text in field_errors:
                messages.error(request, str(text))
    return redirect("trials:outcome", trial.pk)


# --- the learning plan -----------------------------------------------------------------------


def _item(trial: Trial, item_id: object) -> LearningItem:
    """An item of the trial's learning plan (from the address or the form), else 404."""
    items = LearningItem.objects.filter(plan__trial=trial).select_related("plan")
    return get_visible_or_404(items, item_id)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def learning_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = _trial(request, pk, STAFF, PARTICIPANT)
    if trial.sme_need_id is None:
        raise Http404
    staff = STAFF in roles
    plan = learning.plan_of(trial)
    note_form = PlanNoteForm(initial={"note": plan.note if plan else ""})
    if request.method == "POST":
        if not staff:
            raise Http404
        action = request.POST.get("action", "")
        try:
            if action == "build":
                learning.build_learning_plan(trial, by=request.user)
                messages.success(request, _("The learning plan is made from the company's need."))
            elif action == "goals":
                new = learning.need_goals(trial, by=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d skill of the need added as a goal of the trial.",
                        "%(count)d skills of the need added as goals of the trial.",
                        len(new),
                    )
                    % {"count": len(new)},
                )
            elif action == "partner" and plan is not None:
                chosen = None
                partner_id = request.POST.get("partner", "")
                if partner_id:
                    chosen = next(
                        (
                            c.user
                            for c in learning.sparring_candidates(trial)
                            if str(c.user.pk) == partner_id
                        ),
                        None,
                    )
                    if chosen is None:
                        raise ValidationFailed(
                            _("Choose a sparring partner from your organisation's pool.")
                        )
                learning.choose_sparring_partner(plan, chosen, by=request.user)
                messages.success(request, _("The sparring partner is saved."))
            elif action == "note" and plan is not None:
                note_form = PlanNoteForm(request.POST)
                if note_form.is_valid():
                    learning.set_plan_note(plan, note_form.cleaned_data["note"], by=request.user)
                    messages.success(request, _("The note is saved."))
                else:
                    raise ValidationFailed(_("The note is too long: at most 2,000 characters."))
            elif action == "item" and plan is not None:
                item = _item(trial, request.POST.get("item"))
                course = visible_or_none(
                    learning.courses_for(trial, item.uri), request.POST.get("course")
                )
                learning.update_item(
                    item,
                    by=request.user,
                    course=course,
                    material_title=request.POST.get("material_title", ""),
                    material_url=request.POST.get("material_url", ""),
                )
                messages.success(request, _("The material is saved."))
            else:
                raise ValidationFailed(_("Unknown step."))
        except ValidationFailed as error:
            _service_error(request, error)
        return redirect("trials:learning", trial.pk)
    items = list(plan.items.all()) if plan else []
    context = {
        "trial": trial,
        "staff": staff,
        "plan": plan,
        "rows": [
            {
                "item": item,
                "courses": list(learning.courses_for(trial, item.uri)[:5]) if staff else [],
            }
            for item in items
        ],
        "done": sum(1 for item in items if item.done_at),
        "need_skills": learning.need_skills(trial),
        "candidates": learning.sparring_candidates(trial) if staff else [],
        "note_form": note_form,
        "goals_editable": trial.state in (TrialState.EXPLORE, TrialState.AGREE),
        "need_goal_uris": set(trial.goals.exclude(uri="").values_list("uri", flat=True)),
    }
    return render(request, "trials/learning_plan.html", context)


@login_required
@require_POST
def learning_item_learnt(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, STAFF, PARTICIPANT)
    item = _item(trial, item_id)
    try:
        learning.mark_learnt(item, by=request.user, learnt=request.POST.get("learnt") != "no")
    except ValidationFailed as error:
        _service_error(request, error)
    return redirect(reverse("trials:learning", args=[trial.pk]) + f"#item-{item.pk}")


# --- the reference letter --------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reference_page(request: HttpRequest, pk: int) -> HttpResponse:
    trial, roles = _trial(request, pk, *REFERENCE_READERS)
    if trial.sme_need_id is None:
        raise Http404
    letter = learning.reference_of(trial)
    can_write = bool(roles & {EMPLOYER, STAFF}) and trial.state in learning.REFERENCE_STATES
    form = None
    if can_write:
        initial = (
            {
                "writer_name": letter.writer_name,
                "writer_title": letter.writer_title,
                "language": letter.language,
                "text": letter.text,
            }
            if letter
            else {
                "writer_name": _user_name(request.user) if EMPLOYER in roles else "",
                "language": trial.agreement.language,
            }
        )
        form = ReferenceForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                learning.write_reference(trial, by=request.user, **form.cleaned_data)
            except ValidationFailed as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The reference is saved. Thank you!"))
                return redirect("trials:reference", trial.pk)
    context = {"trial": trial, "letter": letter, "form": form, "roles": roles}
    return render(request, "trials/completion_reference.html", context)


@login_required
@require_safe
def reference_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    trial, _roles = _trial(request, pk, *REFERENCE_READERS)
    letter = learning.reference_of(trial)
    if letter is None:
        raise Http404
    return _pdf(learning.reference_pdf(trial, letter), f"reference-{trial.pk}.pdf")


urlpatterns: list[URLPattern] = [
    path("trials/<int:pk>/certificate/", certificate_page, name="certificate"),
    path("trials/<int:pk>/certificate/prepare/", certificate_prepare, name="certificate_prepare"),
    path("trials/<int:pk>/certificate/sign/", certificate_sign, name="certificate_sign"),
    path("trials/<int:pk>/certificate/issue/", certificate_issue, name="certificate_issue"),
    path("trials/<int:pk>/certificate.pdf", certificate_pdf, name="certificate_pdf"),
    path("t/<str:token>/certificate/", certificate_link, name="certificate_link"),
    path("trials/<int:pk>/skills/", skills_confirm, name="skills_confirm"),
    path("trials/<int:pk>/outcome/", outcome_page, name="outcome"),
    path("trials/<int:pk>/outcome/end-service/", end_service, name="end_service"),
    path("trials/<int:pk>/learning/", learning_page, name="learning"),
    path(
        "trials/<int:pk>/learning/<int:item_id>/learnt/",
        learning_item_learnt,
        name="learning_learnt",
    ),
    path("trials/<int:pk>/reference/", reference_page, name="reference"),
    path("trials/<int:pk>/reference.pdf", reference_pdf, name="reference_pdf"),
]
