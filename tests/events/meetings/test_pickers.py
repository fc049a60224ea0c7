"""The meeting form's picker of participating officials (several): those of the program's
agencies, searched; a forged pk outside them is refused."""

import re

from django.urls import reverse

from nonprolif.events.models import Meeting
from tests.events.meetings.test_views import MEETING_POST
from tests.factories import AgencyFactory, OfficialFactory


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'data-value="(\d+)"', response.content.decode())}


def test_the_meeting_form_has_a_multiple_picker_showing_the_current_officials(
    as_user, coordinator, meeting, official_a
):
    html = as_user(coordinator).get(reverse("meeting_edit", args=[meeting.pk])).content.decode()
    assert f'hx-get="{reverse("meeting_official_search", args=[meeting.program.code])}"' in html
    assert not re.search(r'<select[^>]*name="officials"', html)
    assert f'type="checkbox" name="officials" value="{official_a.pk}" checked' in html


def test_the_search_finds_the_programs_officials_only(
    as_user, coordinator, program, official_a, official_b
):
    outside = OfficialFactory(agency=AgencyFactory(code="ZZZ"), family_names="Alvarez")
    url = reverse("meeting_official_search", args=[program.code])
    found = ids(as_user(coordinator).get(url, {"q": "alvarez"}))
    assert found == {official_a.pk}
    assert outside.pk not in found


def test_a_forged_official_outside_the_program_is_refused(as_user, coordinator, program, agency_a):
    outside = OfficialFactory(agency=AgencyFactory(code="ZZZ"))
    response = as_user(coordinator).post(
        reverse("meeting_create", args=[program.code]),
        {**MEETING_POST, "agencies": [agency_a.pk], "officials": [outside.pk]},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["officials"]
    assert not Meeting.objects.exists()


def test_the_search_is_refused_outside_the_coordinators(as_user, outsider, liaison_a, program):
    url = reverse("meeting_official_search", args=[program.code])
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(liaison_a).get(url).status_code == 403
