"""The lists' forms: the import of a list file, the load of a control-list file, and the
filters of the entries, of a snapshot's delta and of the control lists (GET)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from nonprolif.core.tables import size_error
from nonprolif.screening.models import ChangeKind, ListSource, Regime


def read_upload(upload: UploadedFile) -> bytes:
    """The bytes of an upload within the size cap; ValidationError when larger (unread)."""
    refused = size_error(upload.size)
    if refused:
        raise forms.ValidationError(refused)
    return upload.read()


class ListImportForm(forms.Form):
    source = forms.ChoiceField(label=_("Format"), choices=ListSource.choices)
    file = forms.FileField(
        label=_("List file"),
        help_text=_(
            "The file as its publisher distributes it (XML, CSV or JSON). If it cannot be read, "
            "nothing is imported and the error says where."
        ),
    )
    list_code = forms.SlugField(
        label=_("List code"),
        max_length=32,
        required=False,
        help_text=_("Leave it empty to import into the list named after the format."),
    )
    list_name_es = forms.CharField(label=_("List name (Spanish)"), max_length=200, required=False)
    list_name_en = forms.CharField(label=_("List name (English)"), max_length=200, required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        self.cleaned_data["data"] = read_upload(upload)
        return upload

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "source": data["source"],
            "data": data["data"],
            "file_name": data["file"].name or "",
            "list_code": data.get("list_code") or None,
            "list_name_es": data.get("list_name_es") or None,
            "list_name_en": data.get("list_name_en") or None,
        }


class ControlsLoadForm(forms.Form):
    file = forms.FileField(
        label=_("Control-list file (CSV)"),
        help_text=_(
            "Columns regime, code, description_en, description_es, cas_numbers, hs6, "
            "tariff_fractions, keywords_en, keywords_es. Known entries are updated; if any row "
            "is wrong, nothing is loaded."
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        self.cleaned_data["data"] = read_upload(upload)
        return upload

    def service_data(self) -> dict:
        return {"data": self.cleaned_data["data"]}


class EntrySearchForm(forms.Form):
    q = forms.CharField(label=_("Name or reference"), max_length=200, required=False)

    def filters(self) -> dict:
        return {"q": self.cleaned_data.get("q", "")} if self.is_valid() else {}


class ChangeFilterForm(forms.Form):
    change = forms.ChoiceField(
        label=_("Change"), required=False, choices=[("", _("All")), *ChangeKind.choices]
    )

    def filters(self) -> dict:
        return {"change": self.cleaned_data.get("change", "")} if self.is_valid() else {}


class ControlSearchForm(forms.Form):
    q = forms.CharField(label=_("Code, description or CAS number"), max_length=200, required=False)
    regime = forms.ChoiceField(
        label=_("Regime"), required=False, choices=[("", _("All")), *Regime.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"q": self.cleaned_data.get("q", ""), "regime": self.cleaned_data.get("regime", "")}
