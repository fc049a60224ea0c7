"""Forms of the meeting pages (parsing only; the services validate and write)."""

from nonprolif.core.models import Official
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.events.models import Meeting
from nonprolif.program.queries import program_agencies


class MeetingForm(ServiceModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title_es",
            "title_en",
            "date",
            "date_precision",
            "place",
            "agencies",
            "officials",
            "summary_es",
            "summary_en",
        ]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, program, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = program_agencies(program)
        self.fields["agencies"].queryset = agencies
        self.fields["officials"].queryset = (
            Official.objects.visible_to(user)
            .filter(agency__in=agencies.values("pk"))
            .select_related("agency")
        )
        self.fields["officials"].label_from_instance = lambda official: (
            f"{official.full_name} ({official.agency.acronym or official.agency.code})"
        )
