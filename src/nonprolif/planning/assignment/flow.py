"""The min-cost flow core (OR-Tools): the exact solver when no side constraint applies.

source -> item/agency quota -> nominee -> agency in session -> session -> sink; the convex mix
penalty is parallel arcs of increasing cost. Two passes: who gets a seat (waitlist positions),
then where (preferences, mix, changes). One network per item.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from numpy.typing import ArrayLike

from .prepare import ArcModel


def _mix_steps(free: int | None, limit: int, penalty: int) -> list[tuple[int, int]]:
    """(capacity, unit cost) arcs for one agency in one session: free block, then convex steps."""
    if free is None or free >= limit:
        return [(limit, 0)]
    steps = [(free, 0)] if free > 0 else []
    steps.extend((1, penalty * k) for k in range(1, limit - free + 1))
    return steps


def solve_flow(
    model: ArcModel, *, seated: np.ndarray | None = None, allowed: np.ndarray | None = None
) -> np.ndarray:
    """Lexicographically optimal placement; returns the chosen arc per nominee (-1 when left
    out). ``seated`` (0/1 per nominee): place exactly these, at least cost (pass 2 only; some
    may stay out when they cannot all fit). ``allowed`` (bool per arc): the arcs that may be
    used (default: all)."""
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

    def add(t: ArrayLike, h: ArrayLike, c: ArrayLike, c1: ArrayLike, c2: ArrayLike) -> None:
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
    t_l: list[int] = []
    h_l: list[int] = []
    c_l: list[int] = []
    k_l: list[int] = []
    for node, key in enumerate(as_keys.tolist()):
        s = key // len(agencies)
        limit = int(as_count[node])
        share = model.share_limit[s]
        if share is not None:
            limit = min(limit, share)
        limit = min(limit, model.sessions[s].capacity)
        if limit <= 0:
            continue
        for step_capacity, step_cost in _mix_steps(model.mix_free[s], limit, penalty):
            t_l.append(as0 + node)
            h_l.append(ses0 + s)
            c_l.append(step_capacity)
            k_l.append(step_cost)
    first_step_arc = sum(len(t) for t in tails)
    add(t_l, h_l, c_l, np.zeros(len(t_l)), k_l)
    steps = slice(first_step_arc, first_step_arc + len(t_l))
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
            # Arcs without capacity carry nothing: leave them out of the network.
            live = np.flatnonzero(capacity[idx] > 0)
            idx, t, h = idx[live], t[live], h[live]
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
    # Pass 1: as many seats as possible, given by waitlist position. The mix steps of one
    # agency in one session all cost nothing here: one arc of their total capacity will do.
    cap1 = cap.copy()
    step_node = tail[steps]
    if len(step_node):
        first_of_node = np.r_[True, step_node[1:] != step_node[:-1]]
        totals = np.add.reduceat(cap[steps], np.flatnonzero(first_of_node))
        step_caps = np.zeros(len(step_node), dtype=np.int64)
        step_caps[first_of_node] = totals
        cap1[steps] = step_caps
    choice_arcs = slice(first_choice_arc, first_choice_arc + n_arcs)
    if allowed is not None:
        cap1[choice_arcs] = allowed
    if seated is None:
        seated = run(costs1, cap1)[nominee_arcs]
    seated = np.asarray(seated, dtype=np.int64)
    # Pass 2: exactly those nominees, placed at least cost.
    cap2 = cap.copy()
    cap2[nominee_arcs] = seated
    cap2[choice_arcs] = seated[model.arc_nominee] * cap1[choice_arcs]
    # The source's arcs carry exactly the seated nominees of each quota group.
    cap2[:first_nominee_arc] = np.bincount(nominee_group, weights=seated, minlength=len(groups))
    used = run(costs2, cap2)[first_choice_arc : first_choice_arc + n_arcs]
    chosen = np.nonzero(used)[0]
    choice[model.arc_nominee[chosen]] = chosen
    return choice
