"""Recording attendance: one mark (present or absent) per participant and session day."""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

import nonprolif.training.attendance.rules  # noqa: F401  (registers the permissions)
from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.program.models import Program
from nonprolif.training.models import Attendance, Session, SessionParticipant


@dataclass(frozen=True)
class Mark:
    """Whether the official ``official_id`` was present on ``day``."""

    official_id: int
    day: datetime.date
    present: bool


def program_today(program: Program, now: datetime.datetime | None = None) -> datetime.date:
    """Today's date in the program's time zone."""
    return timezone.localtime(now or clock.now(), zoneinfo.ZoneInfo(program.time_zone)).date()


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def day_error(session: Session, day: datetime.date, today: datetime.date) -> str | None:
    """Why attendance cannot be recorded for ``day`` of ``session`` (None when it can)."""
    if day not in session.day_list:
        return _("%(day)s is not a day of this session.") % {"day": _date(day)}
    if day > today:
        return _("%(day)s has not come yet: attendance is recorded on or after the day.") % {
            "day": _date(day)
        }
    return None


def record_attendance(*, actor: User, session: Session, marks: Iterable[Mark]) -> int:
    """Record the ``marks`` of ``session`` (a new mark replaces the day's earlier one).

    Each mark must name an official taking part in the session, one of the session's days
    (``Session.days``: the business days it runs, holidays skipped) and a day that is not
    after today in the program's time zone (attendance of past sessions may be backfilled).
    An official and day may appear once per call.

    Side effects, in one transaction: Attendance rows created or updated (only those whose
    value changes; ``recorded_by``/``recorded_at`` set) and one AuditEntry
    ("attendance.record", on the session, ``{"<official id> <day>": [old, new]}``) when
    anything changed. Returns the number of marks written. PermissionDenied unless the actor
    may record the session's attendance (the coordinator, a user of a partner agency of the
    program); ValidationError naming ``official`` or ``day`` otherwise. Nothing is written
    in those cases.
    """
    require_perm(actor, "training.record_attendance", session)
    marks = list(marks)
    with transaction.atomic():
        current = Session.objects.select_related("program").select_for_update().get(pk=session.pk)
        participants = {
            p.official_id: p
            for p in SessionParticipant.objects.filter(session=current).select_related("official")
        }
        today = program_today(current.program)
        errors: dict[str, list[str]] = {}
        seen: set[tuple[int, datetime.date]] = set()
        for mark in marks:
            participant = participants.get(mark.official_id)
            if participant is None:
                errors.setdefault("official", []).append(
                    _("Official %(id)s does not take part in this session.")
                    % {"id": mark.official_id}
                )
                continue
            problem = day_error(current, mark.day, today)
            if problem:
                errors.setdefault("day", []).append(problem)
            elif (mark.official_id, mark.day) in seen:
                errors.setdefault("day", []).append(
                    _("%(day)s is given twice for %(name)s.")
                    % {"day": _date(mark.day), "name": participant.official.full_name}
                )
            seen.add((mark.official_id, mark.day))
        if errors:
            raise ValidationError(errors)
        existing = {
            (row.participant_id, row.day): row.present
            for row in Attendance.objects.filter(participant__session=current)
        }
        now = clock.now()
        rows = []
        changes = {}
        for mark in marks:
            participant = participants[mark.official_id]
            before = existing.get((participant.pk, mark.day))
            if before is mark.present:
                continue
            row = Attendance(
                participant=participant,
                day=mark.day,
                present=mark.present,
                recorded_by=actor,
                recorded_at=now,
            )
            row.full_clean(validate_unique=False, validate_constraints=False)
            rows.append(row)
            changes[f"{mark.official_id} {mark.day.isoformat()}"] = [before, mark.present]
        if rows:
            Attendance.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["participant", "day"],
                update_fields=["present", "recorded_by", "recorded_at"],
            )
            record(actor=actor, action="attendance.record", obj=current, changes=changes)
    return len(rows)


def mark_all_present(*, actor: User, session: Session, day: datetime.date) -> int:
    """Mark every participant of ``session`` present on ``day`` (the bulk action of the
    attendance sheet). Same rules and side effects as :func:`record_attendance`."""
    require_perm(actor, "training.record_attendance", session)
    problem = day_error(session, day, program_today(session.program))
    if problem:
        raise ValidationError({"day": problem})
    official_ids = SessionParticipant.objects.filter(session=session).values_list(
        "official_id", flat=True
    )
    return record_attendance(
        actor=actor,
        session=session,
        marks=[Mark(official_id=pk, day=day, present=True) for pk in official_ids],
    )
