"""Seeded instance generator for the cohort assignment solver.

An instance of ``n`` nominees has about ``n / 50`` sessions: items of four cohorts three months
apart, 30-60 seats each (about 0.9 seats per nominee overall, so the program is over-subscribed
while some unpopular items are under-subscribed). Eight agencies of uneven size; a fifth of the
officials are senior; one item in ten ends with a senior-officials session of one agency; a
quarter of the nominees are unavailable for one cohort; each ranks one to three cohorts; quotas
per (item, agency) of 35 % of the item's seats; at most 40 % of a session from one agency.
With ``min_fill`` every open session needs 60 % of its seats filled to run (a side constraint
that sends the model to the MIP).

:func:`generate_single_item` is the other shape: one item of many sessions (``n / 50``: 1,000 at
50,000 nominees), two a day on average over the calendar, 30-60 seats each, every nominee
available only in one to three windows of one to three weeks (unavailable the rest of the time,
so each is open to a random subset of a few dozen sessions) and ranking up to three of them;
the same agencies, seniors, quotas and share limit, and one session in fifty for the senior
officials of one agency.
"""

from __future__ import annotations

import bisect
import math
import random
from datetime import date, datetime, timedelta

from nonprolif.planning.assignment import EVERYONE, Nominee, Problem, Quota, Session, senior_of

AGENCIES = ("CISEN", "SSP", "SEDENA", "SEMAR", "SEGOB", "ADUANAS", "PGR", "SS")
AGENCY_WEIGHTS = (3, 2, 2, 1.5, 1, 1, 1, 0.5)
DAY0 = date(2009, 10, 23)
T0 = datetime(2009, 9, 1, 9, 0)


def generate(n_nominees: int, seed: int, *, min_fill: bool = False) -> Problem:
    rng = random.Random(seed)
    n_items = max(1, round(n_nominees / 200))  # 4 cohorts per item: ~n/50 sessions
    sessions: list[Session] = []
    seats_of: dict[str, int] = {}
    cohorts_of: dict[str, list[Session]] = {}
    for i in range(n_items):
        item = f"item{i:04d}"
        offset = rng.randrange(60)
        length = rng.randint(1, 4)
        cohorts = []
        for k in range(4):
            start = DAY0 + timedelta(days=offset + 91 * k)
            audience = EVERYONE
            if k == 3 and i % 10 == 9:
                audience = senior_of(rng.choice(AGENCIES))
            capacity = rng.randint(30, 60)
            cohorts.append(
                Session(
                    f"{item}-c{k + 1}",
                    item,
                    k + 1,
                    capacity,
                    start,
                    start + timedelta(days=length),
                    audience=audience,
                    min_fill=math.ceil(0.6 * capacity) if min_fill else None,
                )
            )
        sessions.extend(cohorts)
        cohorts_of[item] = cohorts
        seats_of[item] = sum(c.capacity for c in cohorts)

    items = list(cohorts_of)
    # Skewed demand: popular items are over-subscribed, the tail under-subscribed.
    popularity = [rng.lognormvariate(0, 0.5) for _ in items]
    nominees: list[Nominee] = []
    for j in range(n_nominees):
        item = rng.choices(items, popularity)[0]
        cohorts = cohorts_of[item]
        agency = rng.choices(AGENCIES, AGENCY_WEIGHTS)[0]
        unavailable = ()
        if rng.random() < 0.25:
            blocked = rng.choice(cohorts)
            unavailable = ((blocked.start, blocked.end),)
        prefs = tuple(c.id for c in rng.sample(cohorts, rng.randint(1, 3)))
        nominees.append(
            Nominee(
                f"n{j:06d}",
                agency,
                item,
                senior=rng.random() < 0.2,
                unavailable=unavailable,
                preferences=prefs,
                nominated_at=T0 + timedelta(seconds=rng.randrange(30 * 86400)),
            )
        )
    quotas = tuple(
        Quota(item, agency, math.ceil(0.35 * seats_of[item]))
        for item in items
        for agency in AGENCIES
    )
    return Problem(
        sessions=tuple(sessions),
        nominees=tuple(nominees),
        quotas=quotas,
        max_agency_share=0.4,
    )


def generate_single_item(n_nominees: int, seed: int) -> Problem:
    rng = random.Random(seed)
    item = "single"
    n_sessions = max(1, round(n_nominees / 50))
    days = max(1, n_sessions // 2)  # two sessions a day on average
    sessions: list[Session] = []
    for k in range(n_sessions):
        start = DAY0 + timedelta(days=rng.randrange(days))
        audience = senior_of(rng.choice(AGENCIES)) if k % 50 == 49 else EVERYONE
        sessions.append(
            Session(
                f"single-c{k + 1:04d}",
                item,
                k + 1,
                rng.randint(30, 60),
                start,
                start + timedelta(days=rng.randint(0, 3)),
                audience=audience,
            )
        )
    by_start = sorted(sessions, key=lambda s: (s.start, s.id))
    starts = [s.start for s in by_start]
    first = DAY0 - timedelta(days=1)
    last = DAY0 + timedelta(days=days + 5)
    nominees: list[Nominee] = []
    for j in range(n_nominees):
        agency = rng.choices(AGENCIES, AGENCY_WEIGHTS)[0]
        windows = sorted(
            (offset, offset + rng.randint(1, 4))
            for offset in (rng.randrange(days) for _ in range(rng.randint(1, 2)))
        )
        unavailable: list[tuple[date, date]] = []
        open_ids: list[str] = []
        cursor = first
        for a, b in windows:
            begin, end = DAY0 + timedelta(days=a), DAY0 + timedelta(days=b)
            if begin > cursor:
                unavailable.append((cursor, begin - timedelta(days=1)))
            cursor = max(cursor, end + timedelta(days=1))
            lo = bisect.bisect_left(starts, begin)
            hi = bisect.bisect_right(starts, end)
            open_ids.extend(s.id for s in by_start[lo:hi] if s.end <= end)
        unavailable.append((cursor, last))
        open_ids = sorted(set(open_ids))
        prefs = tuple(rng.sample(open_ids, min(len(open_ids), rng.randint(0, 3))))
        nominees.append(
            Nominee(
                f"n{j:06d}",
                agency,
                item,
                senior=rng.random() < 0.2,
                unavailable=tuple(unavailable),
                preferences=prefs,
                nominated_at=T0 + timedelta(seconds=rng.randrange(30 * 86400)),
            )
        )
    seats = sum(s.capacity for s in sessions)
    quotas = tuple(Quota(item, agency, math.ceil(0.35 * seats)) for agency in AGENCIES)
    return Problem(
        sessions=tuple(sessions),
        nominees=tuple(nominees),
        quotas=quotas,
        max_agency_share=0.4,
    )


FAMILIES = {"items": generate, "single": generate_single_item}
