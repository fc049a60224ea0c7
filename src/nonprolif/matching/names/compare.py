"""Two normalised names compared: token alignment and rapidfuzz, independent of word order.

*Alignment.* Both names' tokens are sorted (so the order a list or a clerk wrote them in does
not count) and every pair of tokens gets a similarity: rapidfuzz's normalised Levenshtein
similarity, raised to 0.85 when two tokens of four letters or more share a phonetic key of
two letters or more (``phonetic.py``: ``mohammed`` and ``muhammad``, but not ``juan`` and
``jin``) and to 0.7 when one is the other's initial. Pairs are then taken greedily, most
similar first (ties by the tokens' text), each token at most once and only when their
similarity is 0.5 or more. A token may also align with two tokens of the other name joined
(either way round, when their lengths add up to within two letters of it): ``abdulrahman``
with ``abdul`` + ``rahman`` (looked for when the names have different numbers of tokens); a
pair of single tokens goes first on a tie. The alignment's score weighs each token by its
length (a particle such as *de*, *la*, *bin*, *al* weighs 1):

    Σ aligned  sim × (w_query + w_entry)
    ─────────────────────────────────────────────────────────────
    Σ aligned  (w_query + w_entry)  +  ½ × Σ unaligned tokens' w

so a dropped middle name costs less than a wrong one.

*Token sort.* rapidfuzz's ``fuzz.token_sort_ratio`` (sorted tokens, one string).

*Compact.* When one name is a single token and the other two to four, the single token is
compared (``fuzz.ratio``) with the other's tokens joined without spaces, in every order, the
best order counting: words joined or split differently (``Abdulrahman`` and ``Rahman Abdul``;
``JinZhengEn``, anyascii's spelling of 金正恩, and ``jin zhengen``).

The name's score is the largest of the three, in [0, 1]; equal token lists give exactly 1.
Each of the three ignores the order of the tokens, so the score does too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .phonetic import phonetic_key

PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von", "der", "al",
     "el", "bin", "ibn", "bint", "abu", "ben", "ul"}
)  # fmt: skip
"""Name particles: they weigh 1 in the alignment instead of their length."""

MIN_ALIGNED = 0.5
PHONETIC_FLOOR = 0.85
INITIAL_FLOOR = 0.7
PHONETIC_MIN_LENGTH = 4
UNALIGNED_WEIGHT = 0.5


@dataclass(frozen=True)
class TokenPair:
    """Two aligned tokens and their similarity."""

    query: str
    entry: str
    similarity: float


@dataclass(frozen=True)
class NameComparison:
    """How two names compare: the score, the method that gave it, the aligned tokens."""

    score: float
    method: str  # "alignment", "token_sort" or "compact"
    pairs: tuple[TokenPair, ...]
    unaligned_query: tuple[str, ...]
    unaligned_entry: tuple[str, ...]


def _weight(token: str) -> float:
    return 1.0 if token in PARTICLES else float(len(token))


@lru_cache(maxsize=1 << 18)
def token_similarity(a: str, b: str) -> float:
    """The similarity of two folded tokens, in [0, 1] (see the module's rules; cached)."""
    if a == b:
        return 1.0
    similarity = Levenshtein.normalized_similarity(a, b)
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        similarity = max(similarity, INITIAL_FLOOR)
    if min(len(a), len(b)) < PHONETIC_MIN_LENGTH:
        return similarity
    key = phonetic_key(a)
    if len(key) >= 2 and key == phonetic_key(b):
        similarity = max(similarity, PHONETIC_FLOOR)
    return similarity


COMPACT_MAX_TOKENS = 4


def compact_similarity(query: tuple[str, ...], entry: tuple[str, ...]) -> float:
    """A single token against the other name's two to four tokens joined, in the best order;
    0 when the names are not of that shape."""
    if len(query) == 1 and 2 <= len(entry) <= COMPACT_MAX_TOKENS:
        single, many = query[0], entry
    elif len(entry) == 1 and 2 <= len(query) <= COMPACT_MAX_TOKENS:
        single, many = entry[0], query
    else:
        return 0.0
    best = 0.0
    for order in set(permutations(many)):
        best = max(best, fuzz.ratio(single, "".join(order)) / 100.0)
        if best == 1.0:
            break
    return best


JOIN_SLACK = 2


def _joined(
    single: list[str], double: list[str], *, flip: bool
) -> list[tuple[float, int, str, str, tuple[int, ...], tuple[int, ...]]]:
    """Candidates aligning one token of ``single`` with two of ``double`` joined (both ways);
    ``flip`` when ``single`` is the entry's side."""
    found: list[tuple[float, int, str, str, tuple[int, ...], tuple[int, ...]]] = []
    if len(double) < 2:
        return found
    lengths = [len(token) for token in double]
    for i, token in enumerate(single):
        size = len(token)
        for j, first in enumerate(double):
            if lengths[j] >= size:
                continue
            for k, second in enumerate(double):
                if j == k or abs(lengths[j] + lengths[k] - size) > JOIN_SLACK:
                    continue
                joined = first + second
                similarity = Levenshtein.normalized_similarity(token, joined)
                pair = (j, k) if j < k else (k, j)
                if flip:
                    found.append((-similarity, 3, joined, token, pair, (i,)))
                else:
                    found.append((-similarity, 3, token, joined, (i,), pair))
    return found


def compare_tokens(query: tuple[str, ...], entry: tuple[str, ...]) -> NameComparison:
    """Compare two names' folded tokens (order does not count)."""
    q = sorted(query)
    e = sorted(entry)
    if not q or not e:
        return NameComparison(0.0, "alignment", (), tuple(q), tuple(e))
    if q == e:
        return NameComparison(1.0, "alignment", tuple(TokenPair(t, t, 1.0) for t in q), (), ())
    candidates: list[tuple[float, int, str, str, tuple[int, ...], tuple[int, ...]]] = [
        (-token_similarity(qt, et), 2, qt, et, (i,), (j,))
        for i, qt in enumerate(q)
        for j, et in enumerate(e)
    ]
    if len(q) != len(e):  # a name with a word more may have it split in two
        candidates.extend(_joined(q, e, flip=False))
        candidates.extend(_joined(e, q, flip=True))
    candidates.sort()
    used_q: set[int] = set()
    used_e: set[int] = set()
    pairs: list[TokenPair] = []
    weights: list[float] = []
    for negative, _, qt, et, qi, ej in candidates:
        if -negative < MIN_ALIGNED:
            break
        if used_q.intersection(qi) or used_e.intersection(ej):
            continue
        used_q.update(qi)
        used_e.update(ej)
        pairs.append(TokenPair(qt, et, -negative))
        weights.append(sum(_weight(q[i]) for i in qi) + sum(_weight(e[j]) for j in ej))
    aligned = sum(p.similarity * w for p, w in zip(pairs, weights, strict=True))
    aligned_weight = sum(weights)
    left_q = tuple(t for i, t in enumerate(q) if i not in used_q)
    left_e = tuple(t for j, t in enumerate(e) if j not in used_e)
    unaligned = sum(_weight(t) for t in left_q + left_e)
    denominator = aligned_weight + UNALIGNED_WEIGHT * unaligned
    alignment = aligned / denominator if denominator else 0.0
    if not left_q and not left_e and all(p.similarity == 1.0 for p in pairs):
        alignment = 1.0  # exactly, whatever the floating-point sum gave
    best, method = alignment, "alignment"
    sort = fuzz.token_sort_ratio(" ".join(q), " ".join(e)) / 100.0
    if sort > best:
        best, method = sort, "token_sort"
    compact = compact_similarity(tuple(q), tuple(e))
    if compact > best:
        best, method = compact, "compact"
    return NameComparison(min(best, 1.0), method, tuple(pairs), left_q, left_e)


def _best_joined(
    single: list[str], double: list[str], best_single: list[float], best_double: list[float]
) -> None:
    """Raise each token's best similarity by the joins of ``_joined`` (the same candidates, in
    place: one token of ``single`` against two of ``double`` joined either way round)."""
    lengths = [len(token) for token in double]
    for j in range(len(double)):
        for k in range(j + 1, len(double)):
            total = lengths[j] + lengths[k]
            for i, token in enumerate(single):
                size = len(token)
                if abs(total - size) > JOIN_SLACK:
                    continue
                for first, second in ((j, k), (k, j)):
                    if lengths[first] >= size:
                        continue
                    similarity = Levenshtein.normalized_similarity(
                        token, double[first] + double[second]
                    )
                    best_single[i] = max(best_single[i], similarity)
                    best_double[j] = max(best_double[j], similarity)
                    best_double[k] = max(best_double[k], similarity)


def score_bound(query: tuple[str, ...], entry: tuple[str, ...]) -> float:
    """A cheap upper bound of ``compare_tokens(query, entry).score``: what the screen needs to
    set a candidate aside without aligning it.

    Every token gets the best similarity it has with any token (or pair of tokens joined) of the
    other name; the alignment can do no better than every token aligned at its best, except
    that a token whose best is under 0.5 is never aligned (aligning a token at 0.5 or more never
    lowers a score of at most 1). ``fuzz.ratio`` can do no better than the two lengths allow,
    which bounds the compact score; the token sort score is computed (one C call).
    """
    q = sorted(query)
    e = sorted(entry)
    if not q or not e:
        return 0.0
    if q == e:
        return 1.0
    best_q = [0.0] * len(q)
    best_e = [0.0] * len(e)
    for i, qt in enumerate(q):
        row = best_q[i]
        for j, et in enumerate(e):
            similarity = token_similarity(qt, et)
            if similarity > row:
                row = similarity
            if similarity > best_e[j]:
                best_e[j] = similarity
        best_q[i] = row
    if len(q) != len(e):
        _best_joined(q, e, best_q, best_e)
        _best_joined(e, q, best_e, best_q)
    numerator = denominator = 0.0
    for tokens, best in ((q, best_q), (e, best_e)):
        for token, similarity in zip(tokens, best, strict=True):
            weight = _weight(token)
            if similarity >= MIN_ALIGNED:
                numerator += similarity * weight
                denominator += weight
            else:
                denominator += UNALIGNED_WEIGHT * weight
    bound = numerator / denominator
    sort = fuzz.token_sort_ratio(" ".join(q), " ".join(e)) / 100.0
    if len(q) == 1 and 2 <= len(e) <= COMPACT_MAX_TOKENS:
        single, many = len(q[0]), sum(map(len, e))
    elif len(e) == 1 and 2 <= len(q) <= COMPACT_MAX_TOKENS:
        single, many = len(e[0]), sum(map(len, q))
    else:
        single = many = 0
    compact = 1.0 - abs(single - many) / (single + many) if single else 0.0
    return min(max(bound, sort, compact), 1.0)
