"""The import form: one STIX 2.1 bundle (a JSON file), size capped."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nonprolif.intel.exchange.domain import max_import_bytes


class BundleUploadForm(forms.Form):
    bundle = forms.FileField(
        label=gettext_lazy("STIX 2.1 bundle (JSON)"),
        help_text=gettext_lazy(
            "Reports arrive as drafts of your agency, with their entities and links. If any "
            "object cannot be taken, nothing is imported and each one is listed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_bundle(self) -> bytes:
        upload = self.cleaned_data["bundle"]
        limit = max_import_bytes()
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The bundle is larger than %(size)s bytes.") % {"size": limit}
            )
        content = upload.read(limit + 1)
        if len(content) > limit:
            raise forms.ValidationError(
                _("The bundle is larger than %(size)s bytes.") % {"size": limit}
            )
        return content
