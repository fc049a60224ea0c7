"""The entry points: solve, score a given placement, re-plan after withdrawals."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

import numpy as np

from .explain import build_result
from .flow import solve_flow
from .mip import solve_mip
from .model import WITHDRAWN, Assignment, Problem, Reason
from .prepare import conflict_pairs, needs_mip, prepare
from .repair import make_feasible, repair_with_mip


def solve(
    problem: Problem,
    *,
    current: Mapping[str, str] | None = None,
    method: str = "auto",
    time_limit: float = 30.0,
) -> Assignment:
    """Assign nominees to sessions (the model: see the package docstring).

    ``current`` (nominee id -> session id) is the assignment in force when re-planning: the
    people in it keep precedence for a seat and each one moved costs ``change_penalty``.
    ``method`` is "auto" (flow unless side constraints need the MIP), "flow" or "mip";
    ``time_limit`` bounds the MIP only (the flow is exact and fast). When the MIP finds no
    solution within it, the flow's plan less what breaks a side constraint is returned, with
    ``optimal`` False (never an empty plan passed off as optimal).
    """
    if method not in {"auto", "flow", "mip"}:
        raise ValueError(f"method: {method!r} is not one of auto, flow, mip")
    if not (isinstance(time_limit, int | float) and 0 < time_limit < math.inf):
        raise ValueError(f"time_limit: {time_limit!r} is not a positive number of seconds")
    current = dict(current or {})
    model = prepare(problem, current)
    if method == "mip":
        outcome = solve_mip(model, conflict_pairs(model), time_limit=time_limit)
        arc_of = outcome.arc_of
        if not outcome.found:  # no solution in time: the flow's plan, made feasible
            arc_of = make_feasible(model, solve_flow(model))
        return build_result(
            model,
            arc_of,
            method="mip",
            optimal=outcome.optimal,
            current=current,
            extra_objective={"bound": outcome.bound},
        )
    side_constraints = needs_mip(model)
    if method == "flow" and side_constraints:
        raise ValueError("method: 'flow' cannot honour minimum fills or cross-item conflicts")
    arc_of = solve_flow(model)
    if not side_constraints:
        return build_result(model, arc_of, method="flow", optimal=True, current=current)
    return repair_with_mip(model, arc_of, current=current, time_limit=time_limit)


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
    model = prepare(problem, current)
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
    return build_result(model, arc_of, method="given", optimal=False, current=current)


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
