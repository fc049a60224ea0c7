"""Flow first, then a MIP only where the flow optimum breaks a side constraint.

The flow model is a relaxation of the one with minimum fills and cross-item conflicts: where
its optimum meets them it is optimal for them too. The parts (items, joined when an official
holds nominations for several) where it does not are solved again as MIPs in HiGHS.

Where only cross-item overlaps are broken, the flow's seated nominees are first placed again
with the overlapping arcs taken away (:func:`_reroute`, a few more flows): when that seats
them all, seats and waitlist order are those of the relaxation, hence optimal, and only the
soft costs may be above its bound (a MIP over the seated nominees then tries to lower them,
on parts small enough). When HiGHS finds no solution within the time limit, the flow's plan
less what breaks a side constraint is kept (:func:`make_feasible`), not optimal.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from .eligibility import overlaps
from .explain import build_result, mix_cost
from .flow import solve_flow
from .mip import solve_mip
from .model import Assignment, Session
from .prepare import ArcModel, conflict_pairs

# Above this many arcs the MIP that lowers the soft costs of a rerouted plan is not tried:
# at 20,000 nominees (300,000 arcs) it improved nothing in 5 s and took 80 MB (see
# benchmarks/README.md); the plan keeps the flow's seats and waitlist order, proven optimal,
# and its soft costs are reported against the flow's bound.
REFINE_MAX_ARCS = 50_000


def _components(model: ArcModel) -> list[np.ndarray]:
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


def _restrict(model: ArcModel, nominee_ids: np.ndarray) -> tuple[ArcModel, np.ndarray]:
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


def _breaks_side_constraints(model: ArcModel, arc_of: np.ndarray) -> bool:
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
                    if overlaps(a.start, a.end, b.start, b.end):
                        return True
    return False


def repair_with_mip(
    model: ArcModel, arc_of: np.ndarray, *, current: Mapping[str, str], time_limit: float
) -> Assignment:
    """Side constraints: the flow optimum ignores them, so wherever it already meets them it
    is optimal for the constrained model too. Only the parts (items) where it breaks one are
    solved again, as MIPs in HiGHS."""
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
        if not any(s.min_fill for s in part.sessions):
            rerouted = _reroute(part, local)
            if rerouted is not None:
                # The flow's seated nominees, none in two overlapping sessions: seats and
                # waitlist order are those of the relaxation, so optimal; the soft costs are
                # optimal when they equal the relaxation's, else the MIP tries to lower them.
                relaxed = _part_cost(part, local)
                cost = _part_cost(part, rerouted)
                if cost > relaxed and len(part.arc_nominee) > REFINE_MAX_ARCS:
                    optimal = False  # seats and waitlist proven; soft costs within the bound
                    bound += relaxed
                elif cost > relaxed:
                    better, proven, part_bound = _lower_costs(
                        part, ids, rerouted, time_limit - (time.monotonic() - started)
                    )
                    if better is not None and _part_cost(part, better) <= cost:
                        rerouted = better
                    optimal = optimal and proven
                    bound += max(relaxed, part_bound)
                else:
                    bound += cost
                arc_of[ids] = np.where(rerouted >= 0, arcs[np.maximum(rerouted, 0)], -1)
                continue
        remaining = time_limit - (time.monotonic() - started)
        outcome = solve_mip(part, conflict_pairs(part), time_limit=remaining, positions=ids)
        optimal = optimal and outcome.optimal
        if not outcome.found:
            # No solution in time: keep the flow's plan of this part, less what breaks a side
            # constraint (not optimal, and said so).
            feasible = make_feasible(part, local)
            arc_of[ids] = np.where(feasible >= 0, arcs[np.maximum(feasible, 0)], -1)
            continue  # (its bound stays 0: no proof about this part)
        bound += outcome.bound
        arc_of[ids] = np.where(outcome.arc_of >= 0, arcs[outcome.arc_of], -1)
    return build_result(
        model,
        arc_of,
        method="flow+mip",
        optimal=optimal,
        current=current,
        extra_objective={"bound": bound},
    )


def _overlapping_pairs(model: ArcModel, arc_of: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of nominees (ahead, behind in the waitlist) of one official placed in two
    overlapping sessions."""
    at: dict[str, list[int]] = defaultdict(list)
    for i in np.flatnonzero(arc_of >= 0).tolist():
        at[model.nominees[i].official_id].append(i)
    pairs = []
    for placed in at.values():
        for x in range(len(placed)):
            for y in range(x + 1, len(placed)):
                a = model.sessions[int(model.arc_session[arc_of[placed[x]]])]
                b = model.sessions[int(model.arc_session[arc_of[placed[y]]])]
                if overlaps(a.start, a.end, b.start, b.end):
                    pairs.append((placed[x], placed[y]))
    return pairs


def _reroute(model: ArcModel, arc_of: np.ndarray, rounds: int = 20) -> np.ndarray | None:
    """The same nominees placed again (the flow's pass 2 with arcs taken away) so that no
    official sits in two overlapping sessions; None when that fails within ``rounds``.

    Each round, of two overlapping placements of one official, the nominee behind in the
    waitlist loses the arcs to the sessions overlapping the other's; then the seated are
    placed again at least cost."""
    seated = (arc_of >= 0).astype(np.int64)
    allowed = np.ones(len(model.arc_nominee), dtype=bool)
    arcs_of: dict[int, np.ndarray] = {}
    current = arc_of
    for _ in range(rounds):
        pairs = _overlapping_pairs(model, current)
        if not pairs:
            return current
        for ahead, behind in pairs:
            if behind not in arcs_of:
                arcs_of[behind] = np.flatnonzero(model.arc_nominee == behind)
            other = model.sessions[int(model.arc_session[current[ahead]])]
            for a in arcs_of[behind].tolist():
                s = model.sessions[int(model.arc_session[a])]
                if overlaps(s.start, s.end, other.start, other.end):
                    allowed[a] = False
        current = solve_flow(model, seated=seated, allowed=allowed)
        if int((current >= 0).sum()) != int(seated.sum()):
            return None
    return None


def _lower_costs(
    model: ArcModel, ids: np.ndarray, arc_of: np.ndarray, time_limit: float
) -> tuple[np.ndarray | None, bool, int]:
    """The MIP over the nominees placed in ``arc_of`` only (they can all be placed, so it
    seats them all): the least soft costs without overlaps. Returns (placement or None,
    proven optimal, bound)."""
    placed = np.flatnonzero(arc_of >= 0)
    part, arcs = _restrict(model, placed)
    outcome = solve_mip(part, conflict_pairs(part), time_limit=time_limit, positions=ids[placed])
    if not outcome.found or int((outcome.arc_of >= 0).sum()) != len(placed):
        return None, False, 0
    better = np.full(len(model.nominees), -1, dtype=np.int64)
    better[placed] = arcs[outcome.arc_of]
    return better, outcome.optimal, outcome.bound


def make_feasible(model: ArcModel, arc_of: np.ndarray) -> np.ndarray:
    """A placement that ignores the side constraints (the flow's), less the placements that
    break one: of an official's overlapping placements the one ahead in the waitlist stays;
    then the sessions below their minimum fill do not run."""
    arc_of = arc_of.copy()
    if model.shared_officials:
        kept: dict[str, list[Session]] = defaultdict(list)
        for i in np.flatnonzero(arc_of >= 0).tolist():  # waitlist order
            session = model.sessions[int(model.arc_session[arc_of[i]])]
            official = model.nominees[i].official_id
            if any(overlaps(session.start, session.end, o.start, o.end) for o in kept[official]):
                arc_of[i] = -1
            else:
                kept[official].append(session)
    placed = np.flatnonzero(arc_of >= 0)
    session_of = model.arc_session[arc_of[placed]]
    counts = np.bincount(session_of, minlength=len(model.sessions))
    fill = np.array([s.min_fill or 0 for s in model.sessions], dtype=np.int64)
    short = counts < fill
    arc_of[placed[short[session_of]]] = -1
    return arc_of


def _part_cost(model: ArcModel, arc_of: np.ndarray) -> int:
    placed = arc_of[arc_of >= 0]
    session_of = np.full(len(model.nominees), -1, dtype=np.int64)
    session_of[arc_of >= 0] = model.arc_session[placed]
    return int(model.arc_cost[placed].sum()) + mix_cost(model, session_of)[0]
