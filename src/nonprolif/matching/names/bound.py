"""Upper bounds of the name score for a query's candidates, all at once (numpy and rapidfuzz).

``compare.score_bound`` bounds one pair of names; this module gives the same bound for every
(query name, entry name) pair of a query's candidates in a few array operations, so that the
screen sets aside the candidates that cannot reach the threshold without a Python loop per
candidate. ``NameIndex`` builds a :class:`BoundTable` once from its entries' names: a
vocabulary of their tokens (each token's weight and phonetic key) and each name as a row of
token numbers.

For one query name against the rows:

- every query token is compared with every distinct token of the rows in one
  ``rapidfuzz.process.cdist`` call (normalised Levenshtein), raised to the phonetic and the
  initial floors exactly as ``compare.token_similarity`` raises it;
- each token's best similarity gives the alignment's bound (``compare.score_bound``); the
  token sort score is computed (``cdist`` with ``fuzz.ratio`` on the sorted tokens joined)
  and the compact score bounded by the lengths;
- a token that may be aligned with two tokens of the other name joined (``compare._joined``:
  the lengths decide which pairs are looked at) gets that similarity too when it is higher,
  all such pairs compared in one ``rapidfuzz.process.cpdist`` call.

A bound is never below the score (``tests/matching/test_bound.py`` checks it on generated
names), so setting aside a candidate below it never drops a match.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .compare import (  # the rules bounded here are compare.py's
    COMPACT_MAX_TOKENS,
    INITIAL_FLOOR,
    JOIN_SLACK,
    MIN_ALIGNED,
    PHONETIC_FLOOR,
    PHONETIC_MIN_LENGTH,
    UNALIGNED_WEIGHT,
    _weight,
)
from .normalise import NormalisedName
from .phonetic import phonetic_key

NO_KEY = -1
MASK_LENGTH = 28
"""Lengths up to this fit the rows' bit masks of lengths (sums of two: up to 56 bits)."""


def _window(length: int) -> int:
    """The bits of the lengths within ``JOIN_SLACK`` of ``length``."""
    low = max(length - JOIN_SLACK, 0)
    return ((1 << (length + JOIN_SLACK + 1)) - 1) & ~((1 << low) - 1)


def _phonetic_code(token: str, keys: dict[str, int], *, grow: bool) -> int:
    """The number of ``token``'s phonetic key, ``NO_KEY`` when the floor cannot apply to it."""
    if len(token) < PHONETIC_MIN_LENGTH:
        return NO_KEY
    key = phonetic_key(token)
    if len(key) < 2:
        return NO_KEY
    if key not in keys:
        if not grow:
            return -2 - len(token)  # unknown to the list: equal to no column
        keys[key] = len(keys)
    return keys[key]


class BoundTable:
    """Every entry name of an index as a row of token numbers (see the module)."""

    def __init__(self, names: Sequence[tuple[NormalisedName, ...]]) -> None:
        vocabulary: dict[str, int] = {}
        keys: dict[str, int] = {}
        rows: list[list[int]] = []
        starts = [0]
        for entry_names in names:
            for name in entry_names:
                rows.append(
                    [vocabulary.setdefault(token, len(vocabulary)) for token in name.tokens]
                )
            starts.append(len(rows))
        words = list(vocabulary)
        pad = len(words)
        self.pad = pad
        self.tokens: list[str] = [*words, ""]  # the padding token: similar to nothing
        self.token_array = np.array(self.tokens, dtype=object)
        self.first = np.array([t[:1] for t in self.tokens])
        self.weights = np.array([_weight(t) for t in words] + [0.0])
        self.lengths = np.array([len(t) for t in words] + [0])
        self.phonetic = np.array([_phonetic_code(t, keys, grow=True) for t in words] + [NO_KEY])
        self.keys = keys
        width = max((len(row) for row in rows), default=1) or 1
        self.rows = np.full((len(rows), width), pad, dtype=np.int32)
        for number, row in enumerate(rows):
            self.rows[number, : len(row)] = row
        self.row_sizes = np.array([len(row) for row in rows], dtype=np.int32)
        self.row_letters = self.lengths[self.rows].sum(axis=1)
        self.sorted_text = np.empty(len(rows), dtype=object)  # each row's tokens, sorted, joined
        self.sorted_text[:] = [" ".join(sorted(name.tokens)) for n in names for name in n]
        self.row_tokens = [name.tokens for n in names for name in n]
        self.starts = np.array(starts, dtype=np.int64)
        # What joins a row's lengths allow, as bit masks (bit n: n letters): the sums of two of
        # its tokens, its tokens' lengths; a row with a token longer than MASK_LENGTH is
        # always looked at.
        self.pair_sums = np.zeros(len(rows), dtype=np.int64)
        self.token_lengths = np.zeros(len(rows), dtype=np.int64)
        for number, tokens in enumerate(self.row_tokens):
            lengths = [len(t) for t in tokens]
            if any(n > MASK_LENGTH for n in lengths):
                self.pair_sums[number] = self.token_lengths[number] = -1  # every bit
                continue
            for j, n in enumerate(lengths):
                self.token_lengths[number] |= 1 << n
                for m in lengths[j + 1 :]:
                    self.pair_sums[number] |= 1 << (n + m)

    def rows_of(
        self, positions: Sequence[int]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
        """The row numbers of the entries at ``positions``, where each entry's rows start among
        them and how many there are."""
        starts = self.starts[list(positions)]
        stops = self.starts[[p + 1 for p in positions]]
        counts = stops - starts
        offsets = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        rows = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()))
        return rows, offsets, counts

    def _similarities(
        self, query: tuple[str, ...], columns: NDArray[np.integer]
    ) -> NDArray[np.float64]:
        """``compare.token_similarity`` of each query token with each column's token."""
        texts = self.token_array[columns].tolist()
        matrix = process.cdist(query, texts, scorer=Levenshtein.normalized_similarity,
                               dtype=np.float64)  # fmt: skip
        codes = np.array([_phonetic_code(t, self.keys, grow=False) for t in query])
        phonetic = (codes[:, None] == self.phonetic[columns][None, :]) & (codes[:, None] >= 0)
        matrix = np.where(phonetic, np.maximum(matrix, PHONETIC_FLOOR), matrix)
        q_first = np.array([t[:1] for t in query])
        q_single = np.array([len(t) == 1 for t in query])
        u_single = self.lengths[columns] == 1
        initial = (q_first[:, None] == self.first[columns][None, :]) & (
            q_single[:, None] | u_single[None, :]
        )  # one side a single letter, the other starting with it
        matrix = np.where(initial, np.maximum(matrix, INITIAL_FLOOR), matrix)
        return matrix

    def bounds(self, query: tuple[str, ...], rows: NDArray[np.int64]) -> NDArray[np.float64]:
        """An upper bound of ``compare_tokens(query, row).score`` for each row: the same as
        ``compare.score_bound`` gives, up to rounding."""
        if not query or not len(rows):
            return np.zeros(len(rows))
        sizes = self.row_sizes[rows]
        tokens = self.rows[rows, : max(int(sizes.max()), 1)]
        # (query tokens, rows, width); the padding, an empty token, is similar to nothing
        table = self._similarities(query, tokens.ravel()).reshape(len(query), *tokens.shape)
        best_q = table.max(axis=2)
        best_e = table.max(axis=0)
        q_weights = np.array([_weight(t) for t in query])[:, None]
        e_weights = self.weights[tokens]

        def alignment(bq: NDArray[np.float64], be: NDArray[np.float64]) -> NDArray[np.float64]:
            aq = bq >= MIN_ALIGNED
            ae = be >= MIN_ALIGNED
            numerator = (bq * q_weights * aq).sum(axis=0) + (be * e_weights * ae).sum(axis=1)
            denominator = (q_weights * np.where(aq, 1.0, UNALIGNED_WEIGHT)).sum(axis=0) + (
                e_weights * np.where(ae, 1.0, UNALIGNED_WEIGHT)
            ).sum(axis=1)
            return np.asarray(numerator / denominator)

        text = " ".join(sorted(query))
        sort = process.cdist([text], self.sorted_text[rows].tolist(), scorer=fuzz.ratio,
                             dtype=np.float64)[0] / 100.0  # fmt: skip
        letters = self.row_letters[rows].astype(np.float64)
        own = float(sum(map(len, query)))
        single = (len(query) == 1) & (sizes >= 2) & (sizes <= COMPACT_MAX_TOKENS)
        many = (sizes == 1) & (2 <= len(query) <= COMPACT_MAX_TOKENS)
        compact = np.where(single | many, 1.0 - np.abs(own - letters) / (own + letters), 0.0)
        joinable = np.flatnonzero((sizes != len(query)) & self._may_join(query, rows))
        if len(joinable):
            width = int(sizes[joinable].max())  # those rows' tokens, no more padding
            lifted_q, lifted_e = best_q[:, joinable], best_e[joinable, :width]
            self._lift_by_joins(query, tokens[joinable, :width], lifted_q, lifted_e)
            best_q[:, joinable], best_e[joinable, :width] = lifted_q, lifted_e
        aligned = alignment(best_q, best_e)
        bound: NDArray[np.float64] = np.minimum(np.maximum(np.maximum(aligned, sort), compact), 1.0)
        return bound

    def _may_join(self, query: tuple[str, ...], rows: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether the lengths could let a token of one side align with two of the other's
        joined in each row (a necessary condition: the sums within ``JOIN_SLACK``)."""
        lengths = [len(t) for t in query]
        if max(lengths) > MASK_LENGTH:
            return np.ones(len(rows), dtype=bool)
        singles = pairs = 0
        for j, n in enumerate(lengths):
            singles |= _window(n)
            for m in lengths[j + 1 :]:
                pairs |= _window(n + m)
        return np.asarray(
            ((self.pair_sums[rows] & np.int64(singles)) != 0)
            | ((self.token_lengths[rows] & np.int64(pairs)) != 0)
        )

    def _lift_by_joins(
        self,
        query: tuple[str, ...],
        tokens: NDArray[np.int32],
        best_q: NDArray[np.float64],
        best_e: NDArray[np.float64],
    ) -> None:
        """Raise the tokens' best similarities by the joins ``compare._joined`` looks at, in
        place (rows whose number of tokens differs from the query's)."""
        q_len = np.array([len(t) for t in query])
        e_len = self.lengths[tokens]  # (rows, width), 0 for padding
        real = tokens != self.pad
        width = tokens.shape[1]
        distinct = ~np.eye(width, dtype=bool)[None] & real[:, :, None] & real[:, None, :]
        # A query token against two entry tokens joined, the first shorter than it.
        sums = e_len[:, :, None] + e_len[:, None, :]
        fits = (
            (np.abs(sums[None] - q_len[:, None, None, None]) <= JOIN_SLACK)
            & (e_len[None, :, :, None] < q_len[:, None, None, None])
            & distinct[None]
        )  # (query, rows, first, second)
        i, r, j, k = np.nonzero(fits)
        if len(i):
            words = self.token_array
            left = np.array(query, dtype=object)[i].tolist()
            right = (words[tokens[r, j]] + words[tokens[r, k]]).tolist()
            found = process.cpdist(left, right, scorer=Levenshtein.normalized_similarity,
                                   dtype=np.float64)  # fmt: skip
            np.maximum.at(best_q, (i, r), found)
            np.maximum.at(best_e, (r, j), found)
            np.maximum.at(best_e, (r, k), found)
        # An entry token against two query tokens joined, the first shorter than it.
        if len(query) < 2:
            return
        q_sums = q_len[:, None] + q_len[None, :]
        q_distinct = ~np.eye(len(query), dtype=bool)
        back = (
            (np.abs(q_sums[None, None] - e_len[:, :, None, None]) <= JOIN_SLACK)
            & (q_len[None, None, :, None] < e_len[:, :, None, None])
            & q_distinct[None, None]
            & real[:, :, None, None]
        )  # (rows, token, first, second)
        r, j, a, b = np.nonzero(back)
        if len(r):
            left = self.token_array[tokens[r, j]].tolist()
            own = np.array(query, dtype=object)
            right = (own[a] + own[b]).tolist()
            found = process.cpdist(left, right, scorer=Levenshtein.normalized_similarity,
                                   dtype=np.float64)  # fmt: skip
            np.maximum.at(best_e, (r, j), found)
            np.maximum.at(best_q, (a, r), found)
            np.maximum.at(best_q, (b, r), found)
