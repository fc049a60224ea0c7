"""Conference pages: organisers edit the draft, everyone who can see the conference reads the
latest published agenda, and nobody else learns that it exists."""

import pytest
from django.urls import reverse

from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.models import Room, ScheduleRelease, Talk

from .conftest import ConferenceFactory, TalkFactory, at

pytestmark = pytest.mark.django_db


def test_attendees_see_the_latest_published_version_not_the_draft(
    as_user, coordinator, liaison_b, conference, opening, small_room, place
):
    publish_schedule(actor=coordinator, conference=conference)
    place(TalkFactory(conference=conference, title_es="Borrador"), small_room, at(0, 11), at(0, 12))
    page = as_user(liaison_b).get(reverse("conference_agenda", args=[conference.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Opening" in body
    assert "Dana Whitfield" in body
    assert "Borrador" not in body
    assert "Ponencia" not in body
    assert "Version 1" in body


def test_organisers_see_the_draft_in_the_timetable(
    as_user, coordinator, conference, opening, small_room, place
):
    place(
        TalkFactory(conference=conference, title_en="Draft talk", duration_minutes=30),
        small_room,
        at(0, 11),
        at(0, 11, 30),
    )
    page = as_user(coordinator).get(reverse("conference_timetable", args=[conference.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Draft talk" in body
    assert "Opening" in body
    assert 'rowspan="2"' in body  # a 60-minute talk spans two 30-minute rows


@pytest.mark.parametrize("who", ["liaison_a", "liaison_b", "partner"])
def test_attendees_cannot_open_the_draft(as_user, request, who, conference, opening):
    client = as_user(request.getfixturevalue(who))
    assert client.get(reverse("conference_timetable", args=[conference.pk])).status_code == 403
    assert client.get(reverse("conference_talks", args=[conference.pk])).status_code == 403
    assert client.get(reverse("conference_talk_place", args=[opening.pk])).status_code == 404


def test_the_agenda_says_when_nothing_is_published(as_user, liaison_a, conference, opening):
    page = as_user(liaison_a).get(reverse("conference_agenda", args=[conference.pk]))
    assert page.status_code == 200
    assert "The agenda is not published yet." in page.content.decode()
    assert "Opening" not in page.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "conference_detail",
        "conference_agenda",
        "conference_releases",
        "conference_rooms",
        "conference_timetable",
        "conference_talks",
        "conference_publish",
        "conference_edit",
        "conference_agenda_ics",
        "conference_agenda_json",
        "conference_agenda_frab",
        "conference_agenda_pdf",
        "conference_talk_create",
    ],
)
def test_outsiders_and_other_programs_users_get_404(
    as_user, outsider, name, coordinator, conference, opening
):
    publish_schedule(actor=coordinator, conference=conference)
    assert as_user(outsider).get(reverse(name, args=[conference.pk])).status_code == 404


def test_users_of_another_program_do_not_see_its_conference(
    as_user, liaison_a, partner, other_program_conference
):
    for user in (liaison_a, partner):
        client = as_user(user)
        detail = reverse("conference_detail", args=[other_program_conference.pk])
        assert client.get(detail).status_code == 404
        assert detail not in client.get(reverse("conference_list")).content.decode()


def test_placing_through_the_page_shows_the_conflict_and_saves_nothing(
    as_user, coordinator, conference, hall, opening
):
    talk = TalkFactory(conference=conference, title_en="Late arrival")
    response = as_user(coordinator).post(
        reverse("conference_talk_place", args=[talk.pk]),
        {"room": hall.pk, "day": "2009-11-18", "start": "09:30", "end": "10:30"},
    )
    assert response.status_code == 422
    assert "“Salón Caribe” is double-booked: “Opening” is already there from 09:00 to 10:00." in (
        response.content.decode()
    )
    talk.refresh_from_db()
    assert talk.room is None
    assert talk.starts_at is None


def test_placing_through_the_page_saves_the_slot(as_user, coordinator, conference, hall, opening):
    talk = TalkFactory(conference=conference)
    response = as_user(coordinator).post(
        reverse("conference_talk_place", args=[talk.pk]),
        {"room": hall.pk, "day": "2009-11-19", "start": "10:00", "end": "11:00"},
    )
    assert response.status_code == 302
    talk.refresh_from_db()
    assert (talk.room, talk.starts_at, talk.ends_at) == (hall, at(1, 10), at(1, 11))


@pytest.mark.parametrize("who", ["liaison_a", "partner", "auditor"])
def test_writes_by_non_coordinators_are_refused_and_change_nothing(
    as_user, request, who, conference, hall, opening
):
    client = as_user(request.getfixturevalue(who))
    place_url = reverse("conference_talk_place", args=[opening.pk])
    moved = client.post(
        place_url, {"room": hall.pk, "day": "2009-11-19", "start": "10:00", "end": "11:00"}
    )
    assert moved.status_code in {403, 404}
    renamed = client.post(
        reverse("conference_room_edit", args=[hall.pk]), {"name": "X", "capacity": 5}
    )
    assert renamed.status_code == 403
    published = client.post(reverse("conference_publish", args=[conference.pk]), {"note": ""})
    assert published.status_code == 403
    added = client.post(
        reverse("conference_rooms", args=[conference.pk]), {"name": "New", "capacity": 5}
    )
    assert added.status_code == 403
    opening.refresh_from_db()
    hall.refresh_from_db()
    assert opening.starts_at == at(0, 9)
    assert hall.name == "Salón Caribe"
    assert not ScheduleRelease.objects.exists()
    assert Room.objects.filter(conference=conference).count() == 1


def test_publishing_through_the_page_creates_the_next_version(
    as_user, coordinator, conference, opening
):
    client = as_user(coordinator)
    preview = client.get(reverse("conference_publish", args=[conference.pk]))
    assert "Publish version 1" in preview.content.decode()
    response = client.post(reverse("conference_publish", args=[conference.pk]), {"note": "First"})
    assert response.status_code == 302
    release = ScheduleRelease.objects.get(conference=conference)
    assert (release.version, release.note) == (1, "First")
    history = client.get(reverse("conference_releases", args=[conference.pk])).content.decode()
    assert "Version 1" in history
    assert "Added" in history


def test_a_room_and_a_talk_are_created_through_the_pages(as_user, coordinator, conference, speaker):
    client = as_user(coordinator)
    client.post(
        reverse("conference_rooms", args=[conference.pk]), {"name": "Sala Tulum", "capacity": 60}
    )
    assert Room.objects.filter(conference=conference, name="Sala Tulum", capacity=60).exists()
    response = client.post(
        reverse("conference_talk_create", args=[conference.pk]),
        {
            "title_es": "Nueva",
            "title_en": "New",
            "kind": "talk",
            "language": "es",
            "speakers": [speaker.pk],
            "duration_minutes": 30,
        },
    )
    talk = Talk.objects.get(title_es="Nueva")
    assert response.status_code == 302
    assert list(talk.speakers.all()) == [speaker]


def test_the_conference_list_costs_the_same_for_one_or_three(
    as_user, coordinator, program, django_assert_max_num_queries, count_queries
):
    client = as_user(coordinator)
    ConferenceFactory(program=program)
    client.get(reverse("conference_list"))
    one, _ = count_queries(lambda: client.get(reverse("conference_list")))
    ConferenceFactory(program=program)
    ConferenceFactory(program=program)
    three, page = count_queries(lambda: client.get(reverse("conference_list")))
    assert page.status_code == 200
    assert one == three


def test_the_agenda_page_costs_the_same_for_one_or_three_talks(
    as_user, coordinator, liaison_a, conference, hall, speaker, other_speaker, place, count_queries
):
    place(TalkFactory(conference=conference, speakers=[speaker]), hall, at(0, 9), at(0, 10))
    publish_schedule(actor=coordinator, conference=conference)
    client = as_user(liaison_a)
    client.get(reverse("conference_agenda", args=[conference.pk]))
    one, _ = count_queries(lambda: client.get(reverse("conference_agenda", args=[conference.pk])))
    place(TalkFactory(conference=conference, speakers=[other_speaker]), hall, at(0, 10), at(0, 11))
    place(TalkFactory(conference=conference, speakers=[speaker]), hall, at(1, 10), at(1, 11))
    publish_schedule(actor=coordinator, conference=conference)
    three, page = count_queries(
        lambda: client.get(reverse("conference_agenda", args=[conference.pk]))
    )
    assert page.content.decode().count('class="talk kind-talk"') == 3
    assert one == three
