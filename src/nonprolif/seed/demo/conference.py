"""The demo of the conference: rooms, guest speakers, talks placed without conflicts, and a
first published release."""

from __future__ import annotations

import datetime
from typing import Any

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, User
from nonprolif.events.conference.domain.timetable import conference_moment, placement_errors
from nonprolif.events.conference.queries import build_snapshot, snapshot_changes
from nonprolif.events.models import (
    Conference,
    Room,
    ScheduleRelease,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from nonprolif.seed.loader.checks import check_entry, fail, parse_moment
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

CONFERENCE_KEYS = {"acronym", "coordinator", "proposed_by", "rooms", "speakers", "talks"}
CONFERENCE_OPTIONAL = {"proposer", "proposed_at", "decided_at", "responded_at", "release"}
CONFERENCE_OPTIONAL |= {"note_es", "note_en"}  # a note to the document's readers, not loaded
DEMO_SPEAKER_KEYS = {"name", "organisation", "topic_es", "topic_en", "bio_es", "bio_en"}
DEMO_SPEAKER_OPTIONAL = {"email", "languages", "travel_needs"}
DEMO_TALK_KEYS = {"title_es", "title_en", "kind", "duration_minutes", "room", "day", "start", "end"}
DEMO_TALK_OPTIONAL = {"abstract_es", "abstract_en", "language", "expected_attendance", "speakers"}


def load_demo_conference(
    spec: dict[str, Any], *, result: SeedResult, actor: User | None = None
) -> None:
    """The demo of the conference (the program document's conference, found by
    ``acronym``): its rooms, the guest speakers proposed by the partner agency (every one
    fictional, accepted by the coordinator and by themselves), the talks placed in the
    timetable without conflicts, and a first published release when none exists yet.

    Keys: rooms (name), speakers (conference and name), talks (conference and title_es).
    Placements are checked with the timetable rule; a conflict is an error naming the talk.
    Side effects: Room, Speaker, Talk rows (and speaker links) created or brought back to the
    document; one ScheduleRelease (v1) when the conference has none; one audit entry per row
    created or changed. A second load changes nothing and writes no audit entry.
    """
    check_entry(spec, "conference", CONFERENCE_KEYS, CONFERENCE_OPTIONAL)
    conference = Conference.objects.filter(acronym=spec["acronym"]).first()
    if conference is None:
        fail("conference.acronym", f"unknown conference “{spec['acronym']}”")
    coordinator = User.objects.filter(username=spec["coordinator"]).first()
    if coordinator is None:
        fail("conference.coordinator", f"unknown login “{spec['coordinator']}”")
    proposer_agency = Agency.objects.filter(code=spec["proposed_by"]).first()
    if proposer_agency is None:
        fail("conference.proposed_by", f"unknown agency code “{spec['proposed_by']}”")
    proposer = (
        User.objects.filter(username=spec["proposer"]).first() if spec.get("proposer") else None
    )

    def moment(name: str) -> datetime.datetime:
        return parse_moment(spec[name], f"conference.{name}").astimezone(datetime.UTC)

    rooms: dict[str, Room] = {}
    for i, entry in enumerate(spec["rooms"]):
        check_entry(entry, f"conference.rooms[{i}]", {"name", "capacity"})
        rooms[entry["name"]] = upsert(
            Room,
            key={"conference": conference, "name": entry["name"]},
            values={"capacity": entry["capacity"]},
            where=f"conference.rooms[{i}]",
            result=result,
            actor=actor,
        )

    speakers: dict[str, Speaker] = {}
    for i, entry in enumerate(spec["speakers"]):
        where = f"conference.speakers[{i}]"
        check_entry(entry, where, DEMO_SPEAKER_KEYS, DEMO_SPEAKER_OPTIONAL)
        values = {
            key: entry.get(key, "")
            for key in DEMO_SPEAKER_KEYS | DEMO_SPEAKER_OPTIONAL
            if key != "name"
        }
        values |= {
            "is_fictional": True,
            "proposed_by_agency": proposer_agency,
            "proposed_by": proposer,
            "status": SpeakerStatus.ACCEPTED,
            "decided_by": coordinator,
            "response": SpeakerResponse.ACCEPTED,
        }
        for name in ("proposed_at", "decided_at", "responded_at"):
            if spec.get(name):
                values[name] = moment(name)
        speakers[entry["name"]] = upsert(
            Speaker,
            key={"conference": conference, "name": entry["name"]},
            values=values,
            where=where,
            result=result,
            actor=actor,
        )

    for i, entry in enumerate(spec["talks"]):
        where = f"conference.talks[{i}]"
        check_entry(entry, where, DEMO_TALK_KEYS, DEMO_TALK_OPTIONAL)
        room = rooms.get(entry["room"])
        if room is None:
            fail(f"{where}.room", f"unknown room “{entry['room']}”")
        names = entry.get("speakers", [])
        unknown = [name for name in names if name not in speakers]
        if unknown:
            fail(f"{where}.speakers", f"unknown speaker “{unknown[0]}”")
        try:
            day = datetime.date.fromisoformat(entry["day"])
            starts_at = conference_moment(
                conference, day, datetime.time.fromisoformat(entry["start"])
            )
            ends_at = conference_moment(conference, day, datetime.time.fromisoformat(entry["end"]))
        except (TypeError, ValueError):
            fail(where, "day must be YYYY-MM-DD and start and end HH:MM")
        existing = Talk.objects.filter(conference=conference, title_es=entry["title_es"]).first()
        values = {
            "title_en": entry["title_en"],
            "abstract_es": entry.get("abstract_es", ""),
            "abstract_en": entry.get("abstract_en", ""),
            "kind": entry["kind"],
            "language": entry.get("language", "es"),
            "duration_minutes": entry["duration_minutes"],
            "expected_attendance": entry.get("expected_attendance"),
            "room": room,
            "starts_at": starts_at.astimezone(datetime.UTC),
            "ends_at": ends_at.astimezone(datetime.UTC),
        }
        probe = Talk(conference=conference, title_es=entry["title_es"], **values)
        probe.pk = existing.pk if existing else None
        problems = placement_errors(
            talk=probe,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers=[speakers[name] for name in names],
        )
        if problems:
            fail(where, " ".join(m for messages in problems.values() for m in messages))
        upsert(
            Talk,
            key={"conference": conference, "title_es": entry["title_es"]},
            values=values,
            m2m={"speakers": [speakers[name] for name in names]},
            where=where,
            result=result,
            actor=actor,
            existing=existing,
        )

    release = spec.get("release")
    if release and not ScheduleRelease.objects.filter(conference=conference).exists():
        check_entry(release, "conference.release", {"published_at"}, {"note"})
        agenda = build_snapshot(conference)
        published = ScheduleRelease.objects.create(
            conference=conference,
            version=1,
            published_at=parse_moment(release["published_at"], "conference.release.published_at"),
            published_by=coordinator,
            note=release.get("note", ""),
            snapshot=agenda,
            changes=snapshot_changes(None, agenda),
        )
        record(
            actor=actor,
            action="seed.create",
            obj=published,
            changes={"version": [None, 1], "talks": [None, len(agenda["talks"])]},
        )
        result.created[ScheduleRelease._meta.label_lower] += 1
