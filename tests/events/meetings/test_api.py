import pytest

from nonprolif.events.models import Meeting
from tests.factories import MeetingFactory

API = "/api/v1"
JSON = "application/json"

PAYLOAD = {
    "title_es": "Reunión",
    "title_en": "Meeting",
    "date": "2009-08-28",
    "place": "Ciudad de México",
    "agencies": ["AAA", "PTR"],
}


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def test_meeting_list_and_detail_show_only_visible_officials(
    as_user, liaison_a, meeting, official_a
):
    client = as_user(liaison_a)
    listing = client.get(f"{API}/programs/prog-test/meetings").json()
    assert listing["count"] == 1
    detail = client.get(f"{API}/meetings/{meeting.pk}").json()
    assert detail["agencies"] == ["AAA", "PTR"]
    assert [o["id"] for o in detail["officials"]] == [official_a.pk]
    assert detail["date_precision"] == "day"


def test_absent_agency_gets_404_and_an_empty_list(as_user, liaison_b, meeting):
    client = as_user(liaison_b)
    assert client.get(f"{API}/programs/prog-test/meetings").json()["count"] == 0
    assert client.get(f"{API}/meetings/{meeting.pk}").status_code == 404


def test_outsider_gets_404_everywhere(as_user, outsider, meeting):
    client = as_user(outsider)
    assert client.get(f"{API}/programs/prog-test/meetings").status_code == 404
    assert client.get(f"{API}/meetings/{meeting.pk}").status_code == 404
    response = client.post(f"{API}/programs/prog-test/meetings", PAYLOAD, content_type=JSON)
    assert response.status_code == 404
    response = client.patch(f"{API}/meetings/{meeting.pk}", {"place": "x"}, content_type=JSON)
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.place == "Ciudad de México"
    assert Meeting.objects.count() == 1


def test_coordinator_posts_a_meeting(as_user, coordinator, program, official_a):
    response = as_user(coordinator).post(
        f"{API}/programs/prog-test/meetings",
        {**PAYLOAD, "officials": [official_a.pk], "date_precision": "month"},
        content_type=JSON,
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["date"], body["officials"][0]["name"]) == ("2009-08-01", "Ana Alvarez")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"agencies": ["NOPE"]}, "agencies"),
        ({"agencies": []}, "agencies"),
        ({"officials": [999999]}, "officials"),
        ({"date_precision": "week"}, "date_precision"),
    ],
)
def test_bad_meeting_is_422_naming_the_field(as_user, coordinator, program, change, field):
    response = as_user(coordinator).post(
        f"{API}/programs/prog-test/meetings", {**PAYLOAD, **change}, content_type=JSON
    )
    assert response.status_code == 422
    assert field in fields_of(response)
    assert not Meeting.objects.exists()


def test_official_outside_participating_agencies_is_422_on_officials(
    as_user, coordinator, program, official_b
):
    response = as_user(coordinator).post(
        f"{API}/programs/prog-test/meetings",
        {**PAYLOAD, "officials": [official_b.pk]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert list(fields_of(response)) == ["officials"]


@pytest.mark.parametrize("user", ["liaison_a", "partner", "auditor"])
def test_non_coordinators_cannot_write_meetings(as_user, request, user, meeting):
    client = as_user(request.getfixturevalue(user))
    response = client.post(f"{API}/programs/prog-test/meetings", PAYLOAD, content_type=JSON)
    assert response.status_code == 403
    response = client.patch(f"{API}/meetings/{meeting.pk}", {"place": "x"}, content_type=JSON)
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.place == "Ciudad de México"
    assert Meeting.objects.count() == 1


def test_coordinator_patches_a_meeting(as_user, coordinator, meeting):
    response = as_user(coordinator).patch(
        f"{API}/meetings/{meeting.pk}", {"place": "Cancún"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["place"] == "Cancún"
    assert len(response.json()["officials"]) == 2


def test_meeting_list_query_count_does_not_grow(
    as_user, partner, program, partner_agency, official_ptr, count_queries
):
    client = as_user(partner)
    url = f"{API}/programs/prog-test/meetings"

    def make():
        meeting = MeetingFactory(program=program)
        meeting.agencies.set([partner_agency])
        meeting.officials.set([official_ptr])

    make()
    one, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 1
    make()
    make()
    three, response = count_queries(lambda: client.get(url))
    assert response.json()["count"] == 3
    assert one == three
