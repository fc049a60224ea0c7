"""The draft timetable and the releases as pages: the verb on the place button, trailing
empty rows left out, the drop answer of the drag and drop, the unplace confirmation, the
release history in the reader's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from nonprolif.core.models import AuditEntry
from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.models import Talk

from .conftest import TalkFactory, at

pytestmark = pytest.mark.django_db


def _rows(body: str, day_heading_id: str) -> list[str]:
    """The row times shown in the first table body after the day's heading."""
    section = body.split(f'id="{day_heading_id}"', 1)[1].split("</section>", 1)[0]
    shown = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><time>(\d\d:\d\d)</time>', shown)


def test_the_agenda_leaves_out_the_empty_rows_after_the_last_talk(
    as_user, coordinator, liaison_a, conference, opening
):
    publish_schedule(actor=coordinator, conference=conference)
    body = as_user(liaison_a).get(reverse("conference_agenda", args=[conference.pk])).content
    rows = _rows(body.decode(), "day-1")
    assert rows == ["09:00"]  # the day runs to 18:00, its only talk is 09:00-10:00
    assert "17:30" not in body.decode()


def test_the_draft_offers_the_later_free_hours_hidden_behind_a_button(
    as_user, coordinator, conference, opening
):
    body = as_user(coordinator).get(reverse("conference_timetable", args=[conference.pk]))
    html = body.content.decode()
    assert _rows(html, "day-1") == ["09:00", "09:30"]
    later = html.split('id="later-1" hidden>', 1)[1].split("</tbody>", 1)[0]
    assert re.findall(r"<time>(\d\d:\d\d)</time>", later)[-1] == "17:30"
    assert 'data-show-rows="later-1"' in html
    # an empty day still offers its hours as drop targets, behind the same button
    assert 'id="later-2" hidden>' in html
    assert 'class="slot" data-room=' in html


def test_the_place_button_is_the_verb_in_spanish(as_user, coordinator, conference):
    talk = TalkFactory(conference=conference)
    client = as_user(coordinator)
    coordinator.language = "es-mx"
    coordinator.save(update_fields=["language"])
    with translation.override("es-mx"):
        page = client.get(reverse("conference_talk_place", args=[talk.pk]))
    html = page.content.decode()
    assert ">Colocar</button>" in html
    assert ">Lugar<" not in html


def test_a_drop_on_a_taken_slot_answers_the_refusal_and_saves_nothing(
    as_user, coordinator, conference, hall, opening
):
    talk = TalkFactory(conference=conference, title_en="Late arrival", duration_minutes=60)
    response = as_user(coordinator).post(
        reverse("conference_talk_place", args=[talk.pk]),
        {"room": hall.pk, "day": "2009-11-18", "start": "09:30", "end": "10:30"},
        headers={"X-Timetable-Drop": "1"},
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            "“Salón Caribe” is double-booked: “Opening” is already there from 09:00 to 10:00."
        ]
    }
    talk.refresh_from_db()
    assert talk.room is None
    assert talk.starts_at is None


def test_a_drop_on_a_free_slot_places_the_talk(as_user, coordinator, conference, hall, opening):
    talk = TalkFactory(conference=conference, duration_minutes=60)
    response = as_user(coordinator).post(
        reverse("conference_talk_place", args=[talk.pk]),
        {"room": hall.pk, "day": "2009-11-18", "start": "10:00", "end": "11:00"},
        headers={"X-Timetable-Drop": "1"},
    )
    assert response.status_code == 200
    assert response.json() == {"placed": talk.pk}
    talk.refresh_from_db()
    assert (talk.room, talk.starts_at, talk.ends_at) == (hall, at(0, 10), at(0, 11))


def test_the_timetable_marks_talks_draggable_for_organisers_only(
    as_user, coordinator, auditor, conference, opening
):
    TalkFactory(conference=conference, title_en="To place")
    url = reverse("conference_timetable", args=[conference.pk])
    html = as_user(coordinator).get(url).content.decode()
    assert html.count('draggable="true"') == 2  # the placed opening and the talk to place
    assert "nonprolif/timetable.js" in html
    seen = as_user(auditor).get(url).content.decode()
    assert 'draggable="true"' not in seen
    assert 'class="slot"' not in seen


def test_unplacing_asks_first_and_takes_the_talk_out_on_confirmation(
    as_user, coordinator, conference, opening
):
    client = as_user(coordinator)
    url = reverse("conference_talk_unplace", args=[opening.pk])
    question = client.get(url)
    assert question.status_code == 200
    assert "Take “Opening” out of the timetable?" in question.content.decode()
    assert f"It is now in {opening.room.name} on Nov. 18, 2009 at 09:00." in (
        question.content.decode()
    )
    opening.refresh_from_db()
    assert opening.room is not None
    assert client.post(url).status_code == 302
    opening.refresh_from_db()
    assert opening.room is None
    assert AuditEntry.objects.filter(action="talk.unplace", object_id=str(opening.pk)).exists()


def test_deleting_a_talk_asks_first_and_deletes_it_on_confirmation(
    as_user, coordinator, conference, opening
):
    client = as_user(coordinator)
    url = reverse("conference_talk_delete", args=[opening.pk])
    talks = client.get(reverse("conference_talks", args=[conference.pk])).content.decode()
    assert f'href="{url}"' in talks
    question = client.get(url)
    assert question.status_code == 200
    assert "Delete the talk “Opening”?" in question.content.decode()
    assert Talk.objects.filter(pk=opening.pk).exists()
    assert client.post(url).status_code == 302
    assert not Talk.objects.filter(pk=opening.pk).exists()
    assert AuditEntry.objects.filter(action="talk.delete", object_id=str(opening.pk)).exists()


@pytest.mark.parametrize("who", ["liaison_a", "partner", "outsider"])
def test_others_cannot_delete_a_talk(as_user, request, who, conference, opening):
    client = as_user(request.getfixturevalue(who))
    url = reverse("conference_talk_delete", args=[opening.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Talk.objects.filter(pk=opening.pk).exists()


@pytest.mark.parametrize("who", ["liaison_a", "partner", "outsider"])
def test_others_cannot_unplace(as_user, request, who, conference, opening):
    client = as_user(request.getfixturevalue(who))
    url = reverse("conference_talk_unplace", args=[opening.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Talk.objects.get(pk=opening.pk).room_id == opening.room_id


def test_releases_read_added_with_the_colon_and_dates_in_spanish(
    as_user, coordinator, liaison_a, conference, opening
):
    publish_schedule(actor=coordinator, conference=conference)
    client = as_user(liaison_a)
    liaison_a.language = "es-mx"
    liaison_a.save(update_fields=["language"])
    with translation.override("es-mx"):
        html = client.get(reverse("conference_releases", args=[conference.pk])).content.decode()
    assert "Agregada:</strong>" in html
    assert "Agregado :" not in html
    assert " :" not in re.sub(r"<[^>]+>", "", html)
    assert "18 de noviembre de 2009 09:00" in html
    assert "2009-11-18" not in re.sub(r'datetime="[^"]*"', "", html)


def test_releases_show_dates_in_english_for_english_readers(
    as_user, coordinator, liaison_a, conference, opening, hall
):
    from nonprolif.events.conference.domain.timetable import place_talk

    publish_schedule(actor=coordinator, conference=conference)
    place_talk(actor=coordinator, talk=opening, room=hall, starts_at=at(1, 9), ends_at=at(1, 10))
    publish_schedule(actor=coordinator, conference=conference)
    html = (
        as_user(liaison_a).get(reverse("conference_releases", args=[conference.pk])).content
    ).decode()
    assert "Added:</strong>" in html
    assert "Moved:</strong>" in html
    assert "from Salón Caribe, Nov. 18, 2009 09:00 to Salón Caribe, Nov. 19, 2009 09:00" in html
