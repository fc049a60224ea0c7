"""Forms of the guest speaker pages and of the speaker's own page (parsing only; the services
validate and write)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import ServiceModelForm
from nonprolif.events.models import Speaker, SpeakerResponse, SpeakerStatus

TEXTAREA = {"rows": 4}


class SpeakerProposalForm(ServiceModelForm):
    class Meta:
        model = Speaker
        fields = [
            "name",
            "organisation",
            "email",
            "topic_es",
            "topic_en",
            "bio_es",
            "bio_en",
            "languages",
        ]
        widgets = {
            "bio_es": forms.Textarea(attrs=TEXTAREA),
            "bio_en": forms.Textarea(attrs=TEXTAREA),
        }


class SpeakerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SpeakerStatus.ACCEPTED, _("Accept")),
            (SpeakerStatus.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline; shown to the proposing partner."),
    )
    invite = forms.BooleanField(
        label=_("Email the invitation now (when accepting)"), required=False, initial=True
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class InvitationForm(forms.Form):
    days = forms.IntegerField(
        label=_("Days the link stays valid"), min_value=1, max_value=365, required=False
    )

    def service_data(self) -> dict:
        days = self.cleaned_data.get("days")
        return {"days": days} if days else {}


class SpeakerAnswerForm(forms.Form):
    """The speaker's own page (no account)."""

    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (SpeakerResponse.ACCEPTED, _("I accept the invitation")),
            (SpeakerResponse.DECLINED, _("I decline the invitation")),
        ],
        widget=forms.RadioSelect,
    )
    bio_es = forms.CharField(
        label=_("Short biography (Spanish)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    bio_en = forms.CharField(
        label=_("Short biography (English)"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    travel_needs = forms.CharField(
        label=_("Travel needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Flights, hotel, visa, accessibility, dietary needs…"),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG or PNG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("photo"):
            data["photo"] = None
        return data
