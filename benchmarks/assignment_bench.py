"""Benchmark of the cohort assignment solver against a greedy baseline, a plain min-cost flow
and CP-SAT.

Runs, on the same seeded instances (assignment_instances.py: the "items" family of many
four-cohort items, and the "single" family of one item with n/50 sessions, each nominee open
to a random subset) in the same run:
- ours: nonprolif.planning.assignment.solve (min-cost flow; HiGHS MIP with side constraints);
- greedy: nominees in waitlist order each take their cheapest open seat;
- flow: the time anchor, one min-cost flow over the same arcs (source -> nominee -> session
  -> sink, capacities and preference costs only: no quotas, shares, mix or waitlist order, so
  not a valid plan); its time includes building the arcs (``prepare``), its note gives the
  flow solve alone;
- cpsat: the same model (same arcs, costs, convex mix steps, same lexicographic objective:
  seats, then waitlist order, then soft costs, as three solves each fixing the level above)
  in OR-Tools CP-SAT with a time limit shared by the three levels.
Each run is a fresh child process, so "peak MB" is that run's own peak resident memory
(instance included). Times are end to end: model building included, instance generation not.

Then a re-plan after one withdrawal (several seeded withdrawals, worst case reported) and the
side-constrained model (minimum fill per session) at 10,000 nominees.

    .venv/bin/python benchmarks/assignment_bench.py --sizes 200,2000,10000,50000 --seed 1 \
        --families items,single
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assignment_instances import FAMILIES, generate

from nonprolif.planning import assignment
from nonprolif.planning.assignment.prepare import prepare


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _metrics(problem, placements, seconds, optimal, note=""):
    scored = assignment.evaluate(problem, placements)
    o = scored.objective
    return {
        "time": seconds,
        "optimal": optimal,
        "assigned": o["assigned"],
        "priority": o["priority"],
        "preference": o["preference"],
        "mix": o["mix"],
        "total": o["total"],
        "mix_violations": o["mix_violations"],
        "note": note,
    }


# ------------------------------------------------------------------------------------------
# The three methods


def run_ours(problem, **_):
    started = time.perf_counter()
    result = assignment.solve(problem)
    seconds = time.perf_counter() - started
    return _metrics(problem, result.placements, seconds, result.optimal, result.method)


def run_greedy(problem, **_):
    started = time.perf_counter()
    model = prepare(problem, {})
    weights = problem.weights
    used = [0] * len(model.sessions)
    per_agency: dict[tuple[int, str], int] = {}
    per_group: dict[tuple[str, str], int] = {}
    arcs_of: list[list[int]] = [[] for _ in model.nominees]
    for a, n in enumerate(model.arc_nominee.tolist()):
        arcs_of[n].append(a)
    placements = {}
    for i, nominee in enumerate(model.nominees):  # waitlist order
        group = (nominee.item, nominee.agency)
        quota = model.quota_of.get(group)
        if quota is not None and per_group.get(group, 0) >= quota:
            continue
        best = None
        for a in arcs_of[i]:
            s = int(model.arc_session[a])
            if used[s] >= model.sessions[s].capacity:
                continue
            here = per_agency.get((s, nominee.agency), 0)
            share = model.share_limit[s]
            if share is not None and here >= share:
                continue
            free = model.mix_free[s]
            marginal = weights.mix_penalty * (here + 1 - free) if free is not None else 0
            cost = int(model.arc_cost[a]) + max(0, marginal)
            if best is None or (cost, s) < best:
                best = (cost, s)
        if best is not None:
            s = best[1]
            used[s] += 1
            per_agency[s, nominee.agency] = per_agency.get((s, nominee.agency), 0) + 1
            per_group[group] = per_group.get(group, 0) + 1
            placements[nominee.id] = model.sessions[s].id
    seconds = time.perf_counter() - started
    return _metrics(problem, placements, seconds, False)


def run_cpsat(problem, *, time_limit: float, **_):
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    model = prepare(problem, {})
    m = cp_model.CpModel()
    n_arcs = len(model.arc_nominee)
    arc_nominee = model.arc_nominee.tolist()
    arc_session = model.arc_session.tolist()
    x = [m.new_bool_var(f"x{a}") for a in range(n_arcs)]
    by_nominee: dict[int, list] = {}
    by_session: dict[int, list] = {}
    by_group: dict[tuple[str, str], list] = {}
    by_as: dict[tuple[int, str], list] = {}
    for a, (n, s) in enumerate(zip(arc_nominee, arc_session, strict=True)):
        nominee = model.nominees[n]
        by_nominee.setdefault(n, []).append(x[a])
        by_session.setdefault(s, []).append(x[a])
        by_group.setdefault((nominee.item, nominee.agency), []).append(x[a])
        by_as.setdefault((s, nominee.agency), []).append(x[a])
    for xs in by_nominee.values():
        m.add_at_most_one(xs)
    for s, xs in by_session.items():
        m.add(sum(xs) <= model.sessions[s].capacity)
    for key, xs in by_group.items():
        if key in model.quota_of:
            m.add(sum(xs) <= model.quota_of[key])
    step_vars, step_costs = [], []
    penalty = problem.weights.mix_penalty
    for (s, _agency), xs in by_as.items():
        limit = min(len(xs), model.sessions[s].capacity)
        if model.share_limit[s] is not None:
            limit = min(limit, model.share_limit[s])
            m.add(sum(xs) <= limit)
        free = model.mix_free[s]
        if free is not None and free < limit:
            steps = [m.new_bool_var("") for _ in range(limit - free)]
            m.add(sum(xs) <= free + sum(steps))
            step_vars.extend(steps)
            step_costs.extend(penalty * k for k in range(1, limit - free + 1))
    count = cp_model.LinearExpr.sum(x)
    positions = cp_model.LinearExpr.weighted_sum(x, arc_nominee)
    costs = cp_model.LinearExpr.weighted_sum(x + step_vars, model.arc_cost.tolist() + step_costs)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 0
    optimal = True
    values = None
    levels = [(count, True), (positions, False), (costs, False)]
    for level, (expr, maximise) in enumerate(levels):
        remaining = time_limit - (time.perf_counter() - started)
        if remaining <= 0.5:
            optimal = False
            break
        solver.parameters.max_time_in_seconds = remaining
        if maximise:
            m.maximize(expr)
        else:
            m.minimize(expr)
        if values is not None:
            m.clear_hints()
            for var, v in zip(x, values, strict=True):
                m.add_hint(var, v)
        status = solver.solve(m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            optimal = False
            break
        optimal = optimal and status == cp_model.OPTIMAL
        values = [solver.value(v) for v in x]
        best = round(solver.objective_value)
        if level < 2:
            m.add(expr >= best if maximise else expr <= best)
    seconds = time.perf_counter() - started
    placements = {}
    if values is not None:
        for a, v in enumerate(values):
            if v:
                placements[model.nominees[arc_nominee[a]].id] = model.sessions[arc_session[a]].id
    note = "" if values is not None else "no solution"
    return _metrics(problem, placements, seconds, optimal, note)


def run_flow(problem, **_):
    import numpy as np
    from ortools.graph.python import min_cost_flow

    started = time.perf_counter()
    model = prepare(problem, {})
    n, s, a = len(model.nominees), len(model.sessions), len(model.arc_nominee)
    tail = np.concatenate([np.zeros(n), 2 + model.arc_nominee, 2 + n + np.arange(s)])
    head = np.concatenate([2 + np.arange(n), 2 + n + model.arc_session, np.ones(s)])
    capacity = np.concatenate([np.ones(n + a), [x.capacity for x in model.sessions]])
    cost = np.concatenate([np.zeros(n), model.arc_cost, np.zeros(s)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tail.astype(np.int32),
        head.astype(np.int32),
        capacity.astype(np.int64),
        cost.astype(np.int64),
    )
    flow.set_node_supply(0, n)
    flow.set_node_supply(1, -n)
    solve_started = time.perf_counter()
    flow.solve_max_flow_with_min_cost()
    solved = time.perf_counter() - solve_started
    used = flow.flows(np.arange(n, n + a, dtype=np.int32))
    seconds = time.perf_counter() - started
    placements = {
        model.nominees[int(model.arc_nominee[k])].id: model.sessions[int(model.arc_session[k])].id
        for k in np.flatnonzero(used).tolist()
    }
    note = f"solve {solved:.3f} s, {a:,} arcs; capacities only, not a valid plan"
    return _metrics(problem, placements, seconds, False, note)


RUNNERS = {"ours": run_ours, "greedy": run_greedy, "flow": run_flow, "cpsat": run_cpsat}


# ------------------------------------------------------------------------------------------
# Child processes


def _child(conn, what: str, n: int, seed: int, kwargs: dict) -> None:
    # Library imports are a one-off cost of the process, not of a solve.
    import highspy  # noqa: F401
    from ortools.graph.python import min_cost_flow  # noqa: F401
    from ortools.sat.python import cp_model  # noqa: F401

    try:
        if what == "replan":
            conn.send(_replan(n, seed, kwargs["withdrawals"]))
        elif what == "side":
            conn.send(_side(n, seed, kwargs["time_limit"]))
        else:
            problem = FAMILIES[kwargs.pop("family", "items")](n, seed)
            base = _rss_mb("VmRSS")
            result = RUNNERS[what](problem, **kwargs)
            result["peak_mb"] = _rss_mb("VmHWM")
            result["instance_mb"] = base
            conn.send(result)
    except Exception as exc:  # report, keep the harness going
        conn.send({"error": repr(exc)})
    finally:
        conn.close()


def in_child(what: str, n: int, seed: int, **kwargs) -> dict:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, what, n, seed, kwargs))
    proc.start()
    child.close()
    result = parent.recv()
    proc.join()
    return result


def _replan(n: int, seed: int, withdrawals: int) -> dict:
    problem = generate(n, seed)
    first = assignment.solve(problem)
    rng = random.Random(seed)
    worst_time = 0.0
    worst_moved = 0
    promoted = 0
    for leaver in rng.sample(sorted(first.placements), withdrawals):
        started = time.perf_counter()
        result = assignment.replan(problem, first.placements, withdrawn=[leaver])
        worst_time = max(worst_time, time.perf_counter() - started)
        worst_moved = max(worst_moved, len(result.moved))
        promoted += len(result.promoted)
        placed_before = {k: v for k, v in first.placements.items() if k != leaver}
        kept = sum(result.placements.get(k) == v for k, v in placed_before.items())
        assert kept >= len(placed_before) - len(result.moved)
    return {
        "withdrawals": withdrawals,
        "worst_time": worst_time,
        "worst_moved": worst_moved,
        "promoted": promoted,
        "peak_mb": _rss_mb("VmHWM"),
    }


def _side(n: int, seed: int, time_limit: float) -> dict:
    problem = generate(n, seed, min_fill=True)
    started = time.perf_counter()
    result = assignment.solve(problem, time_limit=time_limit)
    seconds = time.perf_counter() - started
    o = result.objective
    gap = (o["total"] - o["bound"]) / max(1, o["total"])
    running = len(set(result.placements.values()))
    return {
        "time": seconds,
        "method": result.method,
        "optimal": result.optimal,
        "assigned": o["assigned"],
        "total": o["total"],
        "bound": o["bound"],
        "gap": gap,
        "sessions_running": running,
        "sessions": len(problem.sessions),
        "peak_mb": _rss_mb("VmHWM"),
    }


# ------------------------------------------------------------------------------------------


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,2000,10000,50000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cpsat-time-limit", type=float, default=60.0)
    parser.add_argument(
        "--skip-cpsat-above", type=int, default=None, help="no CP-SAT run above this size"
    )
    parser.add_argument("--replan-size", type=int, default=10_000)
    parser.add_argument("--withdrawals", type=int, default=5)
    parser.add_argument("--side-size", type=int, default=10_000)
    parser.add_argument("--side-time-limit", type=float, default=60.0)
    parser.add_argument("--parts", default="core,replan,side")
    parser.add_argument("--families", default="items,single", help="instance families")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]

    if "core" in parts:
        head = (
            f"{'family':>6} {'nominees':>8} {'sessions':>8} {'method':>7} {'time s':>8} "
            f"{'x ours':>7} "
            f"{'optimal':>7} {'assigned':>8} {'priority':>11} {'pref':>7} {'mix':>7} "
            f"{'total':>8} {'mix viol':>8} {'peak MB':>8}  note"
        )
        print(head)
        print("-" * len(head))
        for family in args.families.split(","):
            for n in sizes:
                sessions = len(FAMILIES[family](n, args.seed).sessions)
                rows = {}
                for what in ("ours", "greedy", "flow", "cpsat"):
                    if what == "cpsat" and args.skip_cpsat_above and n > args.skip_cpsat_above:
                        continue
                    rows[what] = in_child(
                        what, n, args.seed, time_limit=args.cpsat_time_limit, family=family
                    )
                ours = rows["ours"]
                for what, r in rows.items():
                    if "error" in r:
                        print(f"{family:>6} {n:>8} {sessions:>8} {what:>7} error: {r['error']}")
                        continue
                    ratio = r["time"] / ours["time"] if "time" in ours else float("nan")
                    print(
                        f"{family:>6} {n:>8} {sessions:>8} {what:>7} {r['time']:>8.3f} "
                        f"{ratio:>7.1f} "
                        f"{'yes' if r['optimal'] else 'no':>7} {r['assigned']:>8} "
                        f"{r['priority']:>11} {r['preference']:>7} {r['mix']:>7} {r['total']:>8} "
                        f"{r['mix_violations']:>8} {r['peak_mb']:>8.0f}  {r['note']}",
                        flush=True,
                    )
        print()

    if "replan" in parts:
        r = in_child("replan", args.replan_size, args.seed, withdrawals=args.withdrawals)
        print(
            f"re-plan at {args.replan_size} nominees, {r['withdrawals']} single withdrawals: "
            f"worst time {r['worst_time']:.3f} s, worst moved {r['worst_moved']}, "
            f"promoted {r['promoted']} in all, peak {r['peak_mb']:.0f} MB"
        )
    if "side" in parts:
        r = in_child("side", args.side_size, args.seed, time_limit=args.side_time_limit)
        if "error" in r:
            print(f"side constraints: error {r['error']}")
        else:
            print(
                f"min-fill side constraints at {args.side_size} nominees: {r['method']} "
                f"{r['time']:.2f} s, optimal {r['optimal']}, assigned {r['assigned']}, "
                f"total {r['total']} vs bound {r['bound']} (gap {100 * r['gap']:.2f} %), "
                f"{r['sessions_running']}/{r['sessions']} sessions run, "
                f"peak {r['peak_mb']:.0f} MB"
            )


if __name__ == "__main__":
    main()
