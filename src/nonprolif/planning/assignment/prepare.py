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

import numpy as np

from .eligibility import (
    WHY_TEXT,
    BulkRules,
    closed_in_bulk,
    closed_sessions,
    eligible_arcs,
    session_rules,
)
from .model import (
    DUPLICATE_NOMINATION,
    NO_ELIGIBLE_SESSION,
    Nominee,
    Problem,
    Reason,
    Session,
)


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
                *session_rules(s, first_cohort[item], item in problem.sequential_items),
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
    tails, heads = eligible_arcs(tentative, sessions, item_code, needs_of)
    # Nominees with no open session are out, with the reason of each closed session.
    bulk_rules: dict[str, BulkRules] = {}

    def item_rules(item: str) -> BulkRules:
        if item not in bulk_rules:
            bulk_rules[item] = BulkRules.of(rules_of[item])
        return bulk_rules[item]

    has_arc = np.zeros(len(tentative), dtype=bool)
    has_arc[tails] = True
    candidates: list[Nominee] = []
    for i in np.flatnonzero(~has_arc).tolist():
        nominee = tentative[i]
        if nominee.completed:
            closed = closed_sessions(nominee, rules_of[nominee.item])
        else:
            closed = closed_in_bulk(nominee, item_rules(nominee.item))
        listing = "; ".join(f"{sid}: {WHY_TEXT[w]}" for sid, w in closed.items())
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
