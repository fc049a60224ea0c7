"""The plain data a status report is written from.

``reports.queries`` reads these from the database as one user sees the program (every
figure starts from ``visible_to`` or a selector); ``reports.compose`` writes the cable from
them without touching the database. Texts people typed (titles, names) are already in the
report's language; counts are already tallied.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgramFacts:
    code: str
    name: str  # in the report's language
    country: str  # ISO code, as typed
    sender: str  # the lead agency's short name
    to: list[str]  # the partners' top-level agencies, short names, by partner code
    info: list[str]  # member agencies other than the lead, then partners not addressed


@dataclass(frozen=True)
class Author:
    """Who generates the report."""

    name: str
    surname: str
    position: str  # the official's position ("" when none, or no official)
    is_official: bool  # the login is linked to an official
    is_coordinator: bool


@dataclass(frozen=True)
class TrainingRow:
    code: str  # agency code
    agency: str  # short name
    counts: dict[str, int]  # stage → distinct officials: nominated … certified
    seats: int | None  # the agency's quota (None: none set)


@dataclass(frozen=True)
class TrainingFacts:
    rows: list[TrainingRow]
    totals: dict[str, int]
    target: int | None
    seats_total: int | None


@dataclass(frozen=True)
class ProposalItemFacts:
    number: int
    title: str
    status: str  # an ItemStatus value
    decided_on: datetime.date | None  # the current decision's date in the program's zone


@dataclass(frozen=True)
class ProposalFacts:
    id: int
    title: str
    version: int
    status: str  # a ProposalStatus value
    agency: str  # the submitting agency's short name
    submitted_on: datetime.date
    items: list[ProposalItemFacts]  # by number
    accepted: int  # accepted or amended
    amended: int
    rejected: int
    awaiting: int


@dataclass(frozen=True)
class UpcomingSession:
    id: int
    start: datetime.date
    end: datetime.date
    item_number: int
    title: str
    audience: str  # "Cohort 2", "Senior officials: AAA"
    venue: str | None
    participants: int
    capacity: int


@dataclass(frozen=True)
class SessionFacts:
    held_before: int  # sessions ended before the report's date
    scheduled_after: int  # sessions starting on or after it
    upcoming: list[UpcomingSession]  # the first few of those, in date order


@dataclass(frozen=True)
class AgencyRegistrations:
    code: str
    agency: str  # short name
    counts: dict[str, int]  # every RegistrationStatus value, in its order → registrations


@dataclass(frozen=True)
class ConferenceFacts:
    id: int
    title: str
    city: str
    start_date: datetime.date
    end_date: datetime.date
    host: str  # the host agency's short name
    speakers: dict[str, int]  # proposed, accepted, confirmed, declined, awaiting_answer
    registrations: list[AgencyRegistrations]  # by agency code
    release: int | None  # the latest schedule release's version

    @property
    def registrations_total(self) -> int:
        return sum(sum(row.counts.values()) for row in self.registrations)

    @property
    def registrations_approved(self) -> int:
        return sum(row.counts.get("approved", 0) for row in self.registrations)


@dataclass(frozen=True)
class OverdueItem:
    id: int
    title: str
    owner_code: str
    owner: str  # the owner agency's short name
    owner_official: str | None  # the owner official's name when the user may see him
    due_date: datetime.date
    days: int  # days overdue on the report's date
    status: str  # an ActionItemStatus value


@dataclass(frozen=True)
class MatrixTally:
    """The statuses of a group of the 1540 matrix's rows."""

    key: str  # "1", "2", "3" (the operative paragraph) or "total"
    rows: int
    x: int  # in place
    unclear: int  # ?
    na: int  # not applicable
    blank: int  # not yet assessed

    @property
    def applicable(self) -> int:
        return self.rows - self.na


@dataclass(frozen=True)
class MatrixFacts:
    """The program's 1540 matrix, when the reader may see it and it has been started."""

    paragraphs: list[MatrixTally]  # operative paragraphs 1-3
    total: MatrixTally
    open_items: int  # national action plan items not done nor cancelled
    overdue_items: int  # of those, due before the report's date


@dataclass(frozen=True)
class CableFacts:
    """Everything a report says, as of one date and as one user sees it."""

    as_of: datetime.date
    program: ProgramFacts
    author: Author
    signature: str  # the configured signature, else the author's surname
    training: TrainingFacts
    proposals: list[ProposalFacts]  # the current version of each, by agency code
    sessions: SessionFacts
    conferences: list[ConferenceFacts]  # by start date
    overdue: list[OverdueItem]  # most overdue first
    matrix: MatrixFacts | None = None  # None: not visible to the reader, or not started
