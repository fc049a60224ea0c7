"""The agenda's files read right by parsers that others wrote: the frab schedule.xml follows
the official schema's rules (voc/schedule: slug pattern, required elements, formats) and the
iCalendar gives vobject the same instants as the JSON export."""

import datetime
import re
import zoneinfo
from xml.etree import ElementTree as ET

import pytest
import vobject
from django.utils import translation

from nonprolif.events.conference import exports
from nonprolif.events.conference.domain.releases import publish_schedule

from .conftest import ConferenceFactory, RoomFactory, TalkFactory

pytestmark = pytest.mark.django_db

# The official schema's simple types (voc/schedule, validator/xsd/schedule.xml.xsd).
SLUG = r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}"
UUID = r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
DURATION = r"([0-9]{1,2}:[0-9]{2})|([0-9]{1,2}:[0-9]{2}:[0-9]{1,2})"
START = r"([0-2][0-9]:[0-5][0-9])|([0-2][0-9]:[0-5][0-9]:[0-5][0-9])"
DATE_TIME_TZ = r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d{1,2}:\d{2})"
DATE = r"\d{4}-\d\d-\d\d"
POSITIVE = r"[1-9][0-9]*"

# Required children (the schema's xs:all without minOccurs="0").
CONFERENCE_REQUIRED = {"title", "acronym"}
EVENT_REQUIRED = {
    "room",
    "title",
    "subtitle",
    "type",
    "date",
    "start",
    "duration",
    "abstract",
    "slug",
    "track",
}
EVENT_ALLOWED = EVENT_REQUIRED | {
    "logo",
    "persons",
    "language",
    "description",
    "recording",
    "links",
    "attachments",
    "video_download_url",
    "url",
}
CONFERENCE_ALLOWED = CONFERENCE_REQUIRED | {
    "start",
    "end",
    "days",
    "timeslot_duration",
    "base_url",
    "time_zone_name",
}


@pytest.fixture
def mexico(coordinator, program, partner_agency):
    """The demo's shape: acronym ``adm-cancun-2009`` (its first part is three letters),
    Mexico City time, talks on both sides of a DST change and a title with no letters."""
    from .conftest import SpeakerFactory

    conference = ConferenceFactory(
        program=program,
        acronym="adm-cancun-2009",
        time_zone="America/Mexico_City",
        start_date=datetime.date(2009, 10, 23),
        end_date=datetime.date(2009, 10, 27),
    )
    hall = RoomFactory(conference=conference, name="Salón Caribe", capacity=200)
    side = RoomFactory(conference=conference, name="Sala 2", capacity=50)
    speaker = SpeakerFactory(
        conference=conference, name="Ana Lucía Ferrer", proposed_by_agency=partner_agency
    )
    tz = zoneinfo.ZoneInfo("America/Mexico_City")
    slots = [
        (hall, datetime.datetime(2009, 10, 23, 9, 0, tzinfo=tz), 60, "Apertura"),  # CDT
        (side, datetime.datetime(2009, 10, 24, 16, 30, tzinfo=tz), 90, "¿?"),  # CDT
        (hall, datetime.datetime(2009, 10, 26, 9, 0, tzinfo=tz), 45, "Clausura"),  # CST
        (side, datetime.datetime(2009, 10, 27, 17, 0, tzinfo=tz), 30, "Cierre"),  # CST
    ]
    for room, start, minutes, title in slots:
        talk = TalkFactory(
            conference=conference,
            title_es=title,
            title_en=title,
            duration_minutes=minutes,
            speakers=[speaker],
        )
        talk.room = room
        talk.starts_at = start
        talk.ends_at = start + datetime.timedelta(minutes=minutes)
        talk.save()
    return publish_schedule(actor=coordinator, conference=conference)


def frab(release) -> ET.Element:
    with translation.override("es-mx"):
        return ET.fromstring(exports.to_frab(release))  # noqa: S314 (our own output)


@pytest.mark.parametrize(
    ("acronym", "talk_id", "title"),
    [
        ("adm-cancun-2009", 7, "Apertura"),
        ("ab", 1, ""),
        ("WMD 2009", 12345, "Análisis de inteligencia: ¿qué sigue?"),
        ("x", 3, "¿?"),
        ("ñandú", 99, "a"),
    ],
)
def test_every_frab_slug_matches_the_schema_pattern(acronym, talk_id, title):
    slug = exports.frab_slug(acronym, talk_id, title)
    assert re.fullmatch(SLUG, slug), slug
    assert slug.startswith(exports.frab_acronym(acronym) + "-")


def test_the_slug_of_the_demo_acronym_did_not_match_before_folding():
    assert not re.fullmatch(SLUG, "adm-cancun-2009-7-apertura")
    assert exports.frab_slug("adm-cancun-2009", 7, "Apertura") == "adm_cancun_2009-0007-apertura"


def test_the_frab_xml_follows_the_schema_order_and_required_elements(mexico):
    root = frab(mexico)
    assert root.tag == "schedule"
    tags = [child.tag for child in root]
    assert tags[:3] == ["generator", "version", "conference"]
    assert set(tags[3:]) == {"day"}
    conference = root.find("conference")
    children = {child.tag for child in conference}
    assert children >= CONFERENCE_REQUIRED
    assert children <= CONFERENCE_ALLOWED
    assert re.fullmatch(r"[a-z0-9_]{4,}", conference.findtext("acronym"))
    assert re.fullmatch(DATE, conference.findtext("start"))
    assert re.fullmatch(DATE, conference.findtext("end"))
    assert re.fullmatch(r"\d+", conference.findtext("days"))
    assert re.fullmatch(DURATION, conference.findtext("timeslot_duration"))
    indexes = [day.get("index") for day in root.findall("day")]
    assert len(set(indexes)) == len(indexes) == 5
    for day in root.findall("day"):
        assert re.fullmatch(POSITIVE, day.get("index"))
        assert re.fullmatch(DATE, day.get("date"))
        assert re.fullmatch(DATE_TIME_TZ, day.get("start"))
        assert re.fullmatch(DATE_TIME_TZ, day.get("end"))
        assert {child.tag for child in day} <= {"room"}


def test_every_frab_event_has_the_required_elements_in_their_formats(mexico):
    events = frab(mexico).findall("day/room/event")
    assert len(events) == 4
    for event in events:
        children = [child.tag for child in event]
        assert len(children) == len(set(children))  # xs:all: each at most once
        assert set(children) >= EVENT_REQUIRED, EVENT_REQUIRED - set(children)
        assert set(children) <= EVENT_ALLOWED
        assert re.fullmatch(POSITIVE, event.get("id"))
        assert re.fullmatch(UUID, event.get("guid"))
        assert re.fullmatch(SLUG, event.findtext("slug"))
        assert re.fullmatch(DATE_TIME_TZ, event.findtext("date"))
        assert re.fullmatch(START, event.findtext("start"))
        assert re.fullmatch(DURATION, event.findtext("duration"))
        for person in event.find("persons"):
            assert person.tag == "person"
            assert re.fullmatch(POSITIVE, person.get("id"))
            assert person.text == "Ana Lucía Ferrer"
        for link in event.find("links"):
            assert link.tag == "link"


def test_frab_ids_guids_and_slugs_are_unique_and_times_are_local(mexico):
    events = frab(mexico).findall("day/room/event")
    for attribute in ("id", "guid"):
        values = [event.get(attribute) for event in events]
        assert len(set(values)) == len(values)
    slugs = [event.findtext("slug") for event in events]
    assert len(set(slugs)) == len(slugs)
    by_title = {event.findtext("title"): event for event in events}
    assert by_title["Apertura"].findtext("date") == "2009-10-23T09:00:00-05:00"
    assert by_title["Clausura"].findtext("date") == "2009-10-26T09:00:00-06:00"
    assert by_title["¿?"].findtext("duration") == "01:30"
    assert re.fullmatch(SLUG, by_title["¿?"].findtext("slug"))


def _vobject_instants(body: bytes) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    calendar = vobject.readOne(body.decode("utf-8"))
    return {
        event.uid.value.split("@")[0]: (
            event.dtstart.value.astimezone(datetime.UTC),
            event.dtend.value.astimezone(datetime.UTC),
        )
        for event in calendar.vevent_list
    }


def test_vobject_reads_the_agenda_ics_at_the_instants_of_the_json(mexico):
    instants = _vobject_instants(exports.to_ical(mexico))
    document = exports.agenda_document(mexico)
    assert len(instants) == len(document["talks"]) == 4
    for talk in document["talks"]:
        start = datetime.datetime.fromisoformat(talk["start"]).astimezone(datetime.UTC)
        end = datetime.datetime.fromisoformat(talk["end"]).astimezone(datetime.UTC)
        assert instants[talk["uid"]] == (start, end), talk["title_es"]


def test_the_vtimezone_lists_one_rdate_per_line(mexico):
    lines = exports.to_ical(mexico).decode().splitlines()
    rdates = [line for line in lines if line.startswith("RDATE")]
    assert rdates  # Mexico City had daylight saving time in 2009
    assert all("," not in line for line in rdates)
    assert not any(line.startswith(" ") for line in lines if "T0" in line and "," in line)
    assert "RDATE:20091025T020000" in lines  # the end of DST in 2009, on its own line
