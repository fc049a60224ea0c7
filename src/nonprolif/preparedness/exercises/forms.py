"""Forms of the exercise pages (parsing only; the services validate and write): the list's
filters, the exercise, an objective, a participant (the user searched, never a ``<select>``
of people) and an inject."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.core.web.forms import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    DateInput,
    ServiceModelForm,
)
from nonprolif.core.web.picker import PickerWidget, _PickerMixin
from nonprolif.preparedness.exercises.domain.common import program_agency_ids
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseKind,
    ExerciseObjective,
    ExercisePhase,
    Inject,
    ParticipantRole,
)
from nonprolif.program.models import Program

TEXT = forms.Textarea(attrs={"rows": 3})


def user_label(user: User) -> str:
    """How a user is shown in the participant picker: his name, login and agency."""
    name = user.get_full_name() or user.username
    agency = (user.agency.acronym or user.agency.code) if user.agency else _("no agency")
    return f"{name} ({user.username} · {agency})"


class UserPickerField(_PickerMixin, BoundedModelChoiceField):
    """One user, searched among ``queryset`` at ``search_url``."""

    widget = PickerWidget
    default_error_messages = {"invalid_choice": _("Choose a user from the search results.")}

    def __init__(self, *, queryset=None, **kwargs) -> None:
        super().__init__(queryset=queryset, **kwargs)
        self._bind_widget()

    def label_from_instance(self, obj) -> str:
        return user_label(obj)


class ExerciseFilterForm(forms.Form):
    program = forms.CharField(label=_("Program code"), required=False, max_length=32)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", pgettext_lazy("exercise types", "Any")), *ExerciseKind.choices],
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", pgettext_lazy("exercise phases", "Any")), *ExercisePhase.choices],
    )
    q = forms.CharField(label=_("Title or code"), required=False, max_length=200)

    def filters(self) -> dict:
        """The valid filters (a field with a bad value is left out; its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or None
            for name in ("program", "kind", "phase", "q")
            if name not in self.errors
        }


class ExerciseForm(ServiceModelForm):
    """The exercise's facts; on creation also its program. The agencies are those of the
    chosen program (the service checks)."""

    agencies = BoundedModelMultipleChoiceField(
        label=_("Participating agencies"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Exercise
        fields = [
            "program",
            "title_es",
            "title_en",
            "kind",
            "cbrn_category",
            "scenario_es",
            "scenario_en",
            "starts_on",
            "ends_on",
            "venue",
            "classification",
        ]
        widgets = {
            "scenario_es": forms.Textarea(attrs={"rows": 5}),
            "scenario_en": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    def __init__(self, *args, user, programs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.order_by("code")  # type: ignore[attr-defined]
        rank = user.clearance.rank if getattr(user, "clearance_id", None) else None
        levels = ClassificationLevel.objects.order_by("rank")
        lowest = levels.values_list("rank", flat=True).first()
        if rank is None:
            levels = levels.filter(rank=lowest) if lowest is not None else levels.none()
        else:
            levels = levels.filter(rank__lte=max(rank, lowest or 0))
        self.fields["classification"].queryset = levels  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["program"]
            self.fields["agencies"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
                pk__in=program_agency_ids(self.instance.program)
            ).order_by("code")
            if not self.is_bound:
                self.initial["agencies"] = list(self.instance.agencies.values_list("pk", flat=True))
        else:
            self.fields["program"].queryset = (
                programs if programs is not None else Program.objects.none()
            )  # type: ignore[attr-defined]

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ObjectiveForm(forms.Form):
    text_es = forms.CharField(label=_("Objective (Spanish)"), widget=TEXT, max_length=4000)
    text_en = forms.CharField(label=_("Objective (English)"), widget=TEXT, max_length=4000)
    capabilities = BoundedModelMultipleChoiceField(
        label=_("Core capabilities"),
        queryset=CoreCapability.objects.order_by("position", "code"),
        widget=forms.CheckboxSelectMultiple,
    )

    @classmethod
    def of(cls, objective: ExerciseObjective, data=None) -> "ObjectiveForm":
        initial = {
            "text_es": objective.text_es,
            "text_en": objective.text_en,
            "capabilities": [c.pk for c in objective.capabilities.all()],
        }
        return cls(data, initial=initial, prefix=f"o{objective.pk}")

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class ParticipantForm(forms.Form):
    user = UserPickerField(label=_("User"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=ParticipantRole.choices)

    def __init__(self, *args, candidates, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, UserPickerField)
        field.queryset = candidates
        field.search_url = search_url

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class InjectForm(ServiceModelForm):
    class Meta:
        model = Inject
        fields = [
            "scheduled_at",
            "sender",
            "recipient",
            "synopsis_es",
            "synopsis_en",
            "expected_action_es",
            "expected_action_en",
            "objective",
        ]
        widgets = {
            "scheduled_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "synopsis_es": TEXT,
            "synopsis_en": TEXT,
            "expected_action_es": TEXT,
            "expected_action_en": TEXT,
        }

    def __init__(self, *args, exercise, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["objective"]
        field.queryset = ExerciseObjective.objects.filter(exercise=exercise).order_by("number")  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"{o.number}. {o.text}"  # type: ignore[attr-defined]
