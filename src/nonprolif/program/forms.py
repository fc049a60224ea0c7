"""Forms of the program app. They parse input only: the services validate and write, and a
service's ValidationError is put back on the form with ``form.add_error(None, error)``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Agency
from nonprolif.program.models import Program, Proposal, ProposalItem
from nonprolif.program.queries import national_agency_ids


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that does not build or validate a model instance itself: the service
    does (one place for the rules). ``service_data()`` is what the service takes."""

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


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
        ]

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
            self.fields["submitted_by"].queryset = program.partner_agencies.all()
        else:
            del self.fields["submitted_by"]
        if creating:
            self.fields["version"].required = False
            self.fields["version"].help_text = _("Leave empty for the next version.")


class ItemForm(ServiceModelForm):
    class Meta:
        model = ProposalItem
        fields = [
            "number",
            "kind",
            "title_es",
            "title_en",
            "description_es",
            "description_en",
            "target_trainees",
            "cohort_size",
            "cohort_count",
            "start_date",
            "cadence_months",
            "session_days",
            "target_agencies",
            "notes",
        ]
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, program, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_agencies"].queryset = Agency.objects.filter(
            pk__in=national_agency_ids(program)
        ).order_by("code")
        self.fields["target_agencies"].help_text = _(
            "Leave empty when the item is for every agency of the program."
        )
        if creating:
            self.fields["number"].required = False
            self.fields["number"].help_text = _("Leave empty for the next number.")
