"""Drag and drop on the draft timetable, in a real browser: a talk dropped where the room is
taken is refused with the timetable's own message on the page and nothing is saved; dropped
on a free slot it is placed (the database says so) and the grid shows it there."""

import pytest
from playwright.sync_api import expect

from nonprolif.events.models import Talk
from tests.browser.signin import sign_in
from tests.events.conference.conftest import (
    ConferenceFactory,
    RoomFactory,
    TalkFactory,
    at,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFUSAL = "“Salón Caribe” is double-booked: “Panel” is already there from 11:00 to 12:00."


@pytest.fixture
def timetable(transactional_db, program, coordinator):
    """A conference with the hall taken 11:00-12:00 on the first day and a one-hour talk
    still to place; the coordinator reads English."""
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    conference = ConferenceFactory(program=program, acronym="wmd-drag")
    hall = RoomFactory(conference=conference, name="Salón Caribe", capacity=200)
    RoomFactory(conference=conference, name="Sala Cozumel", capacity=40)
    panel = TalkFactory(conference=conference, title_en="Panel", duration_minutes=60)
    panel.room, panel.starts_at, panel.ends_at = hall, at(0, 11), at(0, 12)
    panel.save()
    talk = TalkFactory(conference=conference, title_en="Export controls", duration_minutes=60)
    return conference, hall, talk


def _slot(page, room, start):
    return page.locator(
        f'td.slot[data-room="{room.pk}"][data-day="2009-11-18"][data-start="{start}"]'
    )


def test_a_drop_is_refused_on_a_conflict_and_saved_on_a_free_slot(timetable, live_server, page):
    conference, hall, talk = timetable
    page.set_viewport_size({"width": 1280, "height": 1600})  # source and target both in view
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/conferences/{conference.pk}/timetable/")
    row = page.locator(f'tr[data-place-url="/talks/{talk.pk}/place/"]')
    expect(row).to_contain_text("Export controls")

    # 10:30-11:30 would overlap the panel: refused, with the message, nothing saved.
    row.drag_to(_slot(page, hall, "10:30"))
    message = page.get_by_role("alert").filter(has_text="double-booked")
    expect(message).to_have_text(REFUSAL)
    talk.refresh_from_db()
    assert talk.room_id is None
    assert talk.starts_at is None

    # 10:00-11:00 is free: saved, and the reloaded grid shows it in the hall.
    with page.expect_navigation():
        row.drag_to(_slot(page, hall, "10:00"))
    talk.refresh_from_db()
    assert talk.room_id == hall.pk
    assert (talk.starts_at, talk.ends_at) == (at(0, 10), at(0, 11))
    expect(page.get_by_text("“Export controls” placed.")).to_be_visible()
    placed = page.locator(f'td.talk[data-place-url="/talks/{talk.pk}/place/"]')
    expect(placed).to_contain_text("10:00\N{EN DASH}11:00")
    assert Talk.objects.filter(conference=conference, room__isnull=True).count() == 0
