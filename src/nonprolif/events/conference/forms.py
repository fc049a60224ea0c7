"""Forms of the conference pages (parsing only; the services validate and write)."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.events.conference.domain.timetable import conference_moment
from nonprolif.events.conference.queries import conference_days, conference_speakers
from nonprolif.events.models import (
    CONFERENCE_FIELDS,
    Conference,
    Room,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from nonprolif.program.queries import program_agencies


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class ConferenceForm(ServiceModelForm):
    class Meta:
        model = Conference
        fields = CONFERENCE_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "day_start": TimeInput(),
            "day_end": TimeInput(),
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_agency"].queryset = program_agencies(program)


class RoomForm(ServiceModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity"]


class TalkForm(ServiceModelForm):
    class Meta:
        model = Talk
        fields = [
            "title_es",
            "title_en",
            "abstract_es",
            "abstract_en",
            "kind",
            "language",
            "speakers",
            "duration_minutes",
            "expected_attendance",
        ]

    def __init__(self, *args, user, conference, **kwargs):
        super().__init__(*args, **kwargs)
        current = (
            set(self.instance.speakers.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        speakers = conference_speakers(user, conference)
        declined = Q(status=SpeakerStatus.DECLINED) | Q(response=SpeakerResponse.DECLINED)
        self.fields["speakers"].queryset = speakers.filter(~declined | Q(pk__in=current))
        self.fields["speakers"].required = False
        self.fields["speakers"].help_text = _(
            "Speakers of this conference not declined. Only confirmed speakers (accepted by "
            "the coordinator and by themselves) appear in the published agenda."
        )
        self.fields["speakers"].label_from_instance = lambda s: (
            f"{s.name} ({s.organisation})" if s.organisation else s.name
        )


class PlacementForm(forms.Form):
    """Where and when a talk goes: a room, a conference day and the slot's start and end
    (local times of the conference)."""

    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none())
    day = forms.TypedChoiceField(label=_("Day"), coerce=datetime.date.fromisoformat, choices=())
    start = forms.TimeField(label=_("Start"), widget=TimeInput())
    end = forms.TimeField(label=_("End"), widget=TimeInput())

    def __init__(self, *args, conference, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["room"].queryset = rooms
        self.fields["room"].label_from_instance = lambda room: (
            _("%(name)s (%(capacity)d seats)") % {"name": room.name, "capacity": room.capacity}
        )
        self.fields["day"].choices = [
            (
                day.isoformat(),
                f"{formats.date_format(day, 'l')}, {formats.date_format(day, 'DATE_FORMAT')}",
            )
            for day in conference_days(conference)
        ]
        self.fields["start"].help_text = _("Local time (%(zone)s).") % {"zone": conference.tz_name}

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "room": data["room"],
            "starts_at": conference_moment(self.conference, data["day"], data["start"]),
            "ends_at": conference_moment(self.conference, data["day"], data["end"]),
        }


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("Release note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what this version changes, for the attendees."),
    )

    def service_data(self) -> dict:
        return {"note": self.cleaned_data["note"]}
