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
solved by HiGHS (``mip.py``), but only for the items where the flow optimum breaks one:
the flow model is a relaxation, so where its optimum meets them it is optimal for them too
(method "flow+mip"; method "mip" solves the whole problem as one MIP). Cross-item overlaps are
first repaired by placing the flow's seated nominees again without the overlapping arcs (seats
and waitlist order then stay those of the relaxation, hence optimal). When the MIP finds no
solution within ``time_limit``, the flow's plan less what breaks a side constraint is returned
with ``optimal=False``: an empty plan is never passed off as optimal, and nobody is told the
seats went to others while one open to them is unused.

Every nominee left out gets a :class:`Reason`; over-subscribed or infeasible instances return
reasons, never raise. Malformed input (duplicate ids, a preference naming an unknown session, a
negative capacity, a cost or a number of seats above the bounds that keep the flow's 64-bit
arithmetic exact: ``prepare.MAX_COST``, ``prepare.MAX_SEATS``) raises ``ValueError`` naming
the field.

The package
-----------
``model.py`` the problem and the answer (dataclasses, reason codes); ``eligibility.py`` which
sessions are open to a nominee and why the others are closed; ``prepare.py`` the index
form both solvers share (arcs nominee -> session and their costs); ``flow.py`` the min-cost flow;
``mip.py`` the HiGHS MIP; ``repair.py`` the MIP only where the flow breaks a side constraint;
``explain.py`` the reasons for those left out and the objective; ``solver.py`` the entry points
:func:`solve`, :func:`evaluate` and :func:`replan`. Imports run one way: model <- eligibility <-
prepare <-
flow, mip, explain <- repair <- solver.
"""

from .model import (
    AGENCY_SHARE_FULL,
    ALREADY_COMPLETED,
    DUPLICATE_NOMINATION,
    EVERYONE,
    MISSING_PREREQUISITE,
    NO_ELIGIBLE_SESSION,
    NOT_REACHED,
    NOT_SENIOR,
    QUOTA_FULL,
    SCHEDULE_CONFLICT,
    SEATS_USED_BY_OTHERS,
    SESSION_NOT_RUNNING,
    UNAVAILABLE,
    WITHDRAWN,
    WRONG_AGENCY,
    Assignment,
    Audience,
    Nominee,
    Problem,
    Quota,
    Reason,
    Session,
    Weights,
    senior_of,
)
from .solver import evaluate, replan, solve

__all__ = [
    "AGENCY_SHARE_FULL",
    "ALREADY_COMPLETED",
    "DUPLICATE_NOMINATION",
    "EVERYONE",
    "MISSING_PREREQUISITE",
    "NOT_REACHED",
    "NOT_SENIOR",
    "NO_ELIGIBLE_SESSION",
    "QUOTA_FULL",
    "SCHEDULE_CONFLICT",
    "SEATS_USED_BY_OTHERS",
    "SESSION_NOT_RUNNING",
    "UNAVAILABLE",
    "WITHDRAWN",
    "WRONG_AGENCY",
    "Assignment",
    "Audience",
    "Nominee",
    "Problem",
    "Quota",
    "Reason",
    "Session",
    "Weights",
    "evaluate",
    "replan",
    "senior_of",
    "solve",
]
