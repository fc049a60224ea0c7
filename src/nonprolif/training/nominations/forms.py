"""Forms of seats, nominations and the assignment (parsing only; the services validate)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import BulkDecisionBaseForm, SelectedIdsField
from nonprolif.core.web.picker import OfficialPickerField
from nonprolif.training.models.nomination import NominationStatus, SeatRule
from nonprolif.training.nominations.domain.bulk import MAX_BATCH
from nonprolif.training.nominations.domain.reasons import REASON_TEXT
from nonprolif.training.nominations.imports import parse_periods, parse_preferences, size_error
from nonprolif.training.nominations.queries import NOT_PLANNED


class SettingsForm(forms.Form):
    nomination_opens = forms.DateTimeField(
        label=_("Nominations open"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: open now."),
    )
    nomination_closes = forms.DateTimeField(
        label=_("Nominations close"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: no deadline."),
    )
    max_agency_share = forms.IntegerField(
        label=_("Maximum share of one agency in a session (%)"), required=False
    )
    sequential = forms.BooleanField(
        label=_("Sequential cohorts (cohort k+1 requires cohort k completed)"), required=False
    )
    completion_percent = forms.IntegerField(label=_("Attendance needed for completion (%)"))

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class SplitForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Split rule"),
        choices=[
            (SeatRule.EVEN, SeatRule.EVEN.label),
            (SeatRule.PROPORTIONAL, SeatRule.PROPORTIONAL.label),
        ],
    )
    weights = forms.CharField(
        label=_("Weights (proportional)"),
        required=False,
        help_text=_("Agency code and weight, e.g. CISEN=2, SSP=1."),
    )

    def clean_weights(self):
        text = self.cleaned_data["weights"].strip()
        weights = {}
        for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
            code, sep, value = part.partition("=")
            try:
                weights[code.strip()] = float(value) if sep else None
            except ValueError:
                raise forms.ValidationError(_("Write CODE=number, separated by commas.")) from None
            if weights[code.strip()] is None:
                raise forms.ValidationError(_("Write CODE=number, separated by commas."))
        return weights

    def service_data(self) -> dict:
        return {"rule": self.cleaned_data["rule"], "weights": self.cleaned_data["weights"]}


class SeatsForm(forms.Form):
    """One number per agency of the item."""

    def __init__(self, *args, agencies, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [agency.code for agency in agencies]
        for agency in agencies:
            self.fields[f"seats_{agency.code}"] = forms.IntegerField(
                label=agency.acronym or agency.code,
                required=True,
                initial=current.get(agency.code, 0),
            )

    def service_data(self) -> dict:
        return {"seats": {code: self.cleaned_data[f"seats_{code}"] for code in self.codes}}


class NominationFields(forms.Form):
    language = forms.ChoiceField(
        label=_("Training language"),
        choices=[
            ("", _("The official's language")),
            ("es-mx", "Español (México)"),
            ("en", "English"),
        ],
        required=False,
    )
    unavailable = forms.CharField(
        label=_("Unavailable"),
        required=False,
        help_text=_("Periods like 2010-01-20..2010-01-29; 2010-04-01..2010-04-05"),
    )
    preferences = forms.CharField(
        label=_("Cohort preferences"),
        required=False,
        help_text=_("Cohort numbers, best first, e.g. 1,3,2"),
    )

    def clean_unavailable(self):
        try:
            return parse_periods(self.cleaned_data["unavailable"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_preferences(self):
        try:
            return parse_preferences(self.cleaned_data["preferences"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class NominateForm(NominationFields):
    """The official is searched among ``officials`` at ``search_url`` (an endpoint over the
    same officials)."""

    official = OfficialPickerField(label=_("Official"))
    field_order = ["official", "language", "unavailable", "preferences"]

    def __init__(self, *args, officials, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["official"]
        field.queryset = officials
        field.search_url = search_url


class SubstituteForm(NominateForm):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel (XLSX) file"),
        help_text=_("Columns: official_id or email; optional language, unavailable, preferences."),
    )
    only_good = forms.BooleanField(
        label=_("Import only the good rows (otherwise any bad row imports nothing)"),
        required=False,
    )

    def clean_file(self):
        """The file, if it is within ``UPLOAD_MAX_BYTES`` (checked before it is read)."""
        upload = self.cleaned_data["file"]
        too_large = size_error(upload.size)
        if too_large:
            raise forms.ValidationError(too_large, code="too_large")
        return upload


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (NominationStatus.APPROVED, _("Approve")),
            (NominationStatus.DECLINED, _("Decline")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (required to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulkDecisionForm(BulkDecisionBaseForm):
    """Approve or decline the nominations ticked on the approval queue."""

    ids = SelectedIdsField(max_count=MAX_BATCH)
    reason = forms.CharField(
        label=_("Reason (required to decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required: it is kept with the nomination and told to the agency."),
    )
    confirm = forms.BooleanField(
        label=_(
            "Yes, withdraw this nomination (it cannot be undone; a seat he holds goes to "
            "the waitlist)."
        ),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *NominationStatus.choices],
        required=False,
    )
    agency = forms.CharField(label=_("Agency code"), required=False)
    q = forms.CharField(label=_("Name or e-mail"), required=False)


class AssignmentFilterForm(forms.Form):
    """The assignment page's filters (GET): the item narrows the summary and both tables,
    the agency both tables, the session (followed from the summary) the placements, the
    reason the waitlist."""

    item = forms.ChoiceField(label=_("Item"), required=False)
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    session = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reason left out"), required=False)
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Placements and waitlist")),
            ("placed", _("Placements only")),
            ("waiting", _("Waitlist only")),
        ],
    )

    def __init__(self, *args, items, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("All items"))] + [
            (str(item.key), f"{item.number}. {item.title}") for item in items
        ]
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (agency.code, agency.acronym or agency.code) for agency in agencies
        ]
        self.fields["reason"].choices = [
            ("", _("Any reason")),
            (NOT_PLANNED, _("Not planned yet")),
            *((code, text) for code, text in REASON_TEXT.items()),
        ]
