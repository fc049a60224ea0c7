"""Forms of the report pages (parsing only; the services validate and write). The
taxonomies are selects (small vocabularies); the materials are grouped under their CBRN
category."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency, ClassificationLevel
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.intel.models import (
    REPORT_FIELDS,
    CbrnCategory,
    IntelReport,
    Material,
    ReportStatus,
    ReportType,
)
from nonprolif.intel.reports.attachments import ALLOWED_EXTENSIONS

TEXTAREA = {"rows": 8}


def _material_choices() -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for material in Material.objects.select_related("category").order_by("category", "code"):
        groups.setdefault(material.category.name, []).append((material.code, material.name))
    return [("", "—"), *groups.items()]


class ReportForm(ServiceModelForm):
    cbrn_category = forms.ChoiceField(label=_("CBRN category"), required=False)
    material = forms.ChoiceField(
        label=_("Material or agent"),
        required=False,
        help_text=_("Grouped by CBRN category: it must be of the category chosen above."),
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    class Meta:
        model = IntelReport
        fields = list(REPORT_FIELDS)
        widgets = {
            "body_es": forms.Textarea(attrs=TEXTAREA),
            "body_en": forms.Textarea(attrs=TEXTAREA),
            "event_date": DateInput(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = ClassificationLevel.objects.order_by("rank")
        if user is not None and user.clearance_id:
            levels = levels.filter(rank__lte=user.clearance.rank)
        field = self.fields["classification"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = levels
        field.empty_label = None
        category = self.fields["cbrn_category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [("", "—")] + [(c.code, c.name) for c in CbrnCategory.objects.all()]
        material = self.fields["material"]
        assert isinstance(material, forms.ChoiceField)
        material.choices = _material_choices()
        if self.instance.pk:
            self.initial["tags"] = ", ".join(self.instance.tags or [])
            self.initial["cbrn_category"] = (
                self.instance.cbrn_category.code if self.instance.cbrn_category_id else ""
            )
            self.initial["material"] = (
                self.instance.material.code if self.instance.material_id else ""
            )


class ReportEditForm(ReportForm):
    note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("Kept with the new version."),
    )


class ReportFilterForm(forms.Form):
    """The list's filters (GET): a value that names nothing is an error on its field."""

    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *ReportType.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ReportStatus.choices]
    )
    originator = forms.TypedChoiceField(label=_("Originator"), required=False, coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["originator"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("All"))] + [
            (str(agency.pk), agency.acronym or agency.code)
            for agency in Agency.objects.order_by("code")
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "report_type": data.get("type") or "",
            "status": data.get("status") or "",
            "originator": data.get("originator") or None,
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, text, CSV, XLSX or DOCX."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Version"), min_value=1, max_value=2**31 - 1)
    b = forms.IntegerField(label=_("with version"), min_value=1, max_value=2**31 - 1)
