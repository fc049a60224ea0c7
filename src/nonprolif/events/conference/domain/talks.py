"""Writes of a conference's talks (and panels, keynotes, breaks): add, change, remove. Their
place in the timetable is set in ``timetable.py``."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.conference.queries import placed_slot
from nonprolif.events.models import Conference, Speaker, SpeakerResponse, SpeakerStatus, Talk

from ._common import clean, reject_unknown
from .timetable import placement_errors

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


def _check_speakers(
    talk: Talk, speakers: Iterable[Speaker], previous_ids: set[int], errors: dict[str, list[str]]
) -> None:
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


def _audit_talk(talk: Talk, speakers: Iterable[Speaker]) -> dict[str, Any]:
    values = snapshot(talk)
    values["speakers"] = sorted(s.pk for s in speakers)
    return values


def create_talk(
    *, actor: User, conference: Conference, speakers: Iterable[Speaker] = (), **fields: Any
) -> Talk:
    """Add an unplaced talk (or panel, keynote, break) to ``conference``.

    ``fields``: title_es, title_en, abstract_es, abstract_en, language, expected_attendance,
    duration_minutes, kind. ``speakers``: speakers of this conference, none of them declined.

    Side effects: one Talk row, its speaker links, one audit entry ("talk.create").
    PermissionDenied unless the actor may edit the timetable; ValidationError naming the
    field; nothing is written then.
    """
    reject_unknown(fields, TALK_FIELDS)
    require_perm(actor, "events.edit_timetable", conference)
    chosen = list(speakers)
    talk = Talk(conference=conference, **fields)
    errors: dict[str, list[str]] = {}
    _check_speakers(talk, chosen, set(), errors)
    clean(talk, errors)
    with transaction.atomic():
        talk.save()
        talk.speakers.set(chosen)
        record(
            actor=actor,
            action="talk.create",
            obj=talk,
            changes=diff({}, _audit_talk(talk, chosen)),
        )
    return talk


def update_talk(
    *, actor: User, talk: Talk, speakers: Iterable[Speaker] | None = None, **fields: Any
) -> Talk:
    """Change a talk; ``speakers``, when given, replace its speakers. A placed talk must still
    fit its place (its new duration, expected attendance and speakers are checked as when
    placing it).

    Side effects: the Talk row and its speaker links, one audit entry ("talk.update").
    PermissionDenied unless the actor may edit the timetable; ValidationError naming the
    field or the conflict; nothing is written then.
    """
    reject_unknown(fields, TALK_FIELDS)
    require_perm(actor, "events.edit_timetable", talk.conference)
    old_speakers = list(talk.speakers.all())
    before = _audit_talk(talk, old_speakers)
    chosen = list(speakers) if speakers is not None else old_speakers
    for name, value in fields.items():
        setattr(talk, name, value)
    errors: dict[str, list[str]] = {}
    _check_speakers(talk, chosen, {s.pk for s in old_speakers}, errors)
    try:
        if talk.is_placed and isinstance(talk.duration_minutes, int):
            room, starts_at, ends_at = placed_slot(talk)
            for name, messages in placement_errors(
                talk=talk, room=room, starts_at=starts_at, ends_at=ends_at, speakers=chosen
            ).items():
                errors.setdefault(name, []).extend(messages)
        clean(talk, errors)
    except ValidationError:
        talk.refresh_from_db()
        raise
    with transaction.atomic():
        talk.save()
        talk.speakers.set(chosen)
        record(
            actor=actor,
            action="talk.update",
            obj=talk,
            changes=diff(before, _audit_talk(talk, chosen)),
        )
    return talk


def delete_talk(*, actor: User, talk: Talk) -> None:
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
