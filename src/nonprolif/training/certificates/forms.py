"""Forms of certificates (parsing only; the services validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("Kept with the certificate and in the audit trail."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=60,
        help_text=gettext_lazy("As printed on the certificate, e.g. NPX-ABCD-EFGH-JKMN-PQRS."),
    )
