"""Forms of the matrix pages (parsing only; the services validate and write): a row's entry,
an evidence upload, an action plan item."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import DateInput
from nonprolif.preparedness.matrix.queries import national_agencies
from nonprolif.preparedness.models import MatrixStatus

TEXT_WIDGET = forms.Textarea(attrs={"rows": 3})


class EntryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=MatrixStatus.choices)
    legal_reference = forms.CharField(label=_("Legal reference"), required=False, max_length=300)
    citation = forms.CharField(
        label=_("Citation"), required=False, max_length=20000, widget=TEXT_WIDGET
    )
    agency: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Responsible agency"), required=False, queryset=None, to_field_name="code"
    )

    def __init__(self, *args, program, entry=None, can_assign=True, **kwargs):
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "status": entry.status,
                "legal_reference": entry.legal_reference,
                "citation": entry.citation,
                "agency": entry.agency.code if entry.agency_id else None,
            }
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = national_agencies(program)
        field.label_from_instance = lambda agency: f"{agency.code} · {agency.name}"
        if not can_assign:
            field.disabled = True

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, PNG, JPEG, text, CSV, XLSX or DOCX."), required=False
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class PlanItemForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    owner_agency: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Owner agency"), queryset=None, to_field_name="code"
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    description_es = forms.CharField(
        label=_("Description (Spanish)"), required=False, widget=TEXT_WIDGET
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=TEXT_WIDGET
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["owner_agency"]
        field.queryset = national_agencies(program)
        field.label_from_instance = lambda agency: f"{agency.code} · {agency.name}"

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
