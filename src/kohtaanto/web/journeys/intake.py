"""New participant and intake (alkukartoitus) in six short steps, each a plain form POST.

1. basic data (creates the participant) → 2. consents (given on paper or orally, recorded by the
coach with the channel and the consent form version) → 3. the story → 4. goals and limits on
work → 5. the service (start date, coaches) → 6. ESF+ entry data (funder reports only).
The consents come before the story because the later steps ask for them (limits on work need
the health-limits consent, the ESF+ special categories theirs).
Errors from the services are shown on the form, and what was typed stays in the fields.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.core.selectors import coach_choices
from kohtaanto.journeys import selectors, services
from kohtaanto.people import services as people_services
from kohtaanto.people.access import may_see_restricted
from kohtaanto.people.consent import current_consents, has_consent
from kohtaanto.people.enums import ConsentPurpose
from kohtaanto.web.journeys.casefile import staff_participant
from kohtaanto.web.journeys.forms import (
    BasicDataForm,
    EsfForm,
    GoalsForm,
    ServiceForm,
    StoryForm,
)
from kohtaanto.web.journeys.language_check import answered_language, language_question
from kohtaanto.web.journeys.profile import story_saved_message
from kohtaanto.web.pages import add_service_errors, lang, require_staff
from kohtaanto.web.people.consent_choices import record_answers
from kohtaanto.web.people.forms import ConsentChoicesForm

STEPS = (
    ("basic", gettext_lazy("Basic information")),
    ("consent", gettext_lazy("Consents")),
    ("story", gettext_lazy("The story")),
    ("goals", gettext_lazy("Goals")),
    ("service", gettext_lazy("The service")),
    ("esf", gettext_lazy("Information for the funder")),
)


def step_context(current: str) -> dict[str, Any]:
    names = [name for name, _label in STEPS]
    index = names.index(current)
    return {
        "steps": [
            {
                "name": name,
                "label": label,
                "number": n + 1,
                "done": n < index,
                "current": n == index,
            }
            for n, (name, label) in enumerate(STEPS)
        ],
        "step_number": index + 1,
        "step_total": len(STEPS),
        "step_label": STEPS[index][1],
    }


def render_step(request: HttpRequest, step: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"journeys/intake_{step}.html", {**step_context(step), **context})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_new(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    language = lang()
    form = BasicDataForm(request.POST or None, lang=language)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.create_participant_with_intake(
                organisation=request.organisation,  # type: ignore[attr-defined]
                by=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                birth_date=data.get("birth_date"),
                email=data.get("email") or "",
                phone=data.get("phone") or "",
                preferred_language=data["preferred_language"],
                municipality_code=data.get("municipality_code") or "",
                languages=form.languages(),
                service_start=timezone.localdate(),
            )
        except ValidationFailed as error:
            add_service_errors(
                form, error, default="language_1" if "languages" in error.errors else ""
            )
        else:
            messages.success(
                request, _("The participant is saved. Next, record the consents they gave.")
            )
            return redirect("intake_consent", participant.pk)
    return render_step(request, "basic", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_consent(request: HttpRequest, participant_id: int) -> HttpResponse:
    """The coach records the consents the person gave on paper or orally (who: the coach, when:
    now, how, and the consent form version). Purposes left empty stay as they are; the person
    can also give them at their first login."""
    participant = staff_participant(request, participant_id)
    form = ConsentChoicesForm(
        request.POST or None, states=current_consents(participant), staff=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_answers(
                participant,
                form,
                by=request.user,
                channel=form.cleaned_data["channel"],
                form_version=form.cleaned_data["form_version"],
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="form_version")
        else:
            messages.success(request, _("The consents are saved. Next, write their story."))
            return redirect("journeys:intake_story", participant.pk)
    return render_step(request, "consent", {"form": form, "participant": participant})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_story(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    intake = selectors.intake_of(participant)
    initial = {"story": intake.story if intake else "", "language": participant.preferred_language}
    form = StoryForm(request.POST or None, initial=initial)
    question = None
    if request.method == "POST" and form.is_valid():
        language = answered_language(request.POST) or form.cleaned_data["language"]
        if not answered_language(request.POST):
            question = language_question(form.cleaned_data["story"], language)
    if question is None and request.method == "POST" and form.is_valid():
        try:
            saved = services.save_story(
                participant,
                by=request.user,
                story=form.cleaned_data["story"],
                language=language,
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="story")
        else:
            found = saved.recognition.suggestions if saved.recognition else 0
            messages.success(request, story_saved_message(participant, language, found))
            return redirect("journeys:intake_goals", participant.pk)
    return render_step(
        request,
        "story",
        {"form": form, "participant": participant, "language_question": question},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_goals(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    restricted_allowed = may_see_restricted(request.user, participant) and has_consent(
        participant, ConsentPurpose.RESTRICTED_HEALTH_CONSTRAINTS
    )
    initial: dict[str, Any] = {}
    current = selectors.restricted_of(request.user, participant) if restricted_allowed else None
    if current is not None:
        initial = {
            "constraints": current.constraints,
            "alternative_tasks": current.alternative_tasks,
        }
    form = GoalsForm(request.POST or None, initial=initial)
    if not restricted_allowed:
        del form.fields["constraints"]
        del form.fields["alternative_tasks"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("goal"):
                services.add_goal(
                    participant, by=request.user, title=data["goal"], due=data.get("goal_due")
                )
            if restricted_allowed and (data.get("constraints") or data.get("alternative_tasks")):
                services.set_restricted_constraints(
                    participant,
                    by=request.user,
                    constraints=data.get("constraints") or "",
                    alternative_tasks=data.get("alternative_tasks") or "",
                )
        except ValidationFailed as error:
            add_service_errors(form, error, default="goal")
        except PermissionDenied:
            form.add_error(None, _("Only the participant's own coaches can write limits on work."))
        else:
            return redirect("journeys:intake_service", participant.pk)
    return render_step(
        request,
        "goals",
        {"form": form, "participant": participant, "restricted_allowed": restricted_allowed},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_service(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    intake = selectors.intake_of(participant)
    choices = coach_choices(participant.organisation)
    initial = {
        "service_start": (intake.service_start if intake else None) or timezone.localdate(),
        "coaches": [str(pk) for pk in participant.coaches.values_list("pk", flat=True)],
    }
    form = ServiceForm(request.POST or None, initial=initial, coaches=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_intake(
                participant, by=request.user, service_start=data["service_start"]
            )
            people_services.set_coaches(participant, data["coaches"], by=request.user)
        except ValidationFailed as error:
            add_service_errors(form, error, default="coaches")
        else:
            return redirect("journeys:intake_esf", participant.pk)
    return render_step(request, "service", {"form": form, "participant": participant})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_esf(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = staff_participant(request, participant_id)
    esf = selectors.esf_entry_of(participant)
    initial: dict[str, Any] = {"entry_date": timezone.localdate()}
    if esf:
        initial = {
            "entry_date": esf.entry_date,
            "labour_market_status": esf.labour_market_status,
            "isced_level": esf.isced_level,
            "gender_category": esf.gender_category,
        }
        for name, _label in EsfForm.FLAGS:
            value = getattr(esf, name, None)
            initial[name] = "" if value is None else ("yes" if value else "no")
    form = EsfForm(request.POST or None, initial=initial, lang=lang())
    special = has_consent(participant, ConsentPurpose.SPECIAL_CATEGORIES)
    if not special:
        del form.fields["disability"]
        del form.fields["minority"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flags = {k: v for k, v in form.flags().items() if k in form.fields}
        try:
            services.save_esf_entry_data(
                participant,
                by=request.user,
                labour_market_status=data.get("labour_market_status") or "",
                isced_level=data.get("isced_level"),
                gender_category=data.get("gender_category") or "",
                entry_date=data.get("entry_date"),
                **flags,  # type: ignore[arg-type]
            )
        except ValidationFailed as error:
            add_service_errors(form, error, default="labour_market_status")
        else:
            messages.success(
                request, _("The intake is done. Now check the skills found in the story.")
            )
            return redirect("journeys:story", participant.pk)
    return render_step(
        request, "esf", {"form": form, "participant": participant, "special": special}
    )
