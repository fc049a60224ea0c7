"""The cohort assignment solver: brute force on small instances, properties, reasons, re-plan."""

import itertools
import math
import random
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.planning.assignment import (
    AGENCY_SHARE_FULL,
    DUPLICATE_NOMINATION,
    MISSING_PREREQUISITE,
    NO_ELIGIBLE_SESSION,
    NOT_SENIOR,
    QUOTA_FULL,
    SEATS_USED_BY_OTHERS,
    SESSION_NOT_RUNNING,
    UNAVAILABLE,
    WITHDRAWN,
    WRONG_AGENCY,
    Audience,
    Nominee,
    Problem,
    Quota,
    Session,
    Weights,
    evaluate,
    replan,
    senior_of,
    solve,
)

DAY0 = date(2009, 10, 23)
T0 = datetime(2009, 9, 1, 9, 0)


def session(sid, *, item="core", cohort=1, capacity=2, day=0, length=2, **kw):
    start = DAY0 + timedelta(days=day)
    return Session(sid, item, cohort, capacity, start, start + timedelta(days=length), **kw)


def nominee(nid, agency="AAA", *, item="core", minute=0, **kw):
    return Nominee(nid, agency, item, nominated_at=T0 + timedelta(minutes=minute), **kw)


# ------------------------------------------------------------------------------------------
# An independent reference: the rules and the objective written out directly.


def open_to(n: Nominee, s: Session, problem: Problem) -> bool:
    if s.item != n.item:
        return False
    if s.audience.agency is not None and s.audience.agency != n.agency:
        return False
    if s.audience.senior_only and not n.senior:
        return False
    if (s.item, s.cohort) in n.completed:
        return False
    first = min(x.cohort for x in problem.sessions if x.item == s.item)
    if (
        s.item in problem.sequential_items
        and s.cohort > first
        and (s.item, s.cohort - 1) not in n.completed
    ):
        return False
    return not any(a <= s.end and s.start <= b for a, b in n.unavailable)


def share_limit(s: Session, problem: Problem):
    if s.audience.agency is not None or problem.max_agency_share is None:
        return None
    return math.floor(problem.max_agency_share * s.capacity + 1e-9)


def violations(problem: Problem, placements: dict) -> list[str]:
    """Every hard rule broken by ``placements`` (nominee id -> session id)."""
    sessions = {s.id: s for s in problem.sessions}
    nominees = {n.id: n for n in problem.nominees}
    broken = []
    per_session = Counter(placements.values())
    per_agency = Counter((sid, nominees[nid].agency) for nid, sid in placements.items())
    per_group = Counter((nominees[nid].item, nominees[nid].agency) for nid in placements)
    for sid, count in per_session.items():
        s = sessions[sid]
        if count > s.capacity:
            broken.append(f"{sid} over capacity")
        if s.min_fill and count < s.min_fill:
            broken.append(f"{sid} under its minimum fill")
    for (sid, _agency), count in per_agency.items():
        limit = share_limit(sessions[sid], problem)
        if limit is not None and count > limit:
            broken.append(f"{sid} over the agency share")
    for quota in problem.quotas:
        if per_group[quota.item, quota.agency] > quota.seats:
            broken.append(f"quota {quota} exceeded")
    for nid, sid in placements.items():
        if not open_to(nominees[nid], sessions[sid], problem):
            broken.append(f"{nid} not eligible for {sid}")
    by_official = defaultdict(list)
    for nid, sid in placements.items():
        n = nominees[nid]
        by_official[n.official_id].append((n.item, sessions[sid]))
    for placed in by_official.values():
        items = [item for item, _ in placed]
        if len(items) != len(set(items)):
            broken.append("an official twice in one item")
        for (_, a), (_, b) in itertools.combinations(placed, 2):
            if a.start <= b.end and b.start <= a.end:
                broken.append("an official in two overlapping sessions")
    return broken


def reference_key(problem: Problem, placements: dict):
    """(seats, waitlist positions, soft costs) of a placement, as the solver defines them."""
    w = problem.weights
    sessions = {s.id: s for s in problem.sessions}
    candidates = sorted(
        (n for n in problem.nominees if any(open_to(n, s, problem) for s in problem.sessions)),
        key=lambda n: (n.nominated_at, n.id),
    )
    position = {n.id: i for i, n in enumerate(candidates)}
    preference = 0
    for n in problem.nominees:
        if n.id in placements and n.preferences:
            ranks = list(n.preferences)
            sid = placements[n.id]
            if sid in ranks and ranks.index(sid) < len(w.preference_costs):
                preference += w.preference_costs[ranks.index(sid)]
            else:
                preference += w.unlisted_cost
    agencies = defaultdict(set)
    for n in problem.nominees:
        agencies[n.item].add(n.agency)
    counts = Counter(
        (sid, {n.id: n for n in problem.nominees}[nid].agency) for nid, sid in placements.items()
    )
    mix = 0
    for (sid, _agency), count in counts.items():
        s = sessions[sid]
        if s.audience.agency is not None:
            continue
        target = w.mix_target_share or 1 / len(agencies[s.item])
        free = math.floor(target * s.capacity + 1e-9)
        excess = max(0, count - free)
        mix += w.mix_penalty * excess * (excess + 1) // 2
    return (
        len(placements),
        sum(position[nid] for nid in placements),
        preference + mix,
    )


def brute_force(problem: Problem):
    """The lexicographic optimum by enumerating every assignment."""
    options = [
        [None, *(s.id for s in problem.sessions if open_to(n, s, problem))]
        for n in problem.nominees
    ]
    best = None
    for combo in itertools.product(*options):
        placements = {n.id: sid for n, sid in zip(problem.nominees, combo, strict=True) if sid}
        if violations(problem, placements):
            continue
        seats, positions, cost = reference_key(problem, placements)
        key = (-seats, positions, cost)
        if best is None or key < best:
            best = key
    return -best[0], best[1], best[2]


def random_problem(rng: random.Random, *, min_fill: bool = False, n_max=6, s_max=3) -> Problem:
    n_sessions = rng.choice([1, *range(2, s_max + 1), s_max])
    sessions = []
    for k in range(n_sessions):
        audience = Audience()
        if rng.random() < 0.2:
            audience = senior_of(rng.choice("AB"))
        sessions.append(
            session(
                f"s{k}",
                cohort=k + 1,
                capacity=rng.choice([0, 1, 2, 2, 3, 4]),
                day=30 * k,
                audience=audience,
                min_fill=rng.choice([None, 2, 3]) if min_fill else None,
            )
        )
    nominees = []
    for i in range(rng.randint(max(1, n_max - 3), n_max)):
        unavailable = ()
        if rng.random() < 0.3:
            k = rng.randrange(n_sessions)
            unavailable = ((sessions[k].start, sessions[k].start),)
        prefs = rng.sample([s.id for s in sessions], rng.randint(0, n_sessions))
        if rng.random() < 0.8:
            prefs = prefs or [rng.choice(sessions).id]
        nominees.append(
            nominee(
                f"n{i}",
                rng.choice("AB"),
                minute=rng.randint(0, 3),
                senior=rng.random() < 0.5,
                unavailable=unavailable,
                preferences=tuple(prefs),
                completed=frozenset({("core", 1)}) if rng.random() < 0.5 else frozenset(),
            )
        )
    quotas = tuple(
        Quota("core", agency, rng.randint(0, 4)) for agency in "AB" if rng.random() < 0.4
    )
    return Problem(
        sessions=tuple(sessions),
        nominees=tuple(nominees),
        quotas=quotas,
        max_agency_share=rng.choice([None, None, 0.5, 0.67]),
        sequential_items=frozenset({"core"}) if rng.random() < 0.3 else frozenset(),
        weights=Weights(
            mix_penalty=rng.choice([0, 1, 3]),
            mix_target_share=rng.choice([None, 0.34]),
            unlisted_cost=rng.choice([4, 15]),
        ),
    )


def key_of(result):
    o = result.objective
    return o["assigned"], o["priority"], o["total"]


# ------------------------------------------------------------------------------------------
# Optimality


@pytest.mark.parametrize("seed", range(100))
def test_flow_objective_equals_brute_force_on_small_random_instances(seed):
    problem = random_problem(random.Random(seed))
    result = solve(problem)
    assert result.method == "flow"
    assert result.optimal
    assert not violations(problem, dict(result.placements))
    assert key_of(result) == brute_force(problem)
    assert key_of(result) == reference_key(problem, dict(result.placements))


@pytest.mark.parametrize("method", ["mip", "auto"])
@pytest.mark.parametrize("seed", range(25))
def test_minimum_fills_objective_equals_brute_force_on_small_random_instances(seed, method):
    # "auto" solves the flow and re-solves as a MIP only the items where it breaks a fill.
    problem = random_problem(random.Random(1000 + seed), min_fill=True)
    result = solve(problem, method=method)
    assert result.optimal
    assert not violations(problem, dict(result.placements))
    assert key_of(result) == brute_force(problem)


def two_item_problem(rng: random.Random) -> Problem:
    """Officials nominated for two items whose sessions overlap in time."""
    sessions = (
        session("c1", item="core", cohort=1, capacity=rng.randint(1, 3), day=0),
        session("c2", item="core", cohort=2, capacity=rng.randint(1, 3), day=30),
        session("x1", item="extra", capacity=rng.randint(1, 3), day=rng.choice([1, 31, 60])),
    )
    nominees = []
    for i in range(rng.randint(2, 3)):
        official = f"o{i}"
        for item in ("core", "extra"):
            nominees.append(
                nominee(
                    f"{item}-{official}",
                    rng.choice("AB"),
                    item=item,
                    minute=rng.randint(0, 5),
                    official=official,
                    preferences=(rng.choice(["c1", "c2"]),) if item == "core" else (),
                )
            )
    if rng.random() < 0.5:
        sessions = (*sessions[:2], replace(sessions[2], min_fill=2))
    return Problem(sessions=sessions, nominees=tuple(nominees))


@pytest.mark.parametrize("method", ["mip", "auto"])
@pytest.mark.parametrize("seed", range(15))
def test_cross_item_conflicts_objective_equals_brute_force(seed, method):
    problem = two_item_problem(random.Random(3000 + seed))
    result = solve(problem, method=method)
    assert result.optimal
    assert not violations(problem, dict(result.placements))
    assert key_of(result) == brute_force(problem)


@pytest.mark.parametrize("seed", range(10))
def test_mip_and_flow_agree_where_both_apply(seed):
    problem = random_problem(random.Random(2000 + seed), n_max=12, s_max=4)
    assert key_of(solve(problem, method="mip")) == key_of(solve(problem, method="flow"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), min_fill=st.booleans())
def test_every_nominee_is_placed_legally_or_has_a_reason(seed, min_fill):
    problem = random_problem(random.Random(seed), min_fill=min_fill, n_max=15, s_max=4)
    result = solve(problem)
    assert not violations(problem, dict(result.placements))
    ids = {n.id for n in problem.nominees}
    assert set(result.placements) | set(result.unassigned) == ids
    assert not set(result.placements) & set(result.unassigned)
    assert all(r.code and r.message for r in result.unassigned.values())
    # The waitlist holds exactly those left out who could take a seat, in nomination order.
    order = {n.id: (n.nominated_at, n.id) for n in problem.nominees}
    assert list(result.waitlist) == sorted(result.waitlist, key=order.__getitem__)
    assert all(result.unassigned[n].code != NO_ELIGIBLE_SESSION for n in result.waitlist)
    # Scoring the same placements from outside gives the same objective.
    scored = evaluate(problem, result.placements).objective
    assert scored == {k: v for k, v in result.objective.items() if k != "bound"}


def test_result_does_not_depend_on_input_order():
    problem = random_problem(random.Random(7), n_max=15, s_max=4)
    shuffled = Problem(
        sessions=tuple(reversed(problem.sessions)),
        nominees=tuple(reversed(problem.nominees)),
        quotas=problem.quotas,
        max_agency_share=problem.max_agency_share,
        sequential_items=problem.sequential_items,
        weights=problem.weights,
    )
    assert solve(problem) == solve(shuffled)


# ------------------------------------------------------------------------------------------
# Reasons for those left out


def test_over_subscribed_session_leaves_the_latest_nominees_out_with_a_reason():
    problem = Problem(
        sessions=(session("s1", capacity=2),),
        nominees=tuple(nominee(f"n{i}", minute=i) for i in range(4)),
    )
    result = solve(problem)
    assert set(result.placements) == {"n0", "n1"}
    assert result.waitlist == ("n2", "n3")
    assert result.unassigned["n2"].code == SEATS_USED_BY_OTHERS
    assert result.unassigned["n2"].details == {"s1": SEATS_USED_BY_OTHERS}


def test_ineligible_nominees_get_the_reason_of_every_closed_session():
    problem = Problem(
        sessions=(
            session("core1", cohort=1, day=0),
            session("core2", cohort=2, day=90),
            session("senior-b", item="senior", audience=senior_of("BBB"), day=200),
            session("senior-a", item="senior", audience=senior_of("AAA"), day=210),
        ),
        nominees=(
            nominee("busy", unavailable=((DAY0, DAY0 + timedelta(days=100)),)),
            nominee("junior", "AAA", item="senior"),
        ),
        sequential_items=frozenset({"core"}),
    )
    result = solve(problem)
    assert result.placements == {}
    busy = result.unassigned["busy"]
    assert busy.code == NO_ELIGIBLE_SESSION
    assert busy.details == {"core1": UNAVAILABLE, "core2": MISSING_PREREQUISITE}
    junior = result.unassigned["junior"]
    assert junior.code == NO_ELIGIBLE_SESSION
    assert junior.details == {"senior-b": WRONG_AGENCY, "senior-a": NOT_SENIOR}
    assert result.waitlist == ()


def test_quota_reason_names_the_agency_quota():
    problem = Problem(
        sessions=(session("s1", capacity=5),),
        nominees=(nominee("a1", minute=1), nominee("a2", minute=2), nominee("b1", "BBB")),
        quotas=(Quota("core", "AAA", 1),),
    )
    result = solve(problem)
    assert set(result.placements) == {"a1", "b1"}
    assert result.unassigned["a2"].code == QUOTA_FULL


def test_agency_share_reason_when_the_only_free_seats_exceed_the_share():
    problem = Problem(
        sessions=(session("s1", capacity=4),),
        nominees=(nominee("a1"), nominee("a2", minute=1), nominee("a3", minute=2)),
        max_agency_share=0.5,
    )
    result = solve(problem)
    assert set(result.placements) == {"a1", "a2"}
    assert result.unassigned["a3"].code == AGENCY_SHARE_FULL


def test_a_per_item_share_overrides_the_problem_share_for_that_item_only():
    problem = Problem(
        sessions=(session("s1", capacity=4), session("t1", item="other", capacity=4)),
        nominees=(
            *(nominee(f"a{k}", minute=k) for k in range(3)),
            *(nominee(f"x{k}", item="other", minute=k) for k in range(3)),
        ),
        max_agency_share=0.5,
        item_max_agency_share={"other": None},
    )
    result = solve(problem)
    assert {n for n in result.placements if n.startswith("a")} == {"a0", "a1"}
    assert result.unassigned["a2"].code == AGENCY_SHARE_FULL
    assert {n for n in result.placements if n.startswith("x")} == {"x0", "x1", "x2"}
    with pytest.raises(ValueError, match=r"item_max_agency_share\['other'\]"):
        solve(replace(problem, item_max_agency_share={"other": 1.5}))


def test_session_below_its_minimum_fill_does_not_run_and_says_so():
    problem = Problem(
        sessions=(session("s1", capacity=10, min_fill=3),),
        nominees=(nominee("a1"), nominee("a2", minute=1)),
    )
    result = solve(problem)
    assert result.method == "flow+mip"
    assert result.placements == {}
    assert {r.code for r in result.unassigned.values()} == {SESSION_NOT_RUNNING}


def test_second_nomination_of_one_official_for_an_item_is_a_duplicate():
    problem = Problem(
        sessions=(session("s1", capacity=5),),
        nominees=(nominee("x1", official="ana"), nominee("x2", official="ana", minute=1)),
    )
    result = solve(problem)
    assert result.placements == {"x1": "s1"}
    assert result.unassigned["x2"].code == DUPLICATE_NOMINATION


def test_official_in_two_items_is_never_in_overlapping_sessions():
    problem = Problem(
        sessions=(
            session("core", item="core", capacity=1, day=0),
            session("senior", item="senior", capacity=1, day=1),
        ),
        nominees=(
            nominee("ana-core", item="core", official="ana"),
            nominee("ana-senior", item="senior", official="ana", minute=1),
        ),
    )
    result = solve(problem)
    assert result.method == "flow+mip"
    assert len(result.placements) == 1
    assert not violations(problem, dict(result.placements))


def test_empty_and_seatless_problems_return_reasons_not_exceptions():
    assert solve(Problem(sessions=(), nominees=())).placements == {}
    result = solve(Problem(sessions=(), nominees=(nominee("a"),)))
    assert result.unassigned["a"].code == NO_ELIGIBLE_SESSION
    result = solve(Problem(sessions=(session("s", capacity=0),), nominees=(nominee("a"),)))
    assert result.unassigned["a"].code == SEATS_USED_BY_OTHERS


def test_malformed_input_names_the_field():
    with pytest.raises(ValueError, match=r"preferences"):
        solve(Problem(sessions=(session("s"),), nominees=(nominee("a", preferences=("x",)),)))
    with pytest.raises(ValueError, match=r"duplicate nominee id"):
        solve(Problem(sessions=(session("s"),), nominees=(nominee("a"), nominee("a"))))


# ------------------------------------------------------------------------------------------
# Soft costs


def test_ranked_preferences_are_honoured_when_seats_allow():
    problem = Problem(
        sessions=(session("s1", capacity=1), session("s2", capacity=1, day=30)),
        nominees=(
            nominee("a", preferences=("s2", "s1")),
            nominee("b", "BBB", minute=1, preferences=("s1", "s2")),
        ),
    )
    result = solve(problem)
    assert result.placements == {"a": "s2", "b": "s1"}
    assert result.objective["preference"] == 0


def test_mix_penalty_spreads_agencies_over_sessions():
    problem = Problem(
        sessions=(session("s1", capacity=4), session("s2", capacity=4, day=30)),
        nominees=tuple(
            nominee(f"{a}{i}", a, preferences=("s1",)) for a in ("AAA", "BBB") for i in range(4)
        ),
        weights=Weights(preference_costs=(0,), unlisted_cost=1, mix_penalty=5),
    )
    result = solve(problem)
    counts = Counter(
        (sid, nid[0]) for nid, sid in result.placements.items()
    )  # two of each agency in each session
    assert set(counts.values()) == {2}
    assert result.objective["mix"] == 0


def test_mix_penalty_is_convex_each_extra_person_costs_more():
    # Six AAA officials all prefer s1; the target share leaves 2 per agency free of penalty.
    # k-th person above the target costs 3k: 4 in s1 and 2 in s2 (two unlisted at 4 each,
    # excess 1+2 in s1 = 9) beats 6 in s1 (3+6+9+12 = 30) and 3/3 (12 + 3 + 3 = 18).
    problem = Problem(
        sessions=(session("s1", capacity=6), session("s2", capacity=6, day=30)),
        nominees=tuple(nominee(f"a{i}", preferences=("s1",)) for i in range(6)),
        weights=Weights(mix_target_share=0.34, mix_penalty=3, unlisted_cost=4),
    )
    result = solve(problem)
    assert Counter(result.placements.values()) == {"s1": 4, "s2": 2}
    assert result.objective["mix"] == 9
    assert result.objective["preference"] == 8
    assert solve(problem, method="mip").objective == {**result.objective, "bound": 17}


# ------------------------------------------------------------------------------------------
# Re-planning after a withdrawal


def test_withdrawal_promotes_the_first_waitlisted_nominee_without_moving_anyone():
    problem = Problem(
        sessions=(session("s1", capacity=2), session("s2", capacity=2, day=30)),
        nominees=tuple(nominee(f"n{i}", "AB"[i % 2] * 3, minute=i) for i in range(7)),
    )
    first = solve(problem)
    assert first.waitlist == ("n4", "n5", "n6")
    result = replan(problem, first.placements, withdrawn=["n1"])
    assert result.promoted == ("n4",)
    assert result.moved == ()
    assert result.placements["n4"] == first.placements["n1"]
    assert result.unassigned["n1"].code == WITHDRAWN
    assert {n: s for n, s in result.placements.items() if n != "n4"} == {
        n: s for n, s in first.placements.items() if n != "n1"
    }


def test_withdrawal_skips_a_waitlisted_nominee_who_cannot_fit():
    problem = Problem(
        sessions=(session("s1", capacity=2),),
        nominees=(
            nominee("a1"),
            nominee("b1", "BBB", minute=1),
            nominee("a2", minute=2),  # first in the waitlist but AAA's quota is full
            nominee("b2", "BBB", minute=3),
        ),
        quotas=(Quota("core", "AAA", 1),),
    )
    first = solve(problem)
    assert first.waitlist == ("a2", "b2")
    result = replan(problem, first.placements, withdrawn=["b1"])
    assert result.promoted == ("b2",)
    assert result.unassigned["a2"].code == QUOTA_FULL


def test_withdrawal_moves_one_person_to_seat_a_waitlisted_nominee_who_fits_elsewhere():
    problem = Problem(
        sessions=(session("s1", capacity=1), session("s2", capacity=1, day=30)),
        nominees=(
            nominee("flex", minute=0, preferences=("s2", "s1")),
            nominee("leaver", minute=1, preferences=("s1",)),
            # First waitlisted: can only take s2, which flex holds; flex moves to s1.
            nominee("w1", minute=2, unavailable=((DAY0, DAY0),)),
            nominee("w2", minute=3),
        ),
    )
    first = solve(problem)
    assert first.placements == {"flex": "s2", "leaver": "s1"}
    result = replan(problem, first.placements, withdrawn=["leaver"])
    assert result.placements == {"flex": "s1", "w1": "s2"}
    assert result.promoted == ("w1",)
    assert result.moved == ("flex",)
    assert result.objective["moved"] == 1


def test_replan_keeps_a_worse_current_assignment_when_moving_costs_more():
    problem = Problem(
        sessions=(session("s1", capacity=2), session("s2", capacity=2, day=30)),
        nominees=(nominee("a", preferences=("s1", "s2")),),
        weights=Weights(preference_costs=(0, 2), change_penalty=20),
    )
    result = replan(problem, {"a": "s2"})
    assert result.placements == {"a": "s2"}
    assert result.moved == ()
    cheap = Problem(problem.sessions, problem.nominees, weights=Weights(change_penalty=1))
    assert replan(cheap, {"a": "s2"}).placements == {"a": "s1"}


# ------------------------------------------------------------------------------------------
# The 2009 program


AGENCIES = ("CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS")


def program_2009(seed: int) -> Problem:
    """200 officials of 8 agencies, four modules of 50 every three months from 23 Oct 2009,
    and a specialised session for the senior officials of each agency."""
    rng = random.Random(seed)
    cohorts = [session(f"module-{k + 1}", cohort=k + 1, capacity=50, day=91 * k) for k in range(4)]
    seniors = [
        session(
            f"senior-{agency}",
            item="senior",
            cohort=1,
            capacity=10,
            day=40 + 3 * i,
            length=1,
            audience=senior_of(agency),
        )
        for i, agency in enumerate(AGENCIES)
    ]
    nominees = []
    for i in range(200):
        agency = AGENCIES[i % 8]
        official = f"{agency}-{i // 8:02d}"
        senior = i // 8 < 5
        unavailable = ()
        if rng.random() < 0.3:
            blocked = rng.choice(cohorts)
            unavailable = ((blocked.start, blocked.end),)
        prefs = tuple(rng.sample([c.id for c in cohorts], 2))
        nominees.append(
            Nominee(
                f"core:{official}",
                agency,
                "core",
                senior=senior,
                unavailable=unavailable,
                preferences=prefs,
                nominated_at=T0 + timedelta(minutes=rng.randint(0, 10_000)),
                official=official,
            )
        )
        if senior or rng.random() < 0.2:  # a few juniors are nominated too, and left out
            nominees.append(
                Nominee(
                    f"senior:{official}",
                    agency,
                    "senior",
                    senior=senior,
                    nominated_at=T0 + timedelta(minutes=rng.randint(0, 10_000)),
                    official=official,
                )
            )
    rng.shuffle(nominees)
    return Problem(
        sessions=tuple(cohorts + seniors),
        nominees=tuple(nominees),
        quotas=tuple(Quota("core", a, 25) for a in AGENCIES),
        max_agency_share=0.25,
    )


def test_2009_program_places_all_200_with_every_agency_in_every_module():
    problem = program_2009(seed=2009)
    result = solve(problem)
    assert not violations(problem, dict(result.placements))
    core = {nid: sid for nid, sid in result.placements.items() if nid.startswith("core:")}
    assert len(core) == 200
    modules = defaultdict(Counter)
    by_id = {n.id: n for n in problem.nominees}
    for nid, sid in core.items():
        modules[sid][by_id[nid].agency] += 1
    assert sorted(modules) == ["module-1", "module-2", "module-3", "module-4"]
    for counts in modules.values():
        assert sum(counts.values()) == 50
        assert set(counts) == set(AGENCIES)
    # Senior sessions hold only senior officials of their own agency; juniors get the reason.
    for nid, sid in result.placements.items():
        if sid.startswith("senior-"):
            assert by_id[nid].senior
            assert sid == f"senior-{by_id[nid].agency}"
    juniors = [n for n in problem.nominees if n.item == "senior" and not n.senior]
    assert juniors
    assert all(result.unassigned[n.id].code == NO_ELIGIBLE_SESSION for n in juniors)
    # Reproducibly: the same answer again, whatever the input order.
    again = program_2009(seed=2009)
    reordered = Problem(
        sessions=tuple(reversed(again.sessions)),
        nominees=tuple(sorted(again.nominees, key=lambda n: n.id)),
        quotas=again.quotas,
        max_agency_share=again.max_agency_share,
    )
    assert solve(reordered) == result


# ------------------------------------------------------------------------------------------
# Time limits: a MIP that finds nothing in time keeps the flow's plan and never claims optimal


def side_constrained_problem(seed: int, *, n: int = 60) -> Problem:
    """Two items, officials nominated for both (cross-item conflicts) and minimum fills."""
    rng = random.Random(seed)
    sessions = []
    for item in ("core", "senior"):
        for k in range(3):
            sessions.append(
                session(
                    f"{item}{k}",
                    item=item,
                    cohort=k + 1,
                    capacity=rng.randint(5, 9),
                    day=12 * k + (3 if item == "senior" else 0),
                    length=rng.randint(2, 6),
                    min_fill=3,
                )
            )
    nominees = []
    for j in range(n):
        official = f"o{j % (n // 2)}"
        item = "core" if j < n // 2 else "senior"
        nominees.append(
            nominee(
                f"{item}-{j}",
                rng.choice(["AAA", "BBB", "CCC"]),
                item=item,
                minute=rng.randrange(10_000),
                official=official,
            )
        )
    return Problem(sessions=tuple(sessions), nominees=tuple(nominees))


def reasons_are_true(problem: Problem, result) -> list[str]:
    """Every left-out nominee told the seats were used by others had no free open seat."""
    sessions = {s.id: s for s in problem.sessions}
    load = Counter(result.placements.values())
    wrong = []
    for n in problem.nominees:
        reason = result.unassigned.get(n.id)
        if reason is None or reason.code != SEATS_USED_BY_OTHERS:
            continue
        free = [
            s.id for s in problem.sessions if open_to(n, s, problem) and load[s.id] < s.capacity
        ]
        if free and not result.optimal:
            wrong.append(f"{n.id} told the seats went to others, but {free} had room")
        if reason.message.startswith("Every session") and free:
            wrong.append(f"{n.id} told every session is full, but {free} had room")
    for sid in load:
        assert sid in sessions
    return wrong


@pytest.mark.parametrize("method", ["auto", "mip"])
def test_mip_without_a_solution_in_time_keeps_the_flows_plan_not_optimal(method):
    problem = side_constrained_problem(3)
    flow_plan = solve(
        replace(
            problem,
            sessions=tuple(replace(s, min_fill=None) for s in problem.sessions),
            nominees=tuple(replace(n, official=None) for n in problem.nominees),
        )
    )
    # A limit spent before HiGHS starts: it certainly finds nothing.
    result = solve(problem, method=method, time_limit=1e-9)
    assert result.optimal is False
    assert result.placements, "the flow's plan is kept, not an empty plan"
    assert not violations(problem, dict(result.placements))
    assert set(result.placements) <= set(flow_plan.placements)
    assert set(result.placements) | set(result.unassigned) == {n.id for n in problem.nominees}
    assert not reasons_are_true(problem, result)
    assert all(
        r.message != "The seats open to this nominee were better used by others."
        for r in result.unassigned.values()
    )


@pytest.mark.parametrize("seed", range(3))
def test_a_hundredth_of_a_second_limit_gives_a_legal_plan_with_true_reasons(seed):
    problem = side_constrained_problem(seed, n=200)
    result = solve(problem, time_limit=0.01)
    assert not violations(problem, dict(result.placements))
    assert not reasons_are_true(problem, result)
    if not result.placements:
        assert not result.optimal or solve(problem).placements == {}
    if result.optimal:
        assert key_of(result) == key_of(solve(problem, time_limit=60))


def test_time_limit_must_be_a_positive_number():
    problem = Problem(sessions=(session("s"),), nominees=(nominee("a"),))
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match=r"time_limit"):
            solve(problem, time_limit=bad)


# ------------------------------------------------------------------------------------------
# Costs and limits beyond 64-bit arithmetic are refused, naming the field


def overflow_problem(**changes) -> Problem:
    weights = changes.pop("weights", Weights())
    sessions = (
        session("s1", capacity=changes.pop("capacity", 2), min_fill=changes.pop("min_fill", None)),
    )
    return Problem(
        sessions=sessions,
        nominees=(nominee("a", preferences=("s1",)), nominee("b", minute=1)),
        quotas=(Quota("core", "AAA", changes.pop("seats", 5)),),
        weights=weights,
    )


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        (
            overflow_problem(weights=Weights(preference_costs=(2**70,))),
            r"weights\.preference_costs\[0\]",
        ),
        (
            overflow_problem(weights=Weights(preference_costs=(0, 10**17))),
            r"weights\.preference_costs\[1\]",
        ),
        (
            overflow_problem(weights=Weights(preference_costs=(1e17,))),
            r"weights\.preference_costs\[0\]",
        ),
        (
            overflow_problem(weights=Weights(preference_costs=(10**17,))),
            r"weights\.preference_costs\[0\]",
        ),
        (overflow_problem(weights=Weights(unlisted_cost=2**70)), r"weights\.unlisted_cost"),
        (overflow_problem(weights=Weights(mix_penalty=2**70)), r"weights\.mix_penalty"),
        (overflow_problem(weights=Weights(change_penalty=10**17)), r"weights\.change_penalty"),
        (overflow_problem(capacity=2**70), r"sessions\['s1'\]\.capacity"),
        (overflow_problem(min_fill=2**70), r"sessions\['s1'\]\.min_fill"),
        (overflow_problem(seats=2**70), r"quotas\['core', 'AAA'\]\.seats"),
        (
            overflow_problem(weights=Weights(preference_costs=(-1,))),
            r"weights\.preference_costs\[0\]",
        ),
    ],
)
@pytest.mark.parametrize("method", ["auto", "mip"])
def test_costs_and_limits_that_would_overflow_name_the_field(problem, field, method):
    with pytest.raises(ValueError, match=field):
        solve(problem, method=method)
    with pytest.raises(ValueError, match=field):
        evaluate(problem, {})


def test_costs_and_limits_at_the_maximum_are_solved_exactly():
    from nonprolif.planning.assignment.prepare import MAX_COST, MAX_SEATS

    problem = overflow_problem(
        capacity=MAX_SEATS,
        seats=MAX_SEATS,
        weights=Weights(
            preference_costs=(MAX_COST,),
            unlisted_cost=MAX_COST,
            mix_penalty=MAX_COST,
            mix_target_share=0.01,
            change_penalty=MAX_COST,
        ),
    )
    for method in ("auto", "mip"):
        result = solve(problem, method=method)
        assert result.placements == {"a": "s1", "b": "s1"}
        assert result.objective["preference"] == MAX_COST
        assert result.objective["total"] == MAX_COST
