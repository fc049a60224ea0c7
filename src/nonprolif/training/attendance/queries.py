"""Reads of attendance and completion: the attendance sheet, and who completed a session.

Scoped reads start from ``visible_to(user)`` (rosters: ``roster_visible_to``); the unscoped
helpers are marked as such and serve services once the object is authorised.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nonprolif.core.models import Official, User
from nonprolif.training.models import (
    Attendance,
    Certificate,
    ItemSettings,
    Session,
    SessionParticipant,
)
from nonprolif.training.models.attendance import roster_visible_to

DEFAULT_COMPLETION_PERCENT: int = ItemSettings._meta.get_field("completion_percent").default


def meets_completion(present: int, total: int, percent: int) -> bool:
    """Present on at least ``percent`` % of the ``total`` days (exact integer arithmetic:
    4 of 5 days is 80 %)."""
    return total > 0 and present * 100 >= percent * total


def completion_percents(
    pairs: Iterable[tuple[int, uuid.UUID]],
) -> dict[tuple[int, uuid.UUID], int]:
    """``{(program id, item key): completion percent}`` for the given pairs (the item's
    settings, or the default of 80 % when it has none). One query; not scoped (settings
    of items whose sessions the caller already holds)."""
    wanted = set(pairs)
    result = dict.fromkeys(wanted, DEFAULT_COMPLETION_PERCENT)
    if not wanted:
        return result
    condition = Q()
    for program_id, key in wanted:
        condition |= Q(program_id=program_id, item_key=key)
    for program_id, key, percent in ItemSettings.objects.filter(condition).values_list(
        "program_id", "item_key", "completion_percent"
    ):
        result[(program_id, key)] = percent
    return result


def completion_percent(session: Session) -> int:
    return completion_percents([(session.program_id, session.item_key)])[
        (session.program_id, session.item_key)
    ]


def day_counts(participants: Iterable[int]) -> dict[int, dict[str, int]]:
    """``{participant id: {"present": n, "recorded": m}}``, counting only the marks on days
    the participant's session runs now (a confirmed move may leave marks on old days). One
    query."""
    rows = Attendance.objects.filter(participant__in=participants).values_list(
        "participant_id", "day", "present", "participant__session__days"
    )
    counts: dict[int, dict[str, int]] = {}
    for participant_id, day, present, days in rows.order_by():
        if day.isoformat() not in days:
            continue
        entry = counts.setdefault(participant_id, {"present": 0, "recorded": 0})
        entry["recorded"] += 1
        entry["present"] += int(present)
    return counts


@dataclass(frozen=True)
class Completion:
    participant: SessionParticipant
    present_days: int
    total_days: int
    percent_needed: int

    @property
    def complete(self) -> bool:
        return meets_completion(self.present_days, self.total_days, self.percent_needed)


def session_completions(session: Session) -> list[Completion]:
    """Every participant of ``session`` with his days present and whether he completed it.
    NOT scoped: for the certificate service, once the session is authorised."""
    participants = list(
        SessionParticipant.objects.filter(session=session).select_related("official")
    )
    counts = day_counts([p.pk for p in participants])
    percent = completion_percent(session)
    total = len(session.days)
    return [
        Completion(
            participant=p,
            present_days=counts.get(p.pk, {}).get("present", 0),
            total_days=total,
            percent_needed=percent,
        )
        for p in participants
    ]


# --------------------------------------------------------------------------- the sheet


@dataclass
class SheetDay:
    day: datetime.date
    editable: bool  # not after today in the program's time zone
    present_count: int = 0


@dataclass
class SheetCell:
    day: datetime.date
    present: bool | None  # None: not recorded
    editable: bool


@dataclass
class SheetRow:
    participant: SessionParticipant
    cells: list[SheetCell]
    present_days: int
    total_days: int
    percent_needed: int
    certificate: Certificate | None = None

    @property
    def official(self) -> Official:
        return self.participant.official

    @property
    def complete(self) -> bool:
        return meets_completion(self.present_days, self.total_days, self.percent_needed)

    @property
    def percent(self) -> int:
        return round(100 * self.present_days / self.total_days) if self.total_days else 0


@dataclass
class AttendanceSheet:
    session: Session
    days: list[SheetDay]
    rows: list[SheetRow]
    percent_needed: int
    today: datetime.date

    @property
    def has_editable_days(self) -> bool:
        return any(day.editable for day in self.days)

    @property
    def completed(self) -> int:
        return sum(1 for row in self.rows if row.complete)


def roster(user: User, session: Session) -> QuerySet[SessionParticipant]:
    """The participants of ``session`` whose attendance ``user`` may see, by name."""
    return (
        roster_visible_to(user)
        .filter(session=session)
        .select_related("official__agency")
        .order_by("official__family_names", "official__given_names", "pk")
    )


def attendance_sheet(user: User, session: Session, today: datetime.date) -> AttendanceSheet:
    """The day-by-participant grid of ``session`` as ``user`` sees it (a fixed number of
    queries whatever the number of participants). ``today`` is the program's today."""
    participants = list(roster(user, session))
    marks: dict[tuple[int, datetime.date], bool] = {
        (participant_id, day): present
        for participant_id, day, present in Attendance.objects.visible_to(user)
        .filter(participant__session=session)
        .values_list("participant_id", "day", "present")
    }
    certificates = {
        c.official_id: c for c in Certificate.objects.visible_to(user).filter(session=session)
    }
    percent = completion_percent(session)
    days = [SheetDay(day=day, editable=day <= today) for day in session.day_list]
    rows = []
    for participant in participants:
        cells = []
        for column in days:
            present = marks.get((participant.pk, column.day))
            if present:
                column.present_count += 1
            cells.append(SheetCell(day=column.day, present=present, editable=column.editable))
        rows.append(
            SheetRow(
                participant=participant,
                cells=cells,
                present_days=sum(1 for cell in cells if cell.present),
                total_days=len(days),
                percent_needed=percent,
                certificate=certificates.get(participant.official_id),
            )
        )
    return AttendanceSheet(
        session=session, days=days, rows=rows, percent_needed=percent, today=today
    )
