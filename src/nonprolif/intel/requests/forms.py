"""Forms of requests for information: the question, its answer (a draft report) and the
list's filters (parsing only; the services validate and write). Agencies and levels are
small vocabularies: check boxes and selects, not pickers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models import Agency, ClassificationLevel
from nonprolif.core.web.forms import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    DateInput,
    ServiceModelForm,
)
from nonprolif.intel.models import InfoRequest, IntelReport, RequestStatus
from nonprolif.intel.requests.queries import ASKED_BY_US, ASKED_OF_US


def levels_up_to_clearance(user):
    rank = user.clearance.rank if getattr(user, "clearance_id", None) else -1
    return ClassificationLevel.objects.filter(rank__lte=rank).order_by("rank")


class RequestForm(ServiceModelForm):
    recipients = BoundedModelMultipleChoiceField(
        label=_("Agencies asked"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InfoRequest
        fields = [
            "title_es",
            "title_en",
            "details_es",
            "details_en",
            "classification",
            "due_date",
            "recipients",
        ]
        field_classes = {"classification": BoundedModelChoiceField}
        widgets = {
            "details_es": forms.Textarea(attrs={"rows": 4}),
            "details_en": forms.Textarea(attrs={"rows": 4}),
            "due_date": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = levels_up_to_clearance(user)
        self.fields["classification"].empty_label = None
        self.fields["recipients"].queryset = (
            Agency.objects.visible_to(user).exclude(pk=user.agency_id).order_by("kind", "code")
        )
        self.fields["title_es"].help_text = _("Write the question in Spanish, English or both.")


class AnswerForm(forms.ModelForm):
    """The draft report that answers a request."""

    class Meta:
        model = IntelReport
        fields = ["title_es", "title_en", "body_es", "body_en", "report_type", "classification"]
        field_classes = {"classification": BoundedModelChoiceField}
        widgets = {
            "body_es": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classification"].queryset = levels_up_to_clearance(user)
        self.fields["classification"].empty_label = None

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RequestFilterForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Requests"),
        required=False,
        widget=forms.HiddenInput,
        choices=[
            ("", pgettext_lazy("requests", "All")),
            (ASKED_BY_US, _("Asked by my agency")),
            (ASKED_OF_US, _("Asked of my agency")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", pgettext_lazy("requests", "Any")),
            (RequestStatus.OPEN, RequestStatus.OPEN.label),
            (RequestStatus.CLOSED, RequestStatus.CLOSED.label),
        ],
    )
