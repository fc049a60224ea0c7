"""Forms of meeting decisions, action items, the action item filters and the status report
(parsing only; the services validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency, Official
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.events.models import ActionItem, ActionStatus, MeetingDecision


class DecisionForm(ServiceModelForm):
    class Meta:
        model = MeetingDecision
        fields = ["number", "text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        self.fields["number"].help_text = _("Empty: the next number.")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("number") is None and self.instance.pk is None:
            data.pop("number", None)
        elif data.get("number") is None:
            data["number"] = self.instance.number
        return data


class ActionItemForm(ServiceModelForm):
    """An action item of ``meeting``: the owner agency among the meeting's agencies, the
    owner official among the officials of those agencies that ``user`` can see."""

    class Meta:
        model = ActionItem
        fields = [
            "title_es",
            "title_en",
            "description_es",
            "description_en",
            "decision",
            "owner_agency",
            "owner_official",
            "due_date",
            "status",
        ]
        widgets = {
            "due_date": DateInput(),
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(meetings=meeting)
        self.fields["owner_agency"].queryset = agencies
        self.fields["owner_official"].queryset = (
            Official.objects.visible_to(user)
            .filter(agency__in=agencies.values("pk"))
            .select_related("agency")
        )
        self.fields["owner_official"].label_from_instance = lambda official: (
            f"{official.full_name} ({official.agency.acronym or official.agency.code})"
        )
        self.fields["decision"].queryset = MeetingDecision.objects.filter(meeting=meeting)
        self.fields["decision"].label_from_instance = lambda decision: str(decision)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


OVERDUE_CHOICES = [("", _("All")), ("yes", _("Overdue only")), ("no", _("Not overdue"))]


class ActionItemFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("Owner agency"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ActionStatus.choices]
    )
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=OVERDUE_CHOICES)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.acronym or agency.code) for agency in agencies
        ]

    def overdue_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("overdue") or "")


class TimelineFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("Concerning agency"), required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.acronym or agency.code) for agency in agencies
        ]
