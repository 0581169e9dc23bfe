"""Forms of the coordinator's integration credentials page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.integrations.models import IntegrationRole, Scope
from kohtaanto.integrations.services import MAX_DAYS


class CredentialForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("token", _("API token (Authorization: Bearer)")),
            ("oauth", _("OAuth 2.0 client (client credentials)")),
        ],
        initial="token",
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("Name of the integration"),
        max_length=100,
        help_text=_("For example the system that will use it. Not a person's name."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Rights"),
        choices=Scope.choices,
        initial=[Scope.READ],
        widget=forms.CheckboxSelectMultiple,
    )
    role = forms.ChoiceField(
        label=_("Acts as"), choices=IntegrationRole.choices, initial=IntegrationRole.COORDINATOR
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        required=False,
        help_text=_("API tokens only. Empty: it does not expire (revoke it when no longer used)."),
    )
