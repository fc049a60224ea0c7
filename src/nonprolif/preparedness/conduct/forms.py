"""Forms of the conduct and evaluation pages (parsing only; the services validate and write):
a player action, an observation, an objective's rating, the hot-wash notes."""

from django import forms
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import BoundedModelChoiceField
from nonprolif.preparedness.conduct.domain import MAX_HOTWASH, MAX_TEXT
from nonprolif.preparedness.conduct.queries import delivered_choices
from nonprolif.preparedness.models import (
    Exercise,
    ExerciseObjective,
    Inject,
    ObservationKind,
    Rating,
)


def inject_label(inject: Inject) -> str:
    return f"{inject.number}. {localtime(inject.scheduled_at):%H:%M} · {inject.synopsis[:60]}"


def objective_label(objective: ExerciseObjective) -> str:
    return f"{objective.number}. {objective.text[:80]}"


class InjectChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return inject_label(obj)


class ObjectiveChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return objective_label(obj)


class _ServiceForm(forms.Form):
    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class PlayerActionForm(_ServiceForm):
    text = forms.CharField(
        label=_("What the players did"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    inject = InjectChoiceField(
        label=_("In reply to inject"),
        queryset=Inject.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    agency = BoundedModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )

    prefix = "action"

    def __init__(self, *args, exercise: Exercise, **kwargs):
        super().__init__(*args, **kwargs)
        inject = self.fields["inject"]
        assert isinstance(inject, BoundedModelChoiceField)
        inject.queryset = delivered_choices(exercise)
        agency = self.fields["agency"]
        assert isinstance(agency, BoundedModelChoiceField)
        agency.queryset = exercise.agencies.order_by("code")


class ObservationForm(_ServiceForm):
    objective = ObjectiveChoiceField(
        label=_("Objective"), queryset=ExerciseObjective.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ObservationKind.choices,
        initial=ObservationKind.NOTE,
        widget=forms.RadioSelect,
    )
    inject = InjectChoiceField(
        label=_("Inject"),
        queryset=Inject.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    text = forms.CharField(
        label=_("Observation"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    prefix = "observation"

    def __init__(self, *args, exercise: Exercise, **kwargs):
        super().__init__(*args, **kwargs)
        objective = self.fields["objective"]
        assert isinstance(objective, BoundedModelChoiceField)
        objective.queryset = ExerciseObjective.objects.filter(exercise_id=exercise.pk).order_by(
            "number"
        )
        inject = self.fields["inject"]
        assert isinstance(inject, BoundedModelChoiceField)
        inject.queryset = delivered_choices(exercise)


class RatingForm(_ServiceForm):
    rating = forms.ChoiceField(
        label=_("Rating"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
    )
    notes_es = forms.CharField(
        label=_("Rationale (Spanish)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes_en = forms.CharField(
        label=_("Rationale (English)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, objective: ExerciseObjective, **kwargs):
        kwargs["prefix"] = f"objective-{objective.pk}"
        kwargs["initial"] = {
            "rating": objective.rating,
            "notes_es": objective.rating_notes_es,
            "notes_en": objective.rating_notes_en,
        }
        super().__init__(*args, **kwargs)
        rating = self.fields["rating"]
        assert isinstance(rating, forms.ChoiceField)
        # Each rating with its letter, in the request's language.
        rating.choices = [(value, f"{value} · {label}") for value, label in Rating.choices]


class HotwashForm(_ServiceForm):
    hotwash_es = forms.CharField(
        label=_("Hot-wash notes (Spanish)"),
        required=False,
        max_length=MAX_HOTWASH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    hotwash_en = forms.CharField(
        label=_("Hot-wash notes (English)"),
        required=False,
        max_length=MAX_HOTWASH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, exercise: Exercise, **kwargs):
        kwargs["initial"] = {"hotwash_es": exercise.hotwash_es, "hotwash_en": exercise.hotwash_en}
        super().__init__(*args, **kwargs)
