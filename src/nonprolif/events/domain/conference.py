"""Writes of the conference: the event, its rooms, talks, the draft timetable and the
published schedule releases.

The timetable editor's rule lives in :func:`placement_errors`: a talk placed in a room at a
time must not put one of its speakers in two places at once, double-book the room, fall
outside the conference's days or daily hours, last longer than its slot, or bring more
people than the room seats. Every write that can move a talk or change what a placed talk
needs (placing it, editing it, shrinking a room, moving the conference's days) asks it, and
refuses with a message naming the conflict; nothing is written then.
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.events.models import (
    Conference,
    Room,
    ScheduleRelease,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from nonprolif.events.queries_conference import build_snapshot, local, snapshot_changes
from nonprolif.program.queries import program_agencies

CONFERENCE_FIELDS = {
    "acronym",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "city",
    "venue",
    "host_agency",
    "start_date",
    "end_date",
    "time_zone",
    "day_start",
    "day_end",
}
ROOM_FIELDS = {"name", "capacity"}
TALK_FIELDS = {
    "title_es",
    "title_en",
    "abstract_es",
    "abstract_en",
    "language",
    "expected_attendance",
    "duration_minutes",
    "kind",
}


def _reject_unknown(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")


def _clean(instance, errors: dict | None = None) -> None:
    """``full_clean()`` merged with ``errors``; one ValidationError naming every field."""
    combined = dict(errors or {})
    try:
        instance.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            combined.setdefault(name, []).extend(messages)
    if combined:
        raise ValidationError(combined)


def _hhmm(moment: datetime.datetime | datetime.time) -> str:
    return moment.strftime("%H:%M")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def conference_moment(conference: Conference, day: datetime.date, at: datetime.time):
    """The aware moment of ``day`` at ``at`` in the conference's time zone."""
    tz = zoneinfo.ZoneInfo(conference.tz_name)
    return datetime.datetime.combine(day, at, tzinfo=tz)


def _aware(conference: Conference, moment: datetime.datetime | None):
    """A naive moment is read in the conference's time zone."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=zoneinfo.ZoneInfo(conference.tz_name))


# --- the timetable rule ------------------------------------------------------------------


def placement_errors(
    *, talk: Talk, room: Room, starts_at: datetime.datetime, ends_at: datetime.datetime, speakers
) -> dict[str, list[str]]:
    """Why ``talk`` (with ``speakers``) cannot take ``room`` from ``starts_at`` to ``ends_at``:
    ``{field: [messages]}``, empty when it can. Reads the other placed talks of the
    conference; writes nothing."""
    conference = talk.conference
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if room.conference_id != conference.pk:
        add("room", _("“%(room)s” is not a room of this conference.") % {"room": room.name})
        return errors
    if ends_at <= starts_at:
        add("ends_at", _("The slot must end after it starts."))
        return errors
    tz_name = conference.tz_name
    start, end = local(starts_at, tz_name), local(ends_at, tz_name)
    names = {"talk": talk.title}
    last = end - datetime.timedelta(microseconds=1)  # a slot may end at midnight
    in_days = conference.start_date <= start.date() <= conference.end_date
    if not in_days or not (conference.start_date <= last.date() <= conference.end_date):
        add(
            "starts_at",
            _(
                "“%(talk)s” would fall outside the conference days "
                "(%(first)s to %(last)s): it is placed on %(day)s."
            )
            % {
                **names,
                "first": _day(conference.start_date),
                "last": _day(conference.end_date),
                "day": _day(start.date() if not in_days else last.date()),
            },
        )
    elif last.date() != start.date():
        add("ends_at", _("A slot must start and end on the same day."))
    if conference.day_start and start.time() < conference.day_start:
        add(
            "starts_at",
            _("“%(talk)s” would start at %(start)s, before the day starts (%(day_start)s).")
            % {**names, "start": _hhmm(start), "day_start": _hhmm(conference.day_start)},
        )
    if conference.day_end and (end.time() > conference.day_end or last.date() > start.date()):
        add(
            "ends_at",
            _("“%(talk)s” would end at %(end)s, after the day ends (%(day_end)s).")
            % {**names, "end": _hhmm(end), "day_end": _hhmm(conference.day_end)},
        )
    slot_minutes = int((ends_at - starts_at).total_seconds() // 60)
    if talk.duration_minutes and talk.duration_minutes > slot_minutes:
        add(
            "ends_at",
            _("“%(talk)s” lasts %(duration)d minutes, longer than its %(slot)d-minute slot.")
            % {**names, "duration": talk.duration_minutes, "slot": slot_minutes},
        )
    if talk.expected_attendance and talk.expected_attendance > room.capacity:
        add(
            "room",
            _(
                "“%(room)s” is over capacity: it seats %(capacity)d and “%(talk)s” "
                "expects %(expected)d attendees."
            )
            % {
                **names,
                "room": room.name,
                "capacity": room.capacity,
                "expected": talk.expected_attendance,
            },
        )
    overlapping = (
        Talk.objects.placed()
        .filter(conference=conference, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .exclude(pk=talk.pk)
        .select_related("room")
        .prefetch_related("speakers")
        .order_by("starts_at", "pk")
    )
    speaker_ids = {speaker.pk for speaker in speakers}
    for other in overlapping:
        when = {
            "other": other.title,
            "other_room": other.room.name,
            "start": _hhmm(local(other.starts_at, tz_name)),
            "end": _hhmm(local(other.ends_at, tz_name)),
        }
        if other.room_id == room.pk:
            add(
                "room",
                _(
                    "“%(room)s” is double-booked: “%(other)s” is already there "
                    "from %(start)s to %(end)s."
                )
                % {**when, "room": room.name},
            )
        for speaker in other.speakers.all():
            if speaker.pk in speaker_ids:
                add(
                    "speakers",
                    _(
                        "%(speaker)s would be in two places at once: already in “%(other)s” "
                        "(%(other_room)s, %(start)s to %(end)s)."
                    )
                    % {**when, "speaker": speaker.name},
                )
    return errors


def _placement(talk: Talk) -> dict:
    return {
        "room": talk.room.name if talk.room_id else None,
        "starts_at": talk.starts_at.isoformat() if talk.starts_at else None,
        "ends_at": talk.ends_at.isoformat() if talk.ends_at else None,
    }


# --- conferences -------------------------------------------------------------------------


def _check_host(conference: Conference, errors: dict) -> None:
    if conference.host_agency_id and conference.program_id:
        allowed = {agency.pk for agency in program_agencies(conference.program)}
        if conference.host_agency_id not in allowed:
            errors.setdefault("host_agency", []).append(
                _("The host must be an agency of the program.")
            )


def create_conference(*, actor, program, **fields) -> Conference:
    """Create a conference of ``program``.

    ``fields``: acronym, title_es, title_en, description_es, description_en, city, venue,
    host_agency (an agency of the program), start_date, end_date (inclusive), time_zone
    (empty: the program's, which is then stored), day_start, day_end.

    Side effects: one Conference row and one audit entry ("conference.create").
    PermissionDenied unless the actor may add conferences to the program (coordinators);
    ValidationError naming the field on bad input. Nothing is written in those cases.
    """
    _reject_unknown(fields, CONFERENCE_FIELDS)
    require_perm(actor, "events.add_conference", program)
    conference = Conference(program=program, **fields)
    if not conference.time_zone:
        conference.time_zone = program.time_zone
    errors: dict = {}
    _check_host(conference, errors)
    _clean(conference, errors)
    with transaction.atomic():
        conference.save()
        record(
            actor=actor,
            action="conference.create",
            obj=conference,
            changes=diff({}, snapshot(conference)),
        )
    return conference


def _stranded_talks(conference: Conference) -> list[str]:
    """Messages for the placed talks that the conference's days or hours no longer hold."""
    messages = []
    for talk in (
        Talk.objects.placed()
        .filter(conference=conference)
        .select_related("room")
        .order_by("starts_at", "pk")
    ):
        talk.conference = conference
        problems = placement_errors(
            talk=talk,
            room=talk.room,
            starts_at=talk.starts_at,
            ends_at=talk.ends_at,
            speakers=[],
        )
        for name in ("starts_at", "ends_at"):
            messages.extend(problems.get(name, []))
    return messages


def update_conference(*, actor, conference: Conference, **fields) -> Conference:
    """Change a conference. Its days and daily hours must still hold every placed talk:
    otherwise the error names the talks to move first.

    Side effects: the Conference row and one audit entry ("conference.update") with the
    changes. PermissionDenied unless the actor may change it; ValidationError naming the
    field on bad input; nothing is written then.
    """
    _reject_unknown(fields, CONFERENCE_FIELDS)
    require_perm(actor, "events.change_conference", conference)
    before = snapshot(conference)
    for name, value in fields.items():
        setattr(conference, name, value)
    if not conference.time_zone:
        conference.time_zone = conference.program.time_zone
    errors: dict = {}
    _check_host(conference, errors)
    try:
        _clean(conference, errors)
        stranded = _stranded_talks(conference)
        if stranded:
            raise ValidationError(
                {
                    "start_date": [
                        _("Placed talks would no longer fit; move them first."),
                        *stranded,
                    ]
                }
            )
    except ValidationError:
        conference.refresh_from_db()
        raise
    changes = diff(before, snapshot(conference))
    with transaction.atomic():
        conference.save()
        record(actor=actor, action="conference.update", obj=conference, changes=changes)
    return conference


# --- rooms -------------------------------------------------------------------------------


def create_room(*, actor, conference: Conference, name: str, capacity: int) -> Room:
    """Add a room to ``conference``.

    Side effects: one Room row and one audit entry ("room.create"). PermissionDenied unless
    the actor may edit the timetable; ValidationError naming the field (e.g. a name already
    used in this conference); nothing is written then.
    """
    require_perm(actor, "events.edit_timetable", conference)
    room = Room(conference=conference, name=name, capacity=capacity)
    _clean(room)
    with transaction.atomic():
        room.save()
        record(actor=actor, action="room.create", obj=room, changes=diff({}, snapshot(room)))
    return room


def update_room(*, actor, room: Room, **fields) -> Room:
    """Rename a room or change its capacity. A capacity below the expected attendance of a
    talk placed in it is refused, naming the talk.

    Side effects: the Room row and one audit entry ("room.update"). PermissionDenied unless
    the actor may edit the timetable; ValidationError naming the field; nothing is written
    then.
    """
    _reject_unknown(fields, ROOM_FIELDS)
    require_perm(actor, "events.edit_timetable", room.conference)
    before = snapshot(room)
    for name, value in fields.items():
        setattr(room, name, value)
    errors: dict = {}
    if isinstance(room.capacity, int):
        for talk in room.talks.filter(expected_attendance__gt=room.capacity).order_by("pk"):
            errors.setdefault("capacity", []).append(
                _(
                    "“%(room)s” would be over capacity: it would seat %(capacity)d and "
                    "“%(talk)s” expects %(expected)d attendees."
                )
                % {
                    "room": room.name,
                    "capacity": room.capacity,
                    "talk": talk.title,
                    "expected": talk.expected_attendance,
                }
            )
    try:
        _clean(room, errors)
    except ValidationError:
        room.refresh_from_db()
        raise
    with transaction.atomic():
        room.save()
        record(actor=actor, action="room.update", obj=room, changes=diff(before, snapshot(room)))
    return room


def delete_room(*, actor, room: Room) -> None:
    """Remove a room that holds no talk.

    Side effects: the Room row is deleted, one audit entry ("room.delete"). PermissionDenied
    unless the actor may edit the timetable; ValidationError naming the talks still placed
    in it; nothing is deleted then.
    """
    require_perm(actor, "events.edit_timetable", room.conference)
    placed = list(room.talks.order_by("starts_at", "pk"))
    if placed:
        raise ValidationError(
            {
                "room": _("“%(room)s” still holds talks; move them first: %(talks)s.")
                % {"room": room.name, "talks": ", ".join(f"“{t.title}”" for t in placed)}
            }
        )
    with transaction.atomic():
        record(actor=actor, action="room.delete", obj=room, changes=diff(snapshot(room), {}))
        room.delete()


# --- talks -------------------------------------------------------------------------------


def _check_speakers(talk: Talk, speakers, previous_ids: set[int], errors: dict) -> None:
    for speaker in speakers:
        if speaker.conference_id != talk.conference_id:
            errors.setdefault("speakers", []).append(
                _("%(speaker)s is not a speaker of this conference.") % {"speaker": speaker.name}
            )
        elif speaker.pk not in previous_ids and (
            speaker.status == SpeakerStatus.DECLINED or speaker.response == SpeakerResponse.DECLINED
        ):
            errors.setdefault("speakers", []).append(
                _("%(speaker)s was declined or declined the invitation.")
                % {"speaker": speaker.name}
            )


def _audit_talk(talk: Talk, speakers) -> dict:
    values = snapshot(talk)
    values["speakers"] = sorted(s.pk for s in speakers)
    return values


def create_talk(*, actor, conference: Conference, speakers=(), **fields) -> Talk:
    """Add an unplaced talk (or panel, keynote, break) to ``conference``.

    ``fields``: title_es, title_en, abstract_es, abstract_en, language, expected_attendance,
    duration_minutes, kind. ``speakers``: speakers of this conference, none of them declined.

    Side effects: one Talk row, its speaker links, one audit entry ("talk.create").
    PermissionDenied unless the actor may edit the timetable; ValidationError naming the
    field; nothing is written then.
    """
    _reject_unknown(fields, TALK_FIELDS)
    require_perm(actor, "events.edit_timetable", conference)
    speakers = list(speakers)
    talk = Talk(conference=conference, **fields)
    errors: dict = {}
    _check_speakers(talk, speakers, set(), errors)
    _clean(talk, errors)
    with transaction.atomic():
        talk.save()
        talk.speakers.set(speakers)
        record(
            actor=actor,
            action="talk.create",
            obj=talk,
            changes=diff({}, _audit_talk(talk, speakers)),
        )
    return talk


def update_talk(*, actor, talk: Talk, speakers=None, **fields) -> Talk:
    """Change a talk; ``speakers``, when given, replace its speakers. A placed talk must still
    fit its place (its new duration, expected attendance and speakers are checked as when
    placing it).

    Side effects: the Talk row and its speaker links, one audit entry ("talk.update").
    PermissionDenied unless the actor may edit the timetable; ValidationError naming the
    field or the conflict; nothing is written then.
    """
    _reject_unknown(fields, TALK_FIELDS)
    require_perm(actor, "events.edit_timetable", talk.conference)
    old_speakers = list(talk.speakers.all())
    before = _audit_talk(talk, old_speakers)
    speakers = list(speakers) if speakers is not None else old_speakers
    for name, value in fields.items():
        setattr(talk, name, value)
    errors: dict = {}
    _check_speakers(talk, speakers, {s.pk for s in old_speakers}, errors)
    try:
        if talk.is_placed and isinstance(talk.duration_minutes, int):
            for name, messages in placement_errors(
                talk=talk,
                room=talk.room,
                starts_at=talk.starts_at,
                ends_at=talk.ends_at,
                speakers=speakers,
            ).items():
                errors.setdefault(name, []).extend(messages)
        _clean(talk, errors)
    except ValidationError:
        talk.refresh_from_db()
        raise
    with transaction.atomic():
        talk.save()
        talk.speakers.set(speakers)
        record(
            actor=actor,
            action="talk.update",
            obj=talk,
            changes=diff(before, _audit_talk(talk, speakers)),
        )
    return talk


def delete_talk(*, actor, talk: Talk) -> None:
    """Remove a talk from the draft (published releases keep it).

    Side effects: the Talk row and its speaker links are deleted, one audit entry
    ("talk.delete"). PermissionDenied unless the actor may edit the timetable.
    """
    require_perm(actor, "events.edit_timetable", talk.conference)
    with transaction.atomic():
        record(
            actor=actor,
            action="talk.delete",
            obj=talk,
            changes=diff(_audit_talk(talk, talk.speakers.all()), {}),
        )
        talk.delete()


def place_talk(
    *, actor, talk: Talk, room: Room, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> Talk:
    """Put ``talk`` in ``room`` from ``starts_at`` to ``ends_at`` in the draft timetable (or
    move it there). Naive moments are read in the conference's time zone.

    Refused, with a message naming the conflict, when a speaker would be in two places at
    once (names the speaker and the other talk), the room is double-booked (names the other
    talk), the slot falls outside the conference's days or daily hours, the talk lasts
    longer than the slot, or the room seats fewer than the talk expects.

    Side effects: the talk's room, start and end; one audit entry ("talk.place") with the
    old and new place. PermissionDenied unless the actor may edit the timetable;
    ValidationError (fields ``room``, ``starts_at``, ``ends_at``, ``speakers``) on a
    conflict; nothing is written then.
    """
    require_perm(actor, "events.edit_timetable", talk.conference)
    errors: dict[str, list[str]] = {}
    if room is None:
        errors["room"] = [_("Choose a room.")]
    if starts_at is None:
        errors["starts_at"] = [_("Give the start.")]
    if ends_at is None:
        errors["ends_at"] = [_("Give the end.")]
    if errors:
        raise ValidationError(errors)
    starts_at = _aware(talk.conference, starts_at)
    ends_at = _aware(talk.conference, ends_at)
    with transaction.atomic():
        errors = placement_errors(
            talk=talk,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers=list(talk.speakers.all()),
        )
        if errors:
            raise ValidationError(errors)
        before = _placement(talk)
        talk.room, talk.starts_at, talk.ends_at = room, starts_at, ends_at
        _clean(talk)
        talk.save(update_fields=["room", "starts_at", "ends_at"])
        record(
            actor=actor,
            action="talk.place",
            obj=talk,
            changes=diff(before, _placement(talk)),
        )
    return talk


def unplace_talk(*, actor, talk: Talk) -> Talk:
    """Take ``talk`` out of the draft timetable (it stays a talk of the conference).

    Side effects: the talk's room, start and end emptied; one audit entry ("talk.unplace").
    PermissionDenied unless the actor may edit the timetable.
    """
    require_perm(actor, "events.edit_timetable", talk.conference)
    before = _placement(talk)
    with transaction.atomic():
        talk.room = talk.starts_at = talk.ends_at = None
        talk.save(update_fields=["room", "starts_at", "ends_at"])
        record(actor=actor, action="talk.unplace", obj=talk, changes=diff(before, _placement(talk)))
    return talk


# --- publishing --------------------------------------------------------------------------


def publish_schedule(*, actor, conference: Conference, note: str = "") -> ScheduleRelease:
    """Publish the draft timetable as the next release (v1, v2, …): the whole agenda frozen
    as a snapshot, with the list of changes against the previous release. Attendees see the
    latest release from then on. Speakers not yet confirmed (by the coordinator and by
    themselves) are left out of the published agenda.

    Side effects: one ScheduleRelease row and one audit entry ("schedule.publish").
    PermissionDenied unless the actor may publish; ValidationError when no talk is placed
    or nothing changed since the latest release; nothing is written then.
    """
    require_perm(actor, "events.publish_schedule", conference)
    with transaction.atomic():
        latest = ScheduleRelease.objects.filter(conference=conference).order_by("-version").first()
        agenda = build_snapshot(conference)
        if not agenda["talks"]:
            raise ValidationError({"__all__": _("No talk is placed yet: nothing to publish.")})
        changes = snapshot_changes(latest.snapshot if latest else None, agenda)
        if latest is not None and not changes and latest.snapshot == agenda:
            raise ValidationError(
                {
                    "__all__": _("Nothing changed since v%(version)d: nothing to publish.")
                    % {"version": latest.version}
                }
            )
        release = ScheduleRelease(
            conference=conference,
            version=(latest.version + 1) if latest else 1,
            published_by=actor if getattr(actor, "pk", None) else None,
            published_at=timezone.now(),
            note=note,
            snapshot=agenda,
            changes=changes,
        )
        _clean(release)
        release.save()
        record(
            actor=actor,
            action="schedule.publish",
            obj=release,
            changes={
                "version": [latest.version if latest else None, release.version],
                "changes": [None, len(changes)],
            },
        )
    return release
