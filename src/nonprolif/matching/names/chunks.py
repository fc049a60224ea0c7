"""A batch of parties split for task workers: the same split every time.

``chunks(n_items, size)`` cuts the positions ``0 … n_items - 1`` into consecutive ranges of
``size`` positions (the last one shorter), in order. A batch task screens a declaration's
parties by handing each range to one worker (or one process): every worker builds the same
``NameIndex`` from the same list version, screens its range, and the results, put back in
range order, are those of one process screening the whole batch. The split depends on
nothing but its two numbers, so a range that failed is retried as it was, and two runs of the
same batch cut it in the same places.

``chunks_for(n_items, workers, *, minimum)`` picks the size for a number of workers: about
four ranges per worker (a slow range then holds the others up less), none smaller than
``minimum`` parties (a range's fixed cost, the index, stays small beside its work).
"""

from __future__ import annotations

import math

RANGES_PER_WORKER = 4


def chunks(n_items: int, size: int) -> tuple[range, ...]:
    """The positions ``0 … n_items - 1`` in consecutive ranges of ``size`` (the last shorter)."""
    if n_items < 0:
        raise ValueError(f"a number of items is not negative, not {n_items}")
    if size < 1:
        raise ValueError(f"a chunk holds at least one item, not {size}")
    return tuple(range(start, min(start + size, n_items)) for start in range(0, n_items, size))


def chunks_for(n_items: int, workers: int, *, minimum: int = 500) -> tuple[range, ...]:
    """``n_items`` split for ``workers`` workers: about four ranges each, each of at least
    ``minimum`` items unless the batch is smaller."""
    if workers < 1:
        raise ValueError(f"a batch needs at least one worker, not {workers}")
    size = max(minimum, math.ceil(n_items / (workers * RANGES_PER_WORKER)), 1)
    return chunks(n_items, size)
