"""Forms of the meeting pages (parsing only; the services validate and write)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Official
from nonprolif.core.web.forms import DateInput, ServiceModelForm
from nonprolif.core.web.picker import OfficialMultiplePickerField
from nonprolif.events.models import Meeting
from nonprolif.program.queries import program_agencies


def meeting_officials(user, program) -> QuerySet[Official]:
    """The officials a meeting of ``program`` may list: those of the program's agencies that
    ``user`` can see (the form's choices and its picker's search)."""
    return (
        Official.objects.visible_to(user)
        .filter(agency__in=program_agencies(program).values("pk"))
        .select_related("agency")
        .order_by("agency__code", "family_names", "given_names")
    )


class MeetingForm(ServiceModelForm):
    officials = OfficialMultiplePickerField(label=_("Participating officials"), required=False)

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

    def __init__(self, *args, user, program, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = program_agencies(program)
        self.fields["officials"].queryset = meeting_officials(user, program)
        self.fields["officials"].search_url = search_url
