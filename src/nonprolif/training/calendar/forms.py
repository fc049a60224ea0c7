"""Forms of the calendar (parsing only; the services validate and write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency, Official
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.training.models import BlackoutDate, FeedScope, Session, Venue


class SessionForm(ServiceModelForm):
    """A session's venue, capacity and language."""

    class Meta:
        model = Session
        fields = ["venue", "capacity", "language"]

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues
        # The service says why a capacity is too low; the form only parses a number.
        self.fields["capacity"].min_value = None
        self.fields["capacity"].validators = []
        self.fields["capacity"].widget.attrs.pop("min", None)


class ParticipantForm(forms.Form):
    official: forms.ModelChoiceField[Official] = forms.ModelChoiceField(
        label=_("Official"), queryset=None
    )

    def __init__(self, *args, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials
        self.fields["official"].label_from_instance = lambda official: (
            f"{official.full_name} ({official.agency.acronym or official.agency.code})"
        )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class RegenerateForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Also move or remove the sessions that have participants"),
        required=False,
        help_text=_("Without this, those changes stay pending and are listed below."),
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class FeedForm(forms.Form):
    """A new calendar feed. The choices offered are those the user may create."""

    scope = forms.ChoiceField(label=_("Feed of"), choices=FeedScope.choices)
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("Agency"), queryset=None, required=False
    )
    official: forms.ModelChoiceField[Official] = forms.ModelChoiceField(
        label=_("Official"), queryset=None, required=False
    )

    def __init__(self, *args, scopes, agencies, officials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [c for c in FeedScope.choices if c[0] in scopes]
        self.fields["agency"].queryset = agencies
        self.fields["official"].queryset = officials
        self.fields["official"].label_from_instance = lambda official: (
            f"{official.full_name} ({official.agency.acronym or official.agency.code})"
        )
        if FeedScope.AGENCY not in scopes:
            del self.fields["agency"]
        if FeedScope.OFFICIAL not in scopes:
            del self.fields["official"]

    def service_data(self) -> dict:
        return {
            "scope": self.cleaned_data["scope"],
            "agency": self.cleaned_data.get("agency"),
            "official": self.cleaned_data.get("official"),
        }


class VenueForm(ServiceModelForm):
    class Meta:
        model = Venue
        fields = ["name", "city", "address"]


class BlackoutForm(ServiceModelForm):
    class Meta:
        model = BlackoutDate
        fields = ["date", "venue", "reason_es", "reason_en"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues
