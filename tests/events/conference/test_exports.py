"""Exports of the published agenda: iCalendar that parses, JSON valid against the committed
schema, the frab schedule.xml structure, a PDF programme."""

import datetime
import json
import re
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from django.utils import translation
from icalendar import Calendar

from nonprolif.events.conference import exports
from nonprolif.events.conference.domain.releases import publish_schedule

from .conftest import TalkFactory, at


@pytest.fixture
def release(coordinator, conference, hall, small_room, speaker, other_speaker, opening, place):
    place(
        TalkFactory(
            conference=conference,
            title_es="Análisis de inteligencia",
            title_en="Intelligence analysis",
            abstract_en="Finding the networks.",
            speakers=[other_speaker],
            duration_minutes=30,
        ),
        small_room,
        at(0, 10),
        at(0, 10, 30),
    )
    place(
        TalkFactory(
            conference=conference,
            title_es="Panel",
            title_en="Panel",
            kind="panel",
            speakers=[speaker, other_speaker],
        ),
        hall,
        at(2, 11),
        at(2, 12),
    )
    return publish_schedule(actor=coordinator, conference=conference, note="v1")


# --- a small JSON Schema checker for the keywords the agenda schema uses -----------------


def schema_errors(document) -> list[str]:
    schema = json.loads(exports.SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(document)]


def test_the_json_export_validates_against_the_committed_schema(release):
    document = json.loads(json.dumps(exports.agenda_document(release)))
    assert schema_errors(document) == []
    assert len(document["talks"]) == 3
    assert document["release"]["version"] == 1


def test_the_schema_check_rejects_a_broken_document(release):
    document = json.loads(json.dumps(exports.agenda_document(release)))
    del document["talks"][0]["start"]
    document["talks"][1]["kind"] = "party"
    errors = schema_errors(document)
    assert len(errors) == 2


def test_the_ical_export_parses_with_one_event_per_talk(release):
    calendar = Calendar.from_ical(exports.to_ical(release))
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    uids = {str(event["UID"]) for event in events}
    assert uids == {f"{t['uid']}@nonprolif" for t in release.snapshot["talks"]}
    opening = next(e for e in events if str(e["SUMMARY"]) in {"Opening", "Apertura"})
    start = opening.decoded("DTSTART")
    assert start == at(0, 9)
    assert str(start.tzinfo) == "America/Cancun"
    assert opening["DTSTART"].params["TZID"] == "America/Cancun"
    assert str(opening["LOCATION"]) == "Salón Caribe"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Cancun"


def test_the_ical_uid_stays_the_same_in_the_next_release(
    coordinator, conference, release, opening, hall
):
    from nonprolif.events.conference.domain.timetable import place_talk

    place_talk(actor=coordinator, talk=opening, room=hall, starts_at=at(1, 9), ends_at=at(1, 10))
    second = publish_schedule(actor=coordinator, conference=conference)
    before = {str(e["UID"]) for e in Calendar.from_ical(exports.to_ical(release)).walk("VEVENT")}
    after = Calendar.from_ical(exports.to_ical(second)).walk("VEVENT")
    assert {str(e["UID"]) for e in after} == before
    assert {int(e["SEQUENCE"]) for e in after} == {2}


REQUIRED_EVENT_CHILDREN = {
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "persons",
    "links",
    "attachments",
}


def test_the_frab_xml_has_the_schedule_structure(release):
    with translation.override("en"):
        root = ET.fromstring(exports.to_frab(release))  # noqa: S314 (our own output)
    assert root.tag == "schedule"
    assert [child.tag for child in root][:3] == ["generator", "version", "conference"]
    assert root.findtext("version") == "v1"
    conference = root.find("conference")
    assert {child.tag for child in conference} >= {
        "acronym",
        "title",
        "start",
        "end",
        "days",
        "timeslot_duration",
    }
    assert conference.findtext("acronym") == "wmd_test"
    assert conference.findtext("start") == "2009-11-18"
    assert conference.findtext("days") == "3"
    assert conference.findtext("timeslot_duration") == "00:30"
    days = root.findall("day")
    assert [day.get("index") for day in days] == ["1", "2", "3"]
    assert [day.get("date") for day in days] == ["2009-11-18", "2009-11-19", "2009-11-20"]
    for day in days:
        datetime.datetime.fromisoformat(day.get("start"))
        assert [room.get("name") for room in day.findall("room")] == [
            "Sala Cozumel",
            "Salón Caribe",
        ]
    events = root.findall("day/room/event")
    assert len(events) == 3
    for event in events:
        assert int(event.get("id")) > 0
        assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", event.get("guid"))
        assert {child.tag for child in event} >= REQUIRED_EVENT_CHILDREN
        assert re.fullmatch(r"\d\d:\d\d", event.findtext("start"))
        assert re.fullmatch(r"\d\d:\d\d", event.findtext("duration"))
        assert re.search(r"[+-]\d\d:\d\d$", event.findtext("date"))
    opening = root.find("day[@index='1']/room[@name='Salón Caribe']/event")
    assert opening.findtext("title") == "Opening"
    assert opening.findtext("start") == "09:00"
    assert opening.findtext("duration") == "01:00"
    assert opening.findtext("room") == "Salón Caribe"
    assert opening.findtext("type") == "keynote"
    assert [p.text for p in opening.find("persons")] == ["Dana Whitfield"]
    panel = root.find("day[@index='3']/room[@name='Salón Caribe']/event")
    assert [p.text for p in panel.find("persons")] == ["Dana Whitfield", "Rafael Ortiz"]
    slugs = [event.findtext("slug") for event in events]
    assert len(set(slugs)) == len(slugs)


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_pdf_programme_renders(release, language):
    pdf = exports.to_pdf(release, language=language)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000


def test_the_programme_data_follows_the_requested_language(release):
    with translation.override("es-mx"):
        spanish = exports.programme_data(release)
    with translation.override("en"):
        english = exports.programme_data(release)
    assert spanish["conference"]["title"] == "Conferencia ADM"
    assert english["conference"]["title"] == "WMD conference"
    assert [t["title"] for t in english["days"][0]["talks"]] == ["Opening", "Intelligence analysis"]
    assert english["days"][1]["talks"] == []
