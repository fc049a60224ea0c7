"""The assignment model as a MIP, solved by HiGHS, for side constraints that break the flow.

Used when a session has a minimum fill (it runs with at least ``min_fill`` people or not at all)
or when one official nominated for several items could land in two overlapping sessions. The
variables and objective are those of the flow model (see ``flow.py``); the lexicographic
objective (seats, then waitlist order, then soft costs) is one MIP with weights that keep the
levels apart when they fit exactly in floating point, otherwise three MIPs in sequence, each
fixing the optimum of the previous level as a constraint. (No warm start between levels:
HiGHS 1.16 returned the user-supplied start instead of the optimum it reported when presolve
solved the level outright, which the brute-force tests caught.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .prepare import ArcModel


@dataclass(frozen=True)
class MipOutcome:
    arc_of: np.ndarray  # chosen arc per candidate nominee, -1 when left out
    optimal: bool  # every level proven optimal within the gap
    bound: int  # proven lower bound of the soft-cost total at the last level
    found: bool = True  # False: HiGHS stopped (time limit) before any solution; arc_of is empty


class _Rows:
    """Constraint rows collected as CSR."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[np.ndarray] = []
        self.value: list[np.ndarray] = []
        self.nnz = 0

    def add(self, cols: ArrayLike, vals: ArrayLike, lower: float, upper: float) -> None:
        index = np.asarray(cols, dtype=np.int32)
        self.starts.append(self.nnz)
        self.index.append(index)
        self.value.append(np.broadcast_to(np.asarray(vals, dtype=np.float64), index.shape))
        self.nnz += len(index)
        self.lower.append(lower)
        self.upper.append(upper)


def solve_mip(
    model: ArcModel,
    conflicts: list[tuple[int, int]],
    *,
    time_limit: float,
    positions: np.ndarray | None = None,
    mip_rel_gap: float = 1e-4,
) -> MipOutcome:
    """Solve ``model`` lexicographically; ``positions`` gives each nominee's waitlist position
    when ``model`` is a part of a larger one (default: its index)."""
    import highspy

    inf = highspy.kHighsInf
    started = time.monotonic()
    n_arcs = len(model.arc_nominee)
    n_nom = len(model.nominees)
    choice = np.full(n_nom, -1, dtype=np.int64)
    if n_arcs == 0:
        return MipOutcome(choice, optimal=True, bound=0)

    arc_nominee = model.arc_nominee.astype(np.int64)
    arc_session = model.arc_session.astype(np.int64)
    penalty = model.problem.weights.mix_penalty

    # Columns: x per arc, then mix steps, then one "runs" switch per min-fill session.
    count_obj = [np.full(n_arcs, -1.0)]
    if positions is None:
        positions = np.arange(n_nom)
    cost_obj = [model.arc_cost.astype(np.float64)]
    upper = [np.ones(n_arcs)]
    integer = [np.ones(n_arcs, dtype=bool)]
    n_cols = n_arcs

    def new_cols(count: int, cost: ArrayLike, *, is_int: bool, ub: float = 1.0) -> np.ndarray:
        nonlocal n_cols
        cols = np.arange(n_cols, n_cols + count, dtype=np.int32)
        n_cols += count
        count_obj.append(np.zeros(count))
        cost_obj.append(np.asarray(cost, dtype=np.float64))
        upper.append(np.full(count, ub))
        integer.append(np.full(count, is_int))
        return cols

    rows = _Rows()
    order = np.argsort(arc_nominee, kind="stable")
    for arcs in np.split(order, np.flatnonzero(np.diff(arc_nominee[order])) + 1):
        rows.add(arcs, 1.0, -inf, 1.0)

    # Quotas per (item, agency).
    groups: dict[tuple[str, str], list[int]] = {}
    for a, n in enumerate(arc_nominee.tolist()):
        nominee = model.nominees[n]
        groups.setdefault((nominee.item, nominee.agency), []).append(a)
    for key, group_arcs in groups.items():
        quota = model.quota_of.get(key)
        if quota is not None:
            rows.add(group_arcs, 1.0, -inf, float(quota))

    # Agency in session: share limit and convex mix steps.
    per_as: dict[tuple[int, str], list[int]] = {}
    for a, (n, s) in enumerate(zip(arc_nominee.tolist(), arc_session.tolist(), strict=True)):
        per_as.setdefault((s, model.nominees[n].agency), []).append(a)
    for (s, _agency), as_arcs in per_as.items():
        limit = min(len(as_arcs), model.sessions[s].capacity)
        share = model.share_limit[s]
        if share is not None:
            limit = min(limit, share)
        free = model.mix_free[s]
        if free is not None and free < limit:
            steps = new_cols(limit - free, penalty * np.arange(1, limit - free + 1), is_int=False)
            rows.add(
                np.concatenate([as_arcs, steps]),
                np.concatenate([np.ones(len(as_arcs)), -np.ones(len(steps))]),
                -inf,
                float(free),
            )
        if limit < len(as_arcs):
            rows.add(as_arcs, 1.0, -inf, float(limit))

    # Sessions: capacity, and the minimum fill through a switch.
    order = np.argsort(arc_session, kind="stable")
    for arcs in np.split(order, np.flatnonzero(np.diff(arc_session[order])) + 1):
        session = model.sessions[int(arc_session[arcs[0]])]
        if session.min_fill:
            runs = new_cols(1, [0.0], is_int=True)
            cols = np.concatenate([arcs, runs])
            rows.add(cols, np.r_[np.ones(len(arcs)), -session.capacity], -inf, 0.0)
            rows.add(cols, np.r_[np.ones(len(arcs)), -session.min_fill], 0.0, inf)
        else:
            rows.add(arcs, 1.0, -inf, float(session.capacity))

    for a, b in conflicts:
        rows.add([a, b], 1.0, -inf, 1.0)

    # highspy's Highs() constructor carries no annotations.
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.addVars(n_cols, np.zeros(n_cols), np.concatenate(upper))
    is_int = np.flatnonzero(np.concatenate(integer)).astype(np.int32)
    h.changeColsIntegrality(
        len(is_int), is_int, np.full(len(is_int), highspy.HighsVarType.kInteger, dtype=np.uint8)
    )
    h.addRows(
        len(rows.lower),
        np.array(rows.lower),
        np.array(rows.upper),
        rows.nnz,
        np.array(rows.starts, dtype=np.int32),
        np.concatenate(rows.index),
        np.concatenate(rows.value),
    )
    all_cols = np.arange(n_cols, dtype=np.int32)
    count_c = np.concatenate(count_obj)
    cost_c = np.concatenate(cost_obj)
    # The three levels folded into one objective with weights that keep them lexicographic:
    # a seat outweighs any change of waitlist ranks, a rank any change of costs. Ranks are
    # renumbered 0..n-1 (same order) to keep the weights small. Much easier for HiGHS than
    # fixing each level with a constraint (a knapsack-like row of waitlist positions).
    order_rank = np.empty(n_nom, dtype=np.float64)
    order_rank[np.argsort(np.asarray(positions), kind="stable")] = np.arange(n_nom)
    per_nominee_max = np.zeros(n_nom)
    np.maximum.at(per_nominee_max, arc_nominee, model.arc_cost.astype(np.float64))
    cost_bound = float(per_nominee_max.sum() + cost_c[n_arcs:].sum())
    w_rank = cost_bound + 1
    w_seat = w_rank * (n_nom * (n_nom - 1) / 2 + 1) + cost_bound + 1
    rank_local = np.concatenate([order_rank[arc_nominee], np.zeros(n_cols - n_arcs)])
    if w_seat * (n_nom + 1) < 1e13:
        levels = [w_seat * count_c + w_rank * rank_local + cost_c]
    else:  # too large for exact weights in floating point: one level after the other
        levels = [count_c, rank_local, cost_c]
    optimal = True
    solution = None
    bound = 0.0
    for level, coefficients in enumerate(levels):
        last = level == len(levels) - 1
        remaining = time_limit - (time.monotonic() - started)
        if remaining <= 0:  # out of time before this level: keep what the others found
            optimal = False
            break
        h.setOptionValue("time_limit", remaining)
        # Seats and waitlist positions are integers: solve them exactly; the costs to the gap.
        exact = len(levels) == 1 or not last
        h.setOptionValue("mip_rel_gap", 0.0 if exact else mip_rel_gap)
        h.setOptionValue("mip_abs_gap", 0.99 if exact else 1e-6)
        h.changeColsCost(n_cols, all_cols, coefficients)
        h.run()
        status = h.getModelStatus()
        if h.getInfo().primal_solution_status != 2:  # none found in time (placing nobody is
            optimal = False  # feasible, so never "infeasible"): not a proof of anything
            break
        if status != highspy.HighsModelStatus.kOptimal:
            optimal = False
        solution = h.getSolution()
        values = np.asarray(solution.col_value)
        achieved = float(coefficients @ values)
        if abs(achieved - h.getInfo().objective_function_value) > 1e-6 * max(1.0, abs(achieved)):
            optimal = False  # HiGHS handed back a solution other than the one it scored
        # Lower bound of the cost level: the dual bound less the higher levels' part.
        bound = h.getInfo().mip_dual_bound - (achieved - float(cost_c @ values))
        if not last:
            # Keep this level at its optimum (integers, so round) for the levels below.
            support = np.flatnonzero(coefficients).astype(np.int32)
            h.addRow(
                -inf,
                round(achieved) + 0.5,
                len(support),
                support,
                coefficients[support],
            )
    if solution is None:
        return MipOutcome(choice, optimal=False, bound=0, found=False)
    values = np.asarray(solution.col_value)[:n_arcs]
    chosen = np.flatnonzero(values > 0.5)
    choice[arc_nominee[chosen]] = chosen
    return MipOutcome(choice, optimal=optimal, bound=max(0, int(np.ceil(bound - 1e-6))))
