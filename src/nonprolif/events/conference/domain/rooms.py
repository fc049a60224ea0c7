"""Writes of a conference's rooms: add, rename or resize, remove."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.models import Conference, Room

from ._common import clean, reject_unknown

ROOM_FIELDS = {"name", "capacity"}


def create_room(*, actor: User, conference: Conference, name: str, capacity: int) -> Room:
    """Add a room to ``conference``.

    Side effects: one Room row and one audit entry ("room.create"). PermissionDenied unless
    the actor may edit the timetable; ValidationError naming the field (e.g. a name already
    used in this conference); nothing is written then.
    """
    require_perm(actor, "events.edit_timetable", conference)
    room = Room(conference=conference, name=name, capacity=capacity)
    clean(room)
    with transaction.atomic():
        room.save()
        record(actor=actor, action="room.create", obj=room, changes=diff({}, snapshot(room)))
    return room


def update_room(*, actor: User, room: Room, **fields: Any) -> Room:
    """Rename a room or change its capacity. A capacity below the expected attendance of a
    talk placed in it is refused, naming the talk.

    Side effects: the Room row and one audit entry ("room.update"). PermissionDenied unless
    the actor may edit the timetable; ValidationError naming the field; nothing is written
    then.
    """
    reject_unknown(fields, ROOM_FIELDS)
    require_perm(actor, "events.edit_timetable", room.conference)
    before = snapshot(room)
    for name, value in fields.items():
        setattr(room, name, value)
    errors: dict[str, list[str]] = {}
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
        clean(room, errors)
    except ValidationError:
        room.refresh_from_db()
        raise
    with transaction.atomic():
        room.save()
        record(actor=actor, action="room.update", obj=room, changes=diff(before, snapshot(room)))
    return room


def delete_room(*, actor: User, room: Room) -> None:
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
