"""Reads of attendance, completion, certificates and transcripts.

Scoped reads start from ``visible_to(user)`` (rosters: ``roster_visible_to``); the unscoped
helpers are marked as such and serve services once the object is authorised.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import Official
from nonprolif.training import certificate_codes
from nonprolif.training.models import (
    Attendance,
    Certificate,
    ItemSettings,
    Session,
    SessionParticipant,
)
from nonprolif.training.models.attendance import roster_visible_to

DEFAULT_COMPLETION_PERCENT = ItemSettings._meta.get_field("completion_percent").default


def meets_completion(present: int, total: int, percent: int) -> bool:
    """Present on at least ``percent`` % of the ``total`` days (exact integer arithmetic:
    4 of 5 days is 80 %)."""
    return total > 0 and present * 100 >= percent * total


def completion_percents(pairs) -> dict[tuple[int, object], int]:
    """``{(program id, item key): completion percent}`` for the given pairs (the item's
    settings, or the default of 80 % when it has none). One query; not scoped (settings
    of items whose sessions the caller already holds)."""
    pairs = {(program_id, key) for program_id, key in pairs}
    result = dict.fromkeys(pairs, DEFAULT_COMPLETION_PERCENT)
    if not pairs:
        return result
    condition = Q()
    for program_id, key in pairs:
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


def day_counts(participants) -> dict[int, dict[str, int]]:
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


def roster(user, session: Session):
    """The participants of ``session`` whose attendance ``user`` may see, by name."""
    return (
        roster_visible_to(user)
        .filter(session=session)
        .select_related("official__agency")
        .order_by("official__family_names", "official__given_names", "pk")
    )


def attendance_sheet(user, session: Session, today: datetime.date) -> AttendanceSheet:
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


# --------------------------------------------------------------------------- certificates


def certificates_for(user):
    """The certificates ``user`` can see, with their official, agency and program."""
    return Certificate.objects.visible_to(user).select_related(
        "official__agency", "program", "session", "revoked_by", "issued_by"
    )


def get_certificate_for(user, pk) -> Certificate:
    """The certificate ``pk`` if ``user`` can see it; Http404 otherwise."""
    certificate = certificates_for(user).filter(pk=pk).first()
    if certificate is None:
        raise Http404(_("No such certificate."))
    return certificate


@dataclass(frozen=True)
class Verification:
    """What the public verification reveals: the name, the item, the dates and the validity
    (``valid``, ``revoked`` or ``invalid``); nothing else. Same fields whatever the outcome."""

    status: str
    code: str
    name: str = ""
    title_es: str = ""
    title_en: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None

    title = localized_property("title")

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"


def verify_certificate(raw: str) -> Verification:
    """Check a verification code: its shape, its MAC (an altered or forged code fails
    here), then that it was issued. Public by design (no user): it reveals only what
    :class:`Verification` holds."""
    code = certificate_codes.normalize(raw)
    shown = code or (raw or "")[:40]
    if code is None or not certificate_codes.is_authentic(code):
        return Verification(status="invalid", code=shown)
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        return Verification(status="invalid", code=shown)
    return Verification(
        status="valid" if certificate.is_valid else "revoked",
        code=code,
        name=certificate.official_name,
        title_es=certificate.title_es,
        title_en=certificate.title_en,
        start=certificate.start,
        end=certificate.end,
    )


# --------------------------------------------------------------------------- transcripts


def get_transcript_official_for(user, pk) -> Official:
    """The official ``pk`` if ``user`` can see him or is him (his own login); Http404
    otherwise."""
    own = Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    official = (
        Official.objects.filter(Q(pk__in=Official.objects.visible_to(user).values("pk")) | own)
        .select_related("agency")
        .filter(pk=pk)
        .first()
    )
    if official is None:
        raise Http404(_("No such official."))
    return official


@dataclass
class TranscriptEntry:
    participant: SessionParticipant
    present_days: int
    recorded_days: int
    total_days: int
    percent_needed: int
    certificate: Certificate | None = None

    @property
    def session(self) -> Session:
        return self.participant.session

    @property
    def complete(self) -> bool:
        return meets_completion(self.present_days, self.total_days, self.percent_needed)


@dataclass
class Transcript:
    official: Official
    entries: list[TranscriptEntry]
    certificates: list[Certificate] = field(default_factory=list)


def official_transcript(user, official: Official) -> Transcript:
    """The sessions of ``official`` that ``user`` can see, with attendance (days present of
    the session's days), completion and certificate; and every certificate of the official
    that ``user`` can see. A fixed number of queries."""
    participations = list(
        roster_visible_to(user)
        .filter(official=official)
        .select_related("session__program", "session__venue", "session__audience_agency")
        .order_by("session__start", "session__item_number", "pk")
    )
    counts = day_counts([p.pk for p in participations])
    percents = completion_percents(
        (p.session.program_id, p.session.item_key) for p in participations
    )
    certificates = list(certificates_for(user).filter(official=official).order_by("start", "pk"))
    by_session = {c.session_id: c for c in certificates if c.session_id}
    entries = [
        TranscriptEntry(
            participant=p,
            present_days=counts.get(p.pk, {}).get("present", 0),
            recorded_days=counts.get(p.pk, {}).get("recorded", 0),
            total_days=len(p.session.days),
            percent_needed=percents[(p.session.program_id, p.session.item_key)],
            certificate=by_session.get(p.session_id),
        )
        for p in participations
    ]
    return Transcript(official=official, entries=entries, certificates=certificates)
