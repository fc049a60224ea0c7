"""The assignment problem and its answer, as plain frozen dataclasses (no solver here).

The Django side builds a :class:`Problem` from nominations and sessions, the solver returns an
:class:`Assignment`; every nominee left out has a :class:`Reason` with one of the codes below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

# Reason codes for nominees left out.
NO_ELIGIBLE_SESSION = "no_eligible_session"
DUPLICATE_NOMINATION = "duplicate_nomination"
QUOTA_FULL = "quota_full"
SEATS_USED_BY_OTHERS = "seats_used_by_others"
AGENCY_SHARE_FULL = "agency_share_full"
SESSION_NOT_RUNNING = "session_not_running"
SCHEDULE_CONFLICT = "schedule_conflict"
WITHDRAWN = "withdrawn"
NOT_REACHED = "not_reached"

# Why one session is closed to one nominee (details of NO_ELIGIBLE_SESSION).
UNAVAILABLE = "unavailable"
NOT_SENIOR = "not_senior"
WRONG_AGENCY = "wrong_agency"
MISSING_PREREQUISITE = "missing_prerequisite"
ALREADY_COMPLETED = "already_completed"


@dataclass(frozen=True)
class Audience:
    """Who may attend a session: anyone, senior officials only, one agency only, or both."""

    senior_only: bool = False
    agency: str | None = None


EVERYONE = Audience()


def senior_of(agency: str) -> Audience:
    """The audience of a specialised session for the senior officials of one agency."""
    return Audience(senior_only=True, agency=agency)


@dataclass(frozen=True)
class Session:
    id: str
    item: str
    cohort: int
    capacity: int
    start: date
    end: date
    audience: Audience = EVERYONE
    min_fill: int | None = None


@dataclass(frozen=True)
class Nominee:
    """One official nominated for one item."""

    id: str
    agency: str
    item: str
    senior: bool = False
    unavailable: tuple[tuple[date, date], ...] = ()
    preferences: tuple[str, ...] = ()  # session ids, best first
    completed: frozenset[tuple[str, int]] = frozenset()  # (item, cohort) already completed
    nominated_at: datetime | None = None  # waitlist order; None waits behind every dated one
    official: str | None = None  # defaults to id; the same official may hold several nominations

    @property
    def official_id(self) -> str:
        return self.official if self.official is not None else self.id


@dataclass(frozen=True)
class Quota:
    """At most ``seats`` nominees of ``agency`` are placed in ``item``."""

    item: str
    agency: str
    seats: int


@dataclass(frozen=True)
class Weights:
    """Soft-cost weights (integers: the flow solver is exact on integers)."""

    preference_costs: tuple[int, ...] = (0, 2, 5, 9)  # by rank; 1st choice costs the first
    unlisted_cost: int = 15  # a session the nominee did not list (only if they listed some)
    mix_target_share: float | None = None  # None: 1 / number of agencies nominated to the item
    mix_penalty: int = 3  # k-th person of an agency above the target costs k * mix_penalty
    change_penalty: int = 20  # per person moved from the current assignment when re-planning


@dataclass(frozen=True)
class Problem:
    sessions: tuple[Session, ...]
    nominees: tuple[Nominee, ...]
    quotas: tuple[Quota, ...] = ()
    max_agency_share: float | None = None  # at most this share of a session from one agency
    # Per item: overrides ``max_agency_share`` for the sessions of that item (None: no limit).
    item_max_agency_share: Mapping[str, float | None] = field(default_factory=dict)
    sequential_items: frozenset[str] = frozenset()  # cohort k+1 needs cohort k completed
    weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Assignment:
    placements: Mapping[str, str]  # nominee id -> session id
    objective: Mapping[str, int]  # assigned, priority, preference, mix, changes, total, ...
    unassigned: Mapping[str, Reason]
    waitlist: tuple[str, ...]  # nominees left out who could take a seat, in waitlist order
    method: str  # "flow", "flow+mip", "mip" or "given"
    optimal: bool
    moved: tuple[str, ...] = ()  # re-plan: nominees whose session changed
    promoted: tuple[str, ...] = ()  # re-plan: nominees placed who were not placed before
