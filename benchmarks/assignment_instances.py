"""Seeded instance generator for the cohort assignment solver.

An instance of ``n`` nominees has about ``n / 50`` sessions: items of four cohorts three months
apart, 30-60 seats each (about 0.9 seats per nominee overall, so the program is over-subscribed
while some unpopular items are under-subscribed). Eight agencies of uneven size; a fifth of the
officials are senior; one item in ten ends with a senior-officials session of one agency; a
quarter of the nominees are unavailable for one cohort; each ranks one to three cohorts; quotas
per (item, agency) of 35 % of the item's seats; at most 40 % of a session from one agency.
With ``min_fill`` every open session needs 60 % of its seats filled to run (a side constraint
that sends the model to the MIP).
"""

from __future__ import annotations

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
