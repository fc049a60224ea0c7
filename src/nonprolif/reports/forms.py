"""The status report's options (parsing only)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import DateInput
from nonprolif.reports import vocabulary

FORMATS = [("html", "HTML"), ("pdf", "PDF"), ("md", "Markdown")]


def marking_choices():
    return [
        ("unclassified", _("Unclassified")),
        ("sbu", _("Sensitive but unclassified")),
        ("confidential", _("Confidential")),
    ]


class ReportForm(forms.Form):
    lang = forms.ChoiceField(
        label=_("Language of the report"),
        choices=[("es", "Español"), ("en", "English")],
        initial="es",
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=DateInput(),
        help_text=_("The report's date: upcoming sessions and overdue items count from it."),
    )
    marking = forms.ChoiceField(
        label=_("Classification marking"),
        choices=marking_choices,
        initial=vocabulary.DEFAULT_MARKING,
        required=False,
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, required=False)

    def options(self) -> dict:
        data = self.cleaned_data
        as_of: datetime.date | None = data.get("as_of")
        return {
            "language": data["lang"],
            "as_of": as_of,
            "marking": data.get("marking") or vocabulary.DEFAULT_MARKING,
        }
