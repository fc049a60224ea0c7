"""Forms of the visit pages (parsing only; the services validate and write)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import User
from nonprolif.core.web.forms import BoundedModelMultipleChoiceField, DateInput, ServiceModelForm
from nonprolif.events.models import ActionItem
from nonprolif.outreach.models import Visit
from nonprolif.outreach.visits.queries import offered_materials


class VisitFilterForm(forms.Form):
    q = forms.CharField(label=_("Stakeholder"), required=False, max_length=200)
    agency = forms.CharField(label=_("Visiting agency (code)"), required=False, max_length=32)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    stakeholder = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )

    def filters(self) -> dict:
        """The valid filters (a field with a bad value is left out; its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or None
            for name in ("q", "agency", "date_from", "date_to", "stakeholder")
            if name not in self.errors
        }


class VisitForm(ServiceModelForm):
    materials = BoundedModelMultipleChoiceField(
        label=_("Materials handed over"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Visit
        fields = ["date", "attendees", "topics_es", "topics_en", "materials"]
        widgets = {
            "date": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 4}),
            "topics_es": forms.Textarea(attrs={"rows": 3}),
            "topics_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        materials = cast(forms.ModelMultipleChoiceField, self.fields["materials"])
        materials.queryset = offered_materials(user)


class FollowUpForm(ServiceModelForm):
    class Meta:
        model = ActionItem
        fields = ["title_es", "title_en", "due_date", "description_es", "description_en"]
        widgets = {
            "due_date": DateInput(),
            "description_es": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }
