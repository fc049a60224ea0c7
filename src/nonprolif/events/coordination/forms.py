"""Forms of meeting decisions, action items, the action item filters and the status report
(parsing only; the services validate and write)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency, Official
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.core.web.picker import OfficialPickerField
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


def owner_officials(user, meeting) -> QuerySet[Official]:
    """The officials who may own an action item of ``meeting``: those of the meeting's
    agencies that ``user`` can see (the form's choices and its picker's search)."""
    return (
        Official.objects.visible_to(user)
        .filter(agency__in=Agency.objects.filter(meetings=meeting).values("pk"))
        .select_related("agency")
        .order_by("agency__code", "family_names", "given_names")
    )


class ActionItemForm(ServiceModelForm):
    """An action item of ``meeting``: the owner agency among the meeting's agencies, the
    owner official among the officials of those agencies that ``user`` can see, searched at
    ``search_url``."""

    owner_official = OfficialPickerField(label=_("Owner official"), required=False)

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

    def __init__(self, *args, user, meeting, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(meetings=meeting)
        self.fields["owner_official"].queryset = owner_officials(user, meeting)
        self.fields["owner_official"].search_url = search_url
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
    # Followed from a row's meeting (a link), not picked from a list of every meeting.
    meeting = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.acronym or agency.code) for agency in agencies
        ]

    def overdue_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("overdue") or "")


class TimelineFilterForm(forms.Form):
    agency = forms.ChoiceField(label=_("Concerning agency"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, agencies, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.acronym or agency.code) for agency in agencies
        ]
        self.fields["kind"].choices = [("", _("Every kind")), *kinds.items()]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end comes before the start."))
            data.pop("until", None)
        return data
