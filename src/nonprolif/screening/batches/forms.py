"""The batch forms: submitting a file, filtering a batch's alerts."""

from django import forms
from django.utils.translation import gettext_lazy

from nonprolif.core.tables import size_error
from nonprolif.screening.models import AlertStatus, BatchKind


class BatchForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=BatchKind.choices)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or XLSX, one row per party or goods line: declaration, record, role, "
            "name, kind, country, birth_date, identifiers, description, tariff_code, "
            "cas_numbers (or their Spanish names)."
        ),
    )
    threshold = forms.FloatField(
        label=gettext_lazy("Threshold"),
        required=False,
        min_value=0.0,
        max_value=1.0,
        help_text=gettext_lazy("Empty: each list's own threshold."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = size_error(upload.size)
        if too_large:
            raise forms.ValidationError(too_large)
        return upload

    def service_data(self) -> dict:
        upload = self.cleaned_data["file"]
        return {
            "kind": self.cleaned_data["kind"],
            "file_name": upload.name or "",
            "data": upload.read(),
            "threshold": self.cleaned_data.get("threshold"),
        }


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *AlertStatus.choices],
    )

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or ""
