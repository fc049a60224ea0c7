"""The answer built from a placement: its objective, and why each nominee left out is out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

import numpy as np

from .eligibility import overlaps
from .model import (
    AGENCY_SHARE_FULL,
    NOT_REACHED,
    QUOTA_FULL,
    SCHEDULE_CONFLICT,
    SEATS_USED_BY_OTHERS,
    SESSION_NOT_RUNNING,
    Assignment,
    Reason,
)
from .prepare import ArcModel


def mix_cost(model: ArcModel, session_of: np.ndarray) -> tuple[int, int, int]:
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


def explain(model: ArcModel, session_of: np.ndarray, optimal: bool) -> dict[str, Reason]:
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
                overlaps(
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
        if not optimal and NOT_REACHED in codes:
            # A seat open to this nominee is unused: the plan is not optimal, say so.
            code = NOT_REACHED
            message = "The solver stopped at its time limit before placing this nominee."
        elif codes == {SEATS_USED_BY_OTHERS}:
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


def build_result(
    model: ArcModel,
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
    mix, excess, violations = mix_cost(model, session_of)
    reasons = dict(model.reasons)
    reasons.update(explain(model, session_of, optimal))
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
