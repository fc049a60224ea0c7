"""Forms of the registration pages: quotas, registering an official, the coordinator's
decision and cancelling (parsing only; the services validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import BulkDecisionBaseForm, SelectedIdsField
from nonprolif.core.web.picker import OfficialPickerField
from nonprolif.events.models import RegistrationStatus
from nonprolif.events.registrations.bulk import MAX_BATCH


class QuotaForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    seats = forms.IntegerField(label=_("Seats"), min_value=0)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RegistrationForm(forms.Form):
    """The official is searched among ``officials`` at ``search_url``."""

    official = OfficialPickerField(
        label=_("Official"),
        help_text=_(
            "Only active officials of agencies with seats free at this conference, not "
            "registered yet, can be found here."
        ),
    )

    def __init__(self, *args, officials, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].search_url = search_url

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RegistrationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (RegistrationStatus.APPROVED, _("Approve")),
            (RegistrationStatus.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to decline."),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class BulkRegistrationDecisionForm(BulkDecisionBaseForm):
    """Approve or decline the registrations ticked on the list."""

    ids = SelectedIdsField(max_count=MAX_BATCH)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required: it is kept with the registration."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this registration (its seat goes back to the agency)."),
    )

    def service_data(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}
