"""The conference API: conflicts are 422s naming them with nothing written, publishing makes
versions, attendees read the published agenda, nobody else learns the conference exists."""

import json

import pytest
from icalendar import Calendar

from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.models import Conference, Room, ScheduleRelease, Talk

from .conftest import ConferenceFactory, TalkFactory, at

API = "/api/v1"
JSON = "application/json"


def fields_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["detail"]}


def test_a_conflicting_placement_is_a_422_naming_the_conflict(
    as_user, coordinator, conference, small_room, speaker, opening
):
    talk = TalkFactory(conference=conference, speakers=[speaker])
    response = as_user(coordinator).put(
        f"{API}/talks/{talk.pk}/placement",
        {
            "room": small_room.pk,
            "starts_at": "2009-11-18T09:15:00",
            "ends_at": "2009-11-18T10:00:00",
        },
        content_type=JSON,
    )
    assert response.status_code == 422
    assert fields_of(response) == {
        "speakers": "Dana Whitfield would be in two places at once: already in “Opening” "
        "(Salón Caribe, 09:00 to 10:00)."
    }
    talk.refresh_from_db()
    assert talk.starts_at is None


def test_a_placement_is_saved_and_shown_in_local_time(as_user, coordinator, conference, hall):
    talk = TalkFactory(conference=conference)
    response = as_user(coordinator).put(
        f"{API}/talks/{talk.pk}/placement",
        {"room": hall.pk, "starts_at": "2009-11-19T16:00:00Z", "ends_at": "2009-11-19T17:00:00Z"},
        content_type=JSON,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["starts_at"] == "2009-11-19T10:00:00-06:00"
    assert body["room_name"] == "Salón Caribe"
    unplaced = as_user(coordinator).delete(f"{API}/talks/{talk.pk}/placement")
    assert unplaced.json()["room"] is None


def test_coordinator_creates_a_conference_room_and_talk(as_user, coordinator, program, speaker):
    client = as_user(coordinator)
    created = client.post(
        f"{API}/programs/prog-test/conferences",
        {
            "acronym": "api-conf",
            "title_es": "C",
            "title_en": "C",
            "city": "Cancún",
            "host_agency": "AAA",
            "start_date": "2009-11-18",
            "end_date": "2009-11-19",
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    conference_id = created.json()["id"]
    assert created.json()["time_zone"] == "America/Mexico_City"
    room = client.post(
        f"{API}/conferences/{conference_id}/rooms", {"name": "A", "capacity": 30}, content_type=JSON
    )
    assert room.status_code == 201
    talk = client.post(
        f"{API}/conferences/{speaker.conference_id}/talks",
        {"title_es": "T", "title_en": "T", "duration_minutes": 30, "speakers": [speaker.pk]},
        content_type=JSON,
    )
    assert talk.status_code == 201
    assert [s["name"] for s in talk.json()["speakers"]] == ["Dana Whitfield"]


def test_a_speaker_of_another_conference_is_a_422(
    as_user, coordinator, conference, other_program_conference
):
    from .conftest import SpeakerFactory

    stranger = SpeakerFactory(conference=other_program_conference)
    response = as_user(coordinator).post(
        f"{API}/conferences/{conference.pk}/talks",
        {"title_es": "T", "title_en": "T", "duration_minutes": 30, "speakers": [stranger.pk]},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert fields_of(response) == {"speakers": f"Unknown speaker: {stranger.pk}."}
    assert not Talk.objects.filter(title_es="T").exists()


def test_publishing_through_the_api_makes_v1_then_v2(
    as_user, coordinator, conference, opening, hall
):
    client = as_user(coordinator)
    first = client.post(
        f"{API}/conferences/{conference.pk}/releases", {"note": "one"}, content_type=JSON
    )
    assert first.status_code == 201
    assert first.json()["version"] == 1
    again = client.post(f"{API}/conferences/{conference.pk}/releases", {}, content_type=JSON)
    assert again.status_code == 422
    client.put(
        f"{API}/talks/{opening.pk}/placement",
        {"room": hall.pk, "starts_at": "2009-11-19T09:00:00", "ends_at": "2009-11-19T10:00:00"},
        content_type=JSON,
    )
    preview = client.get(f"{API}/conferences/{conference.pk}/draft-changes").json()
    assert preview["next_version"] == 2
    assert [c["change"] for c in preview["changes"]] == ["moved"]
    second = client.post(f"{API}/conferences/{conference.pk}/releases", {}, content_type=JSON)
    assert second.json()["version"] == 2
    assert second.json()["changes"][0]["to"]["start"] == "2009-11-19T09:00:00-06:00"
    releases = client.get(f"{API}/conferences/{conference.pk}/releases").json()
    assert [r["version"] for r in releases["items"]] == [2, 1]


def test_attendees_read_the_latest_published_agenda_and_not_the_draft(
    as_user, coordinator, liaison_b, conference, opening, small_room, place
):
    publish_schedule(actor=coordinator, conference=conference)
    place(TalkFactory(conference=conference, title_es="Borrador"), small_room, at(0, 11), at(0, 12))
    client = as_user(liaison_b)
    agenda = client.get(f"{API}/conferences/{conference.pk}/agenda").json()
    assert [t["title_es"] for t in agenda["talks"]] == ["Apertura"]
    assert client.get(f"{API}/conferences/{conference.pk}/talks").json()["count"] == 0
    assert client.get(f"{API}/talks/{opening.pk}").status_code == 404
    assert client.get(f"{API}/conferences/{conference.pk}/draft-changes").status_code == 403
    ics = client.get(f"{API}/conferences/{conference.pk}/agenda/ics")
    assert len(Calendar.from_ical(ics.content).walk("VEVENT")) == 1
    frab = client.get(f"{API}/conferences/{conference.pk}/agenda/frab")
    assert frab.content.startswith(b"<?xml")
    older = client.get(f"{API}/conferences/{conference.pk}/agenda", {"version": 9})
    assert older.status_code == 404


def test_an_unpublished_agenda_is_a_404(as_user, liaison_a, conference, opening):
    assert as_user(liaison_a).get(f"{API}/conferences/{conference.pk}/agenda").status_code == 404


def test_outsiders_get_404_everywhere_and_change_nothing(
    as_user, outsider, coordinator, conference, hall, opening
):
    publish_schedule(actor=coordinator, conference=conference)
    client = as_user(outsider)
    assert client.get(f"{API}/conferences").json()["count"] == 0
    for path in (
        f"/conferences/{conference.pk}",
        f"/conferences/{conference.pk}/rooms",
        f"/conferences/{conference.pk}/talks",
        f"/conferences/{conference.pk}/releases",
        f"/conferences/{conference.pk}/agenda",
        f"/conferences/{conference.pk}/agenda/ics",
        f"/conferences/{conference.pk}/agenda/frab",
        f"/conferences/{conference.pk}/agenda/pdf",
        f"/talks/{opening.pk}",
    ):
        assert client.get(API + path).status_code == 404, path
    assert (
        client.patch(
            f"{API}/conference-rooms/{hall.pk}", {"capacity": 1}, content_type=JSON
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"{API}/talks/{opening.pk}/placement",
            {"room": hall.pk, "starts_at": "2009-11-19T09:00:00", "ends_at": "2009-11-19T10:00:00"},
            content_type=JSON,
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/conferences/{conference.pk}/releases", {}, content_type=JSON
        ).status_code
        == 404
    )
    hall.refresh_from_db()
    opening.refresh_from_db()
    assert hall.capacity == 200
    assert opening.starts_at == at(0, 9)
    assert ScheduleRelease.objects.count() == 1


def test_other_programs_users_get_404(as_user, liaison_a, partner, other_program_conference):
    for user in (liaison_a, partner):
        client = as_user(user)
        assert client.get(f"{API}/conferences/{other_program_conference.pk}").status_code == 404
        listed = client.get(f"{API}/conferences").json()["items"]
        assert other_program_conference.pk not in [c["id"] for c in listed]


@pytest.mark.parametrize("who", ["liaison_a", "partner", "auditor"])
def test_writes_by_non_coordinators_are_403_and_change_nothing(
    as_user, request, who, conference, hall, opening
):
    client = as_user(request.getfixturevalue(who))
    room = client.patch(f"{API}/conference-rooms/{hall.pk}", {"capacity": 1}, content_type=JSON)
    assert room.status_code == 403
    added = client.post(
        f"{API}/conferences/{conference.pk}/rooms", {"name": "X", "capacity": 5}, content_type=JSON
    )
    assert added.status_code == 403
    published = client.post(f"{API}/conferences/{conference.pk}/releases", {}, content_type=JSON)
    assert published.status_code == 403
    changed = client.patch(
        f"{API}/conferences/{conference.pk}", {"city": "Mérida"}, content_type=JSON
    )
    assert changed.status_code == 403
    hall.refresh_from_db()
    conference.refresh_from_db()
    assert hall.capacity == 200
    assert conference.city == "Cancún"
    assert Room.objects.filter(conference=conference).count() == 1
    assert not ScheduleRelease.objects.exists()


def test_the_conference_list_costs_the_same_for_one_or_three(
    as_user, coordinator, program, count_queries
):
    client = as_user(coordinator)
    ConferenceFactory(program=program)
    client.get(f"{API}/conferences")
    one, _ = count_queries(lambda: client.get(f"{API}/conferences"))
    ConferenceFactory(program=program)
    ConferenceFactory(program=program)
    three, response = count_queries(lambda: client.get(f"{API}/conferences"))
    assert response.json()["count"] == Conference.objects.count() == 3
    assert one == three


def test_the_talk_list_costs_the_same_for_one_or_three(
    as_user, coordinator, conference, speaker, count_queries
):
    client = as_user(coordinator)
    TalkFactory(conference=conference, speakers=[speaker])
    one, _ = count_queries(lambda: client.get(f"{API}/conferences/{conference.pk}/talks"))
    TalkFactory(conference=conference, speakers=[speaker])
    TalkFactory(conference=conference, speakers=[speaker])
    three, response = count_queries(lambda: client.get(f"{API}/conferences/{conference.pk}/talks"))
    assert response.json()["count"] == 3
    assert one == three


def test_the_agenda_json_is_the_same_document_as_the_export(
    as_user, coordinator, liaison_a, conference, opening
):
    from nonprolif.events.conference import exports

    release = publish_schedule(actor=coordinator, conference=conference)
    body = as_user(liaison_a).get(f"{API}/conferences/{conference.pk}/agenda").json()
    assert body == json.loads(json.dumps(exports.agenda_document(release)))


@pytest.mark.parametrize("day_start", ["08:00:00Z", "08:00+02:00"])
def test_a_day_start_with_a_utc_offset_is_a_422_and_changes_nothing(
    as_user, coordinator, conference, day_start
):
    before = conference.day_start
    response = as_user(coordinator).patch(
        f"{API}/conferences/{conference.pk}", {"day_start": day_start}, content_type=JSON
    )
    assert response.status_code == 422
    assert "UTC offset" in fields_of(response)["day_start"]
    conference.refresh_from_db()
    assert conference.day_start == before


def test_day_start_and_end_are_answered_and_documented_as_local_times(
    as_user, coordinator, conference
):
    response = as_user(coordinator).patch(
        f"{API}/conferences/{conference.pk}",
        {"day_start": "08:30", "day_end": "18:00:00"},
        content_type=JSON,
    )
    assert response.status_code == 200
    assert (response.json()["day_start"], response.json()["day_end"]) == ("08:30:00", "18:00:00")
    document = as_user(coordinator).get(f"{API}/openapi.json").json()
    day_start = document["components"]["schemas"]["ConferenceOut"]["properties"]["day_start"]
    assert "format" not in json.dumps(day_start)
    assert "pattern" in json.dumps(day_start)
