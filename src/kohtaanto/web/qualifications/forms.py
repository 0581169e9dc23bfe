"""Forms of the qualification pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 20_000_000


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or code"), required=False, max_length=100)


class SkillSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a skill"), required=False, max_length=100)
    requirement = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("ePerusteet JSON file"),
        help_text=_(
            "A qualification, a qualification unit or a list of them, as the ePerusteet "
            "service gives them."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large."))
        data: bytes = upload.read()
        return data
