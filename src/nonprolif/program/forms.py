"""Forms of the program app. They parse input only: the services validate and write, and a
service's ValidationError is put back on the form with ``form.add_error(None, error)``."""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.program.models import (
    AMENDABLE_FIELDS,
    ITEM_FIELDS,
    Decision,
    ItemKind,
    Program,
    Proposal,
    ProposalItem,
)
from nonprolif.program.queries import national_agency_ids


def _program_agencies(program: Program) -> QuerySet[Agency]:
    """The agencies an item can be for: the program's lead and member agencies."""
    return Agency.objects.filter(pk__in=national_agency_ids(program)).order_by("code")


class ProgramForm(ServiceModelForm):
    class Meta:
        model = Program
        fields = [
            "code",
            "name_es",
            "name_en",
            "description_es",
            "description_en",
            "country",
            "lead_agency",
            "member_agencies",
            "partner_agencies",
            "time_zone",
            "target_trainees",
            "start_date",
        ]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.visible_to(user).select_related("parent")
        self.fields["lead_agency"].queryset = agencies
        self.fields["member_agencies"].queryset = agencies
        self.fields["partner_agencies"].queryset = agencies
        self.fields["member_agencies"].widget.attrs["size"] = 12
        self.fields["partner_agencies"].widget.attrs["size"] = 6


class ProposalForm(ServiceModelForm):
    """A proposal. Coordinators choose the submitting partner agency on creation; partners
    always submit for their own agency."""

    class Meta:
        model = Proposal
        fields = [
            "submitted_by",
            "title_es",
            "title_en",
            "summary_es",
            "summary_en",
            "submitted_on",
            "version",
        ]
        widgets = {"submitted_on": DateInput()}

    def __init__(self, *args, program, choose_agency: bool, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_agency and creating:
            agencies = cast(forms.ModelChoiceField, self.fields["submitted_by"])
            agencies.queryset = program.partner_agencies.all()
        else:
            del self.fields["submitted_by"]
        if creating:
            self.fields["version"].required = False
            self.fields["version"].help_text = _("Leave empty for the next version.")


class ItemForm(ServiceModelForm):
    class Meta:
        model = ProposalItem
        fields = list(ITEM_FIELDS)
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, program, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        targets = cast(forms.ModelChoiceField, self.fields["target_agencies"])
        targets.queryset = _program_agencies(program)
        self.fields["target_agencies"].help_text = _(
            "Leave empty when the item is for every agency of the program."
        )
        if creating:
            self.fields["number"].required = False
            self.fields["number"].help_text = _("Leave empty for the next number.")


class DecisionForm(forms.Form):
    """The coordinator's decision on one item. The amendable values are prefilled with the
    values in force (the current amendment's, else the item's); with "accepted with
    amendments", the values that differ from the item's own are the amendments."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject an item or to amend it."),
    )
    cohort_size = forms.IntegerField(label=_("Cohort size"), required=False)
    cohort_count = forms.IntegerField(label=_("Number of cohorts"), required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    cadence_months = forms.IntegerField(label=_("Cadence (months)"), required=False)
    session_days = forms.IntegerField(label=_("Session length (business days)"), required=False)
    target_agencies = forms.ModelMultipleChoiceField(
        label=_("Target agencies"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None checked: every agency of the program."),
    )

    def __init__(self, *args, item: ProposalItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.item_targets = {agency.pk for agency in item.target_agencies.all()}
        targets = cast(forms.ModelChoiceField, self.fields["target_agencies"])
        targets.queryset = _program_agencies(item.proposal.program)
        current = item.current_decision
        if not self.is_bound:
            for name in AMENDABLE_FIELDS:
                self.initial[name] = current.effective(name) if current else getattr(item, name)
            if current is not None and current.amends_target_agencies:
                self.initial["target_agencies"] = [a.pk for a in current.target_agencies.all()]
            else:
                self.initial["target_agencies"] = sorted(self.item_targets)

    def service_data(self) -> dict:
        data = self.cleaned_data
        amendments = None
        if data["decision"] == Decision.AMENDED:
            amendments = {
                name: data[name]
                for name in AMENDABLE_FIELDS
                if data[name] is not None and data[name] != getattr(self.item, name)
            }
            targets = list(data["target_agencies"])
            if {agency.pk for agency in targets} != self.item_targets:
                amendments["target_agencies"] = targets
        return {
            "decision": data["decision"],
            "rationale": data["rationale"],
            "amendments": amendments,
        }


class RevisionForm(forms.Form):
    """The proposal-level fields of a revised version, prefilled with the current one's."""

    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    summary_es = forms.CharField(
        label=_("Summary (Spanish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    submitted_on = forms.DateField(label=_("Submitted on"), widget=DateInput())


class RevisionItemForm(forms.Form):
    """One item of a revised version: an item carried over (its key) or a new one."""

    key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(
        label=_("Number"), required=False, help_text=_("Leave empty for the next number.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *ItemKind.choices], required=False
    )
    title_es = forms.CharField(label=_("Title (Spanish)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_es = forms.CharField(
        label=_("Description (Spanish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_trainees = forms.IntegerField(label=_("Target trainees"), required=False)
    cohort_size = forms.IntegerField(label=_("Cohort size"), required=False)
    cohort_count = forms.IntegerField(label=_("Number of cohorts"), required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    cadence_months = forms.IntegerField(label=_("Cadence (months)"), required=False)
    session_days = forms.IntegerField(label=_("Session length (business days)"), required=False)
    target_agencies = forms.ModelMultipleChoiceField(
        label=_("Target agencies"),
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None checked: every agency of the program."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_agencies"].queryset = _program_agencies(program)

    def item_data(self) -> dict:
        """The item as ``revise_proposal`` takes it (no key: a new item)."""
        data = dict(self.cleaned_data)
        data.pop("DELETE", None)
        data["target_agencies"] = list(data["target_agencies"])
        if data.get("key") is None:
            data.pop("key", None)
        return data


RevisionItemFormSet = forms.formset_factory(RevisionItemForm, extra=1, can_delete=True)


def revision_initial(proposal: Proposal, items) -> tuple[dict, list[dict]]:
    """The revision form's initial values: the current version's fields and items."""
    header = {
        name: getattr(proposal, name)
        for name in ("title_es", "title_en", "summary_es", "summary_en")
    }
    rows = []
    for item in items:
        row = {name: getattr(item, name) for name in ITEM_FIELDS if name != "target_agencies"}
        row["key"] = item.key
        row["target_agencies"] = [agency.pk for agency in item.target_agencies.all()]
        rows.append(row)
    return header, rows
