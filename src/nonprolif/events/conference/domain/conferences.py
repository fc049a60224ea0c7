"""Writes of conferences: create one for a program, change its details, days and hours."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.conference.queries import placed_slot
from nonprolif.events.models import CONFERENCE_FIELDS, Conference, Talk
from nonprolif.program.models import Program
from nonprolif.program.queries import program_agencies

from ._common import clean, reject_unknown
from .timetable import placement_errors


def _check_host(conference: Conference, errors: dict[str, list[str]]) -> None:
    if conference.host_agency_id and conference.program_id:
        allowed = {agency.pk for agency in program_agencies(conference.program)}
        if conference.host_agency_id not in allowed:
            errors.setdefault("host_agency", []).append(
                _("The host must be an agency of the program.")
            )


def create_conference(*, actor: User, program: Program, **fields: Any) -> Conference:
    """Create a conference of ``program``.

    ``fields``: the ``CONFERENCE_FIELDS``: acronym, title_es, title_en, description_es,
    description_en, city, venue, host_agency (an agency of the program), start_date,
    end_date (inclusive), time_zone (empty: the program's, which is then stored), day_start,
    day_end.

    Side effects: one Conference row and one audit entry ("conference.create").
    PermissionDenied unless the actor may add conferences to the program (coordinators);
    ValidationError naming the field on bad input. Nothing is written in those cases.
    """
    reject_unknown(fields, CONFERENCE_FIELDS)
    require_perm(actor, "events.add_conference", program)
    conference = Conference(program=program, **fields)
    if not conference.time_zone:
        conference.time_zone = program.time_zone
    errors: dict[str, list[str]] = {}
    _check_host(conference, errors)
    clean(conference, errors)
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
    messages: list[str] = []
    for talk in (
        Talk.objects.placed()
        .filter(conference=conference)
        .select_related("room")
        .order_by("starts_at", "pk")
    ):
        talk.conference = conference
        room, starts_at, ends_at = placed_slot(talk)
        problems = placement_errors(
            talk=talk, room=room, starts_at=starts_at, ends_at=ends_at, speakers=[]
        )
        for name in ("starts_at", "ends_at"):
            messages.extend(problems.get(name, []))
    return messages


def update_conference(*, actor: User, conference: Conference, **fields: Any) -> Conference:
    """Change a conference. Its days and daily hours must still hold every placed talk:
    otherwise the error names the talks to move first.

    Side effects: the Conference row and one audit entry ("conference.update") with the
    changes. PermissionDenied unless the actor may change it; ValidationError naming the
    field on bad input; nothing is written then.
    """
    reject_unknown(fields, CONFERENCE_FIELDS)
    require_perm(actor, "events.change_conference", conference)
    before = snapshot(conference)
    for name, value in fields.items():
        setattr(conference, name, value)
    if not conference.time_zone:
        conference.time_zone = conference.program.time_zone
    errors: dict[str, list[str]] = {}
    _check_host(conference, errors)
    try:
        clean(conference, errors)
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
