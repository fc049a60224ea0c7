"""Speed: scorers per pair, screening latency against lists of 1,000 to 50,000 entries, and a
batch of declaration parties over two processes, projected to a million.

- Pairs per second: each scorer over the labelled pairs, caches emptied first (ours: both
  names normalised in the call; logic-v2: entities built before the clock starts).
- Latency: a list of the base identities topped up with made-up entries (``filler``); the
  index's build time and the memory it holds (tracemalloc, on a second build, so that tracing
  does not slow the timed one), ms per query p50/p95 and candidates per query, over parties as
  declarations give them: 97 % not on the list (names from the same pools), 3 % variants of
  listed names. "Score every candidate" is the screen as it was before candidates were
  bounded: the same candidates, every one scored and explained.
- Batch: ``N`` parties over 1 and 2 processes (fork: the index is built once and shared), split by
  ``matching.names.chunks``; the projection is ``1,000,000 / N`` x the measured time plus one
  build of the index. ``free_cores`` is the control: how much faster two processes run a
  pure-Python loop than one at that moment (the machine is shared).
"""

from __future__ import annotations

import gc
import multiprocessing
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nonprolif.matching.names import (
    DEFAULT_THRESHOLDS,
    Entry,
    NameIndex,
    Party,
    chunks,
    score_entry,
    screen,
)
from nonprolif.matching.names.compare import token_similarity
from nonprolif.matching.names.normalise import fold
from nonprolif.matching.names.phonetic import phonetic_key

from . import identities as ids
from .pairs import _typo


def clear_caches() -> None:
    for cached in (fold, token_similarity, phonetic_key):
        cached.cache_clear()


def per_pair(score: Callable[[object], float], items: Sequence[object]) -> float:
    """Microseconds per call of ``score`` over ``items`` (caches emptied first)."""
    clear_caches()
    gc.collect()
    start = time.perf_counter()
    for item in items:
        score(item)
    return (time.perf_counter() - start) / len(items) * 1e6


def build_list(base: list[ids.Identity], size: int, seed: int) -> list[Entry]:
    entries = [ids.entry_of(identity) for identity in base[:size]]
    rng = random.Random(seed)
    entries.extend(ids.filler(rng, size - len(entries), start=len(entries)))
    return entries


def queries(entries: list[Entry], n: int, seed: int) -> list[Party]:
    """``n`` parties: 97 % made up from the same pools, 3 % listed names varied."""
    rng = random.Random(seed)
    unlisted = ids.filler(rng, n, start=900_000)
    found = []
    for i in range(n):
        if rng.random() < 0.03:
            entry = rng.choice(entries)
            text = entry.names[0].text
            text = _typo(text, rng) if rng.random() < 0.5 else " ".join(reversed(text.split()))
            found.append(Party((text,), kind=entry.kind, countries=entry.countries))
        else:
            entry = unlisted[i]
            found.append(Party((entry.names[0].text,), kind=entry.kind if rng.random() < 0.7
                               else None, birth_dates=entry.birth_dates[: rng.randint(0, 1)],
                               countries=entry.countries))  # fmt: skip
    return found


def every_candidate(party: Party, index: NameIndex) -> int:
    """The screen as before the bounds: every candidate scored and explained."""
    names = index.query_names(party)
    found = 0
    for position in index.candidates(party).positions:
        match = score_entry(party, index.entries[position], entry_names=index.names[position],
                            party_names=names)  # fmt: skip
        found += match.score >= DEFAULT_THRESHOLDS.default
    return found


@dataclass(frozen=True)
class Latency:
    size: int
    build_s: float
    index_mb: float
    p50_ms: float
    p95_ms: float
    mean_ms: float
    candidates: float
    before_mean_ms: float
    alerts: int


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(
    entries: list[Entry], parties: list[Party], before: int, *, trace: bool = True
) -> Latency:
    """Build time, memory held (a second, traced build; NaN when ``trace`` is off) and the
    screen's latency over ``parties``; "before" over the first ``before`` of them."""
    gc.collect()
    start = time.perf_counter()
    index = NameIndex(entries)
    build = time.perf_counter() - start
    held = float("nan")
    if trace:
        del index
        gc.collect()
        tracemalloc.start()
        index = NameIndex(entries)
        held, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    clear_caches()
    times, counts, alerts = [], [], 0
    for party in parties:
        t = time.perf_counter()
        alerts += len(screen(party, index))
        times.append(time.perf_counter() - t)
        counts.append(len(index.candidates(party).positions))
    clear_caches()
    t = time.perf_counter()
    for party in parties[:before]:
        every_candidate(party, index)
    before_mean = (time.perf_counter() - t) / before * 1e3
    return Latency(len(entries), build, held / 2**20, _percentile(times, 0.5) * 1e3,
                   _percentile(times, 0.95) * 1e3, statistics.fmean(times) * 1e3,
                   statistics.fmean(counts), before_mean, alerts)  # fmt: skip


_INDEX: NameIndex | None = None
_PARTIES: list[Party] = []


def _screen_range(part: range) -> int:
    assert _INDEX is not None
    return sum(len(screen(_PARTIES[i], _INDEX)) for i in part)


@dataclass(frozen=True)
class Batch:
    parties: int
    processes: int
    build_s: float
    seconds: float
    alerts: int

    @property
    def projected_million_s(self) -> float:
        return 1_000_000 / self.parties * self.seconds + self.build_s


def batch(entries: list[Entry], parties: list[Party], processes: int = 2) -> Batch:
    """``parties`` screened against ``entries`` over ``processes`` forked processes."""
    global _INDEX, _PARTIES
    start = time.perf_counter()
    _INDEX = NameIndex(entries)
    build = time.perf_counter() - start
    _PARTIES = parties
    parts = chunks(len(parties), max(1, len(parties) // (processes * 4)))
    context = multiprocessing.get_context("fork")
    gc.collect()
    gc.freeze()  # the collector in a child must not touch (and so copy) the parent's pages
    start = time.perf_counter()
    with context.Pool(processes) as pool:
        alerts = sum(pool.map(_screen_range, parts))
    seconds = time.perf_counter() - start
    gc.unfreeze()
    _INDEX, _PARTIES = None, []
    return Batch(len(parties), processes, build, seconds, alerts)


def _spin(_: int) -> int:
    total = 0
    for i in range(3_000_000):
        total += i
    return total


def free_cores(processes: int = 2) -> float:
    """How much faster ``processes`` processes run a pure-Python loop than one: about 2 when
    two cores are free, about 1 when something else holds one (the machine is shared)."""
    context = multiprocessing.get_context("fork")
    times = []
    for count in (1, processes):
        start = time.perf_counter()
        with context.Pool(count) as pool:
            pool.map(_spin, range(2 * processes))
        times.append(time.perf_counter() - start)
    return times[0] / times[1]
