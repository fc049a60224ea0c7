"""The calendar as iCalendar (RFC 5545)."""

import datetime

from django.utils import translation
from icalendar import Calendar

from nonprolif.training.calendar.ics import to_ical
from nonprolif.training.models import Session


def parse(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


def test_one_all_day_event_per_session_with_an_exclusive_end_and_a_reminder(calendar):
    sessions = list(Session.objects.all())

    events = parse(to_ical(sessions, name="Calendario"))

    assert len(events) == len(sessions) == 6
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {s.uid for s in sessions}
    for session in sessions:
        event = by_uid[session.uid]
        assert event["DTSTART"].dt == session.start
        assert not isinstance(event["DTSTART"].dt, datetime.datetime)
        assert event["DTEND"].dt == session.end + datetime.timedelta(days=1)
        assert int(event["SEQUENCE"]) == session.sequence
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == datetime.timedelta(days=-1)


def test_the_calendar_is_named_and_produced_by_nonprolif(calendar):
    parsed = Calendar.from_ical(to_ical(Session.objects.all(), name="Calendario 2009"))

    assert str(parsed["X-WR-CALNAME"]) == "Calendario 2009"
    assert "nonprolif" in str(parsed["PRODID"])
    assert str(parsed["VERSION"]) == "2.0"


def test_a_moved_session_says_why_and_a_session_over_a_weekend_spans_it(calendar, training_item):
    first = Session.objects.get(item_key=training_item.key, cohort=1)  # Fri 23 to Thu 29 Oct
    second = Session.objects.get(item_key=training_item.key, cohort=2)

    with translation.override("en"):
        events = {str(e["UID"]): e for e in parse(to_ical([first, second], name="x"))}

    spanning = events[first.uid]
    assert spanning["DTSTART"].dt == datetime.date(2009, 10, 23)
    assert spanning["DTEND"].dt == datetime.date(2009, 10, 30)
    assert "Does not run on: Oct. 24, 2009, Oct. 25, 2009." in str(spanning["DESCRIPTION"])
    moved = str(events[second.uid]["DESCRIPTION"])
    assert "Jan. 23, 2010 is a Saturday, moved to Monday Jan. 25, 2010" in moved
    assert "Does not run on" not in moved
