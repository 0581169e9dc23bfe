"""Forms of the consent pages: the participant's own change, the first-login choices and the
coach's record of a consent given on paper or orally."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.people.consent import ConsentState, consent_form_version
from kohtaanto.people.enums import ConsentChannel, ConsentPurpose, InvitationChannel
from kohtaanto.web.content import CONSENT_EXPLANATIONS


class ConsentChangeForm(forms.Form):
    GIVE = "give"
    WITHDRAW = "withdraw"

    change = forms.ChoiceField(choices=[(GIVE, GIVE), (WITHDRAW, WITHDRAW)])


YES = "yes"
NO = "no"


class ConsentChoicesForm(forms.Form):
    """One separate yes/no choice per purpose, explained in plain words. A purpose left
    unanswered stays as it is. Staff (`staff=True`) also say how the consent was given and
    which consent form version was used."""

    def __init__(
        self,
        *args: Any,
        states: dict[ConsentPurpose, ConsentState],
        staff: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff
        if staff:
            yes, no = _("Consent given"), _("Consent not given")
        else:
            yes, no = _("Yes, I agree"), _("No, I do not agree")
        for purpose, state in states.items():
            if state.given:
                initial: str | None = YES
            else:
                initial = NO if state.changed_at is not None else None
            self.fields[self.field_name(purpose)] = forms.ChoiceField(
                label=purpose.label,
                help_text=CONSENT_EXPLANATIONS.get(purpose, ""),
                choices=[(YES, yes), (NO, no)],
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
            )
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=_("How did the person give their answer?"),
                choices=[
                    (ConsentChannel.PAPER.value, ConsentChannel.PAPER.label),
                    (ConsentChannel.ORAL.value, ConsentChannel.ORAL.label),
                ],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields["form_version"] = forms.CharField(
                label=_("Consent form version"),
                max_length=32,
                initial=consent_form_version(),
                help_text=_("The version printed on the consent form."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.staff and self.answers() and not data.get("channel"):
            self.add_error("channel", _("Choose how the person gave their answer."))
        return data

    @staticmethod
    def field_name(purpose: ConsentPurpose) -> str:
        return f"consent_{purpose.value}"

    def purpose_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("consent_")]

    def answers(self) -> dict[ConsentPurpose, bool]:
        """The purposes answered: True for yes, False for no."""
        result = {}
        for purpose in ConsentPurpose:
            value = self.cleaned_data.get(self.field_name(purpose))
            if value in (YES, NO):
                result[purpose] = value == YES
        return result


class InviteForm(forms.Form):
    channel = forms.ChoiceField(choices=InvitationChannel.choices)
