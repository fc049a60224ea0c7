"""The draft timetable: where and when each talk takes place.

The timetable editor's rule lives in :func:`placement_errors`: a talk placed in a room at a
time must not put one of its speakers in two places at once, double-book the room, fall
outside the conference's days or daily hours, last longer than its slot, or bring more
people than the room seats. Every write that can move a talk or change what a placed talk
needs (placing it, editing it, shrinking a room, moving the conference's days) asks it, and
refuses with a message naming the conflict; nothing is written then.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.conference.queries import local, placed_slot
from nonprolif.events.models import Conference, Room, Speaker, Talk

from ._common import clean


def _hhmm(moment: datetime.datetime | datetime.time) -> str:
    return moment.strftime("%H:%M")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def conference_moment(
    conference: Conference, day: datetime.date, at: datetime.time
) -> datetime.datetime:
    """The aware moment of ``day`` at ``at`` in the conference's time zone."""
    tz = zoneinfo.ZoneInfo(conference.tz_name)
    return datetime.datetime.combine(day, at, tzinfo=tz)


def _aware(conference: Conference, moment: datetime.datetime) -> datetime.datetime:
    """A naive moment is read in the conference's time zone."""
    if timezone.is_aware(moment):
        return moment
    return moment.replace(tzinfo=zoneinfo.ZoneInfo(conference.tz_name))


# --- the rule -----------------------------------------------------------------------------


def placement_errors(
    *,
    talk: Talk,
    room: Room,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    speakers: Iterable[Speaker],
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
        other_room, other_start, other_end = placed_slot(other)
        when = {
            "other": other.title,
            "other_room": other_room.name,
            "start": _hhmm(local(other_start, tz_name)),
            "end": _hhmm(local(other_end, tz_name)),
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


def _placement(talk: Talk) -> dict[str, Any]:
    return {
        "room": talk.room.name if talk.room is not None else None,
        "starts_at": talk.starts_at.isoformat() if talk.starts_at else None,
        "ends_at": talk.ends_at.isoformat() if talk.ends_at else None,
    }


# --- placing talks ----------------------------------------------------------------------


def place_talk(
    *,
    actor: User,
    talk: Talk,
    room: Room | None,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
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
    if room is None or starts_at is None or ends_at is None:
        missing: dict[str, list[str]] = {}
        if room is None:
            missing["room"] = [_("Choose a room.")]
        if starts_at is None:
            missing["starts_at"] = [_("Give the start.")]
        if ends_at is None:
            missing["ends_at"] = [_("Give the end.")]
        raise ValidationError(missing)
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
        clean(talk)
        talk.save(update_fields=["room", "starts_at", "ends_at"])
        record(
            actor=actor,
            action="talk.place",
            obj=talk,
            changes=diff(before, _placement(talk)),
        )
    return talk


def unplace_talk(*, actor: User, talk: Talk) -> Talk:
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
