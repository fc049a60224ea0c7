"""Forms of the review pages (parsing only; the services validate and write): the queue's
and the cleared parties' filters, a decision, an escalation, lifting a cleared party."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models import ClassificationLevel
from nonprolif.core.web.forms import BoundedModelChoiceField
from nonprolif.screening.models import AlertStatus
from nonprolif.screening.review.domain import MAX_REASON
from nonprolif.screening.review.queries import IN_FORCE, LAPSED

REASON_WIDGET = forms.Textarea(attrs={"rows": 3})


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("alerts", "Any")), *AlertStatus.choices],
    )
    list_code = forms.CharField(
        label=_("List"),
        required=False,
        max_length=32,
        help_text=_("A list's code (un, ofac …) or a control regime (AG, NSG …)."),
    )
    batch = forms.IntegerField(label=_("Batch"), required=False, min_value=1, max_value=2**63 - 1)
    q = forms.CharField(label=_("Name or number"), required=False, max_length=200)

    def filters(self) -> dict:
        """The valid filters (a field with a bad value is left out; its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or None
            for name in ("status", "list_code", "batch", "q")
            if name not in self.errors
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (AlertStatus.TRUE_MATCH, AlertStatus.TRUE_MATCH.label),
            (AlertStatus.FALSE_POSITIVE, AlertStatus.FALSE_POSITIVE.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=REASON_WIDGET,
    )

    def __init__(self, *args, alert=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = (
            _("Required. A false positive clears the party against this list entry.")
            if alert is not None and alert.party_id
            else _("Required.")
        )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=MAX_REASON, widget=REASON_WIDGET
    )
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


class SuppressionFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", pgettext_lazy("cleared parties", "Any")),
            (IN_FORCE, _("In force")),
            (LAPSED, _("Lapsed")),
        ],
    )
    q = forms.CharField(label=_("Party"), required=False, max_length=200)

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in ("state", "q") if name not in self.errors}


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=MAX_REASON, widget=REASON_WIDGET
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
