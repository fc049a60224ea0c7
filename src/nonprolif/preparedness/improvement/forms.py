"""Forms of the improvement plan (parsing only; the services validate and write): a new
corrective action and the training-need flag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import BoundedModelChoiceField, DateInput
from nonprolif.preparedness.models import CoreCapability, ExerciseObjective

TEXT_WIDGET = forms.Textarea(attrs={"rows": 3})


class CorrectiveActionForm(forms.Form):
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    owner_agency = BoundedModelChoiceField(label=_("Owner agency"), queryset=Agency.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    objective = BoundedModelChoiceField(
        label=_("Objective"), queryset=ExerciseObjective.objects.none(), required=False
    )
    capability = BoundedModelChoiceField(
        label=_("Core capability"), queryset=CoreCapability.objects.all(), required=False
    )
    description_es = forms.CharField(
        label=_("Description (Spanish)"), required=False, widget=TEXT_WIDGET
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=TEXT_WIDGET
    )
    training_need = forms.BooleanField(
        label=_("Training need"),
        required=False,
        help_text=_("A training need can become a proposal item for the next review."),
    )

    def __init__(self, *args, exercise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = exercise.agencies.order_by("code")
        self.fields["owner_agency"].label_from_instance = lambda agency: agency.name
        self.fields["objective"].queryset = exercise.objectives.order_by("number")
        self.fields["objective"].label_from_instance = lambda o: f"{o.number}. {o.text}"

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class TrainingNeedForm(forms.Form):
    value = forms.BooleanField(label=_("Training need"), required=False)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
