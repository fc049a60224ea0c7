"""Recording and editing the program's coordination meetings."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import Agency, Official, User
from nonprolif.events.models import DatePrecision, Meeting
from nonprolif.program.models import Program
from nonprolif.program.queries import program_agencies

MEETING_FIELDS = {
    "title_es",
    "title_en",
    "date",
    "date_precision",
    "place",
    "summary_es",
    "summary_en",
}


def _normalise_date(meeting: Meeting) -> None:
    """A date known only to the month (or year) is kept as its first day."""
    if meeting.date is None or not hasattr(meeting.date, "replace"):
        return
    if meeting.date_precision == DatePrecision.MONTH:
        meeting.date = meeting.date.replace(day=1)
    elif meeting.date_precision == DatePrecision.YEAR:
        meeting.date = meeting.date.replace(month=1, day=1)


def _validate(meeting: Meeting, agencies: Sequence[Agency], officials: Sequence[Official]) -> None:
    errors: dict[str, list[str]] = {}
    try:
        meeting.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    allowed = {agency.pk for agency in program_agencies(meeting.program)}
    if not agencies:
        errors.setdefault("agencies", []).append(_("Name at least one participating agency."))
    else:
        outside = sorted(a.code for a in agencies if a.pk not in allowed)
        if outside:
            errors.setdefault("agencies", []).append(
                _("Not an agency of the program: %(codes)s.") % {"codes": ", ".join(outside)}
            )
    participating = {agency.pk for agency in agencies}
    strays = [o for o in officials if o.agency_id not in participating]
    if strays:
        errors.setdefault("officials", []).append(
            _("These officials do not belong to a participating agency: %(names)s.")
            % {"names": ", ".join(o.full_name for o in strays)}
        )
    if errors:
        raise ValidationError(errors)


def _audit_values(
    meeting: Meeting, agencies: Iterable[Agency], officials: Iterable[Official]
) -> dict[str, Any]:
    values = snapshot(meeting)
    values["agencies"] = sorted(a.code for a in agencies)
    values["officials"] = sorted(o.pk for o in officials)
    return values


def create_meeting(
    *,
    actor: User,
    program: Program,
    agencies: Iterable[Agency],
    officials: Iterable[Official] = (),
    **fields: Any,
) -> Meeting:
    """Record a meeting of the program.

    ``fields``: title_es, title_en, date, date_precision, place, summary_es, summary_en.
    ``agencies``: the participating agencies (at least one, all of the program);
    ``officials``: participating officials, each of a participating agency. A date known
    only to the month or year is stored as the first day of that month or year.

    Side effects: one Meeting row, its agency and official links, one audit entry
    ("meeting.create"). PermissionDenied unless the actor may add meetings (coordinators);
    ValidationError naming the field on bad input. Nothing is written in those cases.
    """
    if set(fields) - MEETING_FIELDS:
        raise TypeError(f"unexpected fields: {sorted(set(fields) - MEETING_FIELDS)}")
    require_perm(actor, "events.add_meeting", program)
    agency_list, official_list = list(agencies), list(officials)
    meeting = Meeting(program=program, **fields)
    _normalise_date(meeting)
    _validate(meeting, agency_list, official_list)
    with transaction.atomic():
        meeting.save()
        meeting.agencies.set(agency_list)
        meeting.officials.set(official_list)
        record(
            actor=actor,
            action="meeting.create",
            obj=meeting,
            changes=diff({}, _audit_values(meeting, agency_list, official_list)),
        )
    return meeting


def update_meeting(
    *,
    actor: User,
    meeting: Meeting,
    agencies: Iterable[Agency] | None = None,
    officials: Iterable[Official] | None = None,
    **fields: Any,
) -> Meeting:
    """Change a meeting; ``agencies`` and ``officials``, when given, replace the
    participants.

    Side effects: the Meeting row and its links are updated, one audit entry
    ("meeting.update") holds the changes. PermissionDenied unless the actor may change the
    meeting; ValidationError naming the field on bad input. Nothing is written then.
    """
    if set(fields) - MEETING_FIELDS:
        raise TypeError(f"unexpected fields: {sorted(set(fields) - MEETING_FIELDS)}")
    require_perm(actor, "events.change_meeting", meeting)
    old_agencies = list(meeting.agencies.all())
    old_officials = list(meeting.officials.all())
    before = _audit_values(meeting, old_agencies, old_officials)
    agency_list = list(agencies) if agencies is not None else old_agencies
    official_list = list(officials) if officials is not None else old_officials
    for name, value in fields.items():
        setattr(meeting, name, value)
    _normalise_date(meeting)
    try:
        _validate(meeting, agency_list, official_list)
    except ValidationError:
        meeting.refresh_from_db()
        raise
    with transaction.atomic():
        meeting.save()
        meeting.agencies.set(agency_list)
        meeting.officials.set(official_list)
        record(
            actor=actor,
            action="meeting.update",
            obj=meeting,
            changes=diff(before, _audit_values(meeting, agency_list, official_list)),
        )
    return meeting
