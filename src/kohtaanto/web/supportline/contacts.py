"""The anonymous contact log form (a few taps), and the open call-back requests for the
coordinators and the volunteers on shift. Nobody reads a logged contact back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kohtaanto.core.audit import log_list_read
from kohtaanto.core.errors import ValidationFailed
from kohtaanto.supportline import access, services
from kohtaanto.supportline.models import CallbackRequest
from kohtaanto.supportline.regions import region_name
from kohtaanto.web.pages import add_service_errors, lang
from kohtaanto.web.supportline.forms import ContactForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def log_contact(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.access_line(request.user, line_id)
    if request.method == "POST":
        form = ContactForm(request.POST, lang=lang())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.log_contact(
                    line,
                    by=request.user,  # type: ignore[arg-type]
                    channel=data["channel"],
                    duration_minutes=data["duration_minutes"],
                    topics=data["topics"],
                    region=data["region"],
                    caller_group=data["caller_group"],
                    referred_to=data["referred_to"],
                    follow_up=data["follow_up"],
                    callback_phone=data["callback_phone"],
                    callback_name=data["callback_name"],
                )
            except ValidationFailed as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The contact is logged. Thank you!"))
                return redirect("supportline:log_contact", line_id=line.pk)
    else:
        form = ContactForm(lang=lang())
    return render(request, "supportline/contact_form.html", {"line": line, "form": form})


@never_cache
@login_required
@require_safe
def callbacks(request: HttpRequest, line_id: int) -> HttpResponse:
    line = access.access_line(request.user, line_id)
    if not access.may_see_callbacks(request.user, line):
        raise Http404
    services.delete_expired_callbacks()  # an old number is never shown, timer or not
    language = lang()
    rows = [
        {
            "callback": callback,
            "region": region_name(callback.contact.region, language)
            if callback.contact.region
            else "",
        }
        for callback in access.callbacks_visible_to(request.user, line).order_by("created")
    ]
    # Callers' numbers and names: one audit event per list read (issue 18; ids and the count).
    log_list_read(
        request.user,
        CallbackRequest,
        count=len(rows),
        filters={"list": "callbacks", "line": line.pk},
        organisation=line.organisation,
    )
    return render(request, "supportline/callbacks.html", {"line": line, "rows": rows})


@never_cache
@login_required
@require_POST
def callback_done(request: HttpRequest, callback_id: int) -> HttpResponse:
    callback = access.access_callback(request.user, callback_id)
    line_id = callback.contact.line_id
    if request.POST.get("done") == "yes":
        services.complete_callback(callback, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Marked as called back. The number is deleted."))
    return redirect("supportline:callbacks", line_id=line_id)
