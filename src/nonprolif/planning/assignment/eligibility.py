"""Which sessions are open to a nominee, and why the others are closed.

The rules a session sets (agency, seniority, the cohort it needs completed, its dates), checked
one nominee at a time for the reasons of those left out, and for every (nominee, session) pair
in bulk (numpy) for the arcs of the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .model import (
    ALREADY_COMPLETED,
    MISSING_PREREQUISITE,
    NOT_SENIOR,
    UNAVAILABLE,
    WRONG_AGENCY,
    Nominee,
    Session,
)

WHY_TEXT = {
    UNAVAILABLE: "unavailable on those dates",
    NOT_SENIOR: "open to senior officials only",
    WRONG_AGENCY: "open to another agency only",
    MISSING_PREREQUISITE: "needs the previous cohort completed",
    ALREADY_COMPLETED: "already completed",
}


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Whether two date ranges (both ends included) share a day."""
    return a_start <= b_end and b_start <= a_end


# What a session asks of a nominee: the one agency it is open to (None: any), senior officials
# only, its own (item, cohort), the (item, cohort) it needs completed (None: none), its dates.
SessionRules = tuple[str | None, bool, tuple[str, int], tuple[str, int] | None, date, date]
# The same with the session's index and id in front.
Rule = tuple[int, str, str | None, bool, tuple[str, int], tuple[str, int] | None, date, date]


def session_rules(session: Session, first_cohort: int, sequential: bool) -> SessionRules:
    """What a nominee must satisfy for ``session``, precomputed for the eligibility loop."""
    needs = (session.item, session.cohort - 1)
    return (
        session.audience.agency,
        session.audience.senior_only,
        (session.item, session.cohort),
        needs if sequential and session.cohort > first_cohort else None,
        session.start,
        session.end,
    )


def closed_sessions(nominee: Nominee, rules: list[Rule]) -> dict[str, str]:
    """Why each session of the item is closed to ``nominee`` (only for the nominees with no
    open session: their reason lists every session)."""
    agency = nominee.agency
    completed = nominee.completed
    unavailable = nominee.unavailable
    closed: dict[str, str] = {}
    for _s_index, sid, only_agency, senior_only, this, needs, start, end in rules:
        if only_agency is not None and only_agency != agency:
            closed[sid] = WRONG_AGENCY
        elif senior_only and not nominee.senior:
            closed[sid] = NOT_SENIOR
        elif completed and this in completed:
            closed[sid] = ALREADY_COMPLETED
        elif needs is not None and needs not in completed:
            closed[sid] = MISSING_PREREQUISITE
        elif unavailable and any(a <= end and start <= b for a, b in unavailable):
            closed[sid] = UNAVAILABLE
    return closed


@dataclass
class BulkRules:
    """The rules of one item's sessions as arrays (for nominees without completed cohorts)."""

    ids: list[str]
    agency: list[str | None]
    senior_only: np.ndarray
    needs: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, rules: list[Rule]) -> BulkRules:
        return cls(
            ids=[r[1] for r in rules],
            agency=[r[2] for r in rules],
            senior_only=np.array([r[3] for r in rules], dtype=bool),
            needs=np.array([r[5] is not None for r in rules], dtype=bool),
            start=np.array([r[6].toordinal() for r in rules], dtype=np.int64),
            end=np.array([r[7].toordinal() for r in rules], dtype=np.int64),
        )


def closed_in_bulk(nominee: Nominee, rules: BulkRules) -> dict[str, str]:
    """:func:`closed_sessions` for a nominee without completed cohorts, as array tests."""
    n = len(rules.ids)
    wrong_agency = np.fromiter(
        (a is not None and a != nominee.agency for a in rules.agency), dtype=bool, count=n
    )
    not_senior = rules.senior_only & (not nominee.senior)
    unavailable = np.zeros(n, dtype=bool)
    for a, b in nominee.unavailable:
        unavailable |= (a.toordinal() <= rules.end) & (rules.start <= b.toordinal())
    # The first rule that closes the session gives its reason (the order of closed_sessions).
    why = np.select(
        [wrong_agency, not_senior, rules.needs, unavailable],
        [1, 2, 3, 4],
        default=0,
    )
    codes = ("", WRONG_AGENCY, NOT_SENIOR, MISSING_PREREQUISITE, UNAVAILABLE)
    return {rules.ids[k]: codes[w] for k, w in enumerate(why.tolist()) if w}


def open_windows(unavailable: tuple[tuple[date, date], ...]) -> list[tuple[int, int]]:
    """The maximal periods (day ordinals, both ends included) outside every unavailable one:
    a session is open to the nominee (as to dates) exactly when it lies within one of them."""
    lo, hi = date.min.toordinal(), date.max.toordinal()
    blocked = sorted((a.toordinal(), b.toordinal()) for a, b in unavailable if a <= b)
    windows = []
    cursor = lo
    for a, b in blocked:
        if a > cursor:
            windows.append((cursor, a - 1))
        cursor = max(cursor, b + 1)
    if cursor <= hi:
        windows.append((cursor, hi))
    return windows


def eligible_arcs(
    candidates: list[Nominee],
    sessions: list[Session],
    item_code: dict[str, int],
    needs_of: list[tuple[str, int] | None],
) -> tuple[np.ndarray, np.ndarray]:
    """Every (candidate, session) pair open to the candidate, in bulk: sorted by candidate,
    then session index. Work grows with the pairs that share dates, not with nominees times
    sessions: per availability window, the sessions of the item starting in it (a binary
    search in the sessions by start), then the audience rules as array tests."""
    n_ses = len(sessions)
    s_item = np.fromiter((item_code[s.item] for s in sessions), dtype=np.int64, count=n_ses)
    s_start = np.fromiter((s.start.toordinal() for s in sessions), dtype=np.int64, count=n_ses)
    s_end = np.fromiter((s.end.toordinal() for s in sessions), dtype=np.int64, count=n_ses)
    agency_code: dict[str, int] = {}
    for s in sessions:
        if s.audience.agency is not None:
            agency_code.setdefault(s.audience.agency, len(agency_code))
    s_agency = np.fromiter(
        (agency_code[s.audience.agency] if s.audience.agency is not None else -1 for s in sessions),
        dtype=np.int64,
        count=n_ses,
    )
    s_senior = np.fromiter((s.audience.senior_only for s in sessions), dtype=bool, count=n_ses)
    s_needs = np.fromiter((n is not None for n in needs_of), dtype=bool, count=n_ses)

    # Sessions by (item, start): each item's sessions in start order, one searchable key.
    span = date.max.toordinal() + 2
    order = np.lexsort((np.arange(n_ses), s_start, s_item))
    keys = s_item[order] * span + s_start[order]

    w_nominee: list[int] = []
    w_lo: list[int] = []
    w_hi: list[int] = []
    n_item = np.empty(len(candidates), dtype=np.int64)
    for i, nominee in enumerate(candidates):
        n_item[i] = item_code[nominee.item]
        if nominee.unavailable:
            for lo, hi in open_windows(nominee.unavailable):
                w_nominee.append(i)
                w_lo.append(lo)
                w_hi.append(hi)
        else:
            w_nominee.append(i)
            w_lo.append(0)
            w_hi.append(span - 2)
    wn = np.asarray(w_nominee, dtype=np.int64)
    wlo = np.asarray(w_lo, dtype=np.int64)
    whi = np.asarray(w_hi, dtype=np.int64)
    base = n_item[wn] * span
    first = np.searchsorted(keys, base + wlo, side="left")
    last = np.searchsorted(keys, base + whi, side="right")
    counts = last - first
    total = int(counts.sum())
    window = np.repeat(np.arange(len(wn)), counts)
    offsets = np.cumsum(counts) - counts
    arc_session = order[np.arange(total) - np.repeat(offsets, counts) + np.repeat(first, counts)]
    arc_nominee = wn[window]
    keep = s_end[arc_session] <= whi[window]

    agencies = np.fromiter(
        (agency_code.get(n.agency, -2) for n in candidates), dtype=np.int64, count=len(candidates)
    )
    senior = np.fromiter((n.senior for n in candidates), dtype=bool, count=len(candidates))
    only = s_agency[arc_session]
    keep &= (only < 0) | (only == agencies[arc_nominee])
    keep &= ~s_senior[arc_session] | senior[arc_nominee]
    with_completed = np.fromiter(
        (bool(n.completed) for n in candidates), dtype=bool, count=len(candidates)
    )
    # Without completed cohorts, a session that needs the previous cohort is closed; with some
    # (few nominees), the rules are checked one arc at a time.
    keep &= ~s_needs[arc_session] | with_completed[arc_nominee]
    check = np.flatnonzero(keep & with_completed[arc_nominee])
    for a, n, s in zip(
        check.tolist(), arc_nominee[check].tolist(), arc_session[check].tolist(), strict=True
    ):
        completed = candidates[n].completed
        session = sessions[s]
        needs = needs_of[s]
        if (session.item, session.cohort) in completed or (
            needs is not None and needs not in completed
        ):
            keep[a] = False
    arc_nominee = arc_nominee[keep]
    arc_session = arc_session[keep]
    arc_order = np.lexsort((arc_session, arc_nominee))
    return arc_nominee[arc_order], arc_session[arc_order]
