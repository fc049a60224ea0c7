"""Forms of the releasability pages (parsing only; the services validate and write).

Agencies are the program's small public directory, not people: they are chosen with
checkboxes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from nonprolif.intel.models import ReleaseState
from nonprolif.intel.releases.domain import MAX_REASON


class AgencyChoiceField(BoundedModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        kind = obj.get_kind_display()
        return f"{obj.name} ({obj.acronym or obj.code}, {kind})"


def _agencies(excluded_id):
    return Agency.objects.exclude(pk=excluded_id).order_by("kind", "code")


class ReleasabilityForm(forms.Form):
    agencies = AgencyChoiceField(
        label=_("Released to"),
        queryset=Agency.objects.none(),
        required=False,
        help_text=_(
            "A national agency reads the report as soon as it is published. A foreign "
            "partner reads it only after a second analyst or coordinator of your agency "
            "approves."
        ),
    )

    def __init__(self, *args, report, releases=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agencies"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = _agencies(report.originator_id)
        if not self.is_bound:
            field.initial = [r.agency_id for r in releases if r.state != ReleaseState.REFUSED]

    def service_data(self) -> dict:
        return {"agencies": list(self.cleaned_data["agencies"])}


class ApplyListForm(forms.Form):
    distribution_list = BoundedModelChoiceField(
        label=_("Distribution list"), queryset=Agency.objects.none()
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["distribution_list"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = lists

    def service_data(self) -> dict:
        return {"distribution_list": self.cleaned_data["distribution_list"]}


class ReleaseDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the release")), ("refuse", _("Refuse the release"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the release and in the audit trail."),
    )

    def service_data(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class DistributionListForm(forms.Form):
    name_es = forms.CharField(label=_("name (Spanish)"), max_length=200)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    agencies = AgencyChoiceField(label=_("agencies"), queryset=Agency.objects.none())

    def __init__(self, *args, owner_id, distribution_list=None, **kwargs):
        if distribution_list is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name_es": distribution_list.name_es,
                    "name_en": distribution_list.name_en,
                    "agencies": [a.pk for a in distribution_list.agencies.all()],
                },
            )
        super().__init__(*args, **kwargs)
        field = self.fields["agencies"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = _agencies(owner_id)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["agencies"] = list(data["agencies"])
        return data
