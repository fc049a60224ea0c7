import datetime

import pytest
from django.urls import reverse

from nonprolif.events.models import Meeting
from tests.factories import MeetingFactory

MEETING_POST = {
    "title_es": "Reunión en Washington",
    "title_en": "Washington meeting",
    "date": "2009-05-14",
    "date_precision": "month",
    "place": "Washington, D.C.",
    "summary_es": "",
    "summary_en": "",
}


def test_meeting_list_shows_the_meetings_the_user_took_part_in(
    as_user, liaison_a, program, meeting
):
    response = as_user(liaison_a).get(reverse("meeting_list", args=[program.code]))
    assert response.status_code == 200
    assert response.context["meetings"] == [meeting]
    assert "August meeting" in response.content.decode() or "Reunión de agosto" in (
        response.content.decode()
    )


def test_absent_agency_does_not_see_the_meeting(as_user, liaison_b, program, meeting):
    client = as_user(liaison_b)
    assert client.get(reverse("meeting_list", args=[program.code])).context["meetings"] == []
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize("user", ["outsider", "administrator"])
def test_meeting_pages_are_404_outside_the_program(as_user, request, user, program, meeting):
    client = as_user(request.getfixturevalue(user))
    assert client.get(reverse("meeting_list", args=[program.code])).status_code == 404
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == 404


def test_meeting_detail_lists_only_the_officials_the_viewer_can_see(
    as_user, liaison_a, coordinator, meeting
):
    body = as_user(liaison_a).get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Ana Alvarez" in body
    assert "Pat Parker" not in body
    assert reverse("meeting_edit", args=[meeting.pk]) not in body
    body = as_user(coordinator).get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Ana Alvarez" in body
    assert "Pat Parker" in body
    assert reverse("meeting_edit", args=[meeting.pk]) in body


def test_meeting_date_is_shown_to_its_precision(as_user, coordinator, program, agency_a):
    meeting = MeetingFactory(
        program=program, date=datetime.date(2009, 1, 1), date_precision="year", title_en="Early"
    )
    meeting.agencies.set([agency_a])
    response = as_user(coordinator).get(reverse("meeting_detail", args=[meeting.pk]))
    assert "<dd>2009</dd>" in response.content.decode()


def test_meeting_list_query_count_does_not_grow(
    as_user, partner, program, partner_agency, official_ptr, count_queries
):
    client = as_user(partner)
    url = reverse("meeting_list", args=[program.code])

    def make():
        meeting = MeetingFactory(program=program)
        meeting.agencies.set([partner_agency])
        meeting.officials.set([official_ptr])

    make()
    one, response = count_queries(lambda: client.get(url))
    assert len(response.context["meetings"]) == 1
    make()
    make()
    three, response = count_queries(lambda: client.get(url))
    assert len(response.context["meetings"]) == 3
    assert one == three


def test_coordinator_records_a_meeting(as_user, coordinator, program, agency_a, official_a):
    response = as_user(coordinator).post(
        reverse("meeting_create", args=[program.code]),
        {**MEETING_POST, "agencies": [agency_a.pk], "officials": [official_a.pk]},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response.url == reverse("meeting_detail", args=[meeting.pk])
    assert meeting.date == datetime.date(2009, 5, 1)


def test_meeting_form_names_officials_outside_participating_agencies(
    as_user, coordinator, program, agency_a, official_b
):
    response = as_user(coordinator).post(
        reverse("meeting_create", args=[program.code]),
        {**MEETING_POST, "agencies": [agency_a.pk], "officials": [official_b.pk]},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["officials"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("user", "status"), [("liaison_a", 403), ("partner", 403), ("auditor", 403), ("outsider", 404)]
)
def test_meeting_create_is_refused(as_user, request, user, status, program, agency_a):
    client = as_user(request.getfixturevalue(user))
    url = reverse("meeting_create", args=[program.code])
    assert client.get(url).status_code == status
    assert client.post(url, {**MEETING_POST, "agencies": [agency_a.pk]}).status_code == status
    assert not Meeting.objects.exists()


def test_coordinator_edits_a_meeting(as_user, coordinator, meeting, agency_a, partner_agency):
    response = as_user(coordinator).post(
        reverse("meeting_edit", args=[meeting.pk]),
        {
            **MEETING_POST,
            "date_precision": "day",
            "place": "Cancún",
            "agencies": [agency_a.pk, partner_agency.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Cancún"
    assert meeting.officials.count() == 0


@pytest.mark.parametrize(
    ("user", "status"), [("liaison_a", 403), ("partner", 403), ("liaison_b", 404)]
)
def test_meeting_edit_is_refused_and_leaves_it_unchanged(
    as_user, request, user, status, meeting, agency_a
):
    client = as_user(request.getfixturevalue(user))
    url = reverse("meeting_edit", args=[meeting.pk])
    assert client.get(url).status_code == status
    response = client.post(url, {**MEETING_POST, "place": "Cancún", "agencies": [agency_a.pk]})
    assert response.status_code == status
    meeting.refresh_from_db()
    assert meeting.place == "Ciudad de México"


def test_meeting_list_is_paginated(as_user, coordinator, liaison_b, program, agency_a):
    for _ in range(52):
        MeetingFactory(program=program).agencies.set([agency_a])
    client = as_user(coordinator)
    url = reverse("meeting_list", args=[program.code])
    first = client.get(url)
    assert len(first.context["meetings"]) == 50
    second = client.get(url, {"page": 2})
    assert len(second.context["meetings"]) == 2
    assert not {m.pk for m in second.context["meetings"]} & {
        m.pk for m in first.context["meetings"]
    }
    assert as_user(liaison_b).get(url, {"page": 2}).context["meetings"] == []
