"""Optimal assignment of nominated officials to the cohorts (sessions) of training items.

Pure Python (no Django): plain frozen dataclasses in, plain frozen dataclasses out. The Django
side converts nominations and sessions to these and writes the result back.

The model
---------
Hard rules: a session holds at most its capacity; a nomination is placed at most once (one
nomination is one official for one item, so an official sits at most once per item; a second
nomination of the same official for the same item is left out as a duplicate); nobody is placed
in a session overlapping one of their unavailable periods; a session's audience (senior officials
only, one agency only) is respected; in a *sequential* item, cohort k+1 needs cohort k completed;
per (item, agency) quotas; optionally a maximum share of one agency in a session; optionally a
minimum fill (a session runs with at least ``min_fill`` participants or not at all); an official
nominated for several items is never placed in two sessions that overlap in time.

The objective is lexicographic:

1. place as many nominees as possible;
2. among those, seats go by waitlist order (earliest nomination first; when re-planning, the
   people already placed come first, so nobody placed loses a seat to someone waiting): the sum of
   the waitlist positions of the placed nominees is minimised;
3. then the weighted soft costs are minimised: ranked preferences, agency mix (each person of an
   agency above the target share of a session costs ``mix_penalty`` times their rank above it, a
   convex penalty) and, when re-planning, ``change_penalty`` per person moved.

Method (chosen by measurement, see benchmarks/README.md): without minimum fills or cross-item
time conflicts the model is a min-cost flow (source → item/agency quota → nominee → agency in
session → session → sink; the convex mix penalty is parallel arcs of increasing cost), solved
exactly by OR-Tools' SimpleMinCostFlow in two passes (1+2: who gets a seat, 3: where), one
network per item (items share no constraint; cost scaling grows faster than linearly, so many
small networks beat one large one). Side constraints that break the flow structure go to a MIP
solved by HiGHS (assignment_mip.py), but only for the items where the flow optimum breaks one:
the flow model is a relaxation, so where its optimum meets them it is optimal for them too
(method "flow+mip"; method "mip" solves the whole problem as one MIP).

Every nominee left out gets a :class:`Reason`; over-subscribed or infeasible instances return
reasons, never raise. Malformed input (duplicate ids, a preference naming an unknown session, a
negative capacity) raises ``ValueError`` naming the field.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import numpy as np

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

_WHY_TEXT = {
    UNAVAILABLE: "unavailable on those dates",
    NOT_SENIOR: "open to senior officials only",
    WRONG_AGENCY: "open to another agency only",
    MISSING_PREREQUISITE: "needs the previous cohort completed",
    ALREADY_COMPLETED: "already completed",
}


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
    method: str  # "flow" or "mip"
    optimal: bool
    moved: tuple[str, ...] = ()  # re-plan: nominees whose session changed
    promoted: tuple[str, ...] = ()  # re-plan: nominees placed who were not placed before


# --------------------------------------------------------------------------------------------
# Model preparation (shared by the flow and the MIP)


@dataclass
class _Model:
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


def _overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


def _waitlist_key(nominee: Nominee) -> tuple:
    at = nominee.nominated_at
    return (at is None, at.timestamp() if at is not None else 0.0, nominee.id)


def _validate(problem: Problem) -> dict[str, Session]:
    sessions: dict[str, Session] = {}
    for session in problem.sessions:
        if session.id in sessions:
            raise ValueError(f"sessions: duplicate session id {session.id!r}")
        if session.capacity < 0:
            raise ValueError(f"sessions[{session.id!r}].capacity: must not be negative")
        if session.end < session.start:
            raise ValueError(f"sessions[{session.id!r}].end: before its start")
        if session.min_fill is not None and session.min_fill < 0:
            raise ValueError(f"sessions[{session.id!r}].min_fill: must not be negative")
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
        if quota.seats < 0:
            raise ValueError(f"quotas[{quota.item!r}, {quota.agency!r}].seats: negative")
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


def _session_rules(session: Session, first_cohort: int, sequential: bool) -> tuple:
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


def _prepare(problem: Problem, current: Mapping[str, str] | None) -> _Model:
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

    current = dict(current or {})
    reasons: dict[str, Reason] = {}
    # Waitlist priority: the people currently placed keep precedence, then nomination order.
    ordered = sorted(problem.nominees, key=lambda n: (n.id not in current, *_waitlist_key(n)))
    held: set[tuple[str, str]] = set()
    candidates: list[Nominee] = []
    tails: list[int] = []
    heads: list[int] = []
    costs: list[int] = []
    moves: list[int] = []
    pref_costs = weights.preference_costs
    unlisted = weights.unlisted_cost
    change = weights.change_penalty
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
        rules = rules_of.get(nominee.item)
        if not rules:
            reasons[nominee.id] = Reason(
                NO_ELIGIBLE_SESSION, f"Item {nominee.item} has no sessions.", {}
            )
            continue
        ranks = {sid: r for r, sid in enumerate(nominee.preferences)}
        was_in = current.get(nominee.id)
        agency = nominee.agency
        senior = nominee.senior
        completed = nominee.completed
        unavailable = nominee.unavailable
        closed: dict[str, str] = {}
        n_index = len(candidates)
        for s_index, sid, only_agency, senior_only, this, needs, start, end in rules:
            if only_agency is not None and only_agency != agency:
                closed[sid] = WRONG_AGENCY
            elif senior_only and not senior:
                closed[sid] = NOT_SENIOR
            elif completed and this in completed:
                closed[sid] = ALREADY_COMPLETED
            elif needs is not None and needs not in completed:
                closed[sid] = MISSING_PREREQUISITE
            elif unavailable and any(a <= end and start <= b for a, b in unavailable):
                closed[sid] = UNAVAILABLE
            else:
                if not ranks:
                    cost = 0
                else:
                    r = ranks.get(sid)
                    cost = pref_costs[r] if r is not None and r < len(pref_costs) else unlisted
                if was_in is not None and was_in != sid:
                    cost += change
                    moves.append(1)
                else:
                    moves.append(0)
                tails.append(n_index)
                heads.append(s_index)
                costs.append(cost)
        if len(closed) == len(rules):
            listing = "; ".join(f"{sid}: {_WHY_TEXT[w]}" for sid, w in closed.items())
            reasons[nominee.id] = Reason(
                NO_ELIGIBLE_SESSION,
                f"No session of item {nominee.item} is open to this nominee ({listing}).",
                closed,
            )
        else:
            candidates.append(nominee)

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
    return _Model(
        problem=problem,
        sessions=sessions,
        nominees=candidates,
        session_index=session_index,
        arc_nominee=np.asarray(tails, dtype=np.int32),
        arc_session=np.asarray(heads, dtype=np.int32),
        arc_cost=np.asarray(costs, dtype=np.int64),
        arc_moves=np.asarray(moves, dtype=np.int64),
        quota_of=quota_of,
        mix_free=mix_free,
        share_limit=share_limit,
        reasons=reasons,
        shared_officials=len({official for official, _ in held}) < len(held),
    )


def _needs_mip(model: _Model) -> bool:
    """Minimum fills and cross-item time conflicts of one official break the flow structure."""
    if any(s.min_fill for s in model.sessions):
        return True
    return bool(_conflict_pairs(model))


def _conflict_pairs(model: _Model) -> list[tuple[int, int]]:
    """Pairs of arcs that would put one official in two overlapping sessions."""
    if not model.shared_officials:
        return []
    by_official: dict[str, list[int]] = defaultdict(list)
    for i, nominee in enumerate(model.nominees):
        by_official[nominee.official_id].append(i)
    several = {i for ids in by_official.values() if len(ids) > 1 for i in ids}
    if not several:
        return []
    arcs_of: dict[int, list[int]] = defaultdict(list)
    for a, n in enumerate(model.arc_nominee.tolist()):
        if n in several:
            arcs_of[n].append(a)
    pairs = []
    for ids in by_official.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                for a in arcs_of[ids[x]]:
                    sa = model.sessions[model.arc_session[a]]
                    for b in arcs_of[ids[y]]:
                        sb = model.sessions[model.arc_session[b]]
                        if _overlaps(sa.start, sa.end, sb.start, sb.end):
                            pairs.append((a, b))
    return pairs


# --------------------------------------------------------------------------------------------
# Min-cost flow


def _mix_steps(free: int | None, limit: int, penalty: int) -> list[tuple[int, int]]:
    """(capacity, unit cost) arcs for one agency in one session: free block, then convex steps."""
    if free is None or free >= limit:
        return [(limit, 0)]
    steps = [(free, 0)] if free > 0 else []
    steps.extend((1, penalty * k) for k in range(1, limit - free + 1))
    return steps


def _solve_flow(model: _Model) -> np.ndarray:
    """Lexicographically optimal placement; returns the chosen arc per nominee (-1 when left
    out)."""
    from ortools.graph.python import min_cost_flow

    n_nom = len(model.nominees)
    n_ses = len(model.sessions)
    choice = np.full(n_nom, -1, dtype=np.int64)
    if n_nom == 0 or len(model.arc_nominee) == 0:
        return choice

    # Node layout: 0 source, 1 sink, quota nodes, nominee nodes, agency-in-session nodes,
    # session nodes.
    groups: dict[tuple[str, str], int] = {}
    nominee_group = np.empty(n_nom, dtype=np.int64)
    for i, nominee in enumerate(model.nominees):
        nominee_group[i] = groups.setdefault((nominee.item, nominee.agency), len(groups))
    group_size = np.bincount(nominee_group, minlength=len(groups))
    agencies = {a: k for k, a in enumerate(sorted({n.agency for n in model.nominees}))}
    nominee_agency = np.fromiter(
        (agencies[n.agency] for n in model.nominees), dtype=np.int64, count=n_nom
    )
    # Agency-in-session nodes that some arc uses.
    as_key = model.arc_session.astype(np.int64) * len(agencies) + nominee_agency[model.arc_nominee]
    as_keys, arc_as, as_count = np.unique(as_key, return_inverse=True, return_counts=True)
    n_as = len(as_keys)

    q0 = 2
    nom0 = q0 + len(groups)
    as0 = nom0 + n_nom
    ses0 = as0 + n_as

    tails: list[np.ndarray] = []
    heads: list[np.ndarray] = []
    caps: list[np.ndarray] = []
    cost1: list[np.ndarray] = []  # pass 1: who gets a seat (waitlist positions)
    cost2: list[np.ndarray] = []  # pass 2: where (preferences, mix, changes)

    def add(t, h, c, c1, c2):
        tails.append(np.asarray(t, dtype=np.int32))
        heads.append(np.asarray(h, dtype=np.int32))
        caps.append(np.asarray(c, dtype=np.int64))
        cost1.append(np.asarray(c1, dtype=np.int64))
        cost2.append(np.asarray(c2, dtype=np.int64))

    # source -> quota group
    group_caps = np.array(
        [min(int(group_size[g]), model.quota_of.get(key, n_nom)) for key, g in groups.items()],
        dtype=np.int64,
    )
    zeros_g = np.zeros(len(groups), dtype=np.int64)
    add(np.zeros(len(groups)), q0 + np.arange(len(groups)), group_caps, zeros_g, zeros_g)
    # quota group -> nominee (position in the waitlist is the pass-1 cost)
    first_nominee_arc = sum(len(t) for t in tails)
    positions = np.arange(n_nom, dtype=np.int64)
    # Items are independent here, so the waitlist rank within the item is enough (small costs
    # keep cost scaling fast).
    item_rank = np.empty(n_nom, dtype=np.int64)
    seen_in_item: dict[str, int] = defaultdict(int)
    for i, nominee in enumerate(model.nominees):
        item_rank[i] = seen_in_item[nominee.item]
        seen_in_item[nominee.item] += 1
    add(q0 + nominee_group, nom0 + positions, np.ones(n_nom), item_rank, np.zeros(n_nom))
    # nominee -> agency in session
    first_choice_arc = sum(len(t) for t in tails)
    n_arcs = len(model.arc_nominee)
    add(
        nom0 + model.arc_nominee,
        as0 + arc_as,
        np.ones(n_arcs),
        np.zeros(n_arcs),
        model.arc_cost,
    )
    # agency in session -> session: the convex mix penalty and the share limit
    penalty = model.problem.weights.mix_penalty
    t_l, h_l, c_l, k_l = [], [], [], []
    for node, key in enumerate(as_keys.tolist()):
        s = key // len(agencies)
        limit = int(as_count[node])
        share = model.share_limit[s]
        if share is not None:
            limit = min(limit, share)
        limit = min(limit, model.sessions[s].capacity)
        if limit <= 0:
            continue
        for cap, cost in _mix_steps(model.mix_free[s], limit, penalty):
            t_l.append(as0 + node)
            h_l.append(ses0 + s)
            c_l.append(cap)
            k_l.append(cost)
    add(t_l, h_l, c_l, np.zeros(len(t_l)), k_l)
    # session -> sink
    capacities = np.array([s.capacity for s in model.sessions], dtype=np.int64)
    add(ses0 + np.arange(n_ses), np.ones(n_ses), capacities, np.zeros(n_ses), np.zeros(n_ses))

    tail = np.concatenate(tails)
    head = np.concatenate(heads)
    cap = np.concatenate(caps)
    costs1 = np.concatenate(cost1)
    costs2 = np.concatenate(cost2)

    # Items share no node but the source and the sink: solve each item's network on its own
    # (cost scaling grows faster than linearly with the network, so this is much faster).
    item_code = {item: k for k, item in enumerate(sorted({s.item for s in model.sessions}))}
    nominee_item = np.fromiter(
        (item_code[n.item] for n in model.nominees), dtype=np.int64, count=n_nom
    )
    session_item = np.fromiter(
        (item_code[s.item] for s in model.sessions), dtype=np.int64, count=n_ses
    )
    group_item = np.fromiter((item_code[item] for item, _ in groups), dtype=np.int64)
    arc_item = np.concatenate(
        [
            group_item,
            nominee_item,
            nominee_item[model.arc_nominee],
            session_item[np.asarray(h_l, dtype=np.int64) - ses0],
            session_item,
        ]
    )
    order = np.argsort(arc_item, kind="stable")
    bounds = np.flatnonzero(np.diff(arc_item[order])) + 1
    components = []
    for idx in np.split(order, bounds):
        nodes = np.unique(np.concatenate([[0, 1], tail[idx], head[idx]]))
        components.append(
            (
                idx,
                np.searchsorted(nodes, tail[idx]).astype(np.int32),
                np.searchsorted(nodes, head[idx]).astype(np.int32),
            )
        )

    def run(costs: np.ndarray, capacity: np.ndarray) -> np.ndarray:
        flows = np.zeros(len(tail), dtype=np.int64)
        for idx, t, h in components:
            supply = int(capacity[idx][t == 0].sum())
            if supply == 0:
                continue
            flow = min_cost_flow.SimpleMinCostFlow()
            flow.add_arcs_with_capacity_and_unit_cost(t, h, capacity[idx], costs[idx])
            flow.set_node_supply(0, supply)
            flow.set_node_supply(1, -supply)
            status = flow.solve_max_flow_with_min_cost()
            if status != flow.OPTIMAL:  # pragma: no cover - the network is always well formed
                raise RuntimeError(f"min-cost flow failed: {status}")
            flows[idx] = flow.flows(np.arange(len(idx), dtype=np.int32))
        return flows

    nominee_arcs = slice(first_nominee_arc, first_nominee_arc + n_nom)
    # Pass 1: as many seats as possible, given by waitlist position.
    seated = run(costs1, cap)[nominee_arcs]
    # Pass 2: exactly those nominees, placed at least cost.
    cap2 = cap.copy()
    cap2[nominee_arcs] = seated
    # The source's arcs carry exactly the seated nominees of each quota group.
    cap2[:first_nominee_arc] = np.bincount(nominee_group, weights=seated, minlength=len(groups))
    used = run(costs2, cap2)[first_choice_arc : first_choice_arc + n_arcs]
    chosen = np.nonzero(used)[0]
    choice[model.arc_nominee[chosen]] = chosen
    return choice


# --------------------------------------------------------------------------------------------
# Results


def _mix_cost(model: _Model, session_of: np.ndarray) -> tuple[int, int, int]:
    """(mix cost, people above the target share, agencies-in-sessions above it)."""
    counts = Counter(
        (s, model.nominees[i].agency)
        for i, s in zip(
            np.flatnonzero(session_of >= 0).tolist(),
            session_of[session_of >= 0].tolist(),
            strict=True,
        )
    )
    penalty = model.problem.weights.mix_penalty
    cost = excess = pairs = 0
    for (s, _agency), c in counts.items():
        free = model.mix_free[s]
        if free is not None and c > free:
            e = c - free
            excess += e
            pairs += 1
            cost += penalty * e * (e + 1) // 2
    return cost, excess, pairs


def _explain(model: _Model, session_of: np.ndarray, optimal: bool) -> dict[str, Reason]:
    """Why each candidate left out is left out (``session_of``: session index or -1)."""
    placed = np.flatnonzero(session_of >= 0).tolist()
    placed_per_session = np.bincount(session_of[session_of >= 0], minlength=len(model.sessions))
    per_agency = Counter((int(session_of[i]), model.nominees[i].agency) for i in placed)
    per_group = Counter((model.nominees[i].item, model.nominees[i].agency) for i in placed)
    official_at: dict[str, list[int]] = defaultdict(list)
    if model.shared_officials:
        for i in placed:
            official_at[model.nominees[i].official_id].append(int(session_of[i]))
    left_out = session_of < 0
    arcs = np.flatnonzero(left_out[model.arc_nominee])
    sessions_of: dict[int, list[int]] = defaultdict(list)
    for n, s in zip(
        model.arc_nominee[arcs].tolist(), model.arc_session[arcs].tolist(), strict=True
    ):
        sessions_of[n].append(s)

    reasons: dict[str, Reason] = {}
    for i in np.flatnonzero(left_out).tolist():
        nominee = model.nominees[i]
        quota = model.quota_of.get((nominee.item, nominee.agency))
        if quota is not None and per_group[nominee.item, nominee.agency] >= quota:
            reasons[nominee.id] = Reason(
                QUOTA_FULL,
                f"The quota of {quota} seats of {nominee.agency} in item {nominee.item} "
                "is taken by nominees ahead in the waitlist.",
                {"quota": str(quota)},
            )
            continue
        blockers: dict[str, str] = {}
        for s in sessions_of[i]:
            session = model.sessions[s]
            share = model.share_limit[s]
            if placed_per_session[s] >= session.capacity:
                blockers[session.id] = SEATS_USED_BY_OTHERS
            elif share is not None and per_agency[s, nominee.agency] >= share:
                blockers[session.id] = AGENCY_SHARE_FULL
            elif session.min_fill and placed_per_session[s] == 0:
                blockers[session.id] = SESSION_NOT_RUNNING
            elif any(
                _overlaps(
                    session.start,
                    session.end,
                    model.sessions[o].start,
                    model.sessions[o].end,
                )
                for o in official_at.get(nominee.official_id, ())
            ):
                blockers[session.id] = SCHEDULE_CONFLICT
            else:
                blockers[session.id] = NOT_REACHED
        codes = set(blockers.values())
        if codes == {SEATS_USED_BY_OTHERS}:
            code = SEATS_USED_BY_OTHERS
            message = (
                "Every session open to this nominee is full; the seats went to nominees "
                "ahead in the waitlist or placed where they fit better."
            )
        elif AGENCY_SHARE_FULL in codes:
            code = AGENCY_SHARE_FULL
            message = (
                f"The sessions with seats left already hold the maximum share of "
                f"{nominee.agency}; the others are full."
            )
        elif SESSION_NOT_RUNNING in codes:
            code = SESSION_NOT_RUNNING
            message = (
                "The sessions with seats left do not reach their minimum fill and do not run; "
                "the others are full."
            )
        elif SCHEDULE_CONFLICT in codes:
            code = SCHEDULE_CONFLICT
            message = (
                f"Official {nominee.official_id} is placed in an overlapping session of "
                "another item; the other sessions are full."
            )
        elif optimal:
            code = SEATS_USED_BY_OTHERS
            message = "The seats open to this nominee were better used by others."
        else:
            code = NOT_REACHED
            message = "The solver stopped at its time limit before placing this nominee."
        reasons[nominee.id] = Reason(code, message, blockers)
    return reasons


def _result(
    model: _Model,
    arc_of: np.ndarray,
    *,
    method: str,
    optimal: bool,
    current: Mapping[str, str],
    extra_objective: Mapping[str, int] | None = None,
) -> Assignment:
    """Build the answer from the chosen arc per candidate nominee (-1 when left out)."""
    change = model.problem.weights.change_penalty
    placed = np.flatnonzero(arc_of >= 0)
    arcs = arc_of[placed]
    session_of = np.full(len(model.nominees), -1, dtype=np.int64)
    session_of[placed] = model.arc_session[arcs]
    moves = model.arc_moves[arcs]
    n_moved = int(moves.sum())
    moved_cost = n_moved * change
    preference = int(model.arc_cost[arcs].sum()) - moved_cost
    nominees = model.nominees
    sessions = model.sessions
    placements = {
        nominees[i].id: sessions[s].id
        for i, s in zip(placed.tolist(), session_of[placed].tolist(), strict=True)
    }
    moved = sorted(nominees[i].id for i in placed[moves > 0].tolist())
    promoted = sorted(n for n in placements if n not in current) if current else []
    mix, excess, violations = _mix_cost(model, session_of)
    reasons = dict(model.reasons)
    reasons.update(_explain(model, session_of, optimal))
    waitlist = tuple(nominees[i].id for i in np.flatnonzero(session_of < 0).tolist())
    objective = {
        "assigned": len(placements),
        "priority": int(placed.sum()),
        "preference": preference,
        "mix": mix,
        "changes": moved_cost,
        "total": preference + mix + moved_cost,
        "moved": n_moved,
        "mix_excess": excess,
        "mix_violations": violations,
    }
    objective.update(extra_objective or {})
    return Assignment(
        placements=dict(sorted(placements.items())),
        objective=objective,
        unassigned=dict(sorted(reasons.items())),
        waitlist=waitlist,
        method=method,
        optimal=optimal,
        moved=tuple(moved),
        promoted=tuple(promoted),
    )


def solve(
    problem: Problem,
    *,
    current: Mapping[str, str] | None = None,
    method: str = "auto",
    time_limit: float = 30.0,
) -> Assignment:
    """Assign nominees to sessions (see the module docstring for the model).

    ``current`` (nominee id -> session id) is the assignment in force when re-planning: the
    people in it keep precedence for a seat and each one moved costs ``change_penalty``.
    ``method`` is "auto" (flow unless side constraints need the MIP), "flow" or "mip";
    ``time_limit`` bounds the MIP only (the flow is exact and fast).
    """
    if method not in {"auto", "flow", "mip"}:
        raise ValueError(f"method: {method!r} is not one of auto, flow, mip")
    current = dict(current or {})
    model = _prepare(problem, current)
    if method == "mip":
        from .assignment_mip import solve_mip

        outcome = solve_mip(model, _conflict_pairs(model), time_limit=time_limit)
        return _result(
            model,
            outcome.arc_of,
            method="mip",
            optimal=outcome.optimal,
            current=current,
            extra_objective={"bound": outcome.bound},
        )
    needs_mip = _needs_mip(model)
    if method == "flow" and needs_mip:
        raise ValueError("method: 'flow' cannot honour minimum fills or cross-item conflicts")
    arc_of = _solve_flow(model)
    if not needs_mip:
        return _result(model, arc_of, method="flow", optimal=True, current=current)
    return _repair_with_mip(model, arc_of, current=current, time_limit=time_limit)


def _components(model: _Model) -> list[np.ndarray]:
    """Nominee indices of the independent parts: one per item, items joined when an official
    holds nominations for both."""
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    if model.shared_officials:
        first_item: dict[str, str] = {}
        for nominee in model.nominees:
            other = first_item.setdefault(nominee.official_id, nominee.item)
            parent[find(nominee.item)] = find(other)
    parts: dict[str, list[int]] = defaultdict(list)
    for i, nominee in enumerate(model.nominees):
        parts[find(nominee.item)].append(i)
    return [np.asarray(ids, dtype=np.int64) for _, ids in sorted(parts.items())]


def _restrict(model: _Model, nominee_ids: np.ndarray) -> tuple[_Model, np.ndarray]:
    """The part of ``model`` about some nominees, and the global index of each of its arcs."""
    keep = np.zeros(len(model.nominees), dtype=bool)
    keep[nominee_ids] = True
    arcs = np.flatnonzero(keep[model.arc_nominee])
    local = np.full(len(model.nominees), -1, dtype=np.int64)
    local[nominee_ids] = np.arange(len(nominee_ids))
    part = replace(
        model,
        nominees=[model.nominees[i] for i in nominee_ids.tolist()],
        arc_nominee=local[model.arc_nominee[arcs]].astype(np.int32),
        arc_session=model.arc_session[arcs],
        arc_cost=model.arc_cost[arcs],
        arc_moves=model.arc_moves[arcs],
    )
    return part, arcs


def _breaks_side_constraints(model: _Model, arc_of: np.ndarray) -> bool:
    placed = np.flatnonzero(arc_of >= 0)
    sessions = model.arc_session[arc_of[placed]]
    counts = Counter(sessions.tolist())
    for s, count in counts.items():
        fill = model.sessions[s].min_fill
        if fill and count < fill:
            return True
    if model.shared_officials:
        at: dict[str, list[Session]] = defaultdict(list)
        for i, s in zip(placed.tolist(), sessions.tolist(), strict=True):
            at[model.nominees[i].official_id].append(model.sessions[s])
        for placed_at in at.values():
            for x in range(len(placed_at)):
                for y in range(x + 1, len(placed_at)):
                    a, b = placed_at[x], placed_at[y]
                    if _overlaps(a.start, a.end, b.start, b.end):
                        return True
    return False


def _repair_with_mip(
    model: _Model, arc_of: np.ndarray, *, current: Mapping[str, str], time_limit: float
) -> Assignment:
    """Side constraints: the flow optimum ignores them, so wherever it already meets them it
    is optimal for the constrained model too. Only the parts (items) where it breaks one are
    solved again, as MIPs in HiGHS."""
    from .assignment_mip import solve_mip

    started = time.monotonic()
    arc_of = arc_of.copy()
    optimal = True
    bound = 0
    for ids in _components(model):
        part, arcs = _restrict(model, ids)
        local = np.full(len(ids), -1, dtype=np.int64)
        chosen = arc_of[ids]
        if (chosen >= 0).any():
            local[chosen >= 0] = np.searchsorted(arcs, chosen[chosen >= 0])
        if not _breaks_side_constraints(part, local):
            bound += _part_cost(part, local)
            continue
        remaining = max(1.0, time_limit - (time.monotonic() - started))
        outcome = solve_mip(part, _conflict_pairs(part), time_limit=remaining, positions=ids)
        optimal = optimal and outcome.optimal
        bound += outcome.bound
        arc_of[ids] = np.where(outcome.arc_of >= 0, arcs[outcome.arc_of], -1)
    return _result(
        model,
        arc_of,
        method="flow+mip",
        optimal=optimal,
        current=current,
        extra_objective={"bound": bound},
    )


def _part_cost(model: _Model, arc_of: np.ndarray) -> int:
    placed = arc_of[arc_of >= 0]
    session_of = np.full(len(model.nominees), -1, dtype=np.int64)
    session_of[arc_of >= 0] = model.arc_session[placed]
    return int(model.arc_cost[placed].sum()) + _mix_cost(model, session_of)[0]


def evaluate(
    problem: Problem,
    placements: Mapping[str, str],
    *,
    current: Mapping[str, str] | None = None,
) -> Assignment:
    """Score a given placement (e.g. made by hand or by another method) with the solver's
    objective and reasons. Raises ValueError naming the nominee when a placement breaks a
    rule of eligibility; capacities, quotas and shares are not checked here."""
    current = dict(current or {})
    model = _prepare(problem, current)
    index = {n.id: i for i, n in enumerate(model.nominees)}
    arc_index = {
        (n, s): a
        for a, (n, s) in enumerate(
            zip(model.arc_nominee.tolist(), model.arc_session.tolist(), strict=True)
        )
    }
    arc_of = np.full(len(model.nominees), -1, dtype=np.int64)
    for nominee_id, session_id in placements.items():
        a = arc_index.get((index.get(nominee_id), model.session_index.get(session_id)))
        if a is None:
            raise ValueError(f"placements[{nominee_id!r}]: {session_id!r} is not open to them")
        arc_of[index[nominee_id]] = a
    return _result(model, arc_of, method="given", optimal=False, current=current)


def replan(
    problem: Problem,
    current: Mapping[str, str],
    *,
    withdrawn: Iterable[str] = (),
    method: str = "auto",
    time_limit: float = 30.0,
) -> Assignment:
    """Re-plan after withdrawals with as few changes as possible.

    The withdrawn nominees leave the problem (their reason is "withdrawn"); everyone else in
    ``current`` keeps precedence for a seat and is moved only when that saves more than the
    change penalty; freed seats go to the best waitlisted nominees who fit (waitlist order).
    """
    gone = set(withdrawn)
    unknown = gone - {n.id for n in problem.nominees}
    if unknown:
        raise ValueError(f"withdrawn: unknown nominee ids {sorted(unknown)}")
    kept = tuple(n for n in problem.nominees if n.id not in gone)
    known_sessions = {s.id for s in problem.sessions}
    still = {n: s for n, s in current.items() if n not in gone and s in known_sessions}
    result = solve(
        replace(problem, nominees=kept), current=still, method=method, time_limit=time_limit
    )
    reasons = dict(result.unassigned)
    for nominee_id in sorted(gone):
        reasons[nominee_id] = Reason(WITHDRAWN, "The nominee withdrew.")
    return replace(result, unassigned=dict(sorted(reasons.items())))
