"""Forms of the calendar (parsing only; the services validate and write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.core.web.picker import OfficialPickerField
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
    """The official is searched among ``officials`` at ``search_url``."""

    official = OfficialPickerField(label=_("Official"))

    def __init__(self, *args, officials, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["official"]
        field.queryset = officials
        field.search_url = search_url

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
    official = OfficialPickerField(label=_("Official"), required=False)

    def __init__(self, *args, scopes, agencies, officials, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [c for c in FeedScope.choices if c[0] in scopes]
        self.fields["agency"].queryset = agencies
        self.fields["official"].queryset = officials
        self.fields["official"].search_url = search_url
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
