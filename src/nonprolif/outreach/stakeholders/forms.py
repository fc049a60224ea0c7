"""Forms of the stakeholder pages (parsing only; the services validate and write)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nonprolif.core.models import User
from nonprolif.core.web.forms import (
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    ServiceModelForm,
)
from nonprolif.intel.models import CbrnCategory
from nonprolif.outreach.models import Contact, Sector, Stakeholder, StakeholderKind
from nonprolif.outreach.stakeholders.queries import (
    filter_agencies,
    responsible_agencies,
    stakeholder_programs,
)

ANY = pgettext_lazy("filter", "Any")


class StakeholderFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", ANY), *StakeholderKind.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", ANY), *Sector.choices]
    )
    state = forms.CharField(label=_("State"), required=False, max_length=100)
    agency = forms.ChoiceField(label=_("Responsible agency"), required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            ("", ANY),
            *((a.code, a.code) for a in filter_agencies(user)),
        ]

    def filters(self) -> dict:
        """The valid filters (a field with a bad value is left out; its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or None
            for name in ("q", "kind", "sector", "state", "agency")
            if name not in self.errors
        }


class StakeholderForm(ServiceModelForm):
    program = BoundedModelChoiceField(label=_("Program"), queryset=None)
    responsible_agency = BoundedModelChoiceField(label=_("Responsible agency"), queryset=None)
    cbrn_categories = BoundedModelMultipleChoiceField(
        label=_("CBRN categories"),
        queryset=CbrnCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Stakeholder
        fields = [
            "program",
            "name",
            "kind",
            "sector",
            "state",
            "city",
            "address",
            "materials",
            "cbrn_categories",
            "responsible_agency",
            "language",
            "notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "materials": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        categories = cast(forms.ModelMultipleChoiceField, self.fields["cbrn_categories"])
        categories.queryset = CbrnCategory.objects.visible_to(user)
        if self.instance.pk:
            del self.fields["program"]
            program = self.instance.program
        else:
            programs = stakeholder_programs(user)
            cast(forms.ModelChoiceField, self.fields["program"]).queryset = programs
            program = programs.first() if programs.count() == 1 else None
            if program is not None:
                self.fields["program"].initial = program.pk
        agencies = cast(forms.ModelChoiceField, self.fields["responsible_agency"])
        agencies.queryset = responsible_agencies(user, program)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("program", None)
        return data


class ContactForm(ServiceModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone"]
