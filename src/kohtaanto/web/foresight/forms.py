"""The foresight page's choices (GET): whose figures, which groups, which region, the order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kohtaanto.foresight import selectors
from kohtaanto.matching import foresight as fs

SCOPES = (("organisation", _("Our organisation")), ("national", _("Whole country")))
MODES = ((fs.SKILL, _("Skill groups")), (fs.OCCUPATION, _("Occupation groups (ISCO)")))


class ViewForm(forms.Form):
    scope = forms.ChoiceField(label=_("Whose figures"), choices=SCOPES, required=False)
    mode = forms.ChoiceField(label=_("Group by"), choices=MODES, required=False)
    region = forms.CharField(label=_("Region"), required=False)
    sort = forms.ChoiceField(
        required=False, choices=[(s, s) for s in selectors.SORTS], widget=forms.HiddenInput
    )
    dir = forms.ChoiceField(
        required=False, choices=[(d, d) for d in selectors.DIRECTIONS], widget=forms.HiddenInput
    )

    def __init__(self, data: Any, *, lang: str) -> None:
        super().__init__(data)
        self.region_choices = selectors.region_choices(lang)
        self.fields["region"].widget = forms.Select(choices=self.region_choices)

    def clean_region(self) -> str:
        value = self.cleaned_data.get("region") or selectors.ALL_REGIONS
        try:
            selectors.region_key(value)
        except selectors.UnknownRegionError:
            raise forms.ValidationError(str(selectors.UnknownRegionError.message)) from None
        return str(value)

    def choice(self, name: str, default: str) -> str:
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return default
        return str(self.cleaned_data.get(name) or default)
