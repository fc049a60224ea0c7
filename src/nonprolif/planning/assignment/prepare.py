"""The model the flow and the MIP share: a problem in index form, arcs nominee -> session.

:func:`prepare` validates a :class:`~.model.Problem`, leaves out (with a reason) the nominees
who hold a duplicate nomination or have no open session, orders the others by waitlist priority
and lists every (nominee, session) pair open to them with its cost. The flow (``flow.py``), the
MIP (``mip.py``) and the explanation of those left out (``explain.py``) all read this form.
"""

from __future__ import annotations

import math
import numbers
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from .model import (
    ALREADY_COMPLETED,
    DUPLICATE_NOMINATION,
    MISSING_PREREQUISITE,
    NO_ELIGIBLE_SESSION,
    NOT_SENIOR,
    UNAVAILABLE,
    WRONG_AGENCY,
    Nominee,
    Problem,
    Reason,
    Session,
)

_WHY_TEXT = {
    UNAVAILABLE: "unavailable on those dates",
    NOT_SENIOR: "open to senior officials only",
    WRONG_AGENCY: "open to another agency only",
    MISSING_PREREQUISITE: "needs the previous cohort completed",
    ALREADY_COMPLETED: "already completed",
}


@dataclass
class ArcModel:
    """Index-based form of a problem: arcs nominee -> session with their costs."""

    problem: Problem
    sessions: list[Session]
    nominees: list[Nominee]  # candidates only (eligible somewhere), in waitlist priority order
    session_index: dict[str, int]
    arc_nominee: np.ndarray  # per arc: index into nominees
    arc_session: np.ndarray  # per arc: index into sessions
    arc_cost: np.ndarray  # preference + change cost of the arc
    arc_moves: np.ndarray  # 1 if taking this arc moves a currently placed nominee
    quota_of: dict[tuple[str, str], int]  # (item, agency) -> seats
    mix_free: list[int | None]  # per session: people per agency free of mix penalty, None = off
    share_limit: list[int | None]  # per session: max people of one agency, None = no limit
    reasons: dict[str, Reason]  # nominees already out before solving
    shared_officials: bool  # some official holds nominations for several items


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Whether two date ranges (both ends included) share a day."""
    return a_start <= b_end and b_start <= a_end


def _waitlist_key(nominee: Nominee) -> tuple[bool, float, str]:
    at = nominee.nominated_at
    return (at is None, at.timestamp() if at is not None else 0.0, nominee.id)


# Bounds that keep every cost and capacity of the flow exact in 64-bit integers (OR-Tools
# needs the largest cost times the number of nodes to fit): a mix step costs at most
# MAX_COST * MAX_SEATS, times a million nodes.
MAX_SEATS = 1_000_000
MAX_COST = 1_000_000


def _check_int(value: object, field: str, lower: int, upper: int) -> None:
    """``value`` an integer in [lower, upper], or ValueError naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{field}: {value!r} is not a whole number")
    if int(value) < lower:
        raise ValueError(f"{field}: must not be negative" if lower == 0 else f"{field}: too small")
    if int(value) > upper:
        raise ValueError(f"{field}: {value} is more than the maximum {upper}")


def _validate(problem: Problem) -> dict[str, Session]:
    sessions: dict[str, Session] = {}
    for session in problem.sessions:
        if session.id in sessions:
            raise ValueError(f"sessions: duplicate session id {session.id!r}")
        _check_int(session.capacity, f"sessions[{session.id!r}].capacity", 0, MAX_SEATS)
        if session.end < session.start:
            raise ValueError(f"sessions[{session.id!r}].end: before its start")
        if session.min_fill is not None:
            _check_int(session.min_fill, f"sessions[{session.id!r}].min_fill", 0, MAX_SEATS)
        sessions[session.id] = session
    seen: set[str] = set()
    for nominee in problem.nominees:
        if nominee.id in seen:
            raise ValueError(f"nominees: duplicate nominee id {nominee.id!r}")
        seen.add(nominee.id)
        for sid in nominee.preferences:
            if sid not in sessions or sessions[sid].item != nominee.item:
                raise ValueError(
                    f"nominees[{nominee.id!r}].preferences: {sid!r} is not a session of "
                    f"item {nominee.item!r}"
                )
    for quota in problem.quotas:
        field = f"quotas[{quota.item!r}, {quota.agency!r}].seats"
        if isinstance(quota.seats, numbers.Integral) and quota.seats < 0:
            raise ValueError(f"{field}: negative")
        _check_int(quota.seats, field, 0, MAX_SEATS)
    weights = problem.weights
    for k, cost in enumerate(weights.preference_costs):
        _check_int(cost, f"weights.preference_costs[{k}]", 0, MAX_COST)
    _check_int(weights.unlisted_cost, "weights.unlisted_cost", 0, MAX_COST)
    _check_int(weights.mix_penalty, "weights.mix_penalty", 0, MAX_COST)
    _check_int(weights.change_penalty, "weights.change_penalty", 0, MAX_COST)
    share = problem.max_agency_share
    if share is not None and not 0 < share <= 1:
        raise ValueError("max_agency_share: must be in (0, 1]")
    for item, share in problem.item_max_agency_share.items():
        if share is not None and not 0 < share <= 1:
            raise ValueError(f"item_max_agency_share[{item!r}]: must be in (0, 1]")
    target = problem.weights.mix_target_share
    if target is not None and not 0 < target <= 1:
        raise ValueError("weights.mix_target_share: must be in (0, 1]")
    return sessions


# What a session asks of a nominee: the one agency it is open to (None: any), senior officials
# only, its own (item, cohort), the (item, cohort) it needs completed (None: none), its dates.
_SessionRules = tuple[str | None, bool, tuple[str, int], tuple[str, int] | None, date, date]
# The same with the session's index and id in front.
_Rule = tuple[int, str, str | None, bool, tuple[str, int], tuple[str, int] | None, date, date]


def _session_rules(session: Session, first_cohort: int, sequential: bool) -> _SessionRules:
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


def _closed_sessions(nominee: Nominee, rules: list[_Rule]) -> dict[str, str]:
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
class _BulkRules:
    """The rules of one item's sessions as arrays (for nominees without completed cohorts)."""

    ids: list[str]
    agency: list[str | None]
    senior_only: np.ndarray
    needs: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def of(cls, rules: list[_Rule]) -> _BulkRules:
        return cls(
            ids=[r[1] for r in rules],
            agency=[r[2] for r in rules],
            senior_only=np.array([r[3] for r in rules], dtype=bool),
            needs=np.array([r[5] is not None for r in rules], dtype=bool),
            start=np.array([r[6].toordinal() for r in rules], dtype=np.int64),
            end=np.array([r[7].toordinal() for r in rules], dtype=np.int64),
        )


def _closed_in_bulk(nominee: Nominee, rules: _BulkRules) -> dict[str, str]:
    """:func:`_closed_sessions` for a nominee without completed cohorts, as array tests."""
    n = len(rules.ids)
    wrong_agency = np.fromiter(
        (a is not None and a != nominee.agency for a in rules.agency), dtype=bool, count=n
    )
    not_senior = rules.senior_only & (not nominee.senior)
    unavailable = np.zeros(n, dtype=bool)
    for a, b in nominee.unavailable:
        unavailable |= (a.toordinal() <= rules.end) & (rules.start <= b.toordinal())
    # The first rule that closes the session gives its reason (the order of _closed_sessions).
    why = np.select(
        [wrong_agency, not_senior, rules.needs, unavailable],
        [1, 2, 3, 4],
        default=0,
    )
    codes = ("", WRONG_AGENCY, NOT_SENIOR, MISSING_PREREQUISITE, UNAVAILABLE)
    return {rules.ids[k]: codes[w] for k, w in enumerate(why.tolist()) if w}


def _windows(unavailable: tuple[tuple[date, date], ...]) -> list[tuple[int, int]]:
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


def _eligible_arcs(
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
            for lo, hi in _windows(nominee.unavailable):
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


def _arc_costs(
    candidates: list[Nominee],
    arc_nominee: np.ndarray,
    arc_session: np.ndarray,
    session_index: dict[str, int],
    current: Mapping[str, str],
    problem: Problem,
) -> tuple[np.ndarray, np.ndarray]:
    """Per arc: its preference (+ change) cost and whether it moves a nominee placed now."""
    weights = problem.weights
    n_ses = len(session_index)
    n_cand = len(candidates)
    pref_nominee: list[int] = []
    pref_session: list[int] = []
    pref_rank: list[int] = []
    ranked = np.zeros(n_cand, dtype=bool)
    was_in = np.full(n_cand, -1, dtype=np.int64)
    for i, nominee in enumerate(candidates):
        if nominee.preferences:
            ranked[i] = True
            for r, sid in enumerate(nominee.preferences):
                pref_nominee.append(i)
                pref_session.append(session_index[sid])
                pref_rank.append(r)
        placed = current.get(nominee.id)
        if placed is not None:
            was_in[i] = session_index.get(placed, n_ses)
    # A session listed twice counts at its last rank.
    pref_key = np.asarray(pref_nominee, dtype=np.int64) * n_ses + np.asarray(
        pref_session, dtype=np.int64
    )
    ranks = np.asarray(pref_rank, dtype=np.int64)
    backwards = pref_key[::-1]
    unique_keys, first_backwards = np.unique(backwards, return_index=True)
    unique_ranks = ranks[::-1][first_backwards]

    arc_key = arc_nominee.astype(np.int64) * n_ses + arc_session
    at = np.searchsorted(unique_keys, arc_key)
    found = at < len(unique_keys)
    found[found] = unique_keys[at[found]] == arc_key[found]
    rank = np.full(len(arc_key), -1, dtype=np.int64)
    rank[found] = unique_ranks[at[found]]
    pref_costs = np.asarray(weights.preference_costs, dtype=np.int64)
    listed = found & (rank < len(pref_costs))
    cost = np.full(len(arc_key), weights.unlisted_cost, dtype=np.int64)
    cost[listed] = pref_costs[rank[listed]]
    cost[~ranked[arc_nominee]] = 0
    was = was_in[arc_nominee]
    moves = ((was >= 0) & (was != arc_session)).astype(np.int64)
    cost += moves * weights.change_penalty
    return cost, moves


def prepare(problem: Problem, current: Mapping[str, str] | None) -> ArcModel:
    """The index form of ``problem`` (raises ValueError naming the field of bad input);
    ``current`` (nominee id -> session id) is the assignment in force when re-planning."""
    _validate(problem)
    weights = problem.weights
    sessions = sorted(problem.sessions, key=lambda s: (s.item, s.cohort, s.start, s.id))
    session_index = {s.id: i for i, s in enumerate(sessions)}
    by_item: dict[str, list[Session]] = defaultdict(list)
    for s in sessions:
        by_item[s.item].append(s)
    first_cohort = {item: min(s.cohort for s in ss) for item, ss in by_item.items()}
    rules_of = {
        item: [
            (
                session_index[s.id],
                s.id,
                *_session_rules(s, first_cohort[item], item in problem.sequential_items),
            )
            for s in ss
        ]
        for item, ss in by_item.items()
    }
    needs_of: list[tuple[str, int] | None] = [None] * len(sessions)
    for rules in rules_of.values():
        for rule in rules:
            needs_of[rule[0]] = rule[5]

    current = dict(current or {})
    reasons: dict[str, Reason] = {}
    # Waitlist priority: the people currently placed keep precedence, then nomination order.
    ordered = sorted(problem.nominees, key=lambda n: (n.id not in current, *_waitlist_key(n)))
    held: set[tuple[str, str]] = set()
    tentative: list[Nominee] = []
    for nominee in ordered:
        official = nominee.official if nominee.official is not None else nominee.id
        key = (official, nominee.item)
        if key in held:
            reasons[nominee.id] = Reason(
                DUPLICATE_NOMINATION,
                f"Official {official} already holds a nomination for item {nominee.item}.",
            )
            continue
        held.add(key)
        if nominee.item not in rules_of:
            reasons[nominee.id] = Reason(
                NO_ELIGIBLE_SESSION, f"Item {nominee.item} has no sessions.", {}
            )
            continue
        tentative.append(nominee)

    item_code = {item: k for k, item in enumerate(by_item)}
    tails, heads = _eligible_arcs(tentative, sessions, item_code, needs_of)
    # Nominees with no open session are out, with the reason of each closed session.
    bulk_rules: dict[str, _BulkRules] = {}

    def item_rules(item: str) -> _BulkRules:
        if item not in bulk_rules:
            bulk_rules[item] = _BulkRules.of(rules_of[item])
        return bulk_rules[item]

    has_arc = np.zeros(len(tentative), dtype=bool)
    has_arc[tails] = True
    candidates: list[Nominee] = []
    for i in np.flatnonzero(~has_arc).tolist():
        nominee = tentative[i]
        if nominee.completed:
            closed = _closed_sessions(nominee, rules_of[nominee.item])
        else:
            closed = _closed_in_bulk(nominee, item_rules(nominee.item))
        listing = "; ".join(f"{sid}: {_WHY_TEXT[w]}" for sid, w in closed.items())
        reasons[nominee.id] = Reason(
            NO_ELIGIBLE_SESSION,
            f"No session of item {nominee.item} is open to this nominee ({listing}).",
            closed,
        )
    renumber = np.cumsum(has_arc) - 1
    candidates = [tentative[i] for i in np.flatnonzero(has_arc).tolist()]
    tails = renumber[tails]
    costs, moves = _arc_costs(candidates, tails, heads, session_index, current, problem)

    quota_of: dict[tuple[str, str], int] = {}
    for quota in problem.quotas:
        key = (quota.item, quota.agency)
        quota_of[key] = min(quota.seats, quota_of.get(key, quota.seats))

    agencies_per_item: dict[str, set[str]] = defaultdict(set)
    for nominee in problem.nominees:
        agencies_per_item[nominee.item].add(nominee.agency)
    mix_free: list[int | None] = []
    share_limit: list[int | None] = []
    for s in sessions:
        single_agency = s.audience.agency is not None
        target = weights.mix_target_share
        if target is None:
            target = 1 / max(1, len(agencies_per_item[s.item]))
        if single_agency or weights.mix_penalty <= 0:
            mix_free.append(None)
        else:
            mix_free.append(math.floor(target * s.capacity + 1e-9))
        share = problem.item_max_agency_share.get(s.item, problem.max_agency_share)
        if single_agency or share is None:
            share_limit.append(None)
        else:
            share_limit.append(math.floor(share * s.capacity + 1e-9))
    return ArcModel(
        problem=problem,
        sessions=sessions,
        nominees=candidates,
        session_index=session_index,
        arc_nominee=tails.astype(np.int32),
        arc_session=heads.astype(np.int32),
        arc_cost=costs,
        arc_moves=moves,
        quota_of=quota_of,
        mix_free=mix_free,
        share_limit=share_limit,
        reasons=reasons,
        shared_officials=len({official for official, _ in held}) < len(held),
    )


def needs_mip(model: ArcModel) -> bool:
    """Minimum fills and cross-item time conflicts of one official break the flow structure."""
    if any(s.min_fill for s in model.sessions):
        return True
    return bool(conflict_pairs(model))


def conflict_pairs(model: ArcModel) -> list[tuple[int, int]]:
    """Pairs of arcs that would put one official in two overlapping sessions (arc of the
    nominee ahead first), by official, then nominee, then arc."""
    if not model.shared_officials:
        return []
    first_of: dict[str, int] = {}
    official = np.empty(len(model.nominees), dtype=np.int64)
    for i, one in enumerate(model.nominees):
        official[i] = first_of.setdefault(one.official_id, i)
    several = np.bincount(official, minlength=len(model.nominees))[official] > 1
    arcs = np.flatnonzero(several[model.arc_nominee])
    if len(arcs) == 0:
        return []
    nominee = model.arc_nominee[arcs].astype(np.int64)
    start = np.fromiter((s.start.toordinal() for s in model.sessions), dtype=np.int64)
    end = np.fromiter((s.end.toordinal() for s in model.sessions), dtype=np.int64)
    # Arcs grouped by official; every pair of arcs within a group.
    order = np.lexsort((arcs, official[nominee]))
    arcs, nominee = arcs[order], nominee[order]
    group = official[nominee]
    bounds = np.flatnonzero(np.r_[True, group[1:] != group[:-1], True])
    size = np.diff(bounds)
    per_arc = np.repeat(size, size)
    first = np.repeat(bounds[:-1], size)
    left = np.repeat(np.arange(len(arcs)), per_arc)
    right = np.repeat(first, per_arc) + (
        np.arange(int(per_arc.sum())) - np.repeat(np.cumsum(per_arc) - per_arc, per_arc)
    )
    keep = nominee[left] < nominee[right]
    left, right = left[keep], right[keep]
    sa = model.arc_session[arcs[left]]
    sb = model.arc_session[arcs[right]]
    keep = (start[sa] <= end[sb]) & (start[sb] <= end[sa])
    a, b = arcs[left[keep]], arcs[right[keep]]
    order = np.lexsort(
        (b, a, model.arc_nominee[b], model.arc_nominee[a], official[model.arc_nominee[a]])
    )
    return list(zip(a[order].tolist(), b[order].tolist(), strict=True))
