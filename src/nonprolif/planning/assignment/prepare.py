"""The model the flow and the MIP share: a problem in index form, arcs nominee -> session.

:func:`prepare` validates a :class:`~.model.Problem`, leaves out (with a reason) the nominees
who hold a duplicate nomination or have no open session, orders the others by waitlist priority
and lists every (nominee, session) pair open to them with its cost. The flow (``flow.py``), the
MIP (``mip.py``) and the explanation of those left out (``explain.py``) all read this form.
"""

from __future__ import annotations

import math
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


# What a session asks of a nominee: the one agency it is open to (None: any), senior officials
# only, its own (item, cohort), the (item, cohort) it needs completed (None: none), its dates.
_SessionRules = tuple[str | None, bool, tuple[str, int], tuple[str, int] | None, date, date]


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
    return ArcModel(
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


def needs_mip(model: ArcModel) -> bool:
    """Minimum fills and cross-item time conflicts of one official break the flow structure."""
    if any(s.min_fill for s in model.sessions):
        return True
    return bool(conflict_pairs(model))


def conflict_pairs(model: ArcModel) -> list[tuple[int, int]]:
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
                        if overlaps(sa.start, sa.end, sb.start, sb.end):
                            pairs.append((a, b))
    return pairs
