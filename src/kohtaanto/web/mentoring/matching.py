"""Mentor matching pages (coordinator; a coach for their own caseload's requests):

- `match_requests`: the open mentor requests one may match, with a link to each ranked list
  and, for a coordinator, to the bulk proposal;
- `match_request`: the explainable ranked list of available mentors for one request; POST
  chooses one (a coordinator's choice is confirmed at once, a coach's is a proposal);
- `match_bulk`: every open request at once as an optimal assignment the coordinator edits
  (a select per row, "leave out") and confirms in one transaction.

Everything goes through `kohtaanto.mentoring.matching` (access, adapter, services). No
participant or mentor data in URLs; ids only. Works without JavaScript.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kohtaanto.core.access import id_or_none
from kohtaanto.core.audit import log_list_read
from kohtaanto.core.errors import PermissionDenied, ValidationFailed
from kohtaanto.mentoring import matching, services
from kohtaanto.mentoring.vocabulary import language_choices, skill_choices
from kohtaanto.people.models import Participant
from kohtaanto.reference.places import municipality, municipality_by_name, municipality_name
from kohtaanto.web.pages import ViewFunc, add_service_errors, lang


def _organisation(request: HttpRequest) -> Any:
    organisation = getattr(request, "organisation", None)
    if not matching.may_match(request.user, organisation):
        raise Http404
    return organisation


def matchers_only(view: ViewFunc) -> ViewFunc:
    """404 before anything else (also before a wrong method's 405) unless the user is a
    coordinator or a coach of the current organisation."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _organisation(request)
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def _error_text(error: ValidationFailed) -> str:
    texts = [str(m) for msgs in error.errors.values() for m in msgs]
    return " ".join(dict.fromkeys(texts)) or str(error.message)


def _after_choice(mentoring_id: int) -> str:
    """The mentoring's own page (where both sides accept), else the request list."""
    try:
        return reverse("mentoring:mentoring", args=[mentoring_id])
    except NoReverseMatch:
        return reverse("mentoring:match_requests")


@never_cache
@login_required
@matchers_only
@require_safe
def match_requests(request: HttpRequest) -> HttpResponse:
    return _requests_page(request)


def _requests_page(request: HttpRequest, choice_error: str = "") -> HttpResponse:
    organisation = _organisation(request)
    rows = matching.requests_visible_to(request.user, organisation)
    waiting = matching.participants_wanting_a_mentor(request.user, organisation)
    # The requests and the choice of who wants a mentor name people: one audit event per list
    # read, with the number of participants named (issue 18).
    log_list_read(
        request.user,
        Participant,
        count=len({r.participant_id for r in rows} | {p.pk for p in waiting}),
        filters={"list": "mentor_requests"},
        organisation=organisation,
    )
    context = {
        "rows": rows,
        "waiting": waiting,
        "is_coordinator": matching.is_coordinator(request.user, organisation),
        "choice_error": choice_error,
    }
    return render(
        request, "mentoring/match_requests.html", context, status=400 if choice_error else 200
    )


class RequestForm(forms.Form):
    """A participant's wish for a mentor, recorded by their coach or a coordinator."""

    goals = forms.CharField(
        label=gettext_lazy("What the participant hopes from a mentor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    skills_to_learn = forms.MultipleChoiceField(
        label=gettext_lazy("Skills to learn"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language_1 = forms.ChoiceField(
        label=gettext_lazy("Language wanted for the mentoring"), required=False
    )
    language_2 = forms.ChoiceField(
        label=gettext_lazy("Another language that is fine"), required=False
    )
    town = forms.CharField(
        label=gettext_lazy("Town"),
        required=False,
        max_length=60,
        help_text=gettext_lazy("Where the participant can meet, for example Kouvola."),
    )
    wants_remote = forms.BooleanField(
        label=gettext_lazy("Remote meetings are fine"), required=False
    )

    def __init__(self, *args: Any, language: str = "fi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills_to_learn"].choices = skill_choices(language)  # type: ignore[attr-defined]
        languages = [("", _("No wish")), *language_choices(language)]
        self.fields["language_1"].choices = languages  # type: ignore[attr-defined]
        self.fields["language_2"].choices = languages  # type: ignore[attr-defined]

    def clean_town(self) -> str:
        text = (self.cleaned_data.get("town") or "").strip()
        if not text:
            return ""
        found = municipality(text) if text.isdigit() else municipality_by_name(text)
        if found is None:
            raise forms.ValidationError(_("Write the name of one town, for example Kouvola."))
        return found.code

    @property
    def choice_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("goals", "skills_to_learn", "language_1", "language_2")]


@never_cache
@login_required
@matchers_only
@require_http_methods(["GET", "HEAD", "POST"])
def match_new(request: HttpRequest) -> HttpResponse:
    """Record that a participant wants a mentor, then show the ranked list. The participant
    is named by id in the query string (`?participant=`), as the list page's picker sends it."""
    organisation = _organisation(request)
    if "participant" in request.GET and not request.GET["participant"].strip():
        # The list page's picker sent its empty first option.
        return _requests_page(request, _("Choose the participant."))
    participant = matching.access_participant_for_request(
        request.user, organisation, request.GET.get("participant", "")
    )
    language = lang()
    consent = matching.has_matching_consent(participant)
    if request.method == "POST" and consent:
        form = RequestForm(request.POST, language=language)
        if form.is_valid():
            data = form.cleaned_data
            wanted = [code for code in (data["language_1"], data["language_2"]) if code]
            try:
                mentor_request = services.create_request(
                    request.user,
                    participant,
                    goals=data["goals"],
                    skills_to_learn=data["skills_to_learn"],
                    languages=list(dict.fromkeys(wanted)),
                    wants_remote=data["wants_remote"],
                    region=data["town"],
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationFailed as error:
                add_service_errors(form, error)
            else:
                return redirect("mentoring:match_request", mentor_request.pk)
    else:
        town = matching.default_town(participant)
        form = RequestForm(
            initial={"town": municipality_name(town, language) if town else ""},
            language=language,
        )
    context = {"participant": participant, "form": form, "consent": consent}
    return render(request, "mentoring/match_new.html", context)


@never_cache
@login_required
@matchers_only
@require_http_methods(["GET", "HEAD", "POST"])
def match_request(request: HttpRequest, request_id: int) -> HttpResponse:
    organisation = _organisation(request)
    mentor_request = matching.access_request(request.user, organisation, request_id)
    if request.method == "POST":
        try:
            mentoring = matching.choose_mentor(
                request.user, organisation, mentor_request, request.POST.get("mentor", "")
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationFailed as error:
            messages.error(request, _error_text(error))
            return redirect("mentoring:match_request", mentor_request.pk)
        if mentoring.status == "confirmed":
            messages.success(
                request,
                _("The mentor was confirmed. The participant and the mentor can now accept."),
            )
        else:
            messages.success(
                request, _("The mentor was proposed. A coordinator confirms the match.")
            )
        return redirect(_after_choice(mentoring.pk))
    language = lang()
    options = matching.ranked_mentors(mentor_request, organisation, language)
    context = {
        "mentor_request": mentor_request,
        "need": matching.request_summary(mentor_request, language),
        "options": options,
        "is_coordinator": matching.is_coordinator(request.user, organisation),
        "max_score": matching.max_score(),
        "language_points": matching.language_points(),
    }
    return render(request, "mentoring/match_request.html", context)


def _posted_choices(request: HttpRequest) -> dict[int, int | None]:
    """{request id: mentor user id, or None for a row left out}. A request number that is not
    an id is no row of the page (SQLite would refuse a too large one in the query: a 500)."""
    choices: dict[int, int | None] = {}
    for value in request.POST.getlist("request"):
        request_id = id_or_none(value)
        if request_id is None:
            continue
        mentor = request.POST.get(f"mentor-{request_id}", "")
        if not mentor:
            choices[request_id] = None
            continue
        mentor_id = id_or_none(mentor)
        # Not an id: -1, no mentor, reported as unsuitable.
        choices[request_id] = -1 if mentor_id is None else mentor_id
    return choices


@never_cache
@login_required
@matchers_only
@require_http_methods(["GET", "HEAD", "POST"])
def match_bulk(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    if not matching.is_coordinator(request.user, organisation):
        raise Http404
    language = lang()
    errors: dict[str, list[str]] = {}
    summary = ""
    choices: dict[int, int | None] | None = None
    if request.method == "POST":
        choices = _posted_choices(request)
        try:
            created = matching.confirm_bulk(request.user, organisation, choices)
        except ValidationFailed as error:
            errors = {k: [str(m) for m in v] for k, v in error.errors.items()}
            summary = " ".join(str(m) for m in errors.pop("", [])) or str(error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s mentoring was confirmed. The participant and the mentor can now "
                    "accept.",
                    "%(count)s mentorings were confirmed. The participants and the mentors can "
                    "now accept.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect("mentoring:match_requests")
    proposal = matching.bulk_proposal(request.user, organisation)
    rows = []
    for row in proposal.rows:
        if choices is not None and row.request.pk in choices:
            row.chosen_id = choices[row.request.pk]
        chosen = row.chosen
        rows.append(
            {
                "row": row,
                "reasons": (
                    matching.reason_texts(
                        chosen.scored, language, proposal.labels, chosen.mentor.candidate.languages
                    )
                    if chosen
                    else []
                ),
                "errors": errors.get(f"mentor-{row.request.pk}", []),
                "left_out": choices is not None and choices.get(row.request.pk) is None,
            }
        )
    context = {
        "proposal": proposal,
        "rows": rows,
        "summary": summary,
        "max_score": matching.max_score(),
    }
    return render(request, "mentoring/match_bulk.html", context, status=200)
