"""Forms parse and render input; the services in ``domain/`` decide and write."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core import queries
from nonprolif.core.domain.agencies import EDITABLE_FIELDS as AGENCY_FIELDS
from nonprolif.core.domain.officials import EDITABLE_FIELDS as OFFICIAL_FIELDS
from nonprolif.core.models import Agency, ApiToken, Official, Outcome, Seniority
from nonprolif.core.web.forms import DateInput


class OfficialForm(forms.ModelForm):
    """Create/edit an official. The agency choices are the agencies ``user`` may put
    officials in (a liaison: his own); the service checks again."""

    class Meta:
        model = Official
        fields = OFFICIAL_FIELDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = queries.assignable_agencies(user)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
            self.fields["agency"].empty_label = None


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = AGENCY_FIELDS
        widgets = {
            "description_es": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Agency.objects.visible_to(user)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class OfficialFilterForm(forms.Form):
    """The officials list's search and filters (GET)."""

    ACTIVE_CHOICES = [("", _("All")), ("yes", _("Active")), ("no", _("Inactive"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    seniority = forms.ChoiceField(
        label=_("Seniority"),
        required=False,
        choices=[("", _("All")), *Seniority.choices],
    )
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["agency"].choices = [("", _("All"))] + [
            (agency.code, agency.name) for agency in queries.official_filter_agencies(user)
        ]

    def filters(self) -> dict:
        """Keyword arguments for ``queries.search_officials`` (invalid values are dropped)."""
        data = {}
        if self.is_bound:
            self.is_valid()  # fills cleaned_data with the fields that are valid
            data = self.cleaned_data
        active = {"yes": True, "no": False}.get(data.get("active", ""))
        return {
            "q": data.get("q", ""),
            # An agency whose officials the user cannot see simply matches nothing.
            "agency": str(self.data.get("agency", "")).strip(),
            "seniority": data.get("seniority", ""),
            "active": active,
        }


class AuditFilterForm(forms.Form):
    """The audit page's filters: who (a text, never a list of people), agency, action,
    object type, outcome and a date range (days in the active time zone)."""

    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    agency = forms.CharField(label=_("Agency"), required=False, max_length=32)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("All")), *Outcome.choices]
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("All"))] + [
            (name, name) for name in queries.audit_object_types(user)
        ]
        self.fields["action"].choices = [("", _("All"))] + [
            (name, name) for name in queries.audit_actions(user)
        ]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        """Keyword arguments for ``queries.audit_entries`` (invalid values are dropped)."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        zone = timezone.get_current_timezone()

        def start_of(day):
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

        since, until = data.get("since"), data.get("until")
        return {
            "actor": data.get("actor", ""),
            "agency": data.get("agency", "").strip(),
            "action": data.get("action", ""),
            "object_type": data.get("object_type", ""),
            "outcome": data.get("outcome", ""),
            "since": start_of(since) if since else None,
            "until": start_of(until + datetime.timedelta(days=1)) if until else None,
        }


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "read_only"]
        help_texts = {
            "name": _("What the token is for, e.g. the script that uses it."),
            "read_only": _("The token may only read: the API refuses its writes."),
        }


class SecondFactorForm(forms.Form):
    """A code from the authenticator app (6 digits) or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
