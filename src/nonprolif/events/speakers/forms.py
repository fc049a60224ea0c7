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
    confirm = forms.BooleanField(
        label=_(
            "Yes, decline this speaker although he was accepted (his invitation links stop "
            "working)."
        ),
    )

    def __init__(self, *args, speaker=None, **kwargs):
        """Only the decisions open in the speaker's state: both while proposed, the other one
        once decided. Declining an accepted speaker asks for a confirmation; accepting
        offers the invitation only while he has not answered."""
        super().__init__(*args, **kwargs)
        status = speaker.status if speaker is not None else SpeakerStatus.PROPOSED
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [c for c in field.choices if c[0] != status]
        if len(field.choices) == 1:
            field.initial = field.choices[0][0]
        if status != SpeakerStatus.ACCEPTED:
            del self.fields["confirm"]
        if status == SpeakerStatus.ACCEPTED or (
            speaker is not None and speaker.response != SpeakerResponse.PENDING
        ):
            del self.fields["invite"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm", None)
        data.setdefault("invite", False)
        return data


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
