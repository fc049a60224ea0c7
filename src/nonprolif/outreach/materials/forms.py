"""Forms of the materials pages (parsing only; the services validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.outreach.materials.domain import MAX_NOTES
from nonprolif.outreach.models import Audience, MaterialVersion

LANGUAGES = list(MaterialVersion._meta.get_field("language").choices or [])


class MaterialFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", pgettext_lazy("audience", "Any")), *Audience.choices],
    )
    q = forms.CharField(label=_("Title"), required=False, max_length=200)

    def filters(self) -> dict:
        """The valid filters (a field with a bad value is left out; its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {n: data.get(n) or None for n in ("audience", "q") if n not in self.errors}


class MaterialForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    description_es = forms.CharField(
        label=_("Description (Spanish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(label=_("Language of the file"), choices=LANGUAGES, initial="es")
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, PNG, JPEG, text, CSV, XLSX or DOCX."),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, PNG, JPEG, text, CSV, XLSX or DOCX."),
    )
    language = forms.ChoiceField(label=_("Language of the file"), choices=LANGUAGES, initial="es")
    notes = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
