"""Forms of the participant's own consent pages."""

from __future__ import annotations

from django import forms


class ConsentChangeForm(forms.Form):
    GIVE = "give"
    WITHDRAW = "withdraw"

    change = forms.ChoiceField(choices=[(GIVE, GIVE), (WITHDRAW, WITHDRAW)])
