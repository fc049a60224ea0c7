"""The published agenda as files: JSON, iCalendar (RFC 5545), frab schedule XML and a
printable PDF programme.

Every exporter reads one :class:`ScheduleRelease` (already reached through the access rule)
and only lays its snapshot out; none reads the draft. Text people typed is shown in the
active language (wrap a call in ``translation.override`` for another); the JSON document
carries both languages.

- JSON: ``agenda_document`` (validated by ``events/schemas/agenda.schema.json``).
- iCalendar: one VEVENT per talk, UID stable across releases (the talk's uid), SEQUENCE the
  release version, times with TZID in the conference's time zone (VTIMEZONE included),
  LOCATION the room.
- frab XML: the ``schedule.xml`` structure conference apps read (``schedule`` →
  ``version``, ``conference``, ``day`` → ``room`` → ``event``), following the official
  schema's rules (voc/schedule): slugs ``FRAB_SLUG``, guids UUIDs, durations and starts
  ``HH:MM``, dates with their UTC offset, every required element present.
- PDF: ``templates/typst/programme.typ`` via Typst.
"""

import contextlib
import datetime
import math
import re
import zoneinfo
from pathlib import Path
from xml.etree import ElementTree as ET

from django.utils import formats, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from nonprolif.core.documents import render_pdf
from nonprolif.core.i18n import content_language
from nonprolif.events.models import TalkKind

# The committed JSON Schema of ``agenda_document`` (in the app's ``schemas/`` folder).
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "agenda.schema.json"
PRODID = "-//nonprolif//Conference agenda//EN"
GENERATOR = "nonprolif"


def _pick(entry: dict, name: str) -> str:
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return entry.get(f"{name}_{first}") or entry.get(f"{name}_{second}") or ""


def _moment(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def _speakers_by_id(snapshot: dict) -> dict[int, dict]:
    return {speaker["id"]: speaker for speaker in snapshot["speakers"]}


def _kind_label(kind: str) -> str:
    return str(TalkKind(kind).label) if kind in TalkKind.values else kind


def export_name(release, extension: str) -> str:
    """``<acronym>-v<version>.<extension>``: the download's file name."""
    return f"{release.snapshot['conference']['acronym']}-v{release.version}.{extension}"


# --- JSON --------------------------------------------------------------------------------


def agenda_document(release) -> dict:
    """The release as one JSON document (both languages): the snapshot with ``release``
    (version, published_at, note) added."""
    snapshot = release.snapshot
    return {
        "format": snapshot["format"],
        "release": {
            "version": release.version,
            "published_at": release.published_at.astimezone(datetime.UTC).isoformat(),
            "note": release.note,
        },
        "conference": snapshot["conference"],
        "rooms": snapshot["rooms"],
        "speakers": snapshot["speakers"],
        "talks": snapshot["talks"],
    }


# --- iCalendar ---------------------------------------------------------------------------


def _description(talk: dict, speakers: dict[int, dict]) -> str:
    lines = []
    names = [speakers[pk]["name"] for pk in talk["speakers"] if pk in speakers]
    if names:
        lines.append(_("Speakers: %(names)s") % {"names": ", ".join(names)})
    lines.append(_kind_label(talk["kind"]))
    abstract = _pick(talk, "abstract")
    if abstract:
        lines.extend(["", abstract])
    return "\n".join(lines)


def _one_rdate_per_line(calendar: Calendar) -> None:
    """Write each RDATE of the VTIMEZONE observances as a property of its own.

    ``add_missing_timezones`` lists a zone's transitions as one comma-separated RDATE;
    RFC 5545 allows it, but Mozilla's ical.js and vobject then read only part of it and take
    the wrong offset (UTC-5 for November 2009 in Mexico City). One RDATE per line reads the
    same everywhere."""
    for zone in calendar.walk("VTIMEZONE"):
        for observance in zone.subcomponents:
            found = observance.get("RDATE")
            if found is None:
                continue
            lists = found if isinstance(found, list) else [found]
            moments = [value.dt for listed in lists for value in listed.dts]
            del observance["RDATE"]
            for moment in moments:
                observance.add("rdate", moment)


def to_ical(release) -> bytes:
    """One VEVENT per talk of the release, with the VTIMEZONE of the conference."""
    snapshot = release.snapshot
    conference = snapshot["conference"]
    tz = zoneinfo.ZoneInfo(conference["time_zone"])
    speakers = _speakers_by_id(snapshot)
    stamp = release.published_at.astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{_pick(conference, 'title')} (v{release.version})")
    calendar.add("x-wr-timezone", conference["time_zone"])
    for talk in snapshot["talks"]:
        event = Event()
        event.add("uid", f"{talk['uid']}@nonprolif")
        event.add("sequence", release.version)
        event.add("dtstamp", stamp)
        event.add("dtstart", _moment(talk["start"]).astimezone(tz))
        event.add("dtend", _moment(talk["end"]).astimezone(tz))
        event.add("summary", _pick(talk, "title"))
        event.add("description", _description(talk, speakers))
        event.add("location", talk["room"])
        event.add("categories", [_kind_label(talk["kind"])])
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    _one_rdate_per_line(calendar)
    return calendar.to_ical()


# --- frab XML ----------------------------------------------------------------------------


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(start: datetime.datetime, end: datetime.datetime) -> int:
    return int((end - start).total_seconds() // 60)


def _text(parent: ET.Element, tag: str, text: str | None = "", **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    element.text = text
    return element


# The official schedule.xml schema (voc/schedule) requires event slugs of this form.
FRAB_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")
SLUG_MAX = 200


def frab_acronym(acronym: str) -> str:
    """The conference's acronym folded for frab: lower-case ASCII letters, digits and
    underscores (every other character becomes ``_``), at least four characters (padded
    with ``_``). It starts every slug, whose first part may hold no hyphen."""
    folded = re.sub(r"[^a-z0-9_]", "_", slugify(acronym).lower()) or "conf"
    return folded.ljust(4, "_")


def frab_slug(acronym: str, talk_id: int, title: str) -> str:
    """``<folded acronym>-<talk id, 4 digits at least>-<title slug>``: always matches
    ``FRAB_SLUG`` and is unique per talk (the id)."""
    rest = f"{talk_id:04d}-{slugify(title)}".strip("-")
    return f"{frab_acronym(acronym)}-{rest}"[:SLUG_MAX]


def _timeslot(talks: list[dict]) -> int:
    """The largest step (minutes, at most 60) that every start and end falls on."""
    step = 60
    for talk in talks:
        for moment in (_moment(talk["start"]), _moment(talk["end"])):
            step = math.gcd(step, moment.hour * 60 + moment.minute)
    return max(step, 5)


def to_frab(release) -> bytes:
    """The release in the frab ``schedule.xml`` structure: ``<schedule>`` with
    ``<generator>``, ``<version>``, ``<conference>`` (title, acronym, start, end, days,
    timeslot_duration, time_zone_name) and one ``<day index date start end>`` per conference
    day, holding ``<room name>`` elements (every room, in name order) with their
    ``<event id guid>`` elements (room, title, subtitle, type, date, start, duration,
    abstract, slug, track, language, description, persons, links, attachments)."""
    snapshot = release.snapshot
    conference = snapshot["conference"]
    tz = zoneinfo.ZoneInfo(conference["time_zone"])
    speakers = _speakers_by_id(snapshot)
    talks = snapshot["talks"]

    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": GENERATOR, "version": "1"})
    _text(root, "version", f"v{release.version}")
    head = ET.SubElement(root, "conference")
    _text(head, "acronym", frab_acronym(conference["acronym"]))
    _text(head, "title", _pick(conference, "title"))
    _text(head, "start", conference["start_date"])
    _text(head, "end", conference["end_date"])
    _text(head, "days", str(len(conference["days"])))
    _text(head, "timeslot_duration", _hhmm(_timeslot(talks)))
    _text(head, "time_zone_name", conference["time_zone"])

    for index, day_text in enumerate(conference["days"], start=1):
        day = datetime.date.fromisoformat(day_text)
        todays = [t for t in talks if _moment(t["start"]).astimezone(tz).date() == day]
        if todays:
            day_start = min(_moment(t["start"]) for t in todays).astimezone(tz)
            day_end = max(_moment(t["end"]) for t in todays).astimezone(tz)
        else:
            day_start = datetime.datetime.combine(day, datetime.time(0), tzinfo=tz)
            day_end = day_start + datetime.timedelta(days=1)
        day_element = ET.SubElement(
            root,
            "day",
            {
                "index": str(index),
                "date": day.isoformat(),
                "start": day_start.isoformat(),
                "end": day_end.isoformat(),
            },
        )
        for room in snapshot["rooms"]:
            room_element = ET.SubElement(day_element, "room", {"name": room["name"]})
            for talk in todays:
                if talk["room_id"] != room["id"]:
                    continue
                start = _moment(talk["start"]).astimezone(tz)
                end = _moment(talk["end"]).astimezone(tz)
                title = _pick(talk, "title")
                event = ET.SubElement(
                    room_element, "event", {"id": str(talk["id"]), "guid": talk["uid"]}
                )
                _text(event, "date", start.isoformat())
                _text(event, "start", start.strftime("%H:%M"))
                _text(event, "duration", _hhmm(_minutes(start, end)))
                _text(event, "room", room["name"])
                _text(event, "slug", frab_slug(conference["acronym"], talk["id"], title))
                _text(event, "title", title)
                _text(event, "subtitle", "")
                _text(event, "track", _kind_label(talk["kind"]))
                _text(event, "type", talk["kind"])
                _text(event, "language", talk["language"])
                _text(event, "abstract", _pick(talk, "abstract"))
                _text(event, "description", "")
                persons = ET.SubElement(event, "persons")
                for pk in talk["speakers"]:
                    if pk in speakers:
                        _text(persons, "person", speakers[pk]["name"], id=pk)
                ET.SubElement(event, "links")
                ET.SubElement(event, "attachments")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- PDF ---------------------------------------------------------------------------------


def programme_data(release) -> dict:
    """What ``programme.typ`` prints, in the active language: labels, the conference, each
    day's talks (times as text) and the speakers."""
    snapshot = release.snapshot
    conference = snapshot["conference"]
    tz = zoneinfo.ZoneInfo(conference["time_zone"])
    speakers = _speakers_by_id(snapshot)
    days = []
    for day_text in conference["days"]:
        day = datetime.date.fromisoformat(day_text)
        todays = sorted(
            (t for t in snapshot["talks"] if _moment(t["start"]).astimezone(tz).date() == day),
            key=lambda t: (t["start"], t["room"]),
        )
        days.append(
            {
                "date": formats.date_format(day, "l, j F Y"),
                "talks": [
                    {
                        "start": _moment(t["start"]).astimezone(tz).strftime("%H:%M"),
                        "end": _moment(t["end"]).astimezone(tz).strftime("%H:%M"),
                        "room": t["room"],
                        "title": _pick(t, "title"),
                        "abstract": _pick(t, "abstract"),
                        "kind": _kind_label(t["kind"]),
                        "speakers": ", ".join(
                            speakers[pk]["name"] for pk in t["speakers"] if pk in speakers
                        ),
                    }
                    for t in todays
                ],
            }
        )
    start = datetime.date.fromisoformat(conference["start_date"])
    end = datetime.date.fromisoformat(conference["end_date"])
    return {
        "lang": content_language(),
        "labels": {
            "programme": _("Programme"),
            "time": _("Time"),
            "room": _("Room"),
            "session": _("Session"),
            "speakers": _("Speakers"),
            "hosted_by": _("Hosted by"),
            "version": _("Version %(version)d, published %(date)s")
            % {
                "version": release.version,
                "date": formats.date_format(release.published_at.astimezone(tz), "DATE_FORMAT"),
            },
            "times": _("Times are local (%(zone)s).") % {"zone": conference["time_zone"]},
            "fictional": _("Fictional speaker (demonstration data)."),
            "no_talks": _("No sessions this day."),
        },
        "conference": {
            "title": _pick(conference, "title"),
            "description": _pick(conference, "description"),
            "place": ", ".join(p for p in (conference["venue"], conference["city"]) if p),
            "dates": _("%(first)s to %(last)s")
            % {
                "first": formats.date_format(start, "DATE_FORMAT"),
                "last": formats.date_format(end, "DATE_FORMAT"),
            },
            "host": _pick(conference["host_agency"], "name"),
        },
        "days": days,
        "speakers": [
            {
                "name": s["name"],
                "organisation": s["organisation"],
                "topic": _pick(s, "topic"),
                "bio": _pick(s, "bio"),
                "fictional": s["fictional"],
            }
            for s in snapshot["speakers"]
        ],
    }


def to_pdf(release, *, language: str | None = None) -> bytes:
    """The printable programme of the release, in ``language`` ("es" or "en"; default the
    active one)."""
    code = {"es": "es-mx", "en": "en"}.get(language or "")
    with translation.override(code) if code else contextlib.nullcontext():
        return render_pdf("programme.typ", programme_data(release))
