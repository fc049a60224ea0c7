"""Forms of the tips pages (parsing only; the services validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models import ClassificationLevel
from nonprolif.core.web.forms import BoundedModelChoiceField, DateInput
from nonprolif.outreach.models import TipChannel
from nonprolif.outreach.tips.domain import MAX_TEXT
from nonprolif.outreach.tips.queries import AWAITING, REPORTED


class TipFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", pgettext_lazy("tips", "Any")),
            (AWAITING, _("Awaiting a report")),
            (REPORTED, _("Reported")),
        ],
    )
    stakeholder = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {n: data.get(n) or None for n in ("status", "stakeholder") if n not in self.errors}


class TipForm(forms.Form):
    what = forms.CharField(
        label=_("What"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The order or enquiry: goods, quantities, terms, what was odd."),
    )
    who = forms.CharField(
        label=_("Who"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The customer or enquirer: names, company, country, addresses."),
    )
    when = forms.DateField(
        label=_("When"),
        required=False,
        widget=DateInput,
        help_text=_("When the order or enquiry came."),
    )
    contact_name = forms.CharField(label=_("Reported by"), max_length=200, required=False)
    contact_email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        help_text=_("The acknowledgement goes here; left empty, to the stakeholder's contacts."),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    channel = forms.ChoiceField(
        label=_("Received by"), choices=TipChannel.choices, initial=TipChannel.PHONE
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class TipReportForm(forms.Form):
    classification = BoundedModelChoiceField(
        label=_("Classification"),
        queryset=ClassificationLevel.objects.none(),
        required=False,
        help_text=_("Of the report draft; at most your clearance."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        rank = user.clearance.rank if getattr(user, "clearance_id", None) else -1
        field = self.fields["classification"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ClassificationLevel.objects.filter(rank__lte=rank).order_by("rank")
        field.empty_label = None

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
